use actix_web::{web, HttpRequest, HttpResponse};

use crate::imaging::buffer::PixelBuffer;

/// A numeric request header.
fn header_usize(req: &HttpRequest, name: &str) -> Option<usize> {
    req.headers().get(name)?.to_str().ok()?.parse().ok()
}

/// POST /frames/raw: an RGBA frame; `X-Width` and `X-Height` give its size.
pub async fn upload_raw(req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let (Some(width), Some(height)) = (header_usize(&req, "x-width"), header_usize(&req, "x-height")) else {
        return HttpResponse::BadRequest().finish();
    };
    let Some(mut frame) = PixelBuffer::new(width, height) else {
        return HttpResponse::BadRequest().finish();
    };
    frame.fill_from(&body);
    HttpResponse::Ok().json(frame.checksum())
}

/// POST /frames/thumbnail: the same, for frames within the size limits.
pub async fn upload_thumbnail(req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let (Some(width), Some(height)) = (header_usize(&req, "x-width"), header_usize(&req, "x-height")) else {
        return HttpResponse::BadRequest().finish();
    };
    let Some(mut frame) = PixelBuffer::bounded(width, height) else {
        return HttpResponse::PayloadTooLarge().finish();
    };
    frame.fill_from(&body);
    HttpResponse::Ok().json(frame.checksum())
}

/// POST /frames/{id}/rows: appends rows to a 640-pixel-wide strip.
pub async fn extend(req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let Some(rows) = header_usize(&req, "x-extra-rows") else {
        return HttpResponse::BadRequest().finish();
    };
    let Some(mut strip) = PixelBuffer::bounded(640, 1) else {
        return HttpResponse::InternalServerError().finish();
    };
    if strip.grow_rows(rows).is_none() {
        return HttpResponse::BadRequest().finish();
    }
    strip.fill_from(&body);
    HttpResponse::Ok().json(strip.checksum())
}

/// POST /frames/{id}/rows/bounded
pub async fn extend_bounded(req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let Some(rows) = header_usize(&req, "x-extra-rows") else {
        return HttpResponse::BadRequest().finish();
    };
    let Some(mut strip) = PixelBuffer::bounded(640, 1) else {
        return HttpResponse::InternalServerError().finish();
    };
    if strip.grow_rows_bounded(rows).is_none() {
        return HttpResponse::PayloadTooLarge().finish();
    }
    strip.fill_from(&body);
    HttpResponse::Ok().json(strip.checksum())
}
