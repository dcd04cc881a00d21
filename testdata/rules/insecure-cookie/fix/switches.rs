// Every switch the finding reports as off is turned on; attributes a
// builder lacks are added after its constructor; `Cookie::new` has no
// builder chain to add to and gets no fix.
use actix_web::cookie::{Cookie as ActixCookie, SameSite};
use axum_extra::extract::cookie::{Cookie, CookieJar};

pub fn axum_login(jar: CookieJar, id: String) -> CookieJar {
    jar.add(Cookie::build(("session", id)).secure(false).http_only(false).build())
}

pub fn missing(jar: CookieJar, id: String) -> CookieJar {
    jar.add(Cookie::build(("session_id", id)).path("/").build())
}

pub fn cross_site(value: String) -> ActixCookie<'static> {
    ActixCookie::build("widget", value).same_site(SameSite::None).finish()
}

pub fn no_builder(jar: CookieJar, token: String) -> CookieJar {
    jar.add(Cookie::new("auth_token", token))
}

pub fn middleware(key: actix_web::cookie::Key) {
    let _ = actix_session::SessionMiddleware::builder(actix_session::storage::CookieSessionStore::default(), key)
        .cookie_secure(false)
        .build();
}
