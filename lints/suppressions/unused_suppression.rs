use crate::rules::prelude::*;
use crate::rules::suppression::{Allow, location};

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
    pub(crate) UnusedSuppression {
        id: "unused-suppression",
        name: "UnusedSuppressionComment",
        summary: "suppression comment that matches no finding",
        severity: Low,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
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

    /// Judges the file's `sast:allow` comments ([`Rule::check_suppressions`]), not the walk.
    fn interests(&self) -> Interests {
        Interests { keywords: &["sast:allow"], ..Default::default() }
    }

    fn check_suppressions(&self, cx: &mut Cx<'_, '_>, allows: &[Allow], ran: &dyn Fn(&str) -> bool) {
        for a in allows {
            // A malformed comment is `invalid-suppression`'s, when it runs.
            if a.malformed.is_some() && ran("invalid-suppression") {
                continue;
            }
            let loc = location(cx.file, a);
            for (r, used) in a.rules.iter().zip(&a.used) {
                // Only judge rules that ran on this file.
                if !used && ran(r) {
                    cx.report_range(loc.byte_start, loc.byte_end, format!("suppression of `{r}` matches no finding"))
                        .help("remove the suppression, or move it to the line of the finding (or the line above it)".to_string());
                }
            }
        }
    }
}
