use crate::rules::prelude::*;
use crate::rules::taint::TaintSpec;

declare_rule! {
    /// ### What it does
    /// Finds untrusted input used as the *source* of a template: Tera's
    /// `Tera::one_off`, `add_raw_template(s)` and `render_str`, Handlebars'
    /// `render_template` and `register_template_string`, minijinja's
    /// `add_template(_owned)`, `render_str` and `template_from_str`. Values
    /// passed to a fixed template through its context are not reported:
    /// that is what the context is for.
    ///
    /// Values that reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// Whoever writes the template decides what it reads and prints: every
    /// value of the context (secrets the page was not meant to show),
    /// registered functions and filters, loops that exhaust the server's
    /// CPU and memory, and markup that autoescaping never sees (the
    /// template's own text is not escaped).
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Greeting { name: String }
    ///
    /// async fn greet(Query(g): Query<Greeting>) -> String {
    ///     let page = format!("<p>Hello {}</p>", g.name);
    ///     tera::Tera::one_off(&page, &tera::Context::new(), true).unwrap_or_default()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Greeting { name: String }
    ///
    /// async fn greet(Query(g): Query<Greeting>) -> String {
    ///     let mut ctx = tera::Context::new();
    ///     ctx.insert("name", &g.name);
    ///     tera::Tera::one_off("<p>Hello {{ name }}</p>", &ctx, true).unwrap_or_default()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine
    /// - OWASP Top 10 2021 A03: Injection
    pub(crate) TemplateInjection {
        id: "template-injection",
        name: "TemplateInjection",
        summary: "untrusted input is compiled as a template",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [1336],
        owasp: [A03],
        tags: ["injection", "taint", "web"],
        options: [crate::rules::taint::sources_option("remote, network")],
    }
}

/// Its sinks are the crate models' `rule = "template-injection"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec::new();

crate::taint_rule!(TemplateInjection, SPEC);
