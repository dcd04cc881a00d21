// A struct passed to a helper and destructured there: each binding is what
// the caller put in that field, not the whole struct's taint.
use actix_web::{HttpRequest, web};
use std::path::{Path, PathBuf};

pub struct SaveOpts<'a> {
    pub scratch_dir: &'a Path,
    pub user_name: String,
    pub overwrite: bool,
}

#[derive(serde::Deserialize)]
pub struct Upload {
    pub name: String,
}

pub struct Config {
    pub scratch: PathBuf,
}

pub async fn upload(req: HttpRequest, q: web::Query<Upload>) -> std::io::Result<()> {
    let Some(conf) = req.app_data::<Config>() else { return Ok(()) };
    save(SaveOpts { scratch_dir: &conf.scratch, user_name: q.name.clone(), overwrite: false })
}

fn save(opts: SaveOpts<'_>) -> std::io::Result<()> {
    let SaveOpts { scratch_dir, user_name, .. } = opts;
    std::fs::create_dir_all(scratch_dir)?; // the server's own directory
    std::fs::write(Path::new("/srv/uploads").join(&user_name), b"")?; //~ path-traversal
    Ok(())
}
