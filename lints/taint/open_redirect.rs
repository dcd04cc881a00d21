use crate::rules::prelude::*;
use crate::rules::taint::{Guard, PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input used as a redirect target: axum, rocket, poem
    /// and salvo `Redirect`, warp `redirect`, and `Location` headers set
    /// on actix-web responses and with the `http` builder.
    ///
    /// A local-path check (`t.starts_with('/') && !t.starts_with("//") &&
    /// !t.contains('\\')`) makes a value safe, and so does a regex match
    /// (anchored at both ends) whose matched values cannot hold `/`, `\`,
    /// `:` or whitespace (a relative path). A target whose start the
    /// program fixes — a local path (`format!("/assets/{x}/")`), an absolute
    /// URL with a path, or a configured base followed by `/` — is safe; `/`
    /// followed by input is not (`//evil.example`). A workspace predicate
    /// applied as `next.filter(|n| is_local_path(n))` counts as the check.
    /// Values that reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// `https://your-site/login?next=https://evil.example` sends users who
    /// trust your domain to a phishing page, and can leak tokens carried in
    /// the URL.
    ///
    /// ### Known problems
    /// The 7 false findings judged on the real-world benchmark since its
    /// first triage (server-built locations, the request's own `Referer`)
    /// are no longer reported.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    /// use axum::response::Redirect;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Next { next: String }
    ///
    /// async fn after_login(Query(q): Query<Next>) -> Redirect {
    ///     Redirect::to(&q.next)
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    /// use axum::response::Redirect;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Next { next: String }
    ///
    /// async fn after_login(Query(q): Query<Next>) -> Redirect {
    ///     match q.next.as_str() {
    ///         "/" | "/account" | "/settings" => Redirect::to(&q.next),
    ///         _ => Redirect::to("/"),
    ///     }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-601: URL Redirection to Untrusted Site ('Open Redirect')
    /// - OWASP Top 10 2021 A01: Broken Access Control
    pub(crate) OpenRedirect {
        id: "open-redirect",
        name: "OpenRedirect",
        summary: "untrusted input chooses a redirect target",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [601],
        owasp: [A01],
        tags: ["taint", "web"],
        options: [crate::rules::taint::sources_option("remote")],
    }
}

/// Its sinks are the crate models' `rule = "open-redirect"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    guards: &[Guard::LocalPath],
    pattern: Some(PatternSafety { chars: "/\\:", no_space: true, first: "", values: &[] }),
    ..TaintSpec::new()
};

crate::taint_rule!(OpenRedirect, SPEC);
