//! Per-file analysis: read → parse → index → one walk dispatching to rules
//! → suppressions, excerpts and fingerprints. Everything returned is owned
//! data; the syntax tree never leaves this function.

use std::collections::HashMap;
use std::sync::Arc;

use crate::engine::ruleset::RuleSet;
use crate::engine::suppress;
use crate::engine::walker::{ChildMod, UnsafeStats};
use crate::finding::fingerprint;
use crate::finding::{Excerpt, Finding, Notification};
use crate::rules::file::FileCtx;
use crate::rules::suppression::Allow;
use crate::secrets::redact::{self, Masks, floor};
use crate::taint::join::Bodies;
use crate::workspace::FileKind;

/// Limits applied to every file.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_size: u64,
    /// Nesting and chain limits checked before parsing.
    pub shape: crate::syntax::shape::ShapeLimits,
    /// Compute GitHub line hashes (needed by SARIF output only).
    pub line_hashes: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: 10 * 1024 * 1024, shape: Default::default(), line_hashes: true }
    }
}

/// What the analysis of one file produced.
#[derive(Debug, Default, Clone)]
pub(crate) struct FileFacts {
    pub path: Arc<str>,
    /// The file's findings (packed from the end of the file's analysis
    /// to the final filtering: [`Held`]).
    pub findings: Findings,
    pub notifications: Vec<Notification>,
    pub child_mods: Vec<ChildMod>,
    pub unsafe_stats: UnsafeStats,
    /// `#![forbid(unsafe_code)]` at the top of the file.
    pub forbids_unsafe: bool,
    /// `#![deny(unsafe_code)]` at the top of the file.
    pub denies_unsafe: bool,
    /// `forbid`/`deny(unsafe_code)` under a `cfg_attr` condition.
    pub unsafe_lint_conditional: bool,
    /// `include!("path")` literals outside test code.
    pub includes: Vec<String>,
    pub lines: u32,
    pub bytes: u64,
    /// The file was parsed and analysed.
    pub analysed: bool,
    /// Source-to-sink flows found inside this file's functions.
    pub taint_hits: Vec<crate::taint::TaintHit>,
    /// Function summaries for the crate-level join (packed from the end
    /// of the file's analysis to the join: [`Summaries`]).
    pub summaries: Summaries,
    /// Handlers registered with a router in this file.
    pub routes: Vec<crate::rules::routes::Route>,
    /// What the taint engine asked of the semantic model (`--stats`).
    pub sem_stats: crate::taint::sem::SemStats,
    /// What the file's items make public (the library threat model).
    pub api: crate::taint::api::ApiFacts,
    /// What the file declares that bounds allocation sizes in other files
    /// of its crate (`taint::size`).
    pub sizes: crate::taint::size::SizeFacts,
    /// The macros that end a path it defines and calls, for the other
    /// files of its crate (`taint::macros`).
    pub macros: crate::taint::macros::MacroFacts,
}

impl FileFacts {
    /// Pack what the file keeps until the join and the report ([`Held`]).
    pub(crate) fn pack(&mut self) {
        self.summaries.pack(&self.path);
        self.findings.pack(&self.path);
    }

    /// The bytes of its packed blocks.
    pub(crate) fn packed_len(&self) -> usize {
        self.summaries.packed_len() + self.findings.packed_len()
    }
}

/// A list a file's analysis produced, kept packed from the end of the
/// analysis to its use — the function summaries to the crate-level join,
/// the findings to the final filtering: the cache's encoding
/// (`cache::codec`, each string written once) in one block, a fraction of
/// the open form's heap and one allocation instead of thousands, so what
/// the parallel phase keeps neither grows the heap the parser works in
/// nor scatters live blocks over its pages (and a warm run whose join is
/// reused never opens the summaries).
#[derive(Debug, Clone)]
pub(crate) enum Held<T> {
    Open(Vec<T>),
    /// `codec`'s encoding of the open form (a non-empty list), with the
    /// file's own path written as a marker.
    Packed(Box<[u8]>),
}

/// A file's function summaries for the crate-level join, each in its two
/// parts (`taint::parts`): the heads the join reads of every function,
/// and the bodies it opens only for the files its questions reach. Packed
/// like [`Held`], in one block: the heads, then the bodies (strings
/// written once for both); the join reads the heads of every block, and a
/// block's bodies when a question first needs one.
#[derive(Debug, Clone)]
pub(crate) enum Summaries {
    /// One body per head.
    Open(Vec<crate::taint::FnHead>, Vec<crate::taint::FnBody>),
    Packed(Box<[u8]>),
}

impl Default for Summaries {
    fn default() -> Self {
        Summaries::Open(Vec::new(), Vec::new())
    }
}

impl Summaries {
    /// Pack the summaries of the file at `path` (none at all stay open,
    /// empty).
    pub(crate) fn pack(&mut self, path: &Arc<str>) {
        if let Summaries::Open(heads, bodies) = self
            && !heads.is_empty()
        {
            *self = Summaries::Packed(crate::engine::cache::codec::pack_summaries(path, heads, bodies));
        }
    }

    /// The packed block's length (0 when open).
    pub(crate) fn packed_len(&self) -> usize {
        match self {
            Summaries::Open(..) => 0,
            Summaries::Packed(b) => b.len(),
        }
    }

    /// The heads of the file at `path`, and its bodies as the join takes
    /// them, leaving none; `None` when the block does not decode (see
    /// [`Held::take_open`]).
    pub(crate) fn take_heads(&mut self, path: &Arc<str>) -> Option<(Vec<crate::taint::FnHead>, Bodies)> {
        use crate::engine::cache::codec::{unpack_bodies, unpack_heads};
        match std::mem::take(self) {
            Summaries::Open(heads, bodies) => Some((heads, Bodies::Open(bodies))),
            Summaries::Packed(block) => {
                let heads = unpack_heads(path, &block)?;
                let path = path.clone();
                Some((heads, Bodies::Later(Box::new(move || unpack_bodies(&path, &block)))))
            }
        }
    }
}

impl From<Vec<crate::taint::FnSummary>> for Summaries {
    fn from(v: Vec<crate::taint::FnSummary>) -> Self {
        let (heads, bodies) = v.into_iter().map(crate::taint::FnSummary::split).unzip();
        Summaries::Open(heads, bodies)
    }
}

/// A file's own findings (not the join's).
pub(crate) type Findings = Held<Finding>;

impl<T> Default for Held<T> {
    fn default() -> Self {
        Held::Open(Vec::new())
    }
}

impl<T> Held<T> {
    /// The packed block's length (0 when open).
    pub(crate) fn packed_len(&self) -> usize {
        match self {
            Held::Open(_) => 0,
            Held::Packed(b) => b.len(),
        }
    }
}

impl<T> From<Vec<T>> for Held<T> {
    fn from(v: Vec<T>) -> Self {
        Held::Open(v)
    }
}

impl<T: crate::engine::cache::codec::Codec> Held<T> {
    /// Pack the list of the file at `path` (an empty list stays open).
    pub(crate) fn pack(&mut self, path: &Arc<str>) {
        if let Held::Open(v) = self
            && !v.is_empty()
        {
            *self = Held::Packed(crate::engine::cache::codec::pack_list(path, v));
        }
    }

    /// The open list of the file at `path`, leaving an empty one; `None`
    /// when a packed block does not decode (never expected: the block is
    /// this run's own encoding, or a cache entry whose checksum held).
    pub(crate) fn take_open(&mut self, path: &Arc<str>) -> Option<Vec<T>> {
        match std::mem::take(self) {
            Held::Open(v) => Some(v),
            Held::Packed(b) => crate::engine::cache::codec::unpack_list(path, &b),
        }
    }
}

/// Describes the file being analysed.
#[derive(Debug, Clone)]
pub(crate) struct FileInput {
    pub path: Arc<str>,
    pub kind: FileKind,
    pub package: Option<Arc<str>>,
    pub is_bin_root: bool,
    /// The package's Rust edition (`None`: unknown, parsed as 2015).
    pub edition: Option<Arc<str>>,
    /// Macros other files of the crate define that only return, which the
    /// file calls (`taint::macros`; part of the cache key when any).
    pub macros: Vec<String>,
}

pub(crate) fn redact_site(masks: &Masks, site: &mut crate::taint::SinkSite) {
    masks.redact(&mut site.what);
    if let Some(b) = &mut site.built_with {
        masks.redact(b);
    }
}

/// The lines a sink site's excerpt shows: from the first step of a flow
/// into it in this file (at most 40 lines up) to its end.
pub(crate) fn site_lines(site: &crate::taint::SinkSite, first: Option<u32>) -> (u32, u32) {
    let line = site.loc.start.line;
    let last = site.loc.end.line.max(line);
    let first = first.filter(|&f| f <= line && line - f <= 40).unwrap_or(line);
    (first, last)
}

/// Give taint sink sites what a finding needs once the file is gone:
/// excerpt, GitHub line hash, normalised line, suppression, severity.
pub(crate) fn finalize_sites(
    file: &FileCtx,
    set: &RuleSet,
    allows: &mut [Allow],
    sites: Vec<(&mut crate::taint::SinkSite, Option<u32>)>,
    masks: &Masks,
    line_hashes: bool,
) {
    if sites.is_empty() {
        return;
    }
    let lines: Vec<u32> = sites.iter().map(|(s, _)| s.loc.start.line).collect();
    let hashes =
        if line_hashes { fingerprint::line_hashes(&masks.apply(&file.text, 0), &lines) } else { HashMap::new() };
    let mut norms = NormLines::default();
    for (site, first) in sites {
        let (first, last) = site_lines(site, first);
        let line = site.loc.start.line;
        site.excerpt = Some(make_excerpt(file, first, last, &site.loc, masks));
        site.line_hash = hashes.get(&line).cloned().unwrap_or_default();
        site.norm_line = norms.get(file, masks, line).0.clone();
        site.suppression = suppress::covering(allows, site.rule, line as usize - 1, file);
        site.severity = set.index_of(site.rule).map(|i| set.settings[i].severity);
    }
}

/// The lines a finding's excerpt shows: its own, its labels' and its
/// flow's in the same file, at most 41.
fn excerpt_lines(f: &Finding) -> (u32, u32) {
    let mut first = f.location.start.line;
    let mut last = f.location.end.line.max(first);
    for loc in f.labels.iter().map(|l| &l.location).chain(f.flow.iter().map(|s| &s.location)) {
        if loc.path == f.location.path {
            first = first.min(loc.start.line);
            last = last.max(loc.end.line);
        }
    }
    if last - first > 40 {
        first = f.location.start.line;
        last = f.location.end.line.min(first + 40);
    }
    (first, last)
}

/// Every masked range of the file: the findings' secrets, and any
/// secret-looking token on a line some excerpt shows (`more`: lines of
/// excerpts besides the findings').
pub(crate) fn file_masks(file: &FileCtx, findings: &[Finding], more: &[(u32, u32)]) -> Masks {
    let mut ranges: Vec<(u32, u32)> = findings.iter().flat_map(|f| f.masks.iter().copied()).collect();
    let mut lines: Vec<(u32, u32)> = findings.iter().map(excerpt_lines).chain(more.iter().copied()).collect();
    lines.sort_unstable();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut merged: Option<(u32, u32)> = None;
    let n = file.lines.line_count() as u32;
    let span = |(a, b): (u32, u32)| {
        let start = file.lines.line_start(a.clamp(1, n) as usize - 1) as usize;
        (start, file.lines.line_range(&file.text, b.clamp(1, n) as usize - 1).1.max(start))
    };
    for (a, b) in lines {
        match &mut merged {
            Some(m) if a <= m.1 + 1 => m.1 = m.1.max(b),
            _ => {
                if let Some(m) = merged.replace((a, b)) {
                    spans.push(span(m));
                }
            }
        }
    }
    if let Some(m) = merged {
        spans.push(span(m));
    }
    ranges.extend(redact::detect_in_lines(&file.text, &spans));
    Masks::new(&file.text, ranges)
}

/// Excerpts longer than this show only the finding's own lines, and a
/// longer line only a window around the finding (4,000 findings on one
/// long line must not hold 4,000 copies of it).
const EXCERPT_MAX: usize = 4096;
/// Context kept on each side of the finding in such a window.
const WINDOW_CONTEXT: usize = 240;

/// Lines `first..=last` (1-based) of the file, with masked ranges.
fn make_excerpt(file: &FileCtx, first: u32, last: u32, loc: &crate::finding::Location, masks: &Masks) -> Excerpt {
    let bounds = |first: u32, last: u32| {
        let start = file.lines.line_start(first as usize - 1) as usize;
        let (_, end) = file.lines.line_range(&file.text, last as usize - 1);
        (start, end.max(start))
    };
    let mut first = first;
    let (mut start, mut end) = bounds(first, last);
    let mut clipped = 0;
    if end - start > EXCERPT_MAX {
        first = loc.start.line;
        (start, end) = bounds(first, loc.end.line.max(first));
    }
    if end - start > EXCERPT_MAX {
        let ws = floor(&file.text, (loc.byte_start as usize).saturating_sub(WINDOW_CONTEXT).max(start));
        let wanted = (loc.byte_end as usize).saturating_add(WINDOW_CONTEXT).min(ws + EXCERPT_MAX);
        end = floor(&file.text, wanted.min(end).max(ws));
        clipped = file.lines.pos(&file.text, ws as u32).col - 1;
        start = ws;
    }
    let text = file.text.get(start..end).unwrap_or("");
    Excerpt {
        first_line: first,
        byte_offset: start as u32,
        text: masks.apply(text, start as u32).into_owned(),
        clipped,
    }
}

/// Normalised masked lines (whitespace runs collapsed), each computed
/// once however many findings it has, with a hash for counting repeats.
#[derive(Default)]
struct NormLines(HashMap<u32, (String, u128)>);

impl NormLines {
    fn get(&mut self, file: &FileCtx, masks: &Masks, line: u32) -> &(String, u128) {
        self.0.entry(line).or_insert_with(|| {
            let l = line as usize - 1;
            let masked = masks.apply(file.line_text(l), file.lines.line_start(l));
            let norm = masked.split_whitespace().collect::<Vec<_>>().join(" ");
            let h = xxhash_rust::xxh3::xxh3_128(norm.as_bytes());
            (norm, h)
        })
    }
}

/// Attach excerpts, masks and fingerprints. Masked ranges (secrets) are
/// masked in every input: excerpts, our fingerprint and GitHub's line
/// hash, and wherever a finding's words repeat a secret. Returns the
/// file's masks.
pub(crate) fn finalize(file: &FileCtx, findings: &mut [Finding], line_hashes: bool) -> Masks {
    if findings.is_empty() {
        return Masks::default();
    }
    let lines: Vec<u32> = findings.iter().map(|f| f.location.start.line).collect();
    // Every secret found in the file is masked in every excerpt of it, not
    // only in its own finding's (another finding may show the same line).
    let masks = file_masks(file, findings, &[]);
    let hashes =
        if line_hashes { fingerprint::line_hashes(&masks.apply(&file.text, 0), &lines) } else { HashMap::new() };
    let mut norms = NormLines::default();
    let mut seen: HashMap<(&'static str, u128), u32> = HashMap::new();
    // The hash state after rule, path and line, per rule and line.
    let mut prefixes: HashMap<(&'static str, u32), xxhash_rust::xxh3::Xxh3> = HashMap::new();
    for f in findings.iter_mut() {
        let (first, last) = excerpt_lines(f);
        let excerpt = make_excerpt(file, first, last, &f.location, &masks);
        let line = f.location.start.line;
        let (norm, h) = norms.get(file, &masks, line);
        let n = seen.entry((f.rule, *h)).or_insert(0);
        *n += 1;
        let prefix =
            prefixes.entry((f.rule, line)).or_insert_with(|| fingerprint::own_prefix(f.rule, &f.location.path, norm));
        f.fingerprint = fingerprint::own_occurrence(prefix, *n);
        f.line_hash = hashes.get(&f.location.start.line).cloned().unwrap_or_default();
        f.excerpt = Some(excerpt);
        redact_finding(&masks, f);
    }
    masks
}

/// Mask the secrets of the file wherever a finding's words repeat them.
fn redact_finding(masks: &Masks, f: &mut Finding) {
    masks.redact(&mut f.message);
    f.labels.iter_mut().for_each(|l| masks.redact(&mut l.message));
    f.flow.iter_mut().for_each(|s| masks.redact(&mut s.message));
    f.notes.iter_mut().for_each(|n| masks.redact(n));
    if let Some(h) = &mut f.help {
        masks.redact(h);
    }
    if let Some(s) = &mut f.suppression {
        masks.redact(&mut s.justification);
    }
}
