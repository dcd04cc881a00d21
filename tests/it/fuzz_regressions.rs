//! Replays `testdata/fuzz-regressions/`: a sample, across sizes, of the
//! `analyze_bytes` fuzzing corpus (add any input that ever finds a
//! problem), each through the fuzzers' own harness (`fuzz/src/lib.rs`):
//! every rule, test code reported, every report format. None may panic.

use std::path::PathBuf;

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code, unreachable_pub)]
mod harness;

#[test]
fn fuzz_inputs_never_panic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/fuzz-regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(inputs.len() >= 200, "{} inputs", inputs.len());
    let mut failed = Vec::new();
    for p in &inputs {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
        if std::panic::catch_unwind(|| harness::check(&text)).is_err() {
            failed.push(p.display().to_string());
        }
    }
    assert!(failed.is_empty(), "panicked on:\n{}", failed.join("\n"));
}
