use crate::rules::prelude::*;
use crate::rules::taint::{PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input compiled as a regular expression (`regex`,
    /// `fancy_regex`, `onig`, `pcre2`) without `regex::escape`.
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold a regex metacharacter or whitespace. Values
    /// that reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// Users meant to search for text can inject pattern syntax: match more
    /// than intended, bypass checks, or — with backtracking engines
    /// (fancy-regex, onig, pcre2) — freeze the service with catastrophic
    /// backtracking (ReDoS). Even `regex` spends time and memory compiling
    /// large patterns.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Search { term: String }
    ///
    /// async fn search(Query(q): Query<Search>) -> bool {
    ///     regex::Regex::new(&q.term).map(|re| re.is_match("some text")).unwrap_or(false)
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Search { term: String }
    ///
    /// async fn search(Query(q): Query<Search>) -> bool {
    ///     regex::Regex::new(&regex::escape(&q.term)).map(|re| re.is_match("some text")).unwrap_or(false)
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1333: Inefficient Regular Expression Complexity
    /// - CWE-730: OWASP Top Ten 2004 Category A9 - Denial of Service
    /// - OWASP Top 10 2021 A03: Injection
    pub(crate) RegexInjection {
        id: "regex-injection",
        name: "RegexInjection",
        summary: "untrusted input is compiled as a regular expression",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [1333, 730],
        owasp: [A03],
        tags: ["injection", "taint", "availability"],
        options: [crate::rules::taint::sources_option("remote, network")],
    }
}

/// Its sinks are the crate models' `rule = "regex-injection"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    pattern: Some(PatternSafety {
        chars: "\\.+*?()|[]{}^$#&-~",
        no_space: true,
        first: "",
        values: &[],
    }),
    ..TaintSpec::new()
};

crate::taint_rule!(RegexInjection, SPEC);
