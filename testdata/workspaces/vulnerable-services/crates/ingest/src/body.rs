use http_body_util::{BodyExt, Limited};
use hyper::body::{Bytes, Incoming};

use crate::router::HttpError;

/// Largest request body accepted.
pub const MAX_BODY: usize = 1024 * 1024;

/// The whole body, up to `MAX_BODY` bytes.
pub async fn read_limited(body: Incoming) -> Result<Bytes, HttpError> {
    let collected = Limited::new(body, MAX_BODY).collect().await.map_err(|_| HttpError::too_large())?; // FIXED: uncontrolled-allocation
    Ok(collected.to_bytes())
}
