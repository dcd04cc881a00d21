//! The rules framework: metadata every rule declares, the hooks a rule may
//! implement, and the `declare_rule!` macro that turns a rule's doc comment
//! into the single source of its documentation.
//!
//! Rules live in `lints/`, one file each; `lints/mod.rs` registers them with
//! one line per rule.

use serde::{Deserialize, Serialize};

pub(crate) use crate::finding::Severity;
use crate::syntax::FnLike;

use self::cx::Cx;

pub(crate) mod chain;
pub(crate) mod cx;
pub(crate) mod file;
mod fix;
pub(crate) mod measure;
pub(crate) mod routes;
pub(crate) mod secret_names;
pub(crate) mod settings;
pub(crate) mod suppression;
pub(crate) mod taint;
pub(crate) mod unsafety;
pub(crate) mod web;

/// How often a rule's findings are true positives (CodeQL's scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    VeryHigh,
    High,
    Medium,
    Low,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VeryHigh => "very-high",
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// OWASP Top 10 (2021) categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Owasp {
    A01,
    A02,
    A03,
    A04,
    A05,
    A06,
    A07,
    A08,
    A09,
    A10,
}

impl Owasp {
    pub fn code(self) -> &'static str {
        match self {
            Self::A01 => "A01:2021",
            Self::A02 => "A02:2021",
            Self::A03 => "A03:2021",
            Self::A04 => "A04:2021",
            Self::A05 => "A05:2021",
            Self::A06 => "A06:2021",
            Self::A07 => "A07:2021",
            Self::A08 => "A08:2021",
            Self::A09 => "A09:2021",
            Self::A10 => "A10:2021",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::A01 => "Broken Access Control",
            Self::A02 => "Cryptographic Failures",
            Self::A03 => "Injection",
            Self::A04 => "Insecure Design",
            Self::A05 => "Security Misconfiguration",
            Self::A06 => "Vulnerable and Outdated Components",
            Self::A07 => "Identification and Authentication Failures",
            Self::A08 => "Software and Data Integrity Failures",
            Self::A09 => "Security Logging and Monitoring Failures",
            Self::A10 => "Server-Side Request Forgery",
        }
    }

    /// Short tag used in SARIF and `rules` output, e.g. `owasp-a03`.
    pub fn tag(self) -> String {
        format!("owasp-{}", &self.code()[..3].to_ascii_lowercase())
    }
}

/// What to do with findings in test code (`#[cfg(test)]`, `#[test]`,
/// `tests/`, examples, benches, build scripts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestPolicy {
    /// Do not report.
    Skip,
    /// Report at one severity lower.
    Lower,
    /// Report as in production code.
    Report,
}

impl TestPolicy {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "skip" => Some(Self::Skip),
            "lower" => Some(Self::Lower),
            "report" => Some(Self::Report),
            _ => None,
        }
    }
}

/// The value type of a rule-specific option in `[rule.<id>]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    Int,
    Str,
    StrList,
}

impl OptionKind {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Bool => "a boolean",
            Self::Int => "an integer",
            Self::Str => "a string",
            Self::StrList => "an array of strings",
        }
    }
}

/// A rule-specific option: `[rule.<id>] <name> = <value>`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub kind: OptionKind,
    pub default: &'static str,
    pub doc: &'static str,
}

/// Everything about a rule except its checks. Declared with `declare_rule!`.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id. Never changes once released.
    pub id: &'static str,
    /// Display name (PascalCase), distinct from the id.
    pub name: &'static str,
    /// One sentence: what the rule finds.
    pub summary: &'static str,
    pub severity: Severity,
    /// The level; it follows `measured` when that judged enough findings.
    pub precision: Precision,
    /// Where its precision was measured (`measure`): the docs show it.
    pub measured: &'static [measure::Measured],
    pub cwe: &'static [u32],
    pub owasp: &'static [Owasp],
    pub tags: &'static [&'static str],
    pub default_enabled: bool,
    /// Why a rule is off by default (empty for rules that are on): shown by
    /// `cargo sast rules` and `explain`.
    pub off_reason: &'static str,
    pub test_code: TestPolicy,
    /// clippy lints whose `#[allow]`/`#[expect]` also silences this rule.
    pub clippy: &'static [&'static str],
    pub options: &'static [RuleOption],
    /// The suggestions it attaches (its docs' `### Fix` says what they do).
    pub fix: crate::finding::FixKind,
    /// The raw doc comment (each line keeps rustdoc's leading space).
    pub raw_docs: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown (doc comment with the leading space of
    /// each line removed).
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The text of one `### <title>` section of the docs, trimmed.
    pub fn doc_section(&self, title: &str) -> Option<String> {
        doc_section(&self.docs(), title)
    }

    pub fn option(&self, name: &str) -> Option<&'static RuleOption> {
        self.options.iter().find(|o| o.name == name)
    }

    pub fn cwe_tags(&self) -> impl Iterator<Item = String> + '_ {
        self.cwe.iter().map(|c| format!("external/cwe/cwe-{c}"))
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(&tag)
    }
}

/// Extract the body of a `### <title>` section from Markdown docs.
pub fn doc_section(docs: &str, title: &str) -> Option<String> {
    let mut lines = docs.lines();
    let header = format!("### {title}");
    lines.by_ref().find(|l| l.trim_end() == header)?;
    let mut body = String::new();
    let mut in_code = false;
    for line in lines {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with("### ") {
            break;
        }
        body.push_str(line);
        body.push('\n');
    }
    Some(body.trim().to_string())
}

/// The code of the first fenced block in a docs section.
pub fn first_code_block(section: &str) -> Option<String> {
    let mut out = String::new();
    let mut in_code = false;
    for line in section.lines() {
        if line.trim_start().starts_with("```") {
            if in_code {
                return Some(out);
            }
            in_code = true;
            continue;
        }
        if in_code {
            out.push_str(line);
            out.push('\n');
        }
    }
    None
}

/// Node kinds a rule can subscribe to (bit set).
pub(crate) mod node {
    pub(crate) const FILE: u32 = 1 << 0;
    pub(crate) const ITEM: u32 = 1 << 1;
    pub(crate) const FN: u32 = 1 << 2;
    pub(crate) const EXPR: u32 = 1 << 3;
    pub(crate) const UNSAFE_BLOCK: u32 = 1 << 4;
    pub(crate) const LOCAL: u32 = 1 << 5;
    pub(crate) const LIT_STR: u32 = 1 << 6;
    /// String-like literals: `"…"`, `r"…"`, `b"…"`, `br"…"`, `c"…"` (in
    /// expressions, patterns and parsed macro arguments).
    pub(crate) const LIT: u32 = 1 << 7;
}

/// What a rule wants to see. The engine dispatches by node kind and by name,
/// so a rule costs nothing on nodes it did not ask for, and nothing at all on
/// files that contain none of its keywords.
#[derive(Debug, Default, Clone, Copy)]
pub struct Interests {
    /// The rule runs on a file only if its text contains one of these
    /// (empty: always).
    pub keywords: &'static [&'static str],
    /// Method calls by method name (`"*"`: every method call).
    pub methods: &'static [&'static str],
    /// Function calls by the last segment of the callee path (`"*"`: all).
    pub calls: &'static [&'static str],
    /// Macro invocations by the last segment of the macro path (`"*"`: all).
    pub macros: &'static [&'static str],
    /// Other node kinds (`node::*`).
    pub nodes: u32,
}

/// The checks of a rule. Every hook has an empty default; a rule implements
/// the ones it subscribed to in `interests`.
pub trait Rule: Send + Sync + 'static {
    fn meta(&self) -> &'static RuleMeta;
    fn interests(&self) -> Interests;

    fn check_file<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _file: &'ast syn::File) {}
    fn check_item<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _item: &'ast syn::Item) {}
    fn check_fn<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _f: &FnLike<'ast>) {}
    fn check_expr<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _e: &'ast syn::Expr) {}
    fn check_method_call<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _e: &'ast syn::ExprMethodCall) {}
    fn check_call<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _e: &'ast syn::ExprCall, _callee: &'ast syn::Path) {}
    /// A macro invocation; `args` holds its arguments when they parse as
    /// comma-separated expressions.
    fn check_macro<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _mac: &'ast syn::Macro, _args: Option<&[&syn::Expr]>) {}
    fn check_unsafe_block<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _b: &'ast syn::ExprUnsafe) {}
    fn check_local<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _l: &'ast syn::Local) {}
    fn check_lit_str<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _lit: &'ast syn::LitStr) {}
    /// A string, byte string or C string literal (`node::LIT`).
    fn check_lit<'ast>(&self, _cx: &mut Cx<'_, 'ast>, _lit: &'ast syn::Lit) {}
    /// Under the `lower` test-code policy, could this rule report
    /// something in test code (a test function's body, a macro call in
    /// test code) whose source text is `region.text` (its string literals
    /// lexed once for every rule that asks)? `false` lets the engine skip
    /// walking it. Default: yes.
    #[allow(private_interfaces)]
    fn may_report_in_test(
        &self,
        _region: &crate::secrets::policy::Region<'_>,
        _settings: &settings::RuleSettings,
    ) -> bool {
        true
    }
    /// The file's `sast:allow` comments, after the engine matched them with
    /// the findings (`used`); `ran(id)`: that rule ran on this file. Called
    /// once per file that has such comments.
    /// A data-flow rule's spec (its guards and macro arguments); its sinks
    /// are in the crate models. `None`: not a taint rule.
    fn taint(&self) -> Option<&'static taint::TaintSpec> {
        None
    }
    fn check_suppressions(&self, _cx: &mut Cx<'_, '_>, _allows: &[suppression::Allow], _ran: &dyn Fn(&str) -> bool) {}
}

/// Declares a rule: a unit struct, its metadata and its docs.
///
/// ```ignore
/// declare_rule! {
///     /// ### What it does
///     /// ...
///     pub MyRule {
///         id: "my-rule",
///         name: "MyRule",
///         summary: "...",
///         severity: Medium,
///         precision: High,
///         measured: [
///             Realworld { findings: 15, judged: 15, tp: 14, debatable: 0, when: "session 8 (a328b37)" },
///         ],
///         cwe: [703],
///         owasp: [A04],
///         tags: ["panic"],
///     }
/// }
/// ```
///
/// `measured` lists where the rule's findings were judged
/// (`measure::Bench` variants; `[]` for a rule no benchmark runs).
/// Optional fields: `default_enabled` (true), `off_reason` (""; required
/// when `default_enabled` is false: one sentence saying why), `test_code`
/// (Skip), `clippy` ([]), `options` ([]).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $ty:ident {
            id: $id:literal,
            name: $name:literal,
            summary: $summary:literal,
            severity: $sev:ident,
            precision: $prec:ident,
            measured: [$(
                $bench:ident {
                    findings: $found:literal,
                    judged: $judged:literal,
                    tp: $tp:literal,
                    debatable: $deb:literal,
                    when: $when:literal $(,)?
                }
            ),* $(,)?],
            cwe: [$($cwe:literal),* $(,)?],
            owasp: [$($owasp:ident),* $(,)?],
            tags: [$($tag:literal),* $(,)?],
            $(default_enabled: $enabled:literal,)?
            $(off_reason: $off:literal,)?
            $(test_code: $test:ident,)?
            $(clippy: [$($clippy:literal),* $(,)?],)?
            $(options: [$($opt:expr),* $(,)?],)?
            $(fix: $fix:ident,)?
        }
    ) => {
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $ty;

        impl $ty {
            pub(crate) const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                name: $name,
                summary: $summary,
                severity: $crate::rules::Severity::$sev,
                precision: $crate::rules::Precision::$prec,
                measured: &[$($crate::rules::measure::Measured {
                    on: $crate::rules::measure::Bench::$bench,
                    findings: $found,
                    judged: $judged,
                    tp: $tp,
                    debatable: $deb,
                    when: $when,
                }),*],
                cwe: &[$($cwe),*],
                owasp: &[$($crate::rules::Owasp::$owasp),*],
                tags: &[$($tag),*],
                default_enabled: $crate::declare_rule!(@or $($enabled)?, true),
                off_reason: $crate::declare_rule!(@or $($off)?, ""),
                test_code: $crate::declare_rule!(@or $($crate::rules::TestPolicy::$test)?, $crate::rules::TestPolicy::Skip),
                clippy: &[$($($clippy),*)?],
                options: &[$($($opt),*)?],
                fix: $crate::declare_rule!(@or $($crate::finding::FixKind::$fix)?, $crate::finding::FixKind::None),
                raw_docs: concat!($($doc, "\n"),*),
            };
        }
    };
    (@or $a:expr, $b:expr) => { $a };
    (@or , $b:expr) => { $b };
}

/// Useful imports for rule files.
pub(crate) mod prelude {
    pub(crate) use crate::declare_rule;
    pub(crate) use crate::finding::Applicability;
    pub(crate) use crate::rules::cx::Cx;
    pub(crate) use crate::rules::{Interests, Rule, RuleMeta, Severity, node};
    pub(crate) use crate::syntax::FnLike;
    pub(crate) use syn::spanned::Spanned;
}
