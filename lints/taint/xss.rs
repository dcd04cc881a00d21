use crate::rules::prelude::*;
use crate::rules::taint::{PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input placed in an HTML response without escaping:
    /// axum and poem `Html(…)`, actix-web `HttpResponse` bodies with an HTML
    /// content type, warp `reply::html`, rocket `RawHtml`, salvo
    /// `Text::Html(…)`. Auto-escaping
    /// templates (askama, maud, tera with autoescape) and escaping functions
    /// (`html_escape::encode_text`, `ammonia::clean`) make it safe.
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold `<`, `>`, `&`, a quote or a backtick. Values
    /// inside errors (`Err(..)`, `bail!`, `anyhow!`) are reported too: error
    /// messages end up in response bodies.
    ///
    /// ### Why is this bad?
    /// Cross-site scripting: `<script>` in a name runs in every visitor's
    /// browser with the site's cookies and permissions — session theft,
    /// actions on the user's behalf, defacement.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    /// use axum::response::Html;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Hello { name: String }
    ///
    /// async fn hello(Query(q): Query<Hello>) -> Html<String> {
    ///     Html(format!("<h1>Hello, {}!</h1>", q.name))
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    /// use axum::response::Html;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Hello { name: String }
    ///
    /// async fn hello(Query(q): Query<Hello>) -> Html<String> {
    ///     Html(format!("<h1>Hello, {}!</h1>", html_escape::encode_text(&q.name)))
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-79: Improper Neutralization of Input During Web Page Generation
    /// - OWASP Top 10 2021 A03: Injection
    pub(crate) Xss {
        id: "xss",
        name: "CrossSiteScripting",
        summary: "untrusted input is written into an HTML response unescaped",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [79],
        owasp: [A03],
        tags: ["injection", "taint", "web"],
        options: [crate::rules::taint::sources_option("remote, network")],
    }
}

/// Its sinks are the crate models' `rule = "xss"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    error_values: true,
    pattern: Some(PatternSafety { chars: "<>&\"'`", no_space: false, first: "", values: &[] }),
    ..TaintSpec::new()
};

crate::taint_rule!(Xss, SPEC);
