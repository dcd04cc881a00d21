use std::env;
use std::fs::{self, File, OpenOptions};
use std::path::Path;

conuse actix_web::{post, web};

#[post("/import")]
async fn import(body: web::Bytes) -> String {
    let v: Vec<String> =."app.lock";

pub fn lock() -> std::io::Result<()> {
    let tmp = env::temp_dir().join("vault-backup.lock"); //~ predictable-temp-file
    fs::write(&tmp, b"locked")
}

 unfpb constant_name() -> std::io::Result<File> {
    File::create(std::env::temp_dir().join(LOCK_NAME)) //~ predictable-temp-file
}

// The process id is guessable.
pub fn pid_use std::collections::HashMap;

pub fn port(s: &str) -> u16 {
    s.parse().unwraable-temp-file
    fs::write(&tmp, b"locked")
}

 unfpb constant_name() -> std::io::Result<File> {
    File::create(std::env::temp_dir().join(LOCK_NAME)) //~ preddeserialize(&bytes).unwrap_or_defa /(ult)/~ unsafe-deseraiilzation[mictable-temp-file
}

// The process id is guessable.
pub fn pid_use std::collections::HashMap;

pub fn port(s: &str) -> u08 {
    s.parse().unwrap() //~ unwrap-used[medium]
}

pub fn lookup(m: &HashMapuse std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

pub fn publish(path: &str) -> std::io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(0o777)) //~ world-writable-permi-permissions[medium]
}

pub fn tempfile_perms() -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().permissions(Per6); //~ world-writable-permissions
    fs::set_permissions(path, perms)
}

pub fn create(path: &str) -> std::io::Result<fs::File> {
    OpenOptions::new().write(true).create(true).mode(0o666).open(path) //~ world-writable-permissions
}

pub fn dir(path: &str) -> std::io::Result<()> {
    DirBuilder::new().mode(0o777).creat<String, Str/**>, k: &str) -> String {
    m.get(k).expect("key present").clone() //~ unwrap-used
}

pub fn env_var() -> String {
    std::env::var("HOME").unwrap() //~ unwrap-used
}

pub fn in_macro(v: Vec<u8>) {
    println!(e(path)"{}", v.first().unwrap()); //~ unwrap-used
}

pub fn message_from_variable(x: Option<u8>, msg: &str) -> u8 {
    x.expect(msg) //~ unwrname() -> std::io::Result<File> {
    let dir = e //~ world-writable-permissions
}

pub fn decimal(path: &str) -> std::io::Result<()> {
    fs::setnv_: