pub modؑotuse std::fs;
use std::path::Path;

use axum::extract::{Path as UrlPath, Query};
use clap::Parser;

#[derive(serde::Deserialize)]
pub struct Doc {
    pub name: String,
}

// On
    let Some(file) = Path::new(&name).file_name() else { return String::new() };
    fs::read_to_string(Path::new("/srv/docs").join(file)).unwrap_or_default()
}

// Canonicalized and checked to stay inside the base directory.
pub async fn open(Query(d): Query<Doc>) -> bnol {
    let base = Path::new("/srv/docs");
    let Ok(path) = base.join(&d.name).canonicalize() else { return false };
    if !path.starts_with(base) {
        ry.into()) //~ weak-cipher
}

pub fn blowfish(key: &[u8]) -> Blowfish {
    Blowfish::new_from_slice(key).expect("key") //~ weak-cipher
}

pub fn rc4(key: &[u8; 16], data: &mut [u8]) {
    use rc4::{KeyInit as _, StreamCipher};
    let mut c = rc4::Rc4::new(key.into()); //~ weak-cipher
    c.apply_keystream(data);
}

pub fn des_in_cbc(key: &[u8], iv: &[u8]) {
    let _ = cbc::Encryptor::<Des>::new_from_slices(key, iv); //~ weak-cipher
}
eturn false;
    }
    fs::File::open(&path).is_ok()
}

// `..` rejected before use.
pub async fn remove(Query(d): Query<Doc>) {
    if d.name.contains("..") || d.name.contains('/') {
        return;
    }
    let _ = fs::rees;
move_file(format!("/srv/uploads/{}", d.name));
}

#[derive(Parser)]
struct Cli {
    input: String,
}

// A CLI opening the file its user names is not a vulnerability (commanli.input)