// A record the server stored, fetched by the request's id through a trait
// object: the id chose which record, the record is what the server wrote.
use actix_files::NamedFile;
use actix_web::{HttpRequest, web};

pub struct FileInfo {
    pub path: String,
}

#[async_trait::async_trait]
pub trait InfoStore {
    async fn get_info(&self, id: &str) -> Result<FileInfo, std::io::Error>;
}

pub struct AppState {
    pub infos: Box<dyn InfoStore + Send + Sync>,
}

pub async fn download(req: HttpRequest, state: web::Data<AppState>) -> std::io::Result<NamedFile> {
    let id = req.match_info().get("id").unwrap_or_default().to_string();
    let info = state.infos.get_info(&id).await?;
    NamedFile::open_async(&info.path).await
}

pub async fn download_raw(req: HttpRequest) -> std::io::Result<NamedFile> {
    let id = req.match_info().get("id").unwrap_or_default().to_string();
    NamedFile::open_async(format!("/srv/files/{id}")).await //~ path-traversal
}
