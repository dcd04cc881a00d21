//! An echo service (audit fixture).

use hyper::body::to_bytes as read_all;
use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Response<Body>, hyper::Error> {
    let bytes = read_all(req.into_body()).await?;
    Ok(Response::new(Body::from(bytes)))
}

fn main() {}
