use crate::rules::prelude::*;
use crate::rules::taint::{TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted bytes deserialized with formats or settings that do
    /// not bound what input can make the program allocate or construct:
    /// bincode's `deserialize`/`decode_from_slice` without a size limit,
    /// `serde_yaml`, `serde_pickle`, `rmp_serde`.
    ///
    /// A regex match never makes a value safe to deserialize; values that
    /// reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// A few bytes claiming a `Vec` of 2⁶⁴ elements make bincode allocate
    /// until the process dies; YAML aliases expand exponentially ("billion
    /// laughs"); formats that carry type information let input choose what
    /// is built. All are denial-of-service or integrity problems on data
    /// the attacker controls.
    ///
    /// ### Example
    /// ```rust
    /// use actix_web::{post, web};
    ///
    /// #[post("/import")]
    /// async fn import(body: web::Bytes) -> String {
    ///     let v: Vec<String> = bincode::deserialize(&body).unwrap_or_default();
    ///     v.join(",")
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use actix_web::{post, web};
    /// use bincode::Options;
    ///
    /// #[post("/import")]
    /// async fn import(body: web::Bytes) -> String {
    ///     let v: Vec<String> = bincode::options().with_limit(64 * 1024).deserialize(&body).unwrap_or_default();
    ///     v.join(",")
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-502: Deserialization of Untrusted Data
    /// - CWE-400: Uncontrolled Resource Consumption
    /// - OWASP Top 10 2021 A08: Software and Data Integrity Failures
    pub(crate) UnsafeDeserialization {
        id: "unsafe-deserialization",
        name: "UnsafeDeserialization",
        summary: "untrusted bytes are deserialized without size limits",
        severity: High,
        precision: Medium,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [502, 400],
        owasp: [A08],
        tags: ["taint", "availability"],
        options: [crate::rules::taint::sources_option("remote, network, stdin, file")],
    }
}

/// Its sinks are the crate models' `rule = "unsafe-deserialization"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec::new();

crate::taint_rule!(UnsafeDeserialization, SPEC);
