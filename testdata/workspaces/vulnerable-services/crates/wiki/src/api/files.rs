use std::path::Path as FsPath;
use std::sync::LazyLock;

use poem::error::InternalServerError;
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{handler, Error, Result};
use regex::Regex;

use crate::store::pages::PageStore;

pub const ATTACHMENT_ROOT: &str = "/srv/wiki/attachments";

/// Attachment folder names: word characters, `.` and `-`.
static FOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\w.-]{1,64}$").expect("folder pattern"));

/// DELETE /pages/:slug/attachments/:folder
#[handler]
pub async fn drop_folder(Path((slug, folder)): Path<(String, String)>, store: Data<&PageStore>) -> Result<StatusCode> {
    if !FOLDER.is_match(&folder) {
        return Err(Error::from_status(StatusCode::BAD_REQUEST));
    }
    store.forget_folder(&slug, &folder).await.map_err(InternalServerError)?;
    tokio::fs::remove_dir_all(FsPath::new(ATTACHMENT_ROOT).join(&folder)).await.map_err(InternalServerError)?; // PLANTED: path-traversal
    Ok(StatusCode::NO_CONTENT)
}
