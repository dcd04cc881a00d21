use hyper::body::Incoming;
use hyper::{Request, StatusCode};

use crate::body;
use crate::codec;
use crate::router::{plain, HttpError, HttpResponse};

/// POST /frames: length-prefixed binary frames.
pub async fn upload(req: Request<Incoming>) -> Result<HttpResponse, HttpError> {
    let bytes = body::read_limited(req.into_body()).await?;
    let frames = codec::decode_frames(&bytes).map_err(|_| HttpError::bad_request())?;
    Ok(plain(StatusCode::OK, format!("{} frames", frames.len())))
}

/// POST /v2/frames
pub async fn upload_v2(req: Request<Incoming>) -> Result<HttpResponse, HttpError> {
    let bytes = body::read_limited(req.into_body()).await?;
    let frames = codec::decode_frames_v2(&bytes).map_err(|_| HttpError::bad_request())?;
    Ok(plain(StatusCode::OK, format!("{} frames", frames.len())))
}
