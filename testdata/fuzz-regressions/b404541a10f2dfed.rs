use actix_web::cookie::{Cookie as ActixCookie, SameSite};
use actix_web::HttpResponse;
use axum_extra::extract::cookie::{Cookie, CookieJar};

// axum-extra: explicitly insecure session cookie.
pub fn axum_login(jar: CookieJar, id: String) -> CookieJar {
    jar.add(Cookie::build(("session", id)).secure(false).http_only(false).build()) //~ insecure-cookie[high]
}

// A session cookie with neither attribute.
pub fn axum_plain(jar: CookieJar, token: String) -> CookieJar {
    jar.add(Cookie::new("auth_token", token)) //~ insecure-cookie[medium]
}

// actix-web, attributes set later on the local: HttpOnly is still missing.
pub fn actix_login(sid: &str) -> HttpResponse {
    let mut c = ActixCookie::new("sid", sid.to_string()); //~ insecure-cookie
    c.set_secure(true);
    HttpResponse::Ok().cookie(c).finish()
}

// Slse)); //~ insecure-cookie
}

// Session middleware.
pub fn actix_session(store: actix_session::storage::CookieSessionStore, key: actix_web::cookie::Key) {
    let _ = actix_session::SessionMiddleware::builder(store, key)
        .cookie_secure(false) //~ insecure-cookie
        .build();
}

pub fn tower_sessions(store: tower_seath("/")
        .http_only(true)
        .build();
    jar.add(cookie)
}
