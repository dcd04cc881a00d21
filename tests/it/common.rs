//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary (output is not a terminal: no color, no progress bar),
/// with a clean environment
/// for the variables that change its behaviour.
///
/// `CARGO_HOME` points nowhere, so a RustSec advisory database in the
/// developer's `~/.cargo/advisory-db` never changes what the tests see
/// (tests that audit pass `--advisory-db`).
pub(crate) fn sast() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cargo-sast"));
    c.env_remove("NO_COLOR").env_remove("CARGO").env("CARGO_HOME", NO_CARGO_HOME);
    c
}

/// `unwrap-used` is off by default: tests that take an unwrap as their
/// sample finding turn it on with these arguments.
pub(crate) const UNWRAPS: [&str; 2] = ["--extend-select", "unwrap-used"];

/// The `CARGO_HOME` the tests run with: it does not exist.
pub(crate) const NO_CARGO_HOME: &str = "/nonexistent-cargo-home";

/// The advisory database fixture.
pub(crate) fn fixture_db() -> PathBuf {
    root().join("testdata/advisory-db")
}

/// A temporary copy of `testdata/workspaces/audit/ws` (outside the git repository).
pub(crate) fn audit_ws_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/audit/ws"), dir.path());
    dir
}

/// Copy a directory tree (for scanning sample workspaces outside the git
/// repository, so paths and config lookup do not depend on the checkout).
/// `target/` directories are build output (and analysis caches left by
/// scans of the checkout), never part of a sample: not copied.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    let walk = walkdir::WalkDir::new(from).into_iter().filter_entry(|e| e.depth() == 0 || e.file_name() != "target");
    for e in walk.filter_map(Result::ok) {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of `testdata/workspaces/demo`.
pub(crate) fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/demo"), dir.path());
    dir
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// Write files into a directory: `(relative path, contents)`.
pub(crate) fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (p, c) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, c).unwrap();
    }
}

/// The `shared` directory beside the repository (`../shared`), found from
/// the nearest ancestor that has one, so a git worktree nested one level
/// deeper finds it too.
pub(crate) fn shared_dir() -> PathBuf {
    let root = root();
    root.ancestors()
        .skip(1)
        .map(|d| d.join("shared"))
        .find(|d| d.join("schemas").is_dir())
        .unwrap_or_else(|| root.join("../shared"))
}

/// Validate SARIF against the OASIS 2.1.0 schema shipped in ../shared, and
/// with GitHub's ingestion rules (`validate-sarif`): every kind of SARIF
/// log the tests produce goes through both (a second log of the same shape
/// in one test, through the schema only).
pub(crate) fn assert_sarif_schema_valid(sarif: &serde_json::Value) {
    assert_sarif_matches_schema(sarif);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.sarif");
    std::fs::write(&file, serde_json::to_vec_pretty(sarif).unwrap()).unwrap();
    assert_validate_sarif(&file);
}

/// [`assert_sarif_schema_valid`] for a log on disk: GitHub's ingestion
/// rules judge the file's own bytes (what a user uploads); its value.
pub(crate) fn assert_sarif_file_valid(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_sarif_matches_schema(&sarif);
    assert_validate_sarif(path);
    sarif
}

/// Validate SARIF against the OASIS 2.1.0 schema only.
pub(crate) fn assert_sarif_matches_schema(sarif: &serde_json::Value) {
    let schema_path = shared_dir().join("schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&schema_path).unwrap_or_else(|e| panic!("{}: {e}", schema_path.display())),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not match the schema:\n{}", errors.join("\n"));
}

/// Run GitHub's ingestion checks (`../shared/tools/validate-sarif`): zero
/// errors, zero warnings. Skipped, loudly, only where npm is missing.
pub(crate) fn assert_validate_sarif(path: &Path) {
    let tool = shared_dir().join("tools/validate-sarif");
    // Asked once per test run (each `npm` start takes ~0.3 s).
    static HAS_NPM: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*HAS_NPM.get_or_init(|| std::process::Command::new("npm").arg("--version").output().is_ok()) {
        eprintln!("SKIPPED validate-sarif for {}: npm is not installed", path.display());
        return;
    }
    // The validator looks up json.schemastore.org and github.com, which a
    // CI machine cannot reach: each lookup waited 5 s for the resolver's
    // timeout (two thirds of a run). Failing them at once changes no
    // verdict (it never had the network) and makes each run 2 s, not 6.
    let run = || {
        std::process::Command::new("bash")
            .arg(&tool)
            .arg(path)
            .env("RES_OPTIONS", "timeout:0 attempts:1")
            .output()
            .expect("run validate-sarif")
    };
    // On a fresh machine the first call installs the validator from npm;
    // tests run in parallel, and a second call would execute the tool while
    // npm is still writing it ("Text file busy"). Until one call has
    // succeeded, calls take turns.
    static INSTALLED: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut installed = INSTALLED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let out = if *installed {
        drop(installed);
        run()
    } else {
        let out = run();
        *installed = out.status.success();
        out
    };
    assert!(
        out.status.success(),
        "validate-sarif failed for {}:\n{}{}",
        path.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run git in `dir` as a test user (no signing), asserting success.
pub(crate) fn git(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// Files named `MARKER_*` below `d`: left by something that should never
/// have run.
pub(crate) fn markers(d: &Path) -> Vec<String> {
    walkdir::WalkDir::new(d)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("MARKER_"))
        .map(|e| e.path().display().to_string())
        .collect()
}
