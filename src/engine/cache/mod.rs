//! The on-disk cache: per-file analysis results ([`FileFacts`]) keyed by
//! the file's content and everything else the analysis depends on.
//!
//! A key is a 128-bit XXH3 hash of: the rule set's fingerprint (tool
//! version, the binary itself, enabled rules and their settings, taint
//! models, workspace crates, limits — [`super::ruleset::RuleSet::fingerprint`]), the file's
//! path, kind, package and bin-root flag, and its bytes. A hit skips
//! parsing and the walk. The crate-level join (module tree, taint across
//! files) runs again over all files' facts, so a changed file's summaries
//! reach every flow that uses them — unless everything the join reads is
//! what the last run's read: then its result is read back ([`JoinSlot`],
//! `join-<hash>.bin`).
//!
//! One file per set of settings (`facts-<hash>.bin`): a magic line,
//! then entries of key, payload checksum (XXH3-64), length and payload
//! ([`codec`]). Each run rewrites it with exactly the entries it used
//! (unchanged files keep their bytes; deleted files drop out), through a
//! temporary file and a rename, so readers never see half a file. A file
//! that is truncated, has a bad magic line or a bad checksum is ignored
//! entry by entry: a damaged entry is a miss, never trusted.

pub(crate) mod codec;
pub(crate) mod stat;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::engine::facts::{FileFacts, FileInput};

const MAGIC: &[u8] = b"cargo-sast facts cache v4\n";

/// What to keep for the next run, per analysed file.
pub(crate) enum Entry {
    /// Unchanged: these bytes of the loaded cache file, and their checksum.
    Old(u128, Range<usize>, u64),
    /// Analysed now: the encoded facts.
    New(u128, Vec<u8>),
}

/// The cache of one rule set, loaded.
pub(crate) struct Cache {
    dir: PathBuf,
    /// `facts-<slot>.bin`.
    name: String,
    /// The scanned repository: nothing in it is followed (a committed
    /// `target -> ../outside` link puts no cache outside).
    boundary: Option<PathBuf>,
    data: Vec<u8>,
    /// Key → payload range in `data`, and its checksum.
    index: FxHashMap<u128, (Range<usize>, u64)>,
    /// The files' stamps of the last run (`stat-<slot>.bin`).
    pub(crate) stats: stat::StatIndex,
}

impl Cache {
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Load `dir/facts-<slot>.bin` (missing or unreadable: empty). The
    /// slot names the settings; a rebuilt binary reuses the file, and its
    /// keys, which name the binary too, miss and drop the old entries.
    pub(crate) fn open(dir: &Path, slot: u64, boundary: Option<&Path>) -> Cache {
        let name = format!("facts-{slot:016x}.bin");
        let data = crate::util::safe_write::open_dir(dir, boundary, false)
            .and_then(|d| d.read_file(&name, crate::util::fsread::limit::CACHE))
            .unwrap_or_default();
        let index = parse_index(&data).unwrap_or_default();
        let stats = crate::util::safe_write::open_dir(dir, boundary, false)
            .and_then(|d| d.read_file(&stat_name(&name), crate::util::fsread::limit::CACHE))
            .map(|d| stat::StatIndex::parse(&d))
            .unwrap_or_default();
        Cache { dir: dir.to_path_buf(), name, boundary: boundary.map(Path::to_path_buf), data, index, stats }
    }

    /// The cached facts for this key, if present and intact.
    pub(crate) fn get(&self, key: u128) -> Option<(FileFacts, Entry)> {
        let (range, sum) = self.index.get(&key)?;
        let payload = self.data.get(range.clone())?;
        if xxh3_64(payload) != *sum {
            return None;
        }
        codec::decode(payload).map(|f| (f, Entry::Old(key, range.clone(), *sum)))
    }

    /// Write the entries of this run (atomically replacing the old file)
    /// and the files' stamps (`stamps`: id, stamp, key; `started`: when
    /// this run began), and remove other rule sets' cache files unused for
    /// a week.
    pub(crate) fn save(
        &self,
        entries: &[Entry],
        stamps: &[(u128, stat::Stamp, u128)],
        started: std::time::SystemTime,
    ) -> std::io::Result<()> {
        let stat_bytes = self.stats.encode(stamps, started);
        // Every file unchanged and none gone: the file on disk is current.
        let same = entries.len() == self.index.len() && entries.iter().all(|e| matches!(e, Entry::Old(..)));
        if same && stat_bytes.is_none() {
            return Ok(());
        }
        let dir = crate::util::safe_write::open_dir(&self.dir, self.boundary.as_deref(), true)?;
        mark_dir(&dir);
        if let Some(bytes) = stat_bytes {
            // Best effort: without it, the next run reads every file.
            let _ = dir.replace(std::ffi::OsStr::new(&stat_name(&self.name)), false, &mut |out| out.write_all(&bytes));
        }
        if same {
            return Ok(());
        }
        // No fsync: a file cut short by a crash fails its checks and is a miss.
        let result = dir.replace(std::ffi::OsStr::new(&self.name), false, &mut |out| {
            out.write_all(MAGIC)?;
            out.write_all(&(entries.len() as u32).to_le_bytes())?;
            for e in entries {
                // An old entry's checksum was verified when it was read.
                let (key, payload, sum) = match e {
                    Entry::Old(k, r, sum) => (*k, self.data.get(r.clone()).unwrap_or_default(), *sum),
                    Entry::New(k, bytes) => (*k, bytes.as_slice(), xxh3_64(bytes)),
                };
                out.write_all(&key.to_le_bytes())?;
                out.write_all(&sum.to_le_bytes())?;
                out.write_all(&(payload.len() as u32).to_le_bytes())?;
                out.write_all(payload)?;
            }
            Ok(())
        });
        remove_stale(&dir, &self.name);
        result
    }
}

/// `stat-<slot>.bin` beside `facts-<slot>.bin`.
fn stat_name(facts: &str) -> String {
    facts.replacen("facts-", "stat-", 1)
}

/// Key → (payload range, checksum) of every entry whose header is whole.
fn parse_index(data: &[u8]) -> Option<FxHashMap<u128, (Range<usize>, u64)>> {
    let rest = data.strip_prefix(MAGIC)?;
    let mut at = MAGIC.len() + 4;
    let count = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let mut index = FxHashMap::default();
    index.reserve(count.min(data.len() / 28));
    for _ in 0..count {
        let header = data.get(at..at + 28)?;
        let key = u128::from_le_bytes(header[..16].try_into().ok()?);
        let sum = u64::from_le_bytes(header[16..24].try_into().ok()?);
        let len = u32::from_le_bytes(header[24..28].try_into().ok()?) as usize;
        let start = at + 28;
        let end = start.checked_add(len).filter(|&e| e <= data.len())?;
        index.insert(key, (start..end, sum));
        at = end;
    }
    Some(index)
}

/// The cross-file join's result of the last run (`join-<slot>.bin`: a
/// magic line, the key, a checksum, the encoded hits), reused when the key
/// is the same: then the module tree and the join would read exactly what
/// they read then. The key hashes the binary and settings (the rule set's
/// fingerprint) and, for every file in order, what discovery says of it
/// (absolute and relative path, package, kind, crate-root flag) and what
/// the tree and the join read of its facts ([`codec::join_inputs_hash`]:
/// `mod` declarations, summaries with their locations, routes, API facts).
/// An edit that changes none of these — a comment, a string, a finding of
/// the file's own — keeps the join's hits; the file's own findings come
/// from its facts, analysed again.
pub(crate) struct JoinSlot {
    dir: PathBuf,
    name: String,
    boundary: Option<PathBuf>,
    key: u128,
}

const JOIN_MAGIC: &[u8] = b"cargo-sast join cache v2\n";

impl JoinSlot {
    /// The slot of this run: `fingerprint` is the workspace rule set's,
    /// `files` gives each file's [`codec::join_inputs_hash`] and its
    /// discovery facts.
    pub(crate) fn new<'a>(
        cache: &Cache,
        fingerprint: u128,
        files: impl Iterator<Item = (&'a u128, &'a crate::workspace::discover::SourceFile)>,
    ) -> JoinSlot {
        let mut h = Xxh3::new();
        h.update(&fingerprint.to_le_bytes());
        for (inputs, f) in files {
            h.update(&inputs.to_le_bytes());
            let kind = format!("{:?}", f.kind);
            for part in [
                f.abs.as_os_str().as_encoded_bytes(),
                f.rel.as_bytes(),
                f.package.as_deref().unwrap_or("\0").as_bytes(),
                kind.as_bytes(),
            ] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part);
            }
            h.update(&[u8::from(f.is_crate_root), u8::from(f.is_bin_root), u8::from(f.package.is_some())]);
        }
        let name = cache.name.replacen("facts-", "join-", 1);
        JoinSlot { dir: cache.dir.clone(), name, boundary: cache.boundary.clone(), key: h.digest128() }
    }

    /// The hits of the last run's join, if its key was this one and the
    /// file is intact.
    pub(crate) fn get(&self) -> Option<Vec<crate::taint::TaintHit>> {
        let data = crate::util::safe_write::open_dir(&self.dir, self.boundary.as_deref(), false)
            .and_then(|d| d.read_file(&self.name, crate::util::fsread::limit::CACHE))
            .ok()?;
        let rest = data.strip_prefix(JOIN_MAGIC)?;
        let key = u128::from_le_bytes(rest.get(..16)?.try_into().ok()?);
        let sum = u64::from_le_bytes(rest.get(16..24)?.try_into().ok()?);
        let payload = rest.get(24..)?;
        if key != self.key || xxh3_64(payload) != sum {
            return None;
        }
        codec::decode_hits(payload)
    }

    /// Keep this run's hits for the next run (best effort: a cache that
    /// cannot be written is a miss next time).
    pub(crate) fn put(&self, hits: &[crate::taint::TaintHit]) {
        let payload = codec::encode_hits(hits);
        let Ok(dir) = crate::util::safe_write::open_dir(&self.dir, self.boundary.as_deref(), true) else { return };
        mark_dir(&dir);
        let _ = dir.replace(std::ffi::OsStr::new(&self.name), false, &mut |out| {
            out.write_all(JOIN_MAGIC)?;
            out.write_all(&self.key.to_le_bytes())?;
            out.write_all(&xxh3_64(&payload).to_le_bytes())?;
            out.write_all(&payload)
        });
    }
}

/// A cache directory explains itself and stays out of version control and
/// backups (`CACHEDIR.TAG`). Never written through a link.
fn mark_dir(dir: &crate::util::safe_write::Dir) {
    let _ = dir.create_new(".gitignore", b"# Created by cargo-sast: its analysis cache.\n*\n");
    let _ = dir.create_new(
        "CACHEDIR.TAG",
        b"Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by cargo-sast.\n",
    );
}

/// Other rule sets' cache files unused for a week.
fn remove_stale(dir: &crate::util::safe_write::Dir, keep: &str) {
    let week = std::time::Duration::from_secs(7 * 24 * 3600);
    for (name, _, age) in dir.entries() {
        let ours = ["facts-", "join-", "stat-"].iter().any(|p| name.starts_with(p)) && name.ends_with(".bin");
        let this_slot = name.get(name.find('-').map_or(0, |i| i + 1)..) == keep.get(6..);
        if ours && !this_slot && age.is_some_and(|a| a > week) {
            let _ = dir.remove(&name);
        }
    }
}

/// The key of one file's analysis.
pub(crate) fn file_key(fingerprint: u128, input: &FileInput, bytes: &[u8]) -> u128 {
    let mut h = Xxh3::new();
    h.update(&fingerprint.to_le_bytes());
    for part in [
        input.path.as_bytes(),
        format!("{:?}", input.kind).as_bytes(),
        input.package.as_deref().unwrap_or("").as_bytes(),
        input.edition.as_deref().unwrap_or("").as_bytes(),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update(&[u8::from(input.is_bin_root), u8::from(input.package.is_some())]);
    // Nothing when none: the keys of files told of no macro stay as they were.
    for m in &input.macros {
        h.update(&(m.len() as u64).to_le_bytes());
        h.update(m.as_bytes());
    }
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.digest128()
}

/// This binary: its version, size and modification time, so a rebuilt
/// tool (even at the same version) never reads an older build's results.
pub(crate) fn binary_identity() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata).ok();
        let modified = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!("{} {} {}", env!("CARGO_PKG_VERSION"), meta.map_or(0, |m| m.len()), modified)
    })
}

/// Where the cache lives by default: `target/sast-cache` of the cargo
/// workspace (`$CARGO_TARGET_DIR/sast-cache` when that is set); none
/// outside a workspace.
pub(crate) fn default_dir(workspace_root: Option<&Path>) -> Option<PathBuf> {
    let root = workspace_root?;
    let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
        Some(t) => root.join(t),
        None => root.join("target"),
    };
    Some(target.join("sast-cache"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(path: &str, lines: u32) -> FileFacts {
        FileFacts { path: path.into(), lines, analysed: true, ..Default::default() }
    }

    #[test]
    fn entries_survive_a_save_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let empty = Cache::open(dir.path(), 7, None);
        assert!(empty.is_empty());
        empty
            .save(
                &[Entry::New(1, codec::encode(&facts("a.rs", 3))), Entry::New(2, codec::encode(&facts("b.rs", 4)))],
                &[],
                std::time::SystemTime::now(),
            )
            .unwrap();
        let c = Cache::open(dir.path(), 7, None);
        assert_eq!(c.len(), 2);
        let (a, entry) = c.get(1).unwrap();
        assert_eq!((&*a.path, a.lines), ("a.rs", 3));
        assert!(c.get(3).is_none());
        // Another fingerprint has its own file.
        assert!(Cache::open(dir.path(), 8, None).is_empty());
        // Keep only `a`, from the old bytes.
        c.save(&[entry], &[], std::time::SystemTime::now()).unwrap();
        let c = Cache::open(dir.path(), 7, None);
        assert_eq!(c.len(), 1);
        assert!(c.get(2).is_none());
        // Flip a payload byte: the checksum catches it.
        let file = dir.path().join(format!("facts-{:016x}.bin", 7u64));
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        assert!(Cache::open(dir.path(), 7, None).get(1).is_none());
        // Truncated or foreign files are empty caches.
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        assert!(Cache::open(dir.path(), 7, None).get(1).is_none());
        std::fs::write(&file, b"not a cache").unwrap();
        assert!(Cache::open(dir.path(), 7, None).is_empty());
        assert!(dir.path().join("CACHEDIR.TAG").is_file());
        assert_eq!(std::fs::read_to_string(dir.path().join(".gitignore")).unwrap().lines().last(), Some("*"));
    }

    #[test]
    fn keys_change_with_content_and_context() {
        let input = FileInput {
            path: "src/a.rs".into(),
            kind: crate::workspace::FileKind::Lib,
            package: Some("p".into()),
            is_bin_root: false,
            edition: Some("2021".into()),
            macros: Vec::new(),
        };
        let k = file_key(1, &input, b"fn f() {}");
        assert_eq!(k, file_key(1, &input, b"fn f() {}"));
        assert_ne!(k, file_key(2, &input, b"fn f() {}"));
        assert_ne!(k, file_key(1, &input, b"fn g() {}"));
        let test = FileInput { kind: crate::workspace::FileKind::Test, ..input.clone() };
        assert_ne!(k, file_key(1, &test, b"fn f() {}"));
        let moved = FileInput { path: "src/b.rs".into(), ..input.clone() };
        assert_ne!(k, file_key(1, &moved, b"fn f() {}"));
        let older = FileInput { edition: Some("2015".into()), ..input.clone() };
        assert_ne!(k, file_key(1, &older, b"fn f() {}"));
        // Told of another file's macro: another analysis, another key.
        let told = FileInput { macros: vec!["fail".into()], ..input.clone() };
        assert_ne!(k, file_key(1, &told, b"fn f() {}"));
    }
}
