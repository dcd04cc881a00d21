// Request data handed to a store known only by the trait it implements: a
// bounded type parameter, a `where` clause, `impl Trait`, `&dyn Trait`, a
// `Box<dyn Trait>` field. The call reaches every impl of the trait method
// (and the trait's default body): the on-disk impl opens the request's path.
use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io::Write;

use axum::extract::Path;

pub trait Store {
    fn put(&self, key: &str, body: &[u8]);
    fn remove(&self, key: &str);
    fn append(&self, key: &str, line: &str);
    fn rename(&self, key: &str, to: &str);
    fn touch(&self, key: &str) {
        let _ = fs::File::create(key); //~ path-traversal
    }
}

pub struct Disk;

impl Store for Disk {
    fn put(&self, key: &str, body: &[u8]) {
        let _ = fs::write(key, body); //~ path-traversal
    }
    fn remove(&self, key: &str) {
        let _ = fs::remove_file(key); //~ path-traversal
    }
    fn append(&self, key: &str, line: &str) {
        if let Ok(mut f) = fs::OpenOptions::new().append(true).open(key) { //~ path-traversal
            let _ = writeln!(f, "{line}");
        }
    }
    fn rename(&self, key: &str, to: &str) {
        let _ = fs::rename(key, to); //~ path-traversal
    }
}

// Keeps everything in memory: no file system path.
pub struct Mem(RefCell<HashMap<String, Vec<u8>>>);

impl Store for Mem {
    fn put(&self, key: &str, body: &[u8]) {
        self.0.borrow_mut().insert(key.to_string(), body.to_vec());
    }
    fn remove(&self, key: &str) {
        self.0.borrow_mut().remove(key);
    }
    fn append(&self, key: &str, line: &str) {
        self.0.borrow_mut().entry(key.to_string()).or_default().extend_from_slice(line.as_bytes());
    }
    fn rename(&self, key: &str, to: &str) {
        let v = self.0.borrow_mut().remove(key).unwrap_or_default();
        self.0.borrow_mut().insert(to.to_string(), v);
    }
}

fn save<S: Store>(s: &S, key: &str, body: &[u8]) {
    s.put(key, body)
}

fn forget<S>(s: &S, key: &str)
where
    S: Store,
{
    s.remove(key)
}

fn log_line(s: impl Store, key: &str) {
    s.append(key, "seen")
}

fn mark(s: &dyn Store, key: &str) {
    s.touch(key)
}

pub struct Service {
    store: Box<dyn Store>,
}

impl Service {
    fn archive(&self, key: &str) {
        self.store.rename(key, "/srv/archive/last")
    }
}

pub async fn upload(Path(name): Path<String>) {
    save(&Disk, &name, b"data");
}

pub async fn delete(Path(name): Path<String>) {
    forget(&Disk, &name);
}

pub async fn append(Path(name): Path<String>) {
    log_line(Disk, &name);
}

pub async fn touch(Path(name): Path<String>) {
    mark(&Disk, &name);
}

pub async fn archive(Path(name): Path<String>) {
    let svc = Service { store: Box::new(Disk) };
    svc.archive(&name);
}

// Another trait with methods of the same names, whose impl writes files:
// only ever called with fixed names, and no call on a `Store` reaches it.
pub trait Journal {
    fn put(&self, key: &str, body: &[u8]);
    fn remove(&self, key: &str);
}

pub struct Dir;

impl Journal for Dir {
    fn put(&self, key: &str, body: &[u8]) {
        let _ = fs::write(std::path::Path::new("/var/journal").join(key), body);
    }
    fn remove(&self, key: &str) {
        let _ = fs::remove_file(std::path::Path::new("/var/journal").join(key));
    }
}

fn rotate<J: Journal>(j: &J) {
    j.put("current", b"");
    j.remove("previous");
}

pub async fn rotate_journal() {
    rotate(&Dir);
}

// The request data is the body, not the key: the key is fixed.
pub trait Blobs {
    fn store(&self, key: &str, body: &str);
}

pub struct BlobDir;

impl Blobs for BlobDir {
    fn store(&self, key: &str, body: &str) {
        let _ = fs::write(key, body);
    }
}

fn keep(b: &dyn Blobs, body: &str) {
    b.store("/srv/blobs/latest", body)
}

pub async fn keep_body(Path(body): Path<String>) {
    keep(&BlobDir, &body);
}
