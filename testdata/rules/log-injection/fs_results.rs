// What a file system call gives back for a path the request chose is the
// file system's: an `io::Error` (its message does not hold the path), a
// directory's entries. The name itself, logged, is the request's.
use axum::extract::Query;
use std::path::Path;

#[derive(serde::Deserialize)]
pub struct Params {
    pub name: String,
}

pub async fn delete(Query(p): Query<Params>) {
    let Some(file) = Path::new(&p.name).file_name() else { return };
    let path = Path::new("/srv/uploads").join(file);
    if let Err(e) = std::fs::remove_file(&path) {
        log::error!("cannot delete file: {}", e);
    }
}

pub async fn listing(Query(p): Query<Params>) {
    let Some(dir) = Path::new(&p.name).file_name() else { return };
    let Ok(entries) = std::fs::read_dir(Path::new("/srv/uploads").join(dir)) else { return };
    for entry in entries.flatten() {
        log::info!("entry {}", entry.path().display());
    }
}

pub async fn delete_named(Query(p): Query<Params>) {
    if std::fs::remove_file(Path::new("/srv/uploads").join(&p.name)).is_err() { // sast:allow(path-traversal): the fixture is about the log line
        log::error!("cannot delete {}", p.name); //~ log-injection
    }
}
