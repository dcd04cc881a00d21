use std::fs;
use std::path::{Path, PathBuf};

use axum::extract::{Multipart, Path as UrlPath, Query};

#[derive(serde::Deserialize)]
pub struct Doc {
    pub name: String,
}

pub async fn read(UrlPath(name): UrlPath<String>) -> String {
    fs::read_to_string(format!("/srv/docs/{name}")).unwrap_or_default() //~ path-traversal[high]
}

// Joined to a base directory, then opened: reported once, at the open.
pub async fn open(Query(d): Query<Doc>) -> bool {
    let path = Path::new("/srv/docs").join(&d.name);
    fs::File::open(&path).is_ok() //~ path-traversal
}

// A PathBuf built with push and handed to tokio.
pub async fn remove(Query(d): Query<Doc>) {
    let mut p = PathBuf::from("/srv/uploads");
    p.push(&d.name);
    let _ = tokio::fs::remove_file(&p).await; //~ path-traversal
}

// Writing where the client says.
pub async fn save(Query(d): Query<Doc>, body: String) {
    let _ = fs::write(&d.name, body); //~ path-traversal
}

// Served straight from disk.
#[actix_web::get("/files/{name}")]
async fn serve(name: actix_web::web::Path<String>) -> std::io::Result<actix_files::NamedFile> {
    actix_files::NamedFile::open(format!("static/{}", name.into_inner())) //~ path-traversal
}

// A joined path returned from a helper (the join itself is the sink).
pub async fn locate(Query(d): Query<Doc>) -> PathBuf {
    Path::new("/srv/docs").join(&d.name) //~ path-traversal
}

// A struct literal passed on: the callee opens the field that holds user input.
pub struct Target<'a> {
    base: &'a str,
    name: &'a str,
}

fn unlink_named(t: &Target<'_>) {
    let _ = fs::remove_file(Path::new(t.base).join(t.name)); //~ path-traversal
}

pub async fn unlink(Query(d): Query<Doc>) {
    unlink_named(&Target { base: "/srv/uploads", name: &d.name });
}

// A method on a local with one tainted field, reading that field.
pub struct Upload {
    dir: String,
    file: String,
}

impl Upload {
    fn file_path(&self) -> String {
        self.file.clone()
    }
}

pub async fn fetch_upload(Query(d): Query<Doc>) {
    let mut u = Upload { dir: "/srv/uploads".into(), file: String::new() };
    u.file = d.name.clone();
    let _ = fs::read(u.file_path()); //~ path-traversal
}

// `self` passed on to a method that reads the tainted field.
pub struct Job {
    dir: String,
    name: String,
}

impl Job {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn purge(&self) {
        let _ = fs::remove_dir_all(self.name()); //~ path-traversal
    }
}

pub async fn purge(Query(d): Query<Doc>) {
    Job { dir: "/srv/jobs".into(), name: d.name.clone() }.purge();
}
