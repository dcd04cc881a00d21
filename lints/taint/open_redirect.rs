use crate::rules::prelude::*;
use crate::rules::taint::{TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input used as a redirect target: axum, rocket and
    /// poem `Redirect`, warp `redirect`, and `Location` headers set on
    /// actix-web responses.
    ///
    /// ### Why is this bad?
    /// `https://your-site/login?next=https://evil.example` sends users who
    /// trust your domain to a phishing page, and can leak tokens carried in
    /// the URL.
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
        cwe: [601],
        owasp: [A01],
        tags: ["taint", "web"],
        options: [crate::rules::taint::sources_option("remote")],
    }
}

/// Its sinks are the crate models' `rule = "open-redirect"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec::new();

impl Rule for OpenRedirect {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Checked by the data-flow engine (`src/taint/`).
    fn interests(&self) -> Interests {
        Interests::default()
    }

    fn taint(&self) -> Option<&'static TaintSpec> {
        Some(&SPEC)
    }
}
