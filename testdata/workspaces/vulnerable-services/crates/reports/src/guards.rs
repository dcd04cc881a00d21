//! Request guards: who is asking.
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

/// The tenant named by the `X-Tenant` header.
pub struct Tenant<'r>(pub &'r str);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Tenant<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match req.headers().get_one("x-tenant") {
            Some(name) if !name.is_empty() => Outcome::Success(Tenant(name)),
            _ => Outcome::Error((Status::BadRequest, ())),
        }
    }
}

/// The numeric tenant id of the `X-Tenant-Id` header.
pub struct TenantId(pub u32);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for TenantId {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match req.headers().get_one("x-tenant-id").and_then(|v| v.parse::<u32>().ok()) {
            Some(id) => Outcome::Success(TenantId(id)),
            None => Outcome::Error((Status::BadRequest, ())),
        }
    }
}
