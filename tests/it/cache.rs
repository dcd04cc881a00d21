//! The on-disk cache, end to end: a warm run reports exactly what a cold
//! one does, edits and setting changes are seen, damage is ignored, and
//! `--no-cache` / `--cache-dir` do what they say.

use std::path::Path;

use crate::common::*;

fn scan_json(dir: &Path, extra: &[&str]) -> String {
    let o = sast().current_dir(dir).args(["--format", "json", "--no-deps-audit"]).args(extra).output().unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    stdout(&o)
}

fn human_summary(dir: &Path, extra: &[&str]) -> String {
    let o = sast().current_dir(dir).args(["--no-deps-audit"]).args(extra).output().unwrap();
    stdout(&o).lines().find(|l| l.starts_with("Scanned")).unwrap_or_default().to_string()
}

fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("facts-")))
                .collect()
        })
        .unwrap_or_default()
}

/// A copy of the cross-file command-injection fixture, and a cache dir.
fn cross_file_workspace() -> (tempfile::TempDir, tempfile::TempDir) {
    let ws = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/rules/command-injection/cross_file"), ws.path());
    (ws, tempfile::tempdir().unwrap())
}

#[test]
fn warm_runs_report_exactly_what_cold_runs_do() {
    let ws = demo_copy();
    let cold = scan_json(ws.path(), &[]);
    let dir = ws.path().join("target/sast-cache");
    assert_eq!(cache_files(&dir).len(), 1, "the cache lives in the workspace's target/");
    assert!(dir.join("CACHEDIR.TAG").is_file());
    assert_eq!(std::fs::read_to_string(dir.join(".gitignore")).unwrap().lines().last(), Some("*"));
    let warm = scan_json(ws.path(), &[]);
    assert_eq!(warm, cold);
    // Every file came from the cache.
    let summary = human_summary(ws.path(), &[]);
    let scanned: usize = summary.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(summary.ends_with(&format!("({scanned} from the cache)")), "{summary}");
    // SARIF (line hashes on) has its own cache file and the same results as without a cache.
    let sarif = |extra: &[&str]| {
        let o = sast().current_dir(ws.path()).args(["-f", "sarif", "--no-deps-audit"]).args(extra).output().unwrap();
        let mut j = json(&o);
        j["runs"][0]["invocations"] = serde_json::Value::Null;
        j
    };
    let a = sarif(&[]);
    assert_eq!(cache_files(&dir).len(), 2);
    assert_eq!(sarif(&[]), a);
    assert_eq!(sarif(&["--no-cache"]), a);
}

#[test]
fn an_edit_is_seen_and_only_that_file_is_analysed_again() {
    let ws = demo_copy();
    scan_json(ws.path(), &UNWRAPS);
    let lib = ws.path().join("vault/src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).unwrap();
    text.push_str("\npub fn added_by_the_test(v: Option<u8>) -> u8 {\n    v.unwrap()\n}\n");
    std::fs::write(&lib, text).unwrap();
    let warm = scan_json(ws.path(), &UNWRAPS);
    let cold = scan_json(ws.path(), &["--no-cache", UNWRAPS[0], UNWRAPS[1]]);
    assert_eq!(warm, cold);
    let j: serde_json::Value = serde_json::from_str(&warm).unwrap();
    let line = std::fs::read_to_string(&lib).unwrap().lines().position(|l| l.contains("v.unwrap()")).unwrap() + 1;
    assert!(
        j["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "unwrap-used"
            && f["location"]["path"] == "vault/src/lib.rs"
            && f["location"]["start"]["line"] == line),
        "{warm}"
    );
    // One file changed: all others are hits.
    let summary = human_summary(ws.path(), &UNWRAPS);
    let scanned: usize = summary.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(summary.ends_with(&format!("({scanned} from the cache)")), "{summary}");
    std::fs::write(&lib, std::fs::read_to_string(&lib).unwrap() + "\n// touched\n").unwrap();
    let summary = human_summary(ws.path(), &UNWRAPS);
    assert!(summary.ends_with(&format!("({} from the cache)", scanned - 1)), "{summary}");
}

#[test]
fn changed_settings_never_reuse_results() {
    let ws = demo_copy();
    let all = scan_json(ws.path(), &[]);
    let only = scan_json(ws.path(), &["--select", "unwrap-used"]);
    let j: serde_json::Value = serde_json::from_str(&only).unwrap();
    let rules: std::collections::BTreeSet<&str> =
        j["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["unwrap-used"]);
    // A config file that changes a rule's severity.
    std::fs::write(
        ws.path().join("sast.toml"),
        "extend-select = [\"unwrap-used\"]\n[rule.unwrap-used]\nseverity = \"critical\"\n",
    )
    .unwrap();
    let j: serde_json::Value = serde_json::from_str(&scan_json(ws.path(), &[])).unwrap();
    let sev: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unwrap-used")
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert!(!sev.is_empty() && sev.iter().all(|s| *s == "critical"), "{sev:?}");
    std::fs::remove_file(ws.path().join("sast.toml")).unwrap();
    assert_eq!(scan_json(ws.path(), &[]), all);
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced() {
    let ws = demo_copy();
    let cold = scan_json(ws.path(), &[]);
    let dir = ws.path().join("target/sast-cache");
    let file = cache_files(&dir).pop().unwrap();
    let bytes = std::fs::read(&file).unwrap();
    // Flip one byte in the middle of every 97: checksums fail, entries miss.
    let flipped: Vec<u8> = bytes.iter().enumerate().map(|(i, b)| if i % 97 == 50 { b ^ 0x5a } else { *b }).collect();
    std::fs::write(&file, &flipped).unwrap();
    assert_eq!(scan_json(ws.path(), &[]), cold);
    std::fs::write(&file, &bytes[..bytes.len() / 3]).unwrap();
    assert_eq!(scan_json(ws.path(), &[]), cold);
    std::fs::write(&file, b"garbage").unwrap();
    assert_eq!(scan_json(ws.path(), &[]), cold);
    // The last run rewrote it whole.
    assert!(std::fs::metadata(&file).unwrap().len() > 1000);
    assert_eq!(scan_json(ws.path(), &[]), cold);
}

#[test]
fn no_cache_writes_nothing_and_cache_dir_moves_it() {
    let ws = demo_copy();
    scan_json(ws.path(), &["--no-cache"]);
    assert!(!ws.path().join("target").exists());
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = elsewhere.path().join("c");
    scan_json(ws.path(), &["--cache-dir", dir.to_str().unwrap()]);
    assert_eq!(cache_files(&dir).len(), 1);
    assert!(!ws.path().join("target").exists());
    // An unwritable place is a note, not a failure.
    let blocker = elsewhere.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let o = sast()
        .current_dir(ws.path())
        .args(["--format", "json", "--no-deps-audit", "--cache-dir"])
        .arg(blocker.join("sub"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert!(j["notifications"].as_array().unwrap().iter().any(|n| n["kind"] == "cache-not-written"), "{j:#}");
}

/// The cross-file join's result is kept (`join-*.bin`) and reused only when
/// every file it read is unchanged: an edit to the file holding the source
/// of a flow whose sink is in another file (no finding of its own) must
/// change the result, and a damaged join file is a miss.
#[test]
fn the_join_is_reused_only_when_nothing_it_read_changed() {
    let (ws, cache) = cross_file_workspace();
    let dir = cache.path().join("c");
    let args = ["--cache-dir", dir.to_str().unwrap()];
    let rules = |json: &str| -> Vec<String> {
        let j: serde_json::Value = serde_json::from_str(json).unwrap();
        j["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    let cold = scan_json(ws.path(), &args);
    assert!(rules(&cold).iter().any(|r| r == "command-injection"), "{cold}");
    let join_file = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("join-")))
    };
    let file = join_file().expect("the join's result is kept");
    assert_eq!(scan_json(ws.path(), &args), cold);
    // Damage: the join runs again, with the same result.
    let bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    let mut flipped = bytes.clone();
    flipped[last] ^= 0x5a;
    std::fs::write(&file, &flipped).unwrap();
    assert_eq!(scan_json(ws.path(), &args), cold);
    std::fs::write(&file, b"cargo-sast join cache v1\n").unwrap();
    assert_eq!(scan_json(ws.path(), &args), cold);
    // The source's file no longer passes request data: the flow is gone.
    let handlers = ws.path().join("src/handlers.rs");
    let text = std::fs::read_to_string(&handlers).unwrap().replace("shell::probe(&host)", "shell::probe(\"x\")");
    std::fs::write(&handlers, text).unwrap();
    let warm = scan_json(ws.path(), &args);
    assert_eq!(warm, scan_json(ws.path(), &["--no-cache"]));
    assert!(!rules(&warm).iter().any(|r| r == "command-injection"), "{warm}");
}

/// The join's key is what the join reads, not the files' bytes: an edit
/// that changes no summary (a comment) keeps the join's result — its file
/// is not even rewritten — while an edit that moves a step of a cross-file
/// flow (a line inserted in the file holding the source, which has no
/// finding of its own) runs the join again: the flow's steps move with it.
#[test]
fn the_join_outlives_edits_it_cannot_see_and_no_other() {
    let (ws, cache) = cross_file_workspace();
    let dir = cache.path().join("c");
    let args = ["--cache-dir", dir.to_str().unwrap()];
    let cold = scan_json(ws.path(), &args);
    let join_file = || {
        let p = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("join-")))
            .expect("the join's result is kept");
        std::fs::read(p).unwrap()
    };
    let kept = join_file();
    let shell = ws.path().join("src/shell.rs");
    let mut text = std::fs::read_to_string(&shell).unwrap();
    text.push_str("\n// a comment changes no summary\n");
    std::fs::write(&shell, &text).unwrap();
    assert_eq!(scan_json(ws.path(), &args), cold);
    assert_eq!(join_file(), kept, "a comment must not run the join again");
    let handlers = ws.path().join("src/handlers.rs");
    let text = std::fs::read_to_string(&handlers).unwrap();
    std::fs::write(&handlers, format!("\n\n{text}")).unwrap();
    let moved = scan_json(ws.path(), &args);
    assert_eq!(moved, scan_json(ws.path(), &["--no-cache"]));
    assert_ne!(moved, cold, "the flow's step in handlers.rs moved two lines down");
    assert_ne!(join_file(), kept);
}

/// The warm path trusts a file's metadata (size, times, inode) only when
/// it had settled before the run that recorded it, and the change time is
/// part of it: an edit that keeps the size and puts the modification time
/// back is still seen.
#[test]
fn an_edit_that_keeps_size_and_modification_time_is_seen() {
    let (ws, cache) = cross_file_workspace();
    let dir = cache.path().join("c");
    let args = ["--cache-dir", dir.to_str().unwrap()];
    // Older than the settling time: these stamps are recorded.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let cold = scan_json(ws.path(), &args);
    assert!(cold.contains("command-injection"), "{cold}");
    let stat_file = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("stat-"))
        .expect("the files' stamps are kept")
        .path();
    assert!(std::fs::metadata(&stat_file).unwrap().len() > 100);
    assert_eq!(scan_json(ws.path(), &args), cold);
    let handlers = ws.path().join("src/handlers.rs");
    let before = std::fs::metadata(&handlers).unwrap();
    let text = std::fs::read_to_string(&handlers).unwrap();
    let edited = text.replace("shell::probe(&host)", "shell::probe(\"xyz\")");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&handlers, edited).unwrap();
    let f = std::fs::File::options().write(true).open(&handlers).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
    drop(f);
    let after = std::fs::metadata(&handlers).unwrap();
    assert_eq!((after.len(), after.modified().unwrap()), (before.len(), before.modified().unwrap()));
    let warm = scan_json(ws.path(), &args);
    assert_eq!(warm, scan_json(ws.path(), &["--no-cache"]));
    assert!(!warm.contains("\"command-injection\""), "{warm}");
    // A damaged stamp file is a slower run, nothing else.
    std::fs::write(&stat_file, b"cargo-sast stat cache v1\nxxxxxxxxyyyy").unwrap();
    assert_eq!(scan_json(ws.path(), &args), warm);
}
