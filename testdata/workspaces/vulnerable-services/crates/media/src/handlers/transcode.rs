use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::config::MediaConfig;
use crate::jobs;

#[derive(Deserialize)]
pub struct TranscodeJob {
    /// The source video, relative to the library root.
    pub source: String,
    /// An encoder preset name (`fast`, `small`, …).
    pub preset: String,
    /// The probing tool to use, if not the default.
    pub tool: Option<String>,
}

/// POST /transcode
pub async fn transcode(cfg: web::Data<MediaConfig>, job: web::Json<TranscodeJob>) -> HttpResponse {
    let job = job.into_inner();
    let outcome = web::block(move || {
        jobs::probe(&job)?;
        jobs::transcode_shell(&cfg.library_root, &job)
    })
    .await;
    match outcome {
        Ok(Ok(out)) if out.status.success() => HttpResponse::Accepted().finish(),
        _ => HttpResponse::InternalServerError().finish(),
    }
}

/// POST /transcode/v2
pub async fn transcode_v2(cfg: web::Data<MediaConfig>, job: web::Json<TranscodeJob>) -> HttpResponse {
    let job = job.into_inner();
    let outcome = web::block(move || {
        jobs::probe_known(&cfg.library_root, &job)?;
        jobs::transcode_quoted(&cfg.library_root, &job)
    })
    .await;
    match outcome {
        Ok(Ok(out)) if out.status.success() => HttpResponse::Accepted().finish(),
        _ => HttpResponse::InternalServerError().finish(),
    }
}
