//! Diff mode (`--diff <git-ref>`): which lines were added or changed since a
//! git ref, so a pull-request check reports only what the change added.
//!
//! Nothing the repository configures may run. `git diff` would run the
//! repository's clean and process filters (`.gitattributes` `filter=…`,
//! drivers in `.git/config`) on the working tree, so we do not ask git to
//! diff: git only names the base commit (`rev-parse`), lists its tree
//! (`ls-tree`) and hands over the raw bytes of its blobs (`cat-file
//! --batch`, which applies no filter, textconv or eol conversion unless
//! asked with `--filters`/`--textconv`). The working-tree files are read
//! by us, and the lines are compared in process (`similar`, Myers, with a
//! deadline). Every git command runs without a pager, fsmonitor, hooks or
//! lazy fetching of missing objects, with all network transports refused.
//!
//! A file the base tree does not have is new as a whole, unless it is a
//! rename: a file the base had and the working tree lost, with the same
//! extension and at least half its lines in common, is its base.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

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

/// Largest file compared line by line (larger ones count as changed).
const MAX_COMPARED: u64 = 64 << 20;
/// Time allowed for one file's line diff (then the diff may be coarser:
/// more lines count as changed, never fewer).
const DIFF_DEADLINE: Duration = Duration::from_millis(500);
/// Time allowed for all the line diffs of a run: files left when it is
/// spent count as changed as a whole (their findings are all reported).
const TOTAL_DEADLINE: Duration = Duration::from_secs(3);
/// Deleted files considered as the base of a renamed one.
const MAX_RENAME_CANDIDATES: usize = 64;

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
            "core.pager=cat",
            "-c",
            "protocol.allow=never",
            "--no-pager",
            "--no-replace-objects",
        ])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
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

/// One file of the base tree: its blob id.
struct TreeEntry {
    blob: String,
    /// A regular file (not a link or submodule).
    regular: bool,
}

/// The files of a base commit, read raw (no filter, textconv or eol
/// conversion) without running anything the repository configures.
pub struct BaseTree {
    tree: HashMap<String, TreeEntry>,
    blobs: BlobReader,
    /// Base files the working tree lost (for renames), listed on first use.
    deleted: Option<Vec<String>>,
    root: std::path::PathBuf,
}

impl BaseTree {
    /// The tree of `reference` in the repository at `root` (the top of a
    /// git work tree).
    pub fn open(root: &Path, reference: &str) -> Result<BaseTree, String> {
        if reference.starts_with('-') || reference.is_empty() {
            return Err(format!("`{reference}` is not a git revision"));
        }
        let mut verify = git(root);
        verify.args(["rev-parse", "--verify", "--quiet", "--end-of-options"]).arg(format!("{reference}^{{commit}}"));
        let commit = run(verify)
            .map_err(|_| format!("`{reference}` is not a commit in the git repository at {}", root.display()))?;
        let commit = String::from_utf8_lossy(&commit).trim().to_string();
        let mut ls = git(root);
        ls.args(["ls-tree", "-r", "-z", "--full-tree", "--end-of-options"]).arg(&commit);
        let tree = parse_ls_tree(&run(ls)?);
        Ok(BaseTree { tree, blobs: BlobReader::start(root)?, deleted: None, root: root.to_path_buf() })
    }

    /// The base's bytes of the regular file at `path` (`None`: it had
    /// none there).
    pub fn file(&mut self, path: &str) -> Result<Option<Vec<u8>>, String> {
        match self.tree.get(path) {
            Some(e) if e.regular => self.blobs.read(&e.blob),
            _ => Ok(None),
        }
    }

    pub fn has(&self, path: &str) -> bool {
        self.tree.contains_key(path)
    }

    /// The base file `path` (new in the working tree, contents `new`) was
    /// most likely renamed from: same extension, at least half of its
    /// lines in common, and gone from the working tree; its contents.
    fn renamed_from(&mut self, path: &str, new: &[u8]) -> Result<Option<Vec<u8>>, String> {
        let root = &self.root;
        let tree = &self.tree;
        let deleted = self.deleted.get_or_insert_with(|| {
            let mut d: Vec<String> = tree
                .iter()
                .filter(|(p, e)| e.regular && std::fs::symlink_metadata(root.join(p)).is_err())
                .map(|(p, _)| p.clone())
                .collect();
            d.sort_unstable();
            d
        });
        let ext = |p: &str| p.rsplit_once('.').map(|(_, e)| e.to_string());
        let candidates: Vec<String> = deleted.iter().filter(|p| ext(p) == ext(path)).cloned().collect();
        if candidates.is_empty() || candidates.len() > MAX_RENAME_CANDIDATES {
            return Ok(None);
        }
        let new_lines = lines(new);
        let mut best: Option<(f32, Vec<u8>)> = None;
        for c in candidates {
            let Some(old) = self.file(&c)? else { continue };
            let old_lines = lines(&old);
            let ops = similar::capture_diff_slices_deadline(
                similar::Algorithm::Myers,
                &old_lines,
                &new_lines,
                Some(Instant::now() + DIFF_DEADLINE),
            );
            let common: usize =
                ops.iter().filter(|op| op.tag() == similar::DiffTag::Equal).map(|op| op.new_range().len()).sum();
            let ratio = 2.0 * common as f32 / (old_lines.len() + new_lines.len()).max(1) as f32;
            if ratio >= 0.5 && best.as_ref().is_none_or(|(r, _)| ratio > *r) {
                best = Some((ratio, old));
            }
        }
        Ok(best.map(|(_, old)| old))
    }

    /// Stop the git process.
    pub fn close(self) {
        self.blobs.finish();
    }
}

/// Lines of `files` (paths relative to `root`, the top of a git work tree)
/// changed in the working tree since `reference`.
pub fn changed_since(root: &Path, reference: &str, files: &[&str]) -> Result<ChangedLines, String> {
    let mut base = BaseTree::open(root, reference)?;
    let mut changed = ChangedLines::default();
    let mut wanted: Vec<&str> = files.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let budget = Instant::now() + TOTAL_DEADLINE;
    for path in wanted {
        let read = crate::fsread::read(&root.join(path), MAX_COMPARED);
        let (Ok(new), true) = (read, Instant::now() < budget) else {
            changed.whole_files.insert(path.to_string());
            continue;
        };
        let old = if base.has(path) { base.file(path)? } else { base.renamed_from(path, &new)? };
        match old {
            Some(old) => {
                let ranges = changed_ranges_until(&old, &new, budget.min(Instant::now() + DIFF_DEADLINE));
                if !ranges.is_empty() {
                    changed.ranges.insert(path.to_string(), ranges);
                }
            }
            None => {
                changed.whole_files.insert(path.to_string());
            }
        }
    }
    base.close();
    Ok(changed)
}

/// `<mode> SP <type> SP <object> TAB <path> NUL` records.
fn parse_ls_tree(out: &[u8]) -> HashMap<String, TreeEntry> {
    let mut tree = HashMap::new();
    for rec in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let Some(tab) = rec.iter().position(|b| *b == b'\t') else { continue };
        let meta = String::from_utf8_lossy(&rec[..tab]);
        let path = String::from_utf8_lossy(&rec[tab + 1..]).into_owned();
        let mut parts = meta.split(' ');
        let (Some(mode), Some(kind), Some(blob)) = (parts.next(), parts.next(), parts.next()) else { continue };
        if kind != "blob" {
            continue;
        }
        let regular = mode == "100644" || mode == "100755";
        tree.insert(path, TreeEntry { blob: blob.to_string(), regular });
    }
    tree
}

/// The file's lines without their line breaks (`\r\n` and `\n` alike, so
/// an eol conversion alone is no change).
fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = bytes.split(|b| *b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).collect();
    if bytes.ends_with(b"\n") {
        out.pop();
    }
    out
}

/// 1-based ranges of the lines of `new` that are not in `old`.
pub fn changed_ranges(old: &[u8], new: &[u8]) -> Vec<(u32, u32)> {
    changed_ranges_until(old, new, Instant::now() + DIFF_DEADLINE)
}

/// [`changed_ranges`], the diff cut short at `deadline` (then coarser:
/// more lines count as changed, never fewer).
fn changed_ranges_until(old: &[u8], new: &[u8], deadline: Instant) -> Vec<(u32, u32)> {
    let (a, b) = (lines(old), lines(new));
    let ops = similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &a, &b, Some(deadline));
    let mut out: Vec<(u32, u32)> = Vec::new();
    for op in ops {
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let r = op.new_range();
        if r.is_empty() {
            continue;
        }
        let (s, e) = (r.start as u32 + 1, r.end as u32);
        match out.last_mut() {
            Some(last) if last.1 + 1 >= s => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// `git cat-file --batch`: raw blob contents by id, no filters applied.
struct BlobReader {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl BlobReader {
    fn start(root: &Path) -> Result<BlobReader, String> {
        let mut c = git(root);
        c.args(["cat-file", "--batch"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = c.spawn().map_err(|e| format!("cannot run git: {e}"))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().map(BufReader::new).ok_or("cannot read from git")?;
        Ok(BlobReader { child, stdin, stdout })
    }

    /// The blob's bytes; `None` when it is missing or too large.
    fn read(&mut self, id: &str) -> Result<Option<Vec<u8>>, String> {
        let broken = |e: std::io::Error| format!("reading the base blobs from git: {e}");
        let stdin = self.stdin.as_mut().ok_or("git cat-file is gone")?;
        writeln!(stdin, "{id}").and_then(|()| stdin.flush()).map_err(broken)?;
        let mut header = String::new();
        self.stdout.read_line(&mut header).map_err(broken)?;
        // `<id> blob <size>` or `<id> missing`.
        let mut parts = header.split_whitespace();
        let (Some(_), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next()) else { return Ok(None) };
        let size: u64 = size.parse().map_err(|_| format!("unexpected git cat-file output: {header}"))?;
        let mut buf = Vec::new();
        (&mut self.stdout).take(size + 1).read_to_end(&mut buf).map_err(broken)?;
        buf.pop();
        Ok((kind == "blob" && size <= MAX_COMPARED).then_some(buf))
    }

    fn finish(mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

impl Drop for BlobReader {
    fn drop(&mut self) {
        if self.stdin.take().is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_lines_in_process() {
        let old = b"a\nb\nc\nd\n";
        assert_eq!(changed_ranges(old, b"a\nb\nc\nd\n"), vec![]);
        assert_eq!(changed_ranges(old, b"a\nX\nc\nd\ne\n"), vec![(2, 2), (5, 5)]);
        assert_eq!(changed_ranges(old, b"a\nb\nY\nZ\nc\nd\n"), vec![(3, 4)]);
        assert_eq!(changed_ranges(old, b"a\nc\nd\n"), vec![]);
        // An eol conversion is no change; a missing final newline neither.
        assert_eq!(changed_ranges(old, b"a\r\nb\r\nc\r\nd"), vec![]);
    }

    #[test]
    fn ls_tree_records() {
        let out = b"100644 blob aaaa\tsrc/a.rs\x00120000 blob bbbb\tlink.rs\x00160000 commit cccc\tsub\x00100755 blob dddd\tname\twith tab.rs\x00";
        let t = parse_ls_tree(out);
        assert_eq!(t["src/a.rs"].blob, "aaaa");
        assert!(t["src/a.rs"].regular && !t["link.rs"].regular);
        assert!(!t.contains_key("sub"));
        assert!(t.contains_key("name\twith tab.rs"));
    }
}
