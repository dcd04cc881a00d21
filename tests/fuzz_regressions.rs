//! Replays `testdata/fuzz-regressions/`: inputs from the `analyze_bytes`
//! fuzzing campaigns (a sample of the coverage corpus across sizes, plus any
//! input that ever found a problem), each through every rule, test code
//! reported, and every report format, as `fuzz/src/lib.rs` runs them. None
//! may panic.

use std::path::PathBuf;

use cargo_sast::config::Config;
use cargo_sast::report;
use cargo_sast::syntax::FileKind;

fn check(text: &str) {
    let config = Config {
        select: Some(vec!["all".into()]),
        test_code: Some(cargo_sast::rules::TestPolicy::Report),
        ..Default::default()
    };
    let outcome = cargo_sast::scan::scan_source("fuzz.rs", text, FileKind::Lib, false, &config);
    let mut sink = Vec::new();
    let _ = report::human::write(&outcome, report::human::HumanOptions::default(), &mut sink);
    let _ = report::json::write(&outcome, &mut sink);
    let _ = report::sarif::write(&outcome, &mut sink);
    let _ = report::github::write(&outcome, &mut sink);
    let _ = report::gitlab::write(&outcome, &mut sink);
}

#[test]
fn fuzz_inputs_never_panic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/fuzz-regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(inputs.len() >= 200, "{} inputs", inputs.len());
    // Like the scanner's workers: a large stack.
    let worker = std::thread::Builder::new().stack_size(cargo_sast::scan::WORKER_STACK).spawn(move || {
        let mut failed = Vec::new();
        for p in &inputs {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            if std::panic::catch_unwind(|| check(&text)).is_err() {
                failed.push(p.display().to_string());
            }
        }
        failed
    });
    let failed = worker.unwrap().join().unwrap();
    assert!(failed.is_empty(), "panicked on:\n{}", failed.join("\n"));
}
