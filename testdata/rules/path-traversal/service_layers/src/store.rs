use std::fs;
use std::path::{Path, PathBuf};

pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: &str) -> Self {
        Store { root: PathBuf::from(root) }
    }

    pub fn load(&self, name: &str) -> String {
        fs::read_to_string(self.root.join(name)).unwrap_or_default() //~ path-traversal
    }

    pub fn read(&self, name: &str) -> String {
        let file = format!("{name}.md");
        fs::read_to_string(self.root.join(file)).unwrap_or_default() //~ path-traversal
    }

    pub fn get(&self, name: &str) -> String {
        fs::read_to_string(self.root.join(name)).unwrap_or_default() //~ path-traversal
    }

    pub fn load_by_id(&self, id: &str) -> String {
        let Ok(id) = id.parse::<u64>() else { return String::new() };
        fs::read_to_string(self.root.join(format!("{id}.md"))).unwrap_or_default()
    }

    pub fn read_name(&self, name: &str) -> String {
        let Some(base) = Path::new(name).file_name() else { return String::new() };
        fs::read_to_string(self.root.join(base)).unwrap_or_default()
    }

    pub fn read_sanitized(&self, name: &str) -> String {
        let file = sanitize_filename::sanitize(name);
        fs::read_to_string(self.root.join(file)).unwrap_or_default()
    }
}
