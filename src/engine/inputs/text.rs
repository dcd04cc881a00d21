//! Text files (`.env*`, TOML, YAML, JSON, …): decoded, scanned by the
//! secrets pack's detectors (`secrets::text`), reported through the same
//! builder as Rust findings, suppressed by `sast:allow` comments on the
//! line or the line above, and finished like every input.

use std::sync::Arc;

use crate::engine::facts::{FileFacts, FileInput};
use crate::engine::ruleset::RuleSet;
use crate::engine::suppress;
use crate::finding::Finding;
use crate::rules::cx::{Cx, Scope};
use crate::rules::file::FileCtx;
use crate::secrets::{self, text::TextHit};

/// Should the scan read text files: some rule of the pack is enabled (in
/// the workspace or a package) and `[secrets] text-files` is not off.
pub(crate) fn wanted(base: &RuleSet, per_package: &std::collections::HashMap<String, Arc<RuleSet>>) -> bool {
    let on = |set: &RuleSet| {
        set.rules.iter().enumerate().any(|(i, r)| {
            secrets::is_pack_rule(r.meta().id)
                && r.meta().id != secrets::HARDCODED_CRYPTO_KEY
                && set.settings[i].secrets.text_files
        })
    };
    on(base) || per_package.values().any(|s| on(s))
}

struct Reporter<'a> {
    file: &'a FileCtx,
    set: &'a RuleSet,
    out: Vec<Finding>,
    /// Reported ranges (disjoint), start → end.
    covered: std::collections::BTreeMap<usize, usize>,
}

impl Reporter<'_> {
    /// No reported range overlaps `s..e` (the one starting last before `e`
    /// is the only candidate: they are disjoint).
    fn free(&self, s: usize, e: usize) -> bool {
        self.covered.range(..e).next_back().is_none_or(|(_, &b)| b <= s)
    }

    fn report(&mut self, hit: TextHit) {
        let TextHit { rule, start: s, end: e, message, help, severity, test_value } = hit;
        let Some(i) = self.set.index_of(rule) else { return };
        if !self.free(s, e) {
            return;
        }
        self.covered.insert(s, e);
        let scope = Scope::default();
        let mut cx = Cx {
            file: self.file,
            scope: &scope,
            rule: self.set.rules[i].meta(),
            settings: &self.set.settings[i],
            out: &mut self.out,
        };
        let mut d = cx.report_range(s as u32, e as u32, message).mask_range(s as u32, e as u32).help(help.to_string());
        if test_value {
            d = d.test_value();
        }
        if let Some(sev) = severity {
            d = d.severity(sev);
        }
        drop(d);
    }
}

/// Scan one text file with the pack's enabled rules.
pub(crate) fn analyze(
    input: &FileInput,
    bytes: Vec<u8>,
    set: &RuleSet,
    limits: &crate::engine::facts::Limits,
) -> FileFacts {
    let mut facts = FileFacts { path: input.path.clone(), bytes: bytes.len() as u64, ..Default::default() };
    // A stray invalid byte or NUL must not hide the rest of the file: such
    // bytes read as `?` (one byte each, so offsets stay right).
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.into_bytes();
            let mut t = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                t.push_str(chunk.valid());
                t.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            t
        }
    };
    let Some(settings) =
        set.rules.iter().position(|r| secrets::is_pack_rule(r.meta().id)).map(|i| Arc::clone(&set.settings[i].secrets))
    else {
        return facts;
    };
    if settings.allowed_path(&input.path) {
        return facts;
    }
    let file = FileCtx::new(input.path.clone(), text, input.kind);
    let text = file.text.as_str();
    let mut r = Reporter { file: &file, set, out: Vec::new(), covered: Default::default() };

    secrets::text::scan(text, &settings, |h| r.report(h));
    let mut findings = r.out;
    suppress::apply_line_comments(&file, &mut findings);
    findings.sort_by(|a, b| (a.location.byte_start, a.rule).cmp(&(b.location.byte_start, b.rule)));
    super::finish(&file, set, &mut findings, limits);
    facts.findings = findings.into();
    facts
}
