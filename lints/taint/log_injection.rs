use crate::rules::prelude::*;
use crate::rules::taint::{MacroArgs, PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted text written into log messages with Display
    /// formatting (`{}`, tracing's `%value`) by the `log` and `tracing`
    /// macros. Debug formatting (`{:?}`, `{name:?}`, `?value`) escapes line
    /// breaks and is not reported; neither are numbers.
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold a line break or another control or
    /// whitespace character. Values inside errors (`Err(..)`, `bail!`,
    /// `anyhow!`) are reported too: error messages are logged; the error of
    /// a library call that was given request data (an `io::Error`, a
    /// database or HTTP client error) is not, as it does not quote it.
    ///
    /// Values that cannot hold a line break are not reported either, by
    /// type (`lints/models/misc.toml`, `[[no-line-break]]`): `http::Uri` and
    /// its parts, header names, values and maps (the `http` crate refuses
    /// CR and LF), methods, status codes, `url::Url`, addresses, UUIDs,
    /// durations, numbers and booleans; each line of `text.lines()`; and
    /// the entries of a directory listing or walk (names on disk). Decoding
    /// (percent, base64, form parsing, Basic credentials) makes text able
    /// to hold a line break again, also when a helper function decodes it.
    ///
    /// Off by default (opt in with `--extend-select log-injection`): a
    /// forged log line needs a decoded value logged with Display, and real
    /// applications mostly log paths and names they have already checked.
    /// On the real-world benchmark it had 54 findings before the changes
    /// above (none true in a sample of 20); after them, its true findings
    /// are percent-decoded path segments logged with Display, the debatable
    /// ones decoded request paths at trace and debug level.
    ///
    /// ### Why is this bad?
    /// A value containing `\n` forges log lines ("user admin logged in"),
    /// hides an attack from monitoring, or breaks log parsers. Audit logs
    /// are evidence: they must say what happened.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Login { user: String }
    ///
    /// async fn login(Query(l): Query<Login>) -> &'static str {
    ///     log::info!("login attempt for {}", l.user);
    ///     "ok"
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Login { user: String }
    ///
    /// async fn login(Query(l): Query<Login>) -> &'static str {
    ///     log::info!("login attempt for {:?}", l.user);
    ///     "ok"
    /// }
    /// ```
    ///
    /// ### Fix
    /// Maybe-incorrect (`cargo sast --fix --unsafe-fixes`): every placeholder
    /// that formats the untrusted value with Display gets Debug formatting
    /// (`{}` → `{:?}`, `{0:>8}` → `{0:>8?}`, `{name}` → `{name:?}`), which
    /// escapes line breaks; Debug also quotes the text and may print fields a
    /// type's Display hid, so the log line changes. A structured field (`%x`),
    /// a spec that names another trait (`{:x}`) and a format string written
    /// with a `\u{…}` escape get no fix.
    ///
    /// ### References
    /// - CWE-117: Improper Output Neutralization for Logs
    /// - OWASP Top 10 2021 A09: Security Logging and Monitoring Failures
    pub(crate) LogInjection {
        id: "log-injection",
        name: "LogInjection",
        summary: "untrusted text is written into a log message unescaped",
        severity: Low,
        precision: Low,
        measured: [
            Realworld { findings: 28, judged: 28, tp: 2, debatable: 12, when: "f55adea, on by default then" },
        ],
        cwe: [117],
        owasp: [A09],
        tags: ["injection", "taint", "logging"],
        default_enabled: false,
        off_reason: "few of its findings are true on real applications (7% on benches/realworld): most log paths and names already checked; opt in for audit logs",
        options: [crate::rules::taint::sources_option("remote, network")],
        fix: Unsafe,
    }
}

/// Its sinks are the crate models' `rule = "log-injection"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    macro_args: MacroArgs::DebugEscaped,
    error_values: true,
    single_line: true,
    pattern: Some(PatternSafety { chars: "", no_space: true, first: "", values: &[] }),
    ..TaintSpec::new()
};

crate::taint_rule!(LogInjection, SPEC);
