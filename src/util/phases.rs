//! Phase timings for the performance benchmark (`--timings`, hidden; see
//! README "Developing"): how long each phase of a scan took and whether it
//! ran on one thread or on all of them, and the resident memory when it
//! ended (Linux: `VmRSS`; what the scan keeps across a phase is the
//! difference to `--parse-only`'s) and what the scan holds where it says
//! (`held`: the packed per-file results across the parallel phase; `count`:
//! how many functions and files the join holds and its questions read),
//! printed to stderr at the end. Off, a mark costs one atomic load.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);
static LOG: Mutex<Log> = Mutex::new(Log { last: None, phases: Vec::new(), figures: Vec::new() });

struct Log {
    last: Option<Instant>,
    phases: Vec<(&'static str, bool, Duration, Option<u64>)>,
    /// `held` and `count` figures, in the order recorded: (kind, what, value).
    figures: Vec<(&'static str, &'static str, u64)>,
}

fn log() -> std::sync::MutexGuard<'static, Log> {
    LOG.lock().unwrap_or_else(|e| e.into_inner())
}

/// Start timing: the first phase starts now.
pub(crate) fn enable() {
    ON.store(true, Ordering::Relaxed);
    log().last = Some(Instant::now());
}

/// The phase `name` ended now (it began where the previous one ended);
/// `parallel` says whether it ran on the worker threads.
pub(crate) fn mark(name: &'static str, parallel: bool) {
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    let now = Instant::now();
    let rss = resident_kib();
    let mut l = log();
    let took = l.last.map_or(Duration::ZERO, |t| now - t);
    l.phases.push((name, parallel, took, rss));
    l.last = Some(now);
}

/// What the scan holds at this point, in bytes, under `what` (`bytes` is
/// only called when timing is on).
pub(crate) fn held(what: &'static str, bytes: impl FnOnce() -> u64) {
    figure("held", what, bytes);
}

/// How many `what` the scan had or did (`n` is only called when timing
/// is on): the join's functions and those its questions read, …
pub(crate) fn count(what: &'static str, n: impl FnOnce() -> u64) {
    figure("count", what, n);
}

/// A line `<kind> <what> <value>` of the rendering (`value` is only
/// called when timing is on).
fn figure(kind: &'static str, what: &'static str, value: impl FnOnce() -> u64) {
    if ON.load(Ordering::Relaxed) {
        let v = value();
        log().figures.push((kind, what, v));
    }
}

/// The process's resident memory in KiB (`VmRSS` of /proc/self/status;
/// `None` where there is none).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()
}

/// The recorded phases as lines `timing <phase> <seconds> <serial|parallel>`
/// (each followed by `memory <phase> <KiB resident at its end>` where that
/// is known) and a `timing total …` line (empty when timing is off).
pub(crate) fn render() -> String {
    if !ON.load(Ordering::Relaxed) {
        return String::new();
    }
    let l = log();
    let mut out = String::new();
    let mut total = Duration::ZERO;
    for (name, parallel, took, rss) in &l.phases {
        total += *took;
        let kind = if *parallel { "parallel" } else { "serial" };
        out.push_str(&format!("timing {name} {:.4} {kind}\n", took.as_secs_f64()));
        if let Some(kib) = rss {
            out.push_str(&format!("memory {name} {kib}\n"));
        }
    }
    out.push_str(&format!("timing total {:.4}\n", total.as_secs_f64()));
    for (kind, what, v) in &l.figures {
        out.push_str(&format!("{kind} {what} {v}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_recorded_in_order_once_enabled() {
        mark("before", false);
        assert!(render().is_empty() || render().contains("timing total"));
        enable();
        mark("one", false);
        mark("two", true);
        held("things", || 42);
        count("widgets", || 7);
        let r = render();
        assert!(r.contains("held things 42\n"), "{r}");
        assert!(r.contains("count widgets 7\n"), "{r}");
        let one = r.find("timing one ").expect("phase one");
        let two = r.find("timing two ").expect("phase two");
        assert!(one < two, "{r}");
        assert!(r.contains(" serial\n") && r.contains(" parallel\n") && r.ends_with('\n'));
        assert!(!r.contains("timing before "), "{r}");
    }
}
