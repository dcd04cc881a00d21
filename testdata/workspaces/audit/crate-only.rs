//! An echo service (audit fixture) that uses hyper, but not the affected
//! functions: `hyper::body::to_bytes` is only named in this comment.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Response<Body>, hyper::Error> {
    let len = req.headers().len();
    Ok(Response::new(Body::from(format!("{len} headers"))))
}

fn main() {}
