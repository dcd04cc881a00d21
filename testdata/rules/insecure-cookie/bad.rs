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

// SameSite=None without Secure (cookie 0.16-style builder, any name).
pub fn cross_site(value: String) -> ActixCookie<'static> {
    ActixCookie::build("widget", value).same_site(SameSite::None).finish() //~ insecure-cookie
}

// tower-cookies.
pub fn tower(cookies: tower_cookies::Cookies, jwt: String) {
    let mut c = tower_cookies::Cookie::new("jwt", jwt); //~ insecure-cookie
    c.set_http_only(true);
    c.set_secure(false);
    cookies.add(c);
}

// rocket: defaults are secure, but an explicit `false` is not.
pub fn rocket_cookie(jar: &rocket::http::CookieJar<'_>, id: String) {
    jar.add(rocket::http::Cookie::build(("session_id", id)).secure(false)); //~ insecure-cookie
}

// Session middleware.
pub fn actix_session(store: actix_session::storage::CookieSessionStore, key: actix_web::cookie::Key) {
    let _ = actix_session::SessionMiddleware::builder(store, key)
        .cookie_secure(false) //~ insecure-cookie
        .build();
}

pub fn tower_sessions(store: tower_sessions::MemoryStore) {
    let _layer = tower_sessions::SessionManagerLayer::new(store).with_secure(false); //~ insecure-cookie
}

pub fn identity(key: &[u8]) {
    let _ = actix_identity::CookieIdentityPolicy::new(key).name("auth").secure(false); //~ insecure-cookie
}

// A cookie passed in from elsewhere.
pub fn downgrade(cookie: &mut Cookie<'static>) {
    cookie.set_http_only(false); //~ insecure-cookie
}

// The cookie crate directly.
pub fn plain_cookie_crate(token: String) -> cookie::Cookie<'static> {
    cookie::Cookie::build(("remember_me", token)).http_only(true).build() //~ insecure-cookie
}

// A login cookie with HttpOnly but no Secure.
pub const AUTH_COOKIE_NAME: &str = "auth";
pub fn login_cookie(jar: CookieJar, token: String) -> CookieJar {
    let cookie = Cookie::build((AUTH_COOKIE_NAME, token)) //~ insecure-cookie[medium]
        .path("/")
        .http_only(true)
        .build();
    jar.add(cookie)
}
