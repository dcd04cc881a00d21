//! The real-world precision benchmark's report (run it through
//! `benches/realworld/run.sh`, which fetches the crates first).
//!
//! `realworld list CRATES_TOML` prints `name version sha256` per crate, for
//! the fetch. `realworld report --bin BIN --src DIR …` scans each unpacked
//! crate with BIN at default settings, counts its code lines, matches the
//! findings against the answer key and prints per-crate and per-rule
//! figures and the targets. See benches/realworld/README.md.

mod lines;
mod table;
mod triage;

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;
use triage::{Finding, Key};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrateList {
    #[serde(rename = "crate")]
    crates: Vec<CrateEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrateEntry {
    name: String,
    version: String,
    sha256: String,
    #[serde(default)]
    #[allow(dead_code)]
    what: String,
}

/// What one crate's scan gave.
pub struct CrateRun {
    pub name: String,
    pub files: usize,
    pub code_lines: usize,
    pub seconds: f64,
}

struct Args {
    bin: PathBuf,
    crates: PathBuf,
    triage: PathBuf,
    src: PathBuf,
    untriaged: Option<PathBuf>,
    runs: usize,
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("realworld: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(argv: Vec<String>) -> Result<(), String> {
    match argv.first().map(String::as_str) {
        Some("list") => {
            let path = argv.get(1).ok_or("usage: realworld list CRATES_TOML")?;
            for c in load_crates(Path::new(path))? {
                println!("{} {} {}", c.name, c.version, c.sha256);
            }
            Ok(())
        }
        Some("report") => report(&parse_args(&argv[1..])?),
        _ => Err("usage: realworld list CRATES_TOML | realworld report --bin BIN --crates FILE --triage FILE --src DIR [--untriaged FILE] [--runs N]".into()),
    }
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut args = Args {
        bin: PathBuf::new(),
        crates: PathBuf::new(),
        triage: PathBuf::new(),
        src: PathBuf::new(),
        untriaged: None,
        runs: 1,
    };
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--bin" => args.bin = PathBuf::from(value),
            "--crates" => args.crates = PathBuf::from(value),
            "--triage" => args.triage = PathBuf::from(value),
            "--src" => args.src = PathBuf::from(value),
            "--untriaged" => args.untriaged = Some(PathBuf::from(value)),
            "--runs" => args.runs = value.parse().map_err(|_| format!("--runs: not a number: {value}"))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    for (name, p) in
        [("--bin", &args.bin), ("--crates", &args.crates), ("--triage", &args.triage), ("--src", &args.src)]
    {
        if p.as_os_str().is_empty() {
            return Err(format!("{name} is required"));
        }
    }
    args.runs = args.runs.max(1);
    Ok(args)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn load_crates(path: &Path) -> Result<Vec<CrateEntry>, String> {
    let list: CrateList = toml::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(list.crates)
}

fn report(args: &Args) -> Result<(), String> {
    let crates = load_crates(&args.crates)?;
    let key: Key = toml::from_str(&read(&args.triage)?).map_err(|e| format!("{}: {e}", args.triage.display()))?;
    if let Some(e) = key.entries.iter().find(|e| e.reason.trim().is_empty()) {
        return Err(format!(
            "{}: the verdict on {} {}/{}:{} has no reason",
            args.triage.display(),
            e.rule,
            e.krate,
            e.file,
            e.line
        ));
    }
    let mut runs = Vec::new();
    let mut findings = Vec::new();
    for c in &crates {
        let dir = args.src.join(format!("{}-{}", c.name, c.version));
        if !dir.is_dir() {
            return Err(format!("{} is missing: run benches/realworld/run.sh to fetch it", dir.display()));
        }
        let (files, code_lines) = count_code(&dir)?;
        let (seconds, json) = scan(&args.bin, &dir, args.runs)?;
        let summary = &json["summary"];
        let seen = summary["files_scanned"].as_u64().unwrap_or(0) + summary["files_skipped"].as_u64().unwrap_or(0);
        if seen != files as u64 {
            eprintln!("note: {}: the tool read {seen} files, the line count covers {files} .rs files", c.name);
        }
        collect(&c.name, &dir, &json, &mut findings)?;
        runs.push(CrateRun { name: c.name.clone(), files, code_lines, seconds });
    }
    let stale = triage::assign(&key, &mut findings);
    triage::choose_samples(&key, &mut findings);
    println!("binary: {}", args.bin.display());
    println!(
        "answer key: {} verdicts; frequent rules judged on a sample of {} (seed {})",
        key.entries.len(),
        key.sample,
        key.seed
    );
    println!();
    table::print(&runs, &findings, &key);
    if !stale.is_empty() {
        println!();
        println!("{} verdicts of the key match no finding of this run (a rule no longer reports them)", stale.len());
    }
    if let Some(path) = &args.untriaged {
        table::write_untriaged(path, &findings, &key, &stale)?;
        eprintln!("untriaged findings written to {}", path.display());
    }
    Ok(())
}

/// The `.rs` files under `dir` the tool scans, walked as it walks them
/// (`.gitignore` files honoured, hidden entries, `target/` and nested
/// packages skipped): their number and code lines.
fn count_code(dir: &Path) -> Result<(usize, usize), String> {
    let mut files = 0;
    let mut code = 0;
    let mut walk = ignore::WalkBuilder::new(dir);
    walk.hidden(true).git_ignore(true).git_global(false).git_exclude(false).parents(false).require_git(false);
    walk.sort_by_file_name(|a, b| a.cmp(b));
    walk.filter_entry(|e| {
        let p = e.path();
        e.depth() == 0
            || !e.file_type().is_some_and(|t| t.is_dir())
            || !(e.file_name() == "target" || p.join("Cargo.toml").is_file())
    });
    for e in walk.build() {
        let e = e.map_err(|e| format!("{}: {e}", dir.display()))?;
        if e.file_type().is_some_and(|t| t.is_file()) && e.path().extension().is_some_and(|x| x == "rs") {
            files += 1;
            let bytes = std::fs::read(e.path()).map_err(|err| format!("{}: {err}", e.path().display()))?;
            code += lines::count(&String::from_utf8_lossy(&bytes));
        }
    }
    Ok((files, code))
}

/// Scans `dir` `runs` times; the median wall time and the last report.
fn scan(bin: &Path, dir: &Path, runs: usize) -> Result<(f64, serde_json::Value), String> {
    let mut times = Vec::new();
    let mut out = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let o = Command::new(bin)
            .current_dir(dir)
            .args([".", "-f", "json", "--no-cache", "--no-deps-audit", "--exit-zero", "--quiet", "--no-progress"])
            .output()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        times.push(start.elapsed().as_secs_f64());
        if !o.status.success() {
            return Err(format!(
                "{} on {} exited with {}: {}",
                bin.display(),
                dir.display(),
                o.status,
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        out = o.stdout;
    }
    times.sort_by(f64::total_cmp);
    let json = serde_json::from_slice(&out).map_err(|e| format!("{}: not a JSON report: {e}", dir.display()))?;
    Ok((times[times.len() / 2], json))
}

/// The run's reported (unsuppressed) findings of one crate.
fn collect(krate: &str, dir: &Path, json: &serde_json::Value, out: &mut Vec<Finding>) -> Result<(), String> {
    let list = json["findings"].as_array().ok_or_else(|| format!("{krate}: the report has no findings array"))?;
    for f in list {
        if !f["suppression"].is_null() {
            continue;
        }
        let loc = &f["location"];
        let file = loc["path"].as_str().unwrap_or_default().to_string();
        let line = loc["start"]["line"].as_u64().unwrap_or(0) as usize;
        let text = std::fs::read(dir.join(&file)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let code = text.lines().nth(line.saturating_sub(1)).map(triage::normalize).unwrap_or_default();
        out.push(Finding {
            rule: f["rule"].as_str().unwrap_or_default().to_string(),
            krate: krate.to_string(),
            file,
            line,
            col: loc["start"]["col"].as_u64().unwrap_or(0) as usize,
            code,
            message: f["message"].as_str().unwrap_or_default().to_string(),
            entry: None,
            judged: false,
        });
    }
    Ok(())
}
