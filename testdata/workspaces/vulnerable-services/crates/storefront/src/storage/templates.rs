use std::path::Path;

use tokio::fs;

/// The banner shown on the home page.
pub async fn load_banner(dir: &Path) -> std::io::Result<String> {
    fs::read_to_string(dir.join("banner.html")).await // FIXED: path-traversal
}
