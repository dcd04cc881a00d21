use actix_cors::Cors;
use axum::http::{header, HeaderMap, HeaderValue};
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

pub fn tower_very() -> CorsLayer {
    CorsLayer::very_permissive() //~ permissive-cors[high]
}

pub fn tower_permissive() -> CorsLayer {
    CorsLayer::permissive() //~ permissive-cors[medium]
}

pub fn tower_any() -> CorsLayer {
    CorsLayer::new().allow_origin(Any).allow_methods(Any) //~ permissive-cors[medium]
}

pub fn tower_mirror_credentials() -> CorsLayer {
    CorsLayer::new() //~ permissive-cors[high]
        .allow_origin(AllowOrigin::mirror_request())
        .allow_credentials(true)
}

pub fn tower_predicate() -> CorsLayer {
    let layer = CorsLayer::new().allow_origin(AllowOrigin::predicate(|_, _| true)); //~ permissive-cors
    layer.allow_credentials(true)
}

pub fn actix_permissive() -> Cors {
    Cors::permissive() //~ permissive-cors[high]
}

pub fn actix_any() -> Cors {
    Cors::default().allow_any_origin().supports_credentials() //~ permissive-cors[high]
}

pub fn actix_fn() -> Cors {
    Cors::default().allowed_origin_fn(|_origin, _req| true) //~ permissive-cors[medium]
}

pub fn warp_any() -> warp::filters::cors::Builder {
    warp::cors().allow_any_origin().allow_credentials(true) //~ permissive-cors[high]
}

pub fn rocket() -> rocket_cors::CorsOptions {
    rocket_cors::CorsOptions {
        allowed_origins: rocket_cors::AllowedOrigins::all(), //~ permissive-cors[high]
        allow_credentials: true,
        ..Default::default()
    }
}

// Mirroring the Origin header by hand.
pub fn manual(req_headers: &HeaderMap, out: &mut HeaderMap) {
    if let Some(origin) = req_headers.get(header::ORIGIN) {
        out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone()); //~ permissive-cors
    }
    out.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
}

// Any origin on state-changing methods: any page can drive the API (an
// intranet instance too, from its users' browsers).
pub fn upload_api() -> actix_cors::Cors {
    actix_cors::Cors::default() //~ permissive-cors[medium]
        .allow_any_origin()
        .allowed_methods(vec!["OPTIONS", "GET", "HEAD", "POST", "PATCH", "DELETE"])
}

// Safe methods, but with credentials: the victim's data is read.
pub fn read_with_cookies() -> actix_cors::Cors {
    actix_cors::Cors::default().allow_any_origin().allowed_methods(vec!["GET"]).supports_credentials() //~ permissive-cors[high]
}

// Methods that are not known to be safe.
pub fn methods_from_config(methods: Vec<String>) -> actix_cors::Cors {
    actix_cors::Cors::default().allow_any_origin().allowed_methods(methods.iter().map(String::as_str)) //~ permissive-cors[medium]
}

// Methods widened later on the same builder.
pub fn widened() -> actix_cors::Cors {
    let cors = actix_cors::Cors::default().allow_any_origin().allowed_methods(vec!["GET"]); //~ permissive-cors[medium]
    cors.allowed_methods(vec!["POST"])
}
