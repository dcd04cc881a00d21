//! An echo service (audit fixture).

use hyper::body::to_bytes as read_all;
use hyper::{Body, Response};

pub async fn echo(req: Upload) -> Result<Response<Body>, hyper::Error> {
    let bytes = read_all(req.into_body()).await?;
    Ok(Response::new(Body::from(bytes)))
}

fn main() {}

/// A body a size-limiting front end already accepted (not request data for
/// the data-flow rules: the fixture is about the advisory's reachability).
pub struct Upload(Body);

impl Upload {
    pub fn into_body(self) -> Body {
        self.0
    }
}
