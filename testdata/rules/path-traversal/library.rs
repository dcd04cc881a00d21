// The library threat model: a library's public functions take the
// caller's data. A path the library builds from a root and the caller's
// name is reported; a path the caller hands in whole is the caller's choice.
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = "/var/lib/store";

/// The caller names an entry; the library builds the path.
pub fn load(name: &str) -> std::io::Result<Vec<u8>> {
    fs::read(Path::new(ROOT).join(name)) //~ path-traversal
}

pub struct Store {
    root: PathBuf,
}

impl Store {
    /// The caller chose where the store lives: not an attack.
    pub fn open(root: &Path) -> std::io::Result<Store> {
        fs::create_dir_all(root)?;
        Ok(Store { root: root.to_path_buf() })
    }

    /// A key under the root, formatted into the path.
    pub fn remove(&self, key: &str) -> std::io::Result<()> {
        fs::remove_file(format!("{}/{key}", ROOT)) //~ path-traversal
    }

    /// Only the file name of the key.
    pub fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let Some(name) = Path::new(key).file_name() else { return Ok(Vec::new()) };
        fs::read(self.root.join(name))
    }

    // Private: not part of the API.
    fn raw(&self, key: &str) -> std::io::Result<Vec<u8>> {
        fs::read(Path::new(ROOT).join(key))
    }
}

/// The caller's own file: read whole.
pub fn read_config(path: &Path) -> std::io::Result<String> {
    fs::read_to_string(path)
}

// A module that is not public: its `pub fn`s are not the crate's API.
mod cache {
    pub fn entry(name: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(std::path::Path::new("/var/cache/x").join(name))
    }
}

pub fn warm() -> std::io::Result<Vec<u8>> {
    cache::entry("index")
}

// Integers are the caller's choices, not data it received.
pub fn shard(n: u32) -> std::io::Result<Vec<u8>> {
    fs::read(Path::new(ROOT).join(n.to_string()))
}
