pub mod assets;
pub mod avatars;
pub mod pages;
pub mod proxy;

/// Any failure to reach or read an upstream service.
#[derive(Debug)]
pub struct UpstreamFailed;

impl warp::reject::Reject for UpstreamFailed {}
