use std::sync::LazyLock;

use actix_web::{web, HttpRequest, HttpResponse};
use regex::Regex;
use serde::Deserialize;

use crate::catalog::sqlite::{Catalog, SortKey};
use crate::config::MediaConfig;

/// Album slugs: lowercase letters, digits and `_`.
static SLUG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9_]{1,64}$").expect("slug pattern"));

#[derive(Deserialize)]
pub struct NewAlbum {
    pub slug: String,
    pub title: String,
}

#[derive(Deserialize)]
pub struct TagForm {
    pub tag: String,
}

#[derive(Deserialize)]
pub struct PhotoQuery {
    /// Legacy: a raw SQL ordering.
    pub order: Option<String>,
    pub sort: Option<String>,
}

/// POST /albums
pub async fn create_album(cfg: web::Data<MediaConfig>, catalog: web::Data<Catalog>, body: web::Json<NewAlbum>) -> HttpResponse {
    if !SLUG.is_match(&body.slug) {
        return HttpResponse::BadRequest().body("album slugs are lowercase letters, digits and '_'");
    }
    if std::fs::create_dir_all(cfg.library_root.join(&body.slug)).is_err() { // FIXED: path-traversal
        return HttpResponse::InternalServerError().finish();
    }
    match catalog.create_album(&body.slug, &body.title) {
        Ok(()) => HttpResponse::Created().finish(),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// GET /albums/count?owner=…  or  ?grantee=…
pub async fn album_count(req: HttpRequest, catalog: web::Data<Catalog>) -> HttpResponse {
    let param = |name: &str| {
        req.query_string()
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    };
    let count = if let Some(owner) = param("owner") {
        catalog.count_for_owner(&owner)
    } else if let Some(grantee) = param("grantee") {
        catalog.count_shared_with(&grantee)
    } else {
        return HttpResponse::BadRequest().finish();
    };
    match count {
        Ok(n) => HttpResponse::Ok().json(n),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// GET /albums/{album}/photos?sort=taken|name|size  (or the legacy ?order=…)
pub async fn list_photos(album: web::Path<String>, query: web::Query<PhotoQuery>, catalog: web::Data<Catalog>) -> HttpResponse {
    let photos = match &query.order {
        Some(order) => catalog.photos(&album, order),
        None => match query.sort.as_deref().unwrap_or("taken").parse::<SortKey>() {
            Ok(key) => catalog.photos_sorted(&album, key),
            Err(()) => return HttpResponse::BadRequest().finish(),
        },
    };
    match photos {
        Ok(list) => HttpResponse::Ok().json(list),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// POST /albums/{album}/tags
pub async fn add_tag(req: HttpRequest, catalog: web::Data<Catalog>, form: web::Form<TagForm>) -> HttpResponse {
    let Some(album) = req.match_info().get("album") else {
        return HttpResponse::NotFound().finish();
    };
    match catalog.tag_album(album, &form.tag) {
        Ok(()) => HttpResponse::Created().finish(),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// DELETE /albums/{album}/tags/{tag}
pub async fn remove_tag(path: web::Path<(String, String)>, catalog: web::Data<Catalog>) -> HttpResponse {
    let (album, tag) = path.into_inner();
    match catalog.untag_album(&album, &tag) {
        Ok(()) => HttpResponse::NoContent().finish(),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
