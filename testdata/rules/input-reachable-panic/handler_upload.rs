// An uploaded file read whole and unwrapped in a handler (actix-multipart):
// a file that is not UTF-8 panics the worker.
use std::io::Read;

use actix_multipart::form::{tempfile::TempFile, MultipartForm};
use actix_web::{post, HttpResponse};

#[derive(MultipartForm)]
struct Upload {
    file: TempFile,
}

#[post("/settings")]
pub async fn settings(MultipartForm(mut form): MultipartForm<Upload>) -> HttpResponse {
    let mut data = String::new();
    form.file.file.read_to_string(&mut data).unwrap(); //~ input-reachable-panic
    HttpResponse::Ok().body(data.len().to_string())
}

#[post("/settings2")]
pub async fn settings_checked(MultipartForm(mut form): MultipartForm<Upload>) -> HttpResponse {
    let mut data = String::new();
    if form.file.file.read_to_string(&mut data).is_err() {
        return HttpResponse::BadRequest().finish();
    }
    HttpResponse::Ok().body(data.len().to_string())
}
