//! Findings of `cargo sast deps` as report entries: judgements of a
//! package's code (at the code), and typosquats, unapproved and gained
//! capabilities (at the package's entry in Cargo.lock). Each names the
//! crate, version, file and line; approvals suppress what they cover.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{Value, json};

use super::analysis::{Analysed, Use};
use super::caps::{Cap, Capability};
use super::judge::Hit;
use super::policy::Verdict;
use super::text::{sanitize, sanitize_same_len, short};
use crate::finding::{Excerpt, Finding, Label, Location, Suppression, SuppressionKind};
use crate::lints::deps as rules;
use crate::rules::Severity;
use crate::syntax::lines::LineIndex;
use crate::workspace::lockfile::{LockFile, LockPackage};

/// How much an unapproved or gained capability weighs.
pub(super) fn cap_severity(c: Capability) -> Severity {
    match (c.build, c.cap) {
        (true, Cap::Net | Cap::Blob) => Severity::High,
        (true, _) => Severity::Medium,
        (false, Cap::Net | Cap::Process | Cap::Ffi | Cap::Init | Cap::Blob) => Severity::Medium,
        (false, _) => Severity::Low,
    }
}

/// Cargo.lock, for locations at package entries.
pub(super) struct LockText<'a> {
    /// Its path as reported.
    pub path: Arc<str>,
    pub text: &'a str,
    pub lock: &'a LockFile,
    lines: LineIndex,
}

impl<'a> LockText<'a> {
    pub(super) fn new(path: &str, text: &'a str, lock: &'a LockFile) -> Self {
        LockText { path: path.into(), text, lock, lines: LineIndex::new(text) }
    }

    /// The `version = "…"` line of an entry, with the entry as excerpt.
    pub(super) fn at(&self, index: usize) -> (Location, Excerpt) {
        let Some(p) = self.lock.packages.get(index) else { return (Location::default(), Excerpt::default()) };
        let (s, e) = (p.version_span.0 as u32, p.version_span.1 as u32);
        let start = self.lines.pos(self.text, s);
        let loc =
            Location { path: self.path.clone(), byte_start: s, byte_end: e, start, end: self.lines.pos(self.text, e) };
        let first = self.lines.line_of(p.header as u32);
        let last = self.lines.line_of(e);
        let (from, _) = self.lines.line_range(self.text, first);
        let (_, to) = self.lines.line_range(self.text, last);
        let excerpt = Excerpt {
            first_line: first as u32 + 1,
            byte_offset: from as u32,
            text: sanitize_same_len(self.text.get(from..to).unwrap_or("")),
            clipped: 0,
        };
        (loc, excerpt)
    }
}

/// The common facts of a finding about a package.
fn props(a: &Analysed, extra: &[(&str, Value)]) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("crate".into(), json!(a.pkg.name));
    m.insert("version".into(), json!(a.pkg.version));
    for (k, v) in extra {
        m.insert((*k).to_string(), v.clone());
    }
    m
}

fn base(rule: &'static str, severity: Severity, message: String, location: Location) -> Finding {
    Finding { help: rules::by_id(rule).map(|r| r.help.to_string()), ..Finding::new(rule, severity, message, location) }
}

/// A judgement as a finding, suppressed when the policy approves every
/// capability it involves (or, for hidden data, when every approval of
/// the crate still matches its evidence).
pub(super) fn from_hit(a: &Analysed, h: &Hit<'_>, verdict: Option<&Verdict<'_>>) -> Finding {
    let u = h.at;
    let mut f = base(h.rule, h.severity, h.message.clone(), u.ev.loc.clone());
    f.excerpt = Some(u.ev.excerpt.clone()).filter(|e| !e.text.is_empty());
    for (r, msg) in &h.related {
        f.labels.push(Label { location: r.ev.loc.clone(), message: msg.clone() });
    }
    f.notes.push(format!(
        "in {} {}, {} line {}",
        sanitize(&a.pkg.name),
        a.pkg.version,
        short(a.rel(&u.ev.loc), 120),
        u.ev.loc.start.line
    ));
    f.properties = props(
        a,
        &[
            ("file", json!(a.rel(&u.ev.loc))),
            ("line", json!(u.ev.loc.start.line)),
            ("role", json!(u.role.describe())),
            ("capabilities", json!(h.caps.iter().map(ToString::to_string).collect::<Vec<_>>())),
            ("code", json!(u.ev.snippet)),
        ],
    );
    f.fingerprint = fingerprint(h.rule, a, u);
    if let Some(v) = verdict {
        let covered = if h.caps.is_empty() {
            !v.entries.is_empty() && v.stale.is_empty() && !v.approved.is_empty()
        } else {
            h.caps.iter().all(|c| v.approved.contains_key(c))
        };
        if covered
            && let Some(ap) = h.caps.first().and_then(|c| v.approved.get(c)).or_else(|| v.approved.values().next())
        {
            f.suppression = Some(approved_by(ap));
        }
    }
    f
}

fn approved_by(ap: &super::policy::Approval) -> Suppression {
    Suppression {
        kind: SuppressionKind::External,
        justification: format!(
            "approved in {}:{} for {} {}: {}",
            ap.source.display(),
            ap.line,
            ap.krate,
            ap.version,
            if ap.reason.trim().is_empty() { "(no reason given)" } else { ap.reason.as_str() }
        ),
        location: None,
    }
}

/// Our fingerprint: rule, the package's file (without the version), code.
fn fingerprint(rule: &str, a: &Analysed, u: &Use) -> String {
    let path = format!("{}/{}", a.pkg.name, a.rel(&u.ev.loc));
    crate::finding::fingerprint::own(rule, &path, &u.ev.snippet, 0)
}

/// A name close to a well-known crate.
pub(super) fn typosquat(
    a: &Analysed,
    lock: &LockText<'_>,
    like: &str,
    edits: usize,
    verdict: Option<&Verdict<'_>>,
) -> Finding {
    let (loc, excerpt) = lock.at(a.pkg.lock_index);
    let mut f = base(
        rules::TYPOSQUAT,
        Severity::High,
        format!(
            "`{}` ({}) is {} from the well-known crate `{like}`: a typosquatting candidate{}",
            sanitize(&a.pkg.name),
            a.pkg.version,
            if edits == 1 { "one edit".to_string() } else { format!("{edits} edits") },
            build_note(a)
        ),
        loc,
    );
    f.excerpt = Some(excerpt);
    f.properties = props(a, &[("looks_like", json!(like)), ("edits", json!(edits))]);
    f.fingerprint = crate::finding::fingerprint::own(rules::TYPOSQUAT, &a.pkg.name, like, 0);
    if let Some(ap) = verdict.and_then(|v| v.entries.first()) {
        f.suppression = Some(approved_by(ap));
    }
    f
}

/// A name-only typosquat (no sources on disk).
pub(super) fn typosquat_missing(
    p: &LockPackage,
    index: usize,
    lock: &LockText<'_>,
    like: &str,
    edits: usize,
) -> Finding {
    let (loc, excerpt) = lock.at(index);
    let mut f = base(
        rules::TYPOSQUAT,
        Severity::High,
        format!(
            "`{}` ({}) is {} from the well-known crate `{like}`: a typosquatting candidate (its sources are not on disk; {})",
            sanitize(&p.name),
            p.version,
            if edits == 1 { "one edit".to_string() } else { format!("{edits} edits") },
            super::sources::fetch_hint()
        ),
        loc,
    );
    f.excerpt = Some(excerpt);
    let mut m = serde_json::Map::new();
    m.insert("crate".into(), json!(p.name));
    m.insert("version".into(), json!(p.version.to_string()));
    m.insert("looks_like".into(), json!(like));
    f.properties = m;
    f.fingerprint = crate::finding::fingerprint::own(rules::TYPOSQUAT, &p.name, like, 0);
    f
}

fn build_note(a: &Analysed) -> String {
    match (a.pkg.manifest.build.is_some(), a.pkg.manifest.proc_macro) {
        (true, true) => ", with a build script, and a proc macro".into(),
        (true, false) => ", with a build script".into(),
        (false, true) => ", a proc macro".into(),
        _ => String::new(),
    }
}

/// Capabilities the policy does not approve: one finding per capability,
/// at its first use, the others as related locations.
pub(super) fn unapproved(a: &Analysed, verdict: &Verdict<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (cap, uses) in a.capabilities() {
        if verdict.approved.contains_key(&cap) {
            continue;
        }
        let Some(first) = uses.first() else { continue };
        let stale = verdict.stale.get(&cap);
        let why = match stale {
            Some(ap) => format!(
                "was approved for {} {} (in {}:{}), but its evidence changed since: review it again",
                sanitize(&ap.krate),
                sanitize(&ap.version),
                ap.source.display(),
                ap.line
            ),
            None => "is not approved in `[deps.allow]`".to_string(),
        };
        let mut f = base(
            rules::UNAPPROVED,
            cap_severity(cap),
            format!(
                "`{}` uses `{cap}` ({}{}), which {why}: `{}`",
                short(&a.label(), 80),
                cap.cap.describe(),
                if cap.build { ", at build time" } else { "" },
                first.ev.snippet
            ),
            first.ev.loc.clone(),
        );
        f.excerpt = Some(first.ev.excerpt.clone()).filter(|e| !e.text.is_empty());
        for u in uses.iter().skip(1).take(10) {
            f.labels.push(Label { location: u.ev.loc.clone(), message: format!("also `{cap}`: `{}`", u.ev.snippet) });
        }
        if uses.len() > 11 {
            f.notes.push(format!("{} more uses of `{cap}`", uses.len() - 11));
        }
        f.notes.push(format!("evidence hash now: {}", super::policy::evidence_hash(a, &[cap])));
        f.properties = props(a, &[("capability", json!(cap.to_string())), ("uses", json!(uses.len()))]);
        f.fingerprint = crate::finding::fingerprint::own(rules::UNAPPROVED, &a.pkg.name, &cap.to_string(), 0);
        out.push(f);
    }
    out
}

/// What an added or updated package gained, at its Cargo.lock entry.
pub(super) struct Gain {
    pub caps: BTreeSet<Capability>,
    pub build_script: bool,
    pub proc_macro: bool,
    /// Unsafe code before and after, when both are known and it grew.
    pub unsafe_growth: Option<(u32, u32)>,
    /// The previous version, if this is an update.
    pub from: Option<String>,
    /// The previous version's sources were not on disk.
    pub old_missing: bool,
}

impl Gain {
    pub(super) fn is_empty(&self) -> bool {
        self.caps.is_empty() && !self.build_script && !self.proc_macro && self.unsafe_growth.is_none()
    }

    pub(super) fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if self.build_script {
            parts.push("a build script".to_string());
        }
        if self.proc_macro {
            parts.push("a proc macro".to_string());
        }
        parts.extend(self.caps.iter().map(|c| format!("`{c}`")));
        if let Some((a, b)) = self.unsafe_growth {
            parts.push(format!("more unsafe code ({a} → {b})"));
        }
        parts
    }
}

pub(super) fn gained(a: &Analysed, g: &Gain, lock: &LockText<'_>) -> Finding {
    let (loc, excerpt) = lock.at(a.pkg.lock_index);
    let mut severity = g.caps.iter().map(|c| cap_severity(*c)).max().unwrap_or(Severity::Low);
    if g.build_script || g.proc_macro {
        severity = severity.max(Severity::Medium);
    }
    let change = match &g.from {
        Some(v) => format!("{} → {}", sanitize(v), a.pkg.version),
        None => format!("{} (added)", a.pkg.version),
    };
    let mut f = base(
        rules::GAINED,
        severity,
        format!("`{}` {change} gains {}", sanitize(&a.pkg.name), g.describe().join(", ")),
        loc,
    );
    f.excerpt = Some(excerpt);
    let caps = a.capabilities();
    for c in &g.caps {
        if let Some(u) = caps.get(c).and_then(|us| us.first()) {
            f.labels.push(Label { location: u.ev.loc.clone(), message: format!("`{c}`: `{}`", u.ev.snippet) });
        }
    }
    if g.old_missing {
        f.notes.push(format!(
            "the sources of {} {} are not on disk, so every capability of the new version counts as gained; to compare, fetch them: check the base out (`git worktree add <dir> <ref>`) and run `cargo fetch` there",
            sanitize(&a.pkg.name),
            g.from.as_deref().map(sanitize).unwrap_or_default()
        ));
    }
    f.properties = props(
        a,
        &[
            ("from", json!(g.from)),
            ("gained", json!(g.caps.iter().map(ToString::to_string).collect::<Vec<_>>())),
            ("build_script_added", json!(g.build_script)),
            ("proc_macro_added", json!(g.proc_macro)),
        ],
    );
    f.fingerprint = crate::finding::fingerprint::own(rules::GAINED, &a.pkg.name, &a.pkg.version, 0);
    f
}

/// The judgement keys of a package's findings, for "is this one new?":
/// rule, file within the package, code (not the version or the line).
pub(super) fn hit_key(a: &Analysed, h: &Hit<'_>) -> (String, String, String) {
    (h.rule.to_string(), a.rel(&h.at.ev.loc).to_string(), h.at.ev.key())
}
