//! The warm path's shortcut: a file whose metadata is the last run's is
//! not read again. `stat-<slot>.bin` maps each file (its path and
//! everything its cache key names but its bytes: [`stat_id`]) to the
//! [`Stamp`] it had — size, modification and change times in nanoseconds,
//! inode and device — and the cache key its bytes had then.
//!
//! Like git's index and ccache's direct mode, a stamp is trusted only when
//! both its times were at least [`SETTLED`] older than the start of the run
//! that recorded it: a write in the same clock tick as our read (coarse
//! timestamps) is never hidden, and any later write moves the change time,
//! which no program can set back. A stamp that is not trusted means the
//! file is read and hashed as before. The limit, as for those tools: a
//! change that leaves size, both times, inode and device as they were (a
//! clock set back, a file system without change times) is not seen; run
//! with `--no-cache` then. A damaged or foreign file is an empty index.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::engine::facts::FileInput;

const MAGIC: &[u8] = b"cargo-sast stat cache v1\n";
/// How much older than the run's start a stamp's times must be.
pub(crate) const SETTLED: Duration = Duration::from_secs(2);
/// Bytes per record: id, size, mtime, ctime, inode, device, key.
const RECORD: usize = 16 + 8 + 16 + 16 + 8 + 8 + 16;

/// What a file's metadata says of its contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    size: u64,
    mtime: i128,
    ctime: i128,
    ino: u64,
    dev: u64,
}

/// The stamp of a regular file (`None`: not one, or no metadata — then no
/// shortcut).
#[cfg(unix)]
pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    if !m.is_file() {
        return None;
    }
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Some(Stamp {
        size: m.len(),
        mtime: ns(m.mtime(), m.mtime_nsec()),
        ctime: ns(m.ctime(), m.ctime_nsec()),
        ino: m.ino(),
        dev: m.dev(),
    })
}

#[cfg(not(unix))]
pub(crate) fn stamp(_path: &Path) -> Option<Stamp> {
    None
}

/// A file's identity in the index: everything [`super::file_key`] hashes
/// but the bytes, and the absolute path the bytes are read from.
pub(crate) fn stat_id(fingerprint: u128, input: &FileInput, abs: &Path) -> u128 {
    let mut h = Xxh3::new();
    h.update(&super::file_key(fingerprint, input, b"").to_le_bytes());
    let p = abs.as_os_str().as_encoded_bytes();
    h.update(&(p.len() as u64).to_le_bytes());
    h.update(p);
    h.digest128()
}

/// The loaded index: id → (stamp, cache key).
#[derive(Default)]
pub(crate) struct StatIndex {
    map: FxHashMap<u128, (Stamp, u128)>,
}

impl StatIndex {
    pub(crate) fn parse(data: &[u8]) -> StatIndex {
        StatIndex { map: parse(data).unwrap_or_default() }
    }

    /// The cache key of the file's bytes, if its stamp is the recorded one.
    pub(crate) fn key_of(&self, id: u128, stamp: &Stamp) -> Option<u128> {
        self.map.get(&id).filter(|(s, _)| s == stamp).map(|&(_, k)| k)
    }

    /// The bytes of the next index: the records of this run whose stamps
    /// had settled when it started (`None`: the same as the loaded one).
    pub(crate) fn encode(&self, records: &[(u128, Stamp, u128)], started: SystemTime) -> Option<Vec<u8>> {
        let cut = started.checked_sub(SETTLED).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        let cut = cut.map_or(i128::MIN, |d| d.as_nanos() as i128);
        let kept: Vec<&(u128, Stamp, u128)> =
            records.iter().filter(|(_, s, _)| s.mtime < cut && s.ctime < cut).collect();
        if kept.len() == self.map.len() && kept.iter().all(|(id, s, k)| self.map.get(id) == Some(&(*s, *k))) {
            return None;
        }
        let mut body = Vec::with_capacity(kept.len() * RECORD);
        for (id, s, k) in kept {
            body.extend_from_slice(&id.to_le_bytes());
            body.extend_from_slice(&s.size.to_le_bytes());
            body.extend_from_slice(&s.mtime.to_le_bytes());
            body.extend_from_slice(&s.ctime.to_le_bytes());
            body.extend_from_slice(&s.ino.to_le_bytes());
            body.extend_from_slice(&s.dev.to_le_bytes());
            body.extend_from_slice(&k.to_le_bytes());
        }
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&xxh3_64(&body).to_le_bytes());
        out.extend_from_slice(&body);
        Some(out)
    }
}

/// Every record, or nothing when anything is off (magic, checksum, length).
fn parse(data: &[u8]) -> Option<FxHashMap<u128, (Stamp, u128)>> {
    let rest = data.strip_prefix(MAGIC)?;
    let sum = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
    let body = rest.get(8..)?;
    if xxh3_64(body) != sum || body.len() % RECORD != 0 {
        return None;
    }
    let mut map = FxHashMap::default();
    map.reserve(body.len() / RECORD);
    for r in body.chunks_exact(RECORD) {
        let mut at = 0;
        let mut take = |n: usize| {
            let b = &r[at..at + n];
            at += n;
            b
        };
        let id = u128::from_le_bytes(take(16).try_into().ok()?);
        let size = u64::from_le_bytes(take(8).try_into().ok()?);
        let mtime = i128::from_le_bytes(take(16).try_into().ok()?);
        let ctime = i128::from_le_bytes(take(16).try_into().ok()?);
        let ino = u64::from_le_bytes(take(8).try_into().ok()?);
        let dev = u64::from_le_bytes(take(8).try_into().ok()?);
        let key = u128::from_le_bytes(take(16).try_into().ok()?);
        map.insert(id, (Stamp { size, mtime, ctime, ino, dev }, key));
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_at(secs: i128) -> Stamp {
        Stamp { size: 3, mtime: secs * 1_000_000_000, ctime: secs * 1_000_000_000, ino: 1, dev: 2 }
    }

    #[test]
    fn only_settled_stamps_are_kept_and_damage_is_an_empty_index() {
        let started = UNIX_EPOCH + Duration::from_secs(1000);
        let old = stamp_at(990);
        let fresh = stamp_at(999);
        let bytes = StatIndex::default().encode(&[(1, old, 11), (2, fresh, 22)], started).unwrap();
        let ix = StatIndex::parse(&bytes);
        assert_eq!(ix.key_of(1, &old), Some(11));
        // Changed in the last two seconds before the run: read again next time.
        assert_eq!(ix.key_of(2, &fresh), None);
        // Any field of the stamp differing is a miss.
        for other in [
            Stamp { size: 4, ..old },
            Stamp { mtime: old.mtime + 1, ..old },
            Stamp { ctime: old.ctime + 1, ..old },
            Stamp { ino: 9, ..old },
            Stamp { dev: 9, ..old },
        ] {
            assert_eq!(ix.key_of(1, &other), None);
        }
        // The same records again: nothing to write.
        assert!(ix.encode(&[(1, old, 11), (2, fresh, 22)], started).is_none());
        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert_eq!(StatIndex::parse(&bad).key_of(1, &old), None);
        assert_eq!(StatIndex::parse(&bytes[..bytes.len() - 3]).key_of(1, &old), None);
    }
}
