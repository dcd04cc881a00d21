use actix_cors::Cors;
use axum::http::{HeaderMap, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub fn tower_list() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(HeaderValue::from_static("https://app.example.com"))
        .allow_methods([Method::GET])
        .allow_credentials(true)
}

pub fn tower_predicate() -> CorsLayer {
    CorsLayer::new().allow_origin(AllowOrigin::predicate(|origin: &HeaderValue, _| origin.as_bytes().ends_with(b".example.com")))
}

pub fn actix_list() -> Cors {
    Cors::default().allowed_origin("https://app.example.com").supports_credentials()
}

// Only in debug builds.
pub fn dev_cors() -> CorsLayer {
    if cfg!(debug_assertions) { CorsLayer::very_permissive() } else { CorsLayer::new() }
}

#[cfg(debug_assertions)]
pub fn dev_only() -> Cors {
    Cors::permissive()
}

// A fixed origin header.
pub fn fixed(out: &mut HeaderMap) {
    out.insert("access-control-allow-origin", HeaderValue::from_static("https://app.example.com"));
}


// Any origin, no credentials, safe methods only: another site reads what
// an anonymous GET returns anyway.
pub fn public_search() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .allowed_methods(vec!["GET"])
        .allowed_headers(vec![actix_web::http::header::ORIGIN, actix_web::http::header::CONTENT_TYPE])
}

pub fn read_only_api() -> tower_http::cors::CorsLayer {
    tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD, axum::http::Method::OPTIONS])
}

pub fn rocket_read_only() -> rocket_cors::CorsOptions {
    rocket_cors::CorsOptions {
        allowed_origins: rocket_cors::AllowedOrigins::all(),
        allowed_methods: vec![rocket::http::Method::Get].into_iter().map(From::from).collect(),
        ..Default::default()
    }
}
