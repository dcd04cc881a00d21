//! INERT TEST FIXTURE for cargo-sast: what looks like the `cc` crate's API.
pub struct Build {
    files: Vec<String>,
}

impl Build {
    pub fn new() -> Build {
        Build { files: Vec::new() }
    }

    pub fn file(&mut self, f: &str) -> &mut Build {
        self.files.push(f.to_string());
        self
    }
}
