//! Strings written once per block. In a block of function summaries or
//! a cache entry most strings repeat — a callee's name at each call, a
//! step's message along each flow, a parameter's name in each label — so
//! the writer numbers every string of [`MIN_LEN`] bytes or more in the
//! order it first writes it, and writes a repeat as that number. The
//! reader numbers them the same way as it reads them. Measured on the
//! bench corpus: the packed summaries the parallel phase keeps for the
//! join shrink by about two fifths (issue 20's retained memory).

use rustc_hash::FxHashMap;

/// Shorter strings are always written out (a number would not be smaller).
pub(super) const MIN_LEN: usize = 3;

/// The writer's side: where each numbered string sits in the block.
#[derive(Default)]
pub(super) struct Seen {
    /// The string's hash → the number of the first string with it.
    by_hash: FxHashMap<u64, u32>,
    /// Each numbered string's (offset, length) in the block.
    spans: Vec<(u32, u32)>,
}

impl Seen {
    /// The number of an earlier string equal to `s` in `buf`.
    pub(super) fn find(&self, s: &str, buf: &[u8]) -> Option<u32> {
        let &n = self.by_hash.get(&hash(s))?;
        let (at, len) = self.spans[n as usize];
        (buf.get(at as usize..at as usize + len as usize) == Some(s.as_bytes())).then_some(n)
    }

    /// `s`, just written at `at` in the block, takes the next number (a
    /// hash shared with an earlier, different string keeps pointing to
    /// the earlier one: the later is written out each time, never wrong).
    pub(super) fn add(&mut self, s: &str, at: usize) {
        let n = self.spans.len() as u32;
        self.spans.push((at as u32, s.len() as u32));
        self.by_hash.entry(hash(s)).or_insert(n);
    }
}

fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}
