use crate::rules::prelude::*;
use crate::rules::taint::{TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted XML parsed by `libxml` with entity substitution or
    /// DTD loading turned on (`ParserOptions { no_ent: true, .. }` or
    /// `dtd_load: true`). Most Rust XML crates (quick-xml, roxmltree,
    /// xml-rs) never resolve external entities and are not sinks.
    ///
    /// A regex match never makes a document safe; values that reach only
    /// an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// XML external entities read local files (`file:///etc/passwd`) into
    /// the document, make the server fetch URLs (SSRF), or expand entities
    /// until memory runs out.
    ///
    /// ### Example
    /// ```rust
    /// use actix_web::post;
    /// use libxml::parser::{Parser, ParserOptions};
    ///
    /// #[post("/upload")]
    /// async fn upload(body: String) -> bool {
    ///     let opts = ParserOptions { no_ent: true, ..Default::default() };
    ///     Parser::default().parse_string_with_options(&body, opts).is_ok()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use actix_web::post;
    ///
    /// #[post("/upload")]
    /// async fn upload(body: String) -> bool {
    ///     roxmltree::Document::parse(&body).is_ok()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-611: Improper Restriction of XML External Entity Reference
    /// - OWASP Top 10 2021 A05: Security Misconfiguration
    pub(crate) Xxe {
        id: "xxe",
        name: "XmlExternalEntities",
        summary: "untrusted XML is parsed with external entities enabled",
        severity: High,
        precision: Medium,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [611],
        owasp: [A05],
        tags: ["injection", "taint"],
        options: [crate::rules::taint::sources_option("remote, network, stdin, file")],
    }
}

/// Its sinks are the crate models' `rule = "xxe"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec::new();

crate::taint_rule!(Xxe, SPEC);
