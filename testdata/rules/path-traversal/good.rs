use std::fs;
use std::path::Path;

use axum::extract::{Path as UrlPath, Query};
use clap::Parser;

#[derive(serde::Deserialize)]
pub struct Doc {
    pub name: String,
}

// Only the file name is kept.
pub async fn read(UrlPath(name): UrlPath<String>) -> String {
    let Some(file) = Path::new(&name).file_name() else { return String::new() };
    fs::read_to_string(Path::new("/srv/docs").join(file)).unwrap_or_default()
}

// Canonicalized and checked to stay inside the base directory.
pub async fn open(Query(d): Query<Doc>) -> bool {
    let base = Path::new("/srv/docs");
    let Ok(path) = base.join(&d.name).canonicalize() else { return false };
    if !path.starts_with(base) {
        return false;
    }
    fs::File::open(&path).is_ok()
}

// `..` rejected before use.
pub async fn remove(Query(d): Query<Doc>) {
    if d.name.contains("..") || d.name.contains('/') {
        return;
    }
    let _ = fs::remove_file(format!("/srv/uploads/{}", d.name));
}

#[derive(Parser)]
struct Cli {
    input: String,
}

// A CLI opening the file its user names is not a vulnerability (command-line
// sources are off by default for this rule).
fn main() {
    let cli = Cli::parse();
    let _ = fs::read_to_string(&cli.input);
    let cfg = std::env::var("APP_CONFIG").unwrap_or_default();
    let _ = fs::read_to_string(cfg);
}

// Normalised in place, then checked.
pub async fn reassigned(Query(d): Query<Doc>) -> bool {
    let base = Path::new("/srv/docs");
    let mut path = base.join(&d.name);
    path = path.canonicalize().unwrap_or_default();
    if !path.starts_with(base) {
        return false;
    }
    fs::File::open(&path).is_ok()
}

// A struct literal passed on: the callee opens only the fixed field, the
// user's value is elsewhere in the struct.
pub struct Target<'a> {
    base: &'a str,
    name: &'a str,
}

fn clear_base(t: &Target<'_>) {
    let _ = fs::remove_dir_all(t.base);
}

pub async fn clear(Query(d): Query<Doc>) {
    clear_base(&Target { base: "/srv/cache", name: &d.name });
}

// A method on a local with one tainted field that reads only another field.
pub struct Upload {
    dir: String,
    file: String,
}

impl Upload {
    fn dir_path(&self) -> String {
        self.dir.clone()
    }
}

pub async fn list_upload(Query(d): Query<Doc>) {
    let mut u = Upload { dir: "/srv/uploads".into(), file: String::new() };
    u.file = d.name.clone();
    let _ = fs::read_dir(u.dir_path());
}

// A method called on a struct literal, passing `self` on to another
// method that reads only the fixed field.
pub struct Job {
    dir: String,
    name: String,
}

impl Job {
    fn dir(&self) -> String {
        self.dir.clone()
    }

    fn purge(&self) {
        let _ = fs::remove_dir_all(self.dir());
    }
}

pub async fn purge(Query(d): Query<Doc>) {
    Job { dir: "/srv/jobs".into(), name: d.name.clone() }.purge();
}
