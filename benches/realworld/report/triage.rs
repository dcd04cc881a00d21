//! The answer key (`triage.toml`): loading it, matching verdicts to the
//! findings of a run, and choosing the sample of a frequent rule.

use serde::Deserialize;
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Key {
    /// Seed of the sample hash.
    pub seed: u64,
    /// A rule with more findings than this is judged on a sample of this size.
    pub sample: usize,
    #[serde(default, rename = "finding")]
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub rule: String,
    #[serde(rename = "crate")]
    pub krate: String,
    pub file: String,
    pub line: usize,
    /// The trimmed text of the finding's line, to follow it when lines move.
    #[serde(default)]
    pub code: String,
    pub verdict: Verdict,
    pub reason: String,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Verdict {
    Tp,
    Fp,
    Debatable,
}

/// One finding of a run, as the key sees it.
pub(crate) struct Finding {
    pub rule: String,
    pub krate: String,
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The finding's line, trimmed, inner whitespace collapsed.
    pub code: String,
    pub message: String,
    /// Set by [`assign`]: the index of the matching entry.
    pub entry: Option<usize>,
    /// Set by [`choose_samples`]: whether the finding is judged (all findings
    /// of a rule with few, the sample of a rule with many).
    pub judged: bool,
}

/// Whitespace-collapsed text, so that reformatting a line keeps its match.
pub(crate) fn normalize(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Matches entries to findings: first by rule, crate, file, line and code
/// text (several findings of the rule on one line take one entry each while
/// there are enough, then share; an entry without `code` matches on the line
/// alone); then, for findings left over,
/// by rule, crate, file and code text (the line moved), each entry used once,
/// the nearest line first. Returns the indexes of entries that matched nothing.
pub(crate) fn assign(key: &Key, findings: &mut [Finding]) -> Vec<usize> {
    let mut by_line: HashMap<(&str, &str, &str, usize), Vec<usize>> = HashMap::new();
    let mut by_code: HashMap<(&str, &str, &str, String), Vec<usize>> = HashMap::new();
    for (i, e) in key.entries.iter().enumerate() {
        by_line.entry((&e.rule, &e.krate, &e.file, e.line)).or_default().push(i);
        by_code.entry((&e.rule, &e.krate, &e.file, normalize(&e.code))).or_default().push(i);
    }
    let mut used = vec![false; key.entries.len()];
    for f in findings.iter_mut() {
        let Some(cands) = by_line.get(&(f.rule.as_str(), f.krate.as_str(), f.file.as_str(), f.line)) else {
            continue;
        };
        let fits = |i: usize| key.entries[i].code.is_empty() || normalize(&key.entries[i].code) == f.code;
        // An unused entry first (two findings on one line, two verdicts), else share one.
        let pick = cands.iter().find(|&&i| fits(i) && !used[i]).or_else(|| cands.iter().find(|&&i| fits(i)));
        if let Some(&i) = pick {
            f.entry = Some(i);
            used[i] = true;
        }
    }
    for f in findings.iter_mut().filter(|f| f.entry.is_none() && !f.code.is_empty()) {
        let Some(cands) = by_code.get(&(f.rule.as_str(), f.krate.as_str(), f.file.as_str(), f.code.clone())) else {
            continue;
        };
        let nearest = cands.iter().filter(|&&i| !used[i]).min_by_key(|&&i| key.entries[i].line.abs_diff(f.line));
        if let Some(&i) = nearest {
            f.entry = Some(i);
            used[i] = true;
        }
    }
    (0..key.entries.len()).filter(|&i| !used[i]).collect()
}

/// The sample key of a finding: a seeded hash of what identifies it apart
/// from its line number, so the sample survives lines moving.
fn sample_hash(seed: u64, f: &Finding) -> u64 {
    xxh3_64_with_seed(format!("{}\0{}\0{}\0{}", f.rule, f.krate, f.file, f.code).as_bytes(), seed)
}

/// Marks the judged findings: every finding of a rule with at most
/// `key.sample` findings; else the `key.sample` findings with the smallest
/// sample hash (ties by crate, file, line, column).
pub(crate) fn choose_samples(key: &Key, findings: &mut [Finding]) {
    let mut by_rule: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_rule.entry(f.rule.clone()).or_default().push(i);
    }
    for idx in by_rule.values_mut() {
        if idx.len() > key.sample {
            idx.sort_by_cached_key(|&i| {
                let f = &findings[i];
                (sample_hash(key.seed, f), f.krate.clone(), f.file.clone(), f.line, f.col)
            });
            idx.truncate(key.sample);
        }
        for &i in idx.iter() {
            findings[i].judged = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: usize, code: &str) -> Finding {
        Finding {
            rule: "r".into(),
            krate: "c".into(),
            file: "src/a.rs".into(),
            line,
            col: 1,
            code: code.into(),
            message: String::new(),
            entry: None,
            judged: false,
        }
    }

    fn entry(line: usize, code: &str) -> Entry {
        Entry {
            rule: "r".into(),
            krate: "c".into(),
            file: "src/a.rs".into(),
            line,
            code: code.into(),
            verdict: Verdict::Fp,
            reason: "x".into(),
        }
    }

    #[test]
    fn line_first_then_moved_code_nearest_first() {
        let key = Key {
            seed: 1,
            sample: 20,
            entries: vec![
                entry(10, "a()"),
                entry(20, "b()"),
                entry(40, "b()"),
                entry(60, "c(); c()"),
                entry(60, "c(); c()"),
            ],
        };
        let mut fs = vec![
            finding(10, "a()"),
            finding(10, "a()"),
            finding(23, "b()"),
            finding(44, "b()"),
            finding(50, "b()"),
            finding(60, "c(); c()"),
            finding(60, "c(); c()"),
        ];
        let stale = assign(&key, &mut fs);
        let got: Vec<_> = fs.iter().map(|f| f.entry).collect();
        assert_eq!(got, [Some(0), Some(0), Some(1), Some(2), None, Some(3), Some(4)]);
        assert!(stale.is_empty());
        // Same line, other code: a different finding.
        let mut other = vec![finding(10, "c()")];
        assert_eq!(assign(&key, &mut other), [0, 1, 2, 3, 4]);
        assert_eq!(other[0].entry, None);
    }

    #[test]
    fn sample_is_stable_and_bounded() {
        let key = Key { seed: 7, sample: 3, entries: vec![] };
        let mut fs: Vec<Finding> = (1..=10).map(|i| finding(i, &format!("x{i}()"))).collect();
        choose_samples(&key, &mut fs);
        let picked: Vec<usize> = fs.iter().filter(|f| f.judged).map(|f| f.line).collect();
        assert_eq!(picked.len(), 3);
        // Moving every line keeps the same findings in the sample.
        let mut moved: Vec<Finding> = (1..=10).map(|i| finding(i + 100, &format!("x{i}()"))).collect();
        choose_samples(&key, &mut moved);
        let again: Vec<usize> = moved.iter().filter(|f| f.judged).map(|f| f.line - 100).collect();
        assert_eq!(picked, again);
    }
}
