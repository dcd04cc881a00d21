//! Fingerprints.
//!
//! - `primaryLocationLineHash`: the rolling hash GitHub's upload action
//!   (`codeql-action`, `fingerprints.ts`) computes for each line — the
//!   first 100 non-space/tab UTF-16 code units from the start of the line,
//!   line endings normalised to `\n`, base 37 with wrapping 64-bit
//!   arithmetic, followed by `:<n>` where n counts earlier lines with the
//!   same hash. Computing it ourselves means uploads through the API do not
//!   duplicate alerts.
//! - our own fingerprint: a hash of the rule, the path, the finding's line
//!   text with whitespace collapsed, and its occurrence number among
//!   identical ones in the file — stable when lines move.

use std::collections::{HashMap, HashSet};

const BLOCK_SIZE: usize = 100;
const MOD: i64 = 37;
const EOF: u32 = 65535;

/// The rolling-hash state of `codeql-action`'s `hash()`.
struct LineHasher<'w> {
    window: [u32; BLOCK_SIZE],
    line_numbers: [i64; BLOCK_SIZE],
    hash: i64,
    first_mod: i64,
    index: usize,
    line_number: i64,
    line_start: bool,
    prev_cr: bool,
    counts: HashMap<u64, u32>,
    want: &'w HashSet<u32>,
    out: HashMap<u32, String>,
}

impl LineHasher<'_> {
    fn output(&mut self) {
        let line = self.line_numbers[self.index];
        let h = self.hash as u64;
        let c = self.counts.entry(h).or_insert(0);
        *c += 1;
        if line > 0 && self.want.contains(&(line as u32)) {
            self.out.insert(line as u32, format!("{h:x}:{c}"));
        }
        self.line_numbers[self.index] = -1;
    }

    fn update(&mut self, cur: u32) {
        let begin = self.window[self.index];
        self.window[self.index] = cur;
        self.hash = MOD
            .wrapping_mul(self.hash)
            .wrapping_add(cur as i64)
            .wrapping_sub(self.first_mod.wrapping_mul(begin as i64));
        self.index = (self.index + 1) % BLOCK_SIZE;
    }

    fn process(&mut self, cur: u32) {
        let mut cur = cur;
        if cur == ' ' as u32 || cur == '\t' as u32 || (self.prev_cr && cur == '\n' as u32) {
            self.prev_cr = false;
            return;
        }
        if cur == '\r' as u32 {
            cur = '\n' as u32;
            self.prev_cr = true;
        } else {
            self.prev_cr = false;
        }
        if self.line_numbers[self.index] != -1 {
            self.output();
        }
        if self.line_start {
            self.line_start = false;
            self.line_number += 1;
            self.line_numbers[self.index] = self.line_number;
        }
        if cur == '\n' as u32 {
            self.line_start = true;
        }
        self.update(cur);
    }
}

/// `primaryLocationLineHash` values for the given 1-based lines.
pub(crate) fn line_hashes(text: &str, wanted: &[u32]) -> HashMap<u32, String> {
    let want: HashSet<u32> = wanted.iter().copied().collect();
    if want.is_empty() {
        return HashMap::new();
    }
    let mut h = LineHasher {
        window: [0; BLOCK_SIZE],
        line_numbers: [-1; BLOCK_SIZE],
        hash: 0,
        first_mod: (0..BLOCK_SIZE).fold(1i64, |m, _| m.wrapping_mul(MOD)),
        index: 0,
        line_number: 0,
        line_start: true,
        prev_cr: false,
        counts: HashMap::new(),
        want: &want,
        out: HashMap::with_capacity(want.len()),
    };
    let mut units = [0u16; 2];
    for ch in text.chars() {
        for &u in ch.encode_utf16(&mut units).iter() {
            h.process(u as u32);
        }
        // Later lines cannot change the hash (or counter) of earlier ones.
        if h.out.len() == want.len() {
            return h.out;
        }
    }
    h.process(EOF);
    for _ in 0..BLOCK_SIZE {
        if h.line_numbers[h.index] != -1 {
            h.output();
        }
        h.update(0);
    }
    h.out
}

/// Our own fingerprint (hex, 32 chars).
pub(crate) fn own(rule: &str, path: &str, normalized_line: &str, occurrence: u32) -> String {
    own_occurrence(&own_prefix(rule, path, normalized_line), occurrence)
}

/// [`own`] in two steps, so that many findings of one rule on one (long)
/// line hash the line once.
pub(crate) fn own_prefix(rule: &str, path: &str, normalized_line: &str) -> xxhash_rust::xxh3::Xxh3 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [rule, path, normalized_line] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h
}

pub(crate) fn own_occurrence(prefix: &xxhash_rust::xxh3::Xxh3, occurrence: u32) -> String {
    let mut h = prefix.clone();
    h.update(&occurrence.to_le_bytes());
    format!("{:032x}", h.digest128())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A direct port of codeql-action's `hash()` (no early exit), to check
    /// the optimised version against.
    fn reference(text: &str) -> Vec<(i64, String)> {
        let first_mod = (0..BLOCK_SIZE).fold(1i64, |m, _| m.wrapping_mul(MOD));
        let mut window = [0i64; BLOCK_SIZE];
        let mut ln = [-1i64; BLOCK_SIZE];
        let (mut hash, mut index, mut line, mut start, mut prev_cr) = (0i64, 0usize, 0i64, true, false);
        let mut counts: HashMap<u64, u32> = HashMap::new();
        let mut res = Vec::new();
        let mut units: Vec<i64> = text.encode_utf16().map(|u| u as i64).collect();
        units.push(65535);
        let mut emit = |hash: i64, l: i64, res: &mut Vec<(i64, String)>| {
            let c = counts.entry(hash as u64).or_insert(0);
            *c += 1;
            res.push((l, format!("{:x}:{c}", hash as u64)));
        };
        for mut cur in units {
            if cur == 32 || cur == 9 || (prev_cr && cur == 10) {
                prev_cr = false;
                continue;
            }
            if cur == 13 {
                cur = 10;
                prev_cr = true;
            } else {
                prev_cr = false;
            }
            if ln[index] != -1 {
                emit(hash, ln[index], &mut res);
                ln[index] = -1;
            }
            if start {
                start = false;
                line += 1;
                ln[index] = line;
            }
            if cur == 10 {
                start = true;
            }
            let begin = window[index];
            window[index] = cur;
            hash = MOD.wrapping_mul(hash).wrapping_add(cur).wrapping_sub(first_mod.wrapping_mul(begin));
            index = (index + 1) % BLOCK_SIZE;
        }
        for _ in 0..BLOCK_SIZE {
            if ln[index] != -1 {
                emit(hash, ln[index], &mut res);
                ln[index] = -1;
            }
            let begin = window[index];
            window[index] = 0;
            hash = MOD.wrapping_mul(hash).wrapping_sub(first_mod.wrapping_mul(begin));
            index = (index + 1) % BLOCK_SIZE;
        }
        res
    }

    #[test]
    fn matches_reference_port_on_every_line() {
        let text = "fn main() {\r\n    let x = 1;\n\tlet y = \"ünïcödé 😀\";\n\n    let x = 1;\n}\n".repeat(7);
        let all = reference(&text);
        let lines: Vec<u32> = all.iter().map(|(l, _)| *l as u32).collect();
        let got = line_hashes(&text, &lines);
        for (l, h) in &all {
            assert_eq!(got.get(&(*l as u32)), Some(h), "line {l}");
        }
        // Early exit gives the same value for a line near the top.
        let one = line_hashes(&text, &[2]);
        assert_eq!(one.get(&2), all.iter().find(|(l, _)| *l == 2).map(|(_, h)| h));
    }

    fn all_lines(text: &str) -> Vec<String> {
        let n = text.split(['\n']).count() + text.matches('\r').count() + 1;
        let lines: Vec<u32> = (1..=n as u32).collect();
        let got = line_hashes(text, &lines);
        let mut v: Vec<(u32, String)> = got.into_iter().collect();
        v.sort();
        v.into_iter().map(|(_, h)| h).collect()
    }

    #[test]
    fn known_values_from_codeql_action_tests() {
        // Expected values from codeql-action's src/fingerprints.test.ts.
        assert_eq!(all_lines(""), ["c129715d7a2bc9a3:1"]);
        assert_eq!(
            all_lines(" a\nb\n  \t\tc\n d"),
            ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]
        );
        let expected = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        for text in [
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        ] {
            assert_eq!(all_lines(text), expected, "{text:?}");
        }
        let lorem = all_lines(&"Lorem ipsum dolor sit amet.\n".repeat(10));
        assert_eq!(lorem[0], "a7f2ff13bc495cf2:1");
        assert_eq!(lorem[5], "a7f2ff13bc495cf2:6");
        assert_eq!(lorem[6], "a7f2ff1481e87703:1");
        assert_eq!(lorem[10], "c129715d7a2bc9a3:1");
    }

    #[test]
    fn own_fingerprint_is_stable() {
        assert_eq!(own("r", "a.rs", "x.unwrap()", 1), own("r", "a.rs", "x.unwrap()", 1));
        assert_ne!(own("r", "a.rs", "x.unwrap()", 1), own("r", "a.rs", "x.unwrap()", 2));
    }
}
