//! Masking at the source: secrets never leave a file's analysis in full.
//!
//! A file's mask ranges come from the secrets pack's findings and from the
//! provider-format and connection-string detectors run over every line an
//! excerpt shows (a token in a comment beside another finding is masked
//! too). They are merged once, and each text — an excerpt, the line a
//! fingerprint hashes, the whole file for GitHub's line hashes — is masked
//! in one pass, whatever the number of secrets on a line. The secrets'
//! text is then masked wherever a finding repeats it (its message, labels,
//! notes, help, data-flow steps), whichever rule wrote it. What is cached
//! and reported is the masked form only.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Shortest secret whose text is also masked inside messages (shorter
/// ones would mask ordinary words).
const MIN_NEEDLE: usize = 6;

/// A file's masked ranges, merged and sorted, each with the offset from
/// which it is hidden (a few leading characters stay visible so the
/// finding is recognisable).
#[derive(Debug, Default)]
pub(crate) struct Masks {
    ranges: Vec<(u32, u32, u32)>,
    /// The secrets' texts, sorted.
    needles: Vec<String>,
    /// Their first [`MIN_NEEDLE`] bytes: a text none of whose windows is
    /// one of these holds no secret (most texts: no automaton is built).
    heads: std::collections::HashSet<[u8; MIN_NEEDLE]>,
    /// Built on first use.
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
}

/// How many characters of a secret of `n` (non-quote) characters stay visible.
fn visible(n: usize) -> usize {
    (n / 4).min(4)
}

fn keeps(c: char) -> bool {
    c == '"' || c == '\n' || c == '\r'
}

impl Masks {
    /// Merge `ranges` (file byte offsets) of `text`.
    pub(crate) fn new(text: &str, mut ranges: Vec<(u32, u32)>) -> Masks {
        ranges.retain(|&(s, e)| s < e && (e as usize) <= text.len());
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let mut out = Vec::with_capacity(merged.len());
        let mut needles: Vec<String> = Vec::new();
        for (s, e) in merged {
            let (s, e) = (floor(text, s as usize), ceil(text, e as usize));
            let secret = &text[s..e];
            let shown = visible(secret.chars().filter(|&c| c != '"').count());
            let mut from = e;
            let mut n = 0;
            for (i, c) in secret.char_indices() {
                if keeps(c) {
                    continue;
                }
                if n == shown {
                    from = s + i;
                    break;
                }
                n += 1;
            }
            out.push((s as u32, from as u32, e as u32));
            for piece in secret.split(|c: char| c == '"' || c.is_whitespace()) {
                if piece.chars().count() >= MIN_NEEDLE {
                    needles.push(piece.to_string());
                }
            }
        }
        needles.sort_unstable();
        needles.dedup();
        let heads = needles.iter().filter_map(|n| n.as_bytes().first_chunk::<MIN_NEEDLE>().copied()).collect();
        Masks { ranges: out, needles, heads, automaton: Default::default() }
    }

    /// `text`, which starts at byte `base` of the file, with the masked
    /// ranges hidden: each hidden char becomes as many `*` as it has bytes
    /// (offsets and line numbers unchanged); quotes and line breaks stay.
    pub(crate) fn apply<'t>(&self, text: &'t str, base: u32) -> Cow<'t, str> {
        let end = base as usize + text.len();
        let first = self.ranges.partition_point(|&(_, _, e)| (e as usize) <= base as usize);
        let hit = self.ranges[first..].iter().take_while(|&&(s, _, _)| (s as usize) < end);
        let mut out: Option<String> = None;
        let mut at = 0usize;
        for &(_, from, e) in hit {
            let from = (from as usize).saturating_sub(base as usize).min(text.len());
            let stop = (e as usize).saturating_sub(base as usize).min(text.len());
            if from >= stop {
                continue;
            }
            let (from, stop) = (floor(text, from.max(at)), ceil(text, stop));
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[at..from]);
            for c in text[from..stop].chars() {
                if keeps(c) {
                    o.push(c);
                } else {
                    o.extend(std::iter::repeat_n('*', c.len_utf8()));
                }
            }
            at = stop;
        }
        match out {
            Some(mut o) => {
                o.push_str(&text[at..]);
                Cow::Owned(o)
            }
            None => Cow::Borrowed(text),
        }
    }

    /// `s` with every secret's text masked, wherever it occurs.
    pub(crate) fn redact(&self, s: &mut String) {
        if self.heads.is_empty()
            || !s.as_bytes().windows(MIN_NEEDLE).any(|w| w.first_chunk().is_some_and(|h| self.heads.contains(h)))
        {
            return;
        }
        let needles = &self.needles;
        let automaton = self
            .automaton
            .get_or_init(|| AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(needles).ok());
        let Some(ac) = automaton else { return };
        if !ac.is_match(s.as_str()) {
            return;
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for m in ac.find_iter(s.as_str()) {
            out.push_str(&s[at..m.start()]);
            let secret = &needles[m.pattern().as_usize()];
            let shown = visible(secret.chars().count());
            for (i, c) in secret.chars().enumerate() {
                if i < shown {
                    out.push(c);
                } else {
                    out.extend(std::iter::repeat_n('*', c.len_utf8()));
                }
            }
            at = m.end();
        }
        out.push_str(&s[at..]);
        *s = out;
    }
}

/// The char boundary at or before `i` (clamped to the text).
pub(crate) fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Secret-looking tokens (provider formats, connection-string passwords)
/// in `spans` (byte ranges, sorted, disjoint) of `text`, as file byte
/// ranges: masked in excerpts even when no rule reported them.
pub(crate) fn detect_in_lines(text: &str, spans: &[(usize, usize)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for &(s, e) in spans {
        let chunk = &text[s..e];
        for h in super::detect::TABLE.scan(chunk) {
            out.push(((s + h.start) as u32, (s + h.end) as u32));
        }
        for h in super::connstr::find(chunk) {
            out.push(((s + h.start) as u32, (s + h.end) as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_masks_in_one_pass() {
        let text = "a = \"ghp_0123456789abcdef\"; b = \"xyzxyzxyzxyz\"\n";
        let s1 = text.find("ghp").unwrap() as u32;
        let s2 = text.find("xyz").unwrap() as u32;
        let m = Masks::new(text, vec![(s2, s2 + 12), (s1, s1 + 20), (s1 + 2, s1 + 8)]);
        let out = m.apply(text, 0);
        assert_eq!(out, "a = \"ghp_****************\"; b = \"xyz*********\"\n");
        assert_eq!(out.len(), text.len());
        // A window that starts inside a secret hides what the whole would.
        let w = &text[s1 as usize + 2..];
        assert_eq!(m.apply(w, s1 + 2), &out[s1 as usize + 2..]);
        let mut msg = "file `/tmp/ghp_0123456789abcdef.lock` and xyzxyzxyzxyz".to_string();
        m.redact(&mut msg);
        assert_eq!(msg, "file `/tmp/ghp_****************.lock` and xyz*********");
    }
}
