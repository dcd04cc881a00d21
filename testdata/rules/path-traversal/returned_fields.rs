// A helper returning a struct literal: each field carries what was put in
// it, not the whole struct's taint (read as `v.field` or destructured).
use axum::extract::Query;
use std::io;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
pub struct Params {
    pub encoding: String,
    pub name: String,
}

pub struct Variant {
    pub path: PathBuf,
    pub encoding: String,
}

/// The pre-compressed sibling of the site's index, for an encoding.
fn variant_of(root: &Path, encoding: &str) -> Option<Variant> {
    if encoding.is_empty() {
        return None;
    }
    Some(Variant { path: root.join("index.html.gz"), encoding: encoding.to_string() })
}

pub struct Meta {
    pub path: PathBuf,
    pub label: String,
}

fn meta_of(root: &Path, name: &str) -> io::Result<Meta> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => Ok(Meta { path: root.join("index.html"), label: name.to_string() }),
        Ok(_) => Ok(Meta { path: root.to_path_buf(), label: name.to_string() }),
        Err(e) => Err(e),
    }
}

pub async fn index(Query(p): Query<Params>) -> io::Result<Vec<u8>> {
    let Some(v) = variant_of(Path::new("/srv/www"), &p.encoding) else { return Ok(Vec::new()) };
    std::fs::read(&v.path)
}

pub async fn by_encoding(Query(p): Query<Params>) -> io::Result<Vec<u8>> {
    let Some(v) = variant_of(Path::new("/srv/www"), &p.encoding) else { return Ok(Vec::new()) };
    std::fs::read(&v.encoding) //~ path-traversal
}

pub async fn page(Query(p): Query<Params>) -> io::Result<Vec<u8>> {
    let Meta { path, label } = meta_of(Path::new("/srv/www"), &p.name)?;
    std::fs::write("/srv/log/last-page", &label)?;
    std::fs::read(&path)
}

pub async fn page_by_label(Query(p): Query<Params>) -> io::Result<Vec<u8>> {
    let Meta { label, .. } = meta_of(Path::new("/srv/www"), &p.name)?;
    std::fs::read(&label) //~ path-traversal
}

pub struct Job {
    pub dir: PathBuf,
    pub title: String,
}

impl Job {
    fn new(title: &str) -> Job {
        Job { dir: PathBuf::from("/srv/jobs"), title: title.to_string() }
    }
}

fn prepare(job: &Job) -> io::Result<()> {
    std::fs::create_dir_all(&job.dir)
}

fn prepare_named(job: &Job) -> io::Result<()> {
    std::fs::create_dir_all(Path::new("/srv/jobs").join(&job.title)) //~ path-traversal
}

pub async fn start(Query(p): Query<Params>) -> io::Result<()> {
    let job = Job::new(&p.name);
    prepare(&job)?;
    prepare_named(&job)
}
