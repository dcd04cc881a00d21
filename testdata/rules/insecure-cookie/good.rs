use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub fn login(jar: CookieJar, id: String) -> CookieJar {
    let cookie = Cookie::build(("session", id)).secure(true).http_only(true).same_site(SameSite::Lax).build();
    jar.add(cookie)
}

pub fn set_later(jar: CookieJar, id: String) -> CookieJar {
    let mut c = Cookie::new("sid", id);
    c.set_secure(true);
    c.set_http_only(true);
    jar.add(c)
}

// Settings from configuration count as set.
pub fn configured(jar: CookieJar, id: String, secure: bool) -> CookieJar {
    jar.add(Cookie::build(("session", id)).secure(secure).http_only(true))
}

// Non-session cookies without attributes: not reported.
pub fn theme(jar: CookieJar) -> CookieJar {
    jar.add(Cookie::new("theme", "dark"))
}

// A CSRF token cookie must be readable by scripts (double submit).
pub fn csrf(jar: CookieJar, t: String) -> CookieJar {
    jar.add(Cookie::build(("csrf_token", t)).secure(true).http_only(false))
}

// SameSite=None with Secure is the correct cross-site setup.
pub fn cross_site(jar: CookieJar, v: String) -> CookieJar {
    jar.add(Cookie::build(("widget", v)).same_site(SameSite::None).secure(true))
}

// Rocket sets HttpOnly and Secure by default.
pub fn rocket_cookie(jar: &rocket::http::CookieJar<'_>, id: String) {
    jar.add(rocket::http::Cookie::new("session", id));
}

// A helper returning a builder: the caller finishes it.
pub fn base_cookie(name: &'static str, v: String) -> axum_extra::extract::cookie::CookieBuilder<'static> {
    Cookie::build((name, v)).path("/")
}

pub fn sessions(store: tower_sessions::MemoryStore) {
    let _layer = tower_sessions::SessionManagerLayer::new(store).with_secure(true).with_http_only(true);
}

// An unrelated `secure(false)` builder.
pub fn ws(b: websocket::ClientBuilder) -> websocket::ClientBuilder {
    b.secure(false)
}

// Logging out: cookies built only to delete the browser's copy.
pub fn logout(jar: CookieJar) -> CookieJar {
    let jar = jar.remove(Cookie::from("session"));
    let jar = jar.remove(Cookie::new("sid", ""));
    jar.add(Cookie::build(("auth_token", "")).removal().build())
}

pub const AUTH_COOKIE_NAME: &str = "auth";
pub fn logout_by_name(jar: CookieJar) -> CookieJar {
    let cookie = Cookie::build(AUTH_COOKIE_NAME).path("/").build();
    jar.remove(cookie)
}
