//! Diff mode (`--diff <git-ref>`): which lines were added or changed since a
//! git ref, so a pull-request check reports only what the change added.
//!
//! `git` runs locally, never fetches, and is hardened against configuration
//! in the scanned repository that would make it run programs: no fsmonitor,
//! no hooks, no external diff or textconv drivers, no pager.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};

/// Lines (1-based, inclusive ranges) added or changed per file, plus files
/// that are new altogether.
#[derive(Debug, Default, Clone)]
pub struct ChangedLines {
    pub ranges: HashMap<String, Vec<(u32, u32)>>,
    pub whole_files: HashSet<String>,
}

impl ChangedLines {
    pub fn contains(&self, path: &str, line: u32) -> bool {
        self.whole_files.contains(path)
            || self.ranges.get(path).is_some_and(|rs| rs.iter().any(|&(s, e)| s <= line && line <= e))
    }
}

pub(crate) fn git(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "diff.external=",
            "-c",
            "core.pager=cat",
            "-c",
            "core.quotePath=false",
            "--no-pager",
        ])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_EXTERNAL_DIFF")
        .stdin(Stdio::null());
    c
}

pub(crate) fn run(mut c: Command) -> Result<Vec<u8>, String> {
    let out = c.output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err.lines().next().unwrap_or("git failed").trim().to_string());
    }
    Ok(out.stdout)
}

/// Lines changed in the working tree of the repository at `root` since `reference`.
pub fn changed_since(root: &Path, reference: &str) -> Result<ChangedLines, String> {
    if reference.starts_with('-') || reference.is_empty() {
        return Err(format!("`{reference}` is not a git revision"));
    }
    let mut verify = git(root);
    verify.args(["rev-parse", "--verify", "--quiet", "--end-of-options"]).arg(format!("{reference}^{{commit}}"));
    run(verify).map_err(|_| format!("`{reference}` is not a commit in the git repository at {}", root.display()))?;

    let mut diff = git(root);
    diff.args(["diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", "-M", reference, "--"]);
    let text = run(diff)?;
    let mut changed = parse_unified_diff(&String::from_utf8_lossy(&text));

    let mut untracked = git(root);
    untracked.args(["ls-files", "--others", "--exclude-standard", "-z"]);
    for p in run(untracked)?.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        changed.whole_files.insert(String::from_utf8_lossy(p).into_owned());
    }
    Ok(changed)
}

/// Parse `git diff --unified=0` output.
pub fn parse_unified_diff(text: &str) -> ChangedLines {
    let mut out = ChangedLines::default();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("+++ ") {
            current = if rest == "/dev/null" {
                None
            } else {
                let p = unquote(rest);
                Some(p.strip_prefix("b/").unwrap_or(&p).to_string())
            };
        } else if let Some(rest) = line.strip_prefix("@@ ") {
            let Some(file) = &current else { continue };
            // @@ -a,b +c,d @@
            let Some(plus) = rest.split(' ').find(|t| t.starts_with('+')) else { continue };
            let mut parts = plus[1..].splitn(2, ',');
            let start: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            if count > 0 && start > 0 {
                out.ranges.entry(file.clone()).or_default().push((start, start + count - 1));
            }
        }
    }
    out
}

/// Undo git's C-style quoting of unusual path names.
fn unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else { return s.to_string() };
    let mut bytes = Vec::new();
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = it.peek() {
                        v = v * 8 + u32::from(n - b'0');
                        it.next();
                    }
                }
                bytes.push(v as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks_renames_and_quoted_paths() {
        let d = "diff --git a/src/a.rs b/src/a.rs\n--- a/src/a.rs\n+++ b/src/a.rs\n@@ -3,0 +4,2 @@ fn f\n+x\n+y\n@@ -10 +12 @@\n-a\n+b\n@@ -20,2 +21,0 @@\n-gone\n\
                 diff --git a/old.rs b/new.rs\n--- a/old.rs\n+++ b/new.rs\n@@ -1 +1 @@\n-a\n+b\n\
                 --- a/del.rs\n+++ /dev/null\n@@ -1,3 +0,0 @@\n\
                 --- a/\"sp\\303\\251cial.rs\"\n+++ \"b/sp\\303\\251cial.rs\"\n@@ -0,0 +1 @@\n+x\n";
        let c = parse_unified_diff(d);
        assert_eq!(c.ranges["src/a.rs"], vec![(4, 5), (12, 12)]);
        assert!(c.contains("src/a.rs", 5) && !c.contains("src/a.rs", 6) && !c.contains("src/a.rs", 21));
        assert!(c.contains("new.rs", 1));
        assert!(c.contains("spécial.rs", 1), "{:?}", c.ranges);
        assert!(!c.ranges.contains_key("del.rs"));
    }
}
