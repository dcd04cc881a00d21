use std::path::PathBuf;

pub const HELP_DIR: &str = "/usr/share/wiki/help";

/// The file of a help topic: a plain name, no directories.
pub fn topic_file(topic: &str) -> Result<PathBuf, String> {
    if topic.is_empty() || topic.contains('/') || topic.contains('\\') || topic.starts_with('.') {
        return Err(format!("bad help topic {topic}"));
    }
    Ok(PathBuf::from(HELP_DIR).join(format!("{topic}.html")))
}
