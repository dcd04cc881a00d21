//! Phase timings for the performance benchmark (`--timings`, hidden; see
//! README "Developing"): how long each phase of a scan took and whether it
//! ran on one thread or on all of them, printed to stderr at the end. Off,
//! a mark costs one atomic load.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);
static LOG: Mutex<Log> = Mutex::new(Log { last: None, phases: Vec::new() });

struct Log {
    last: Option<Instant>,
    phases: Vec<(&'static str, bool, Duration)>,
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
    let mut l = log();
    let took = l.last.map_or(Duration::ZERO, |t| now - t);
    l.phases.push((name, parallel, took));
    l.last = Some(now);
}

/// The recorded phases as lines `timing <phase> <seconds> <serial|parallel>`
/// and a `timing total …` line (empty when timing is off).
pub(crate) fn render() -> String {
    if !ON.load(Ordering::Relaxed) {
        return String::new();
    }
    let l = log();
    let mut out = String::new();
    let mut total = Duration::ZERO;
    for (name, parallel, took) in &l.phases {
        total += *took;
        let kind = if *parallel { "parallel" } else { "serial" };
        out.push_str(&format!("timing {name} {:.4} {kind}\n", took.as_secs_f64()));
    }
    out.push_str(&format!("timing total {:.4}\n", total.as_secs_f64()));
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
        let r = render();
        let one = r.find("timing one ").expect("phase one");
        let two = r.find("timing two ").expect("phase two");
        assert!(one < two, "{r}");
        assert!(r.contains(" serial\n") && r.contains(" parallel\n") && r.ends_with('\n'));
        assert!(!r.contains("timing before "), "{r}");
    }
}
