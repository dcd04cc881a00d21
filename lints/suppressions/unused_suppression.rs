use crate::rules::prelude::*;

declare_rule! {
    /// ### What it does
    /// Flags `// sast:allow(<rule-id>): ...` comments that suppress nothing:
    /// no finding of that rule is on the covered line, item or statement.
    ///
    /// ### Why is this bad?
    /// Stale suppressions hide future findings: once the original code is
    /// gone, a new defect of the same kind on that line would be silenced
    /// without review. Keeping the list of accepted risks accurate is part
    /// of the review workflow.
    ///
    /// ### Example
    /// ```rust
    /// fn port(s: &str) -> u16 {
    ///     // sast:allow(unwrap-used): parsing is checked by the caller
    ///     s.parse().unwrap_or(8080)
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn port(s: &str) -> u16 {
    ///     s.parse().unwrap_or(8080)
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1059: Insufficient Technical Documentation
    /// - OWASP Top 10 2021 A09: Security Logging and Monitoring Failures
    pub UnusedSuppression {
        id: "unused-suppression",
        name: "UnusedSuppressionComment",
        summary: "suppression comment that matches no finding",
        severity: Low,
        precision: VeryHigh,
        cwe: [1059],
        owasp: [A09],
        tags: ["meta"],
        test_code: Report,
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Checked by the suppression engine (`src/suppress.rs`), not by the walk.
    fn interests(&self) -> Interests {
        Interests { keywords: &["sast:allow"], ..Default::default() }
    }
}
