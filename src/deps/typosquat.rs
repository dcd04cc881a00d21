//! Typosquatting candidates: a dependency whose name is one edit (two for
//! names of eight characters or more) from a well-known crate, and is not
//! well-known itself. An edit is an inserted, deleted or replaced
//! character, or two neighbours swapped; `-` and `_` are the same to
//! crates.io, so they are the same here. The list of well-known names ships
//! as data (`data/well-known-crates.txt`, which says where it comes from).

use std::collections::HashSet;
use std::sync::OnceLock;

const WELL_KNOWN: &str = include_str!("data/well-known-crates.txt");

/// Shortest name checked (shorter names are too close to everything).
const MIN_LEN: usize = 4;
/// From this length on, two edits count.
const TWO_EDITS_FROM: usize = 8;
/// Below this length, a replaced character counts only when it is a
/// keyboard neighbour or a look-alike of the original (`tokip`, `serd3`):
/// short names one letter apart are too often two real crates (`ulid`, `uuid`).
const ANY_REPLACEMENT_FROM: usize = 6;

/// Keyboard neighbours (QWERTY) and look-alikes.
fn near(a: char, b: char) -> bool {
    const ROWS: [&str; 4] = ["1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm"];
    const ALIKE: &[(char, char)] =
        &[('0', 'o'), ('1', 'l'), ('1', 'i'), ('l', 'i'), ('5', 's'), ('3', 'e'), ('-', '_')];
    if ALIKE.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b)) {
        return true;
    }
    let pos = |c: char| ROWS.iter().enumerate().find_map(|(r, row)| row.find(c).map(|i| (r as i32, i as i32)));
    match (pos(a), pos(b)) {
        (Some((r1, c1)), Some((r2, c2))) => (r1 - r2).abs() <= 1 && (c1 - c2).abs() <= 1,
        _ => false,
    }
}

/// `a` and `b` differ by one replaced character that is not near the original.
fn far_replacement(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diffs.len() == 1 && !near(a[diffs[0]], b[diffs[0]])
}

/// crates.io's identity of a name: case and `-`/`_` do not matter.
pub(super) fn normalize(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// The shipped well-known names, normalised.
pub(super) fn well_known() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<String> = WELL_KNOWN
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(normalize)
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// Edits between two names (optimal string alignment: insert, delete,
/// replace, swap neighbours), or `None` when more than `max`.
pub(super) fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let r = d[a.len() * w + b.len()];
    (r <= max).then_some(r)
}

/// The well-known crate `name` may be imitating, with the number of edits.
/// `extra` are more names to treat as known (from the configuration, and
/// reviewed approvals).
pub(super) fn imitates(name: &str, extra: &HashSet<String>) -> Option<(String, usize)> {
    let n = normalize(name);
    let list = well_known();
    if n.chars().count() < MIN_LEN || list.binary_search(&n).is_ok() || extra.contains(&n) {
        return None;
    }
    let max = if n.chars().count() >= TWO_EDITS_FROM { 2 } else { 1 };
    let short = n.chars().count() < ANY_REPLACEMENT_FROM;
    list.iter()
        .chain(extra.iter())
        .filter_map(|k| distance(&n, k, max).map(|d| (d, k)))
        .filter(|(_, k)| !(short && far_replacement(&n, k)))
        .min()
        .map(|(d, k)| (k.clone(), d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("proc-macro1", "proc-macro2", 2), Some(1));
        assert_eq!(distance("sedre", "serde", 1), Some(1));
        assert_eq!(distance("tokio", "tokioo", 1), Some(1));
        assert_eq!(distance("reqwest", "request", 2), Some(1));
        assert_eq!(distance("abc", "xyz", 1), None);
    }

    #[test]
    fn candidates() {
        let none = HashSet::new();
        assert_eq!(imitates("proc-macro1", &none), Some(("proc-macro2".into(), 1)));
        assert_eq!(imitates("serde_jsn", &none), Some(("serde-json".into(), 1)));
        assert_eq!(imitates("tokioo", &none), Some(("tokio".into(), 1)));
        assert_eq!(imitates("proc_macro2", &none), None, "same name to crates.io");
        assert_eq!(imitates("serde", &none), None);
        assert_eq!(imitates("my-own-crate", &none), None);
        assert_eq!(imitates("rnd", &none), None, "too short to tell");
        // Short names: a far replacement is another word, a near one a typo.
        assert_eq!(imitates("uliq", &none), None);
        assert_eq!(imitates("ulod", &none), Some(("ulid".into(), 1)));
        assert_eq!(imitates("rnad", &none), Some(("rand".into(), 1)));
        let reviewed: HashSet<String> = ["tokioo".to_string()].into();
        assert_eq!(imitates("tokioo", &reviewed), None);
        assert!(well_known().len() > 800, "the shipped list loads");
    }
}
