//! Downloads of exports and reports.

use std::path::Path;

use salvo::fs::NamedFile;
use salvo::prelude::*;

use crate::paths::clean_path;

const EXPORTS: &str = "/srv/fileserve/exports";
const REPORTS: &str = "/srv/fileserve/reports";

/// `GET /admin/exports/{**path}`.
#[handler]
pub async fn download(req: &mut Request, res: &mut Response) {
    let path = req.param::<String>("path").unwrap_or_default();
    NamedFile::builder(Path::new(EXPORTS).join(&path)).send(req.headers(), res).await; // PLANTED: path-traversal
}

/// `GET /admin/reports/{**path}`: plain relative paths only.
#[handler]
pub async fn report(req: &mut Request, res: &mut Response) {
    let path = req.param::<String>("path").unwrap_or_default();
    let Some(rel) = clean_path(&path) else {
        res.status_code(StatusCode::BAD_REQUEST);
        return;
    };
    NamedFile::builder(Path::new(REPORTS).join(rel)).send(req.headers(), res).await; // FIXED: path-traversal
}
