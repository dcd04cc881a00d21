use crate::rules::prelude::*;

declare_rule! {
    /// ### What it does
    /// Flags `// sast:allow(...)` comments that are malformed, name a rule
    /// that does not exist, or give no reason.
    ///
    /// ### Why is this bad?
    /// A suppression is a recorded risk acceptance: reviewers and auditors
    /// need to know which finding was accepted and why. A suppression with a
    /// typo in the rule id silently suppresses nothing, and one without a
    /// reason cannot be reviewed.
    ///
    /// ### Example
    /// ```rust
    /// fn port(s: &str) -> u16 {
    ///     // sast:allow(unwrap-used)
    ///     s.parse().unwrap()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn port(s: &str) -> u16 {
    ///     // sast:allow(unwrap-used): `s` comes from our own validated config
    ///     s.parse().unwrap()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1059: Insufficient Technical Documentation
    /// - OWASP Top 10 2021 A09: Security Logging and Monitoring Failures
    pub InvalidSuppression {
        id: "invalid-suppression",
        name: "InvalidSuppressionComment",
        summary: "suppression comment without a reason, with an unknown rule id, or malformed",
        severity: Medium,
        precision: VeryHigh,
        cwe: [1059],
        owasp: [A09],
        tags: ["meta"],
        test_code: Report,
    }
}

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Checked by the suppression engine (`src/suppress.rs`), not by the walk.
    fn interests(&self) -> Interests {
        Interests { keywords: &["sast:allow"], ..Default::default() }
    }
}
