//! The one progress bar (scan and unsafe inventory).

use std::io::IsTerminal;

/// A progress bar on stderr for long scans (500 files or more), shown only
/// on a terminal and, as cargo does, never when `CI` is set or `TERM=dumb`:
/// CI logs and pipes get none.
pub(crate) fn progress_bar(enabled: bool, files: usize) -> Option<indicatif::ProgressBar> {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if !enabled
        || files < 500
        || !std::io::stderr().is_terminal()
        || set("CI")
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
    {
        return None;
    }
    let pb = indicatif::ProgressBar::new(files as u64);
    let style =
        indicatif::ProgressStyle::with_template("{spinner} scanning {pos}/{len} files {wide_bar} {eta}").ok()?;
    pb.set_style(style);
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(10));
    Some(pb)
}
