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
    /// `anyhow!`) are reported too: error messages are logged.
    ///
    /// Measured: 58 findings on the real-world benchmark (benches/realworld;
    /// 67 before Debug-formatted inline captures were recognised); of a
    /// sample of 20, none true and 1 debatable. What remains is mostly text
    /// that cannot hold a line break (`http::Uri`, header values, paths found
    /// on disk) and error values that carry no request data.
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
        precision: High,
        cwe: [117],
        owasp: [A09],
        tags: ["injection", "taint", "logging"],
        options: [crate::rules::taint::sources_option("remote, network")],
        fix: Unsafe,
    }
}

/// Its sinks are the crate models' `rule = "log-injection"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    macro_args: MacroArgs::DebugEscaped,
    error_values: true,
    pattern: Some(PatternSafety { chars: "", no_space: true, first: "", values: &[] }),
    ..TaintSpec::new()
};

crate::taint_rule!(LogInjection, SPEC);
