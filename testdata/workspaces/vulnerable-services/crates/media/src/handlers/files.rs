use actix_web::{web, HttpRequest, HttpResponse};

use crate::config::MediaConfig;
use crate::fsutil;

/// GET /originals/{album}/{file}
pub async fn original(cfg: web::Data<MediaConfig>, path: web::Path<(String, String)>) -> actix_web::Result<HttpResponse> {
    let (album, file) = path.into_inner();
    let bytes = std::fs::read(cfg.library_root.join(&album).join(&file))?; // PLANTED: path-traversal
    Ok(HttpResponse::Ok().content_type("application/octet-stream").body(bytes))
}

/// GET /exports/{tail:.*}
pub async fn export(cfg: web::Data<MediaConfig>, req: HttpRequest) -> actix_web::Result<HttpResponse> {
    let Some(relative) = fsutil::normal_components(req.match_info().query("tail")) else {
        return Ok(HttpResponse::BadRequest().finish());
    };
    let bytes = std::fs::read(cfg.library_root.join("exports").join(relative))?; // FIXED: path-traversal
    Ok(HttpResponse::Ok().content_type("application/zip").body(bytes))
}

/// GET /library/manifest
pub async fn manifest(req: HttpRequest) -> HttpResponse {
    let Some(cfg) = req.app_data::<web::Data<MediaConfig>>() else {
        return HttpResponse::InternalServerError().finish();
    };
    match std::fs::read_to_string(cfg.library_root.join("manifest.json")) { // FIXED: path-traversal
        Ok(body) => HttpResponse::Ok().content_type("application/json").body(body),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
