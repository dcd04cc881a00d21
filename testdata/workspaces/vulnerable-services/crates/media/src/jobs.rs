//! Transcoding jobs: ffmpeg and friends.
use std::io;
use std::path::Path;
use std::process::{Command, Output};

use crate::fsutil;
use crate::handlers::transcode::TranscodeJob;

pub fn transcode_shell(root: &Path, job: &TranscodeJob) -> io::Result<Output> {
    let cmdline = format!(
        "ffmpeg -y -i {}/{} -preset {} {}/out.mp4",
        root.display(),
        job.source,
        job.preset,
        root.display()
    );
    Command::new("sh").arg("-c").arg(&cmdline).output() // PLANTED: command-injection
}

pub fn transcode_quoted(root: &Path, job: &TranscodeJob) -> io::Result<Output> {
    let preset = match job.preset.as_str() {
        "fast" => "veryfast",
        "small" => "slow",
        _ => "medium",
    };
    let source = source_path(root, &job.source)?;
    let input = shlex::try_quote(&source.to_string_lossy()).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?.into_owned();
    Command::new("sh").arg("-c").arg(format!("ffmpeg -y -i {input} -preset {preset} out.mp4")).output() // FIXED: command-injection
}

/// Runs the job's probing tool on its source.
pub fn probe(job: &TranscodeJob) -> io::Result<Output> {
    let program = job.tool.as_deref().unwrap_or("ffprobe");
    Command::new(program).arg("-hide_banner").arg("input.mp4").output() // PLANTED: command-injection
}

pub fn probe_known(root: &Path, job: &TranscodeJob) -> io::Result<Output> {
    let program = match job.tool.as_deref() {
        Some("mediainfo") => "mediainfo",
        _ => "ffprobe",
    };
    let source = source_path(root, &job.source)?;
    Command::new(program).arg(&source).output() // FIXED: command-injection
}

fn source_path(root: &Path, source: &str) -> io::Result<std::path::PathBuf> {
    match fsutil::normal_components(source) {
        Some(relative) => Ok(root.join(relative)),
        None => Err(io::Error::new(io::ErrorKind::InvalidInput, "empty source path")),
    }
}
