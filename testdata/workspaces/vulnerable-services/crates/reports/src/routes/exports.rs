use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use rocket::form::FromFormField;
use rocket::fs::NamedFile;
use rocket::http::Status;
use rocket::State;

use crate::config::ReportsConfig;
use crate::render;

pub const EXPORT_DIR: &str = "/var/lib/reports/out";
pub const ARCHIVE_DIR: &str = "/var/lib/reports/archive";

/// Export file names: `<name>.pdf` or `<name>.csv`.
static EXPORT_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\w-]+\.(pdf|csv)").expect("export name pattern"));

#[derive(FromFormField, Clone, Copy, Debug)]
pub enum ExportFormat {
    Pdf,
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

#[post("/exports/<id>?<format>")]
pub async fn export(id: u64, format: &str) -> Status {
    match render::export_shell(id, format).await {
        Ok(out) if out.status.success() => Status::Accepted,
        _ => Status::InternalServerError,
    }
}

#[post("/v2/exports/<id>?<format>")]
pub async fn export_v2(id: u64, format: ExportFormat) -> Status {
    match render::export_typed(id, format).await {
        Ok(out) if out.status.success() => Status::Accepted,
        _ => Status::InternalServerError,
    }
}

#[get("/downloads/<file>")]
pub async fn download(file: &str) -> Option<NamedFile> {
    NamedFile::open(Path::new(EXPORT_DIR).join(file)).await.ok() // PLANTED: path-traversal
}

/// Rocket's `PathBuf` segments guard drops `..` and rejects hidden names.
#[get("/archive/<path..>")]
pub async fn archive(path: PathBuf) -> Option<NamedFile> {
    NamedFile::open(Path::new(ARCHIVE_DIR).join(path)).await.ok() // FIXED: path-traversal
}

#[get("/latest")]
pub async fn latest(cfg: &State<ReportsConfig>) -> Option<NamedFile> {
    NamedFile::open(cfg.export_dir.join("latest.pdf")).await.ok() // FIXED: path-traversal
}

#[delete("/downloads/<name>")]
pub fn purge(name: &str) -> Status {
    if !EXPORT_NAME.is_match(name) {
        return Status::BadRequest;
    }
    match std::fs::remove_file(Path::new(EXPORT_DIR).join(name)) { // PLANTED: path-traversal
        Ok(()) => Status::NoContent,
        Err(_) => Status::NotFound,
    }
}
