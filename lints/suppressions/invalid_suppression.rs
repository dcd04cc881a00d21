use crate::rules::prelude::*;
use crate::rules::suppression::{Allow, location};

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
    pub(crate) InvalidSuppression {
        id: "invalid-suppression",
        name: "InvalidSuppressionComment",
        summary: "suppression comment without a reason, with an unknown rule id, or malformed",
        severity: Medium,
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

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Judges the file's `sast:allow` comments ([`Rule::check_suppressions`]), not the walk.
    fn interests(&self) -> Interests {
        Interests { keywords: &["sast:allow"], ..Default::default() }
    }

    fn check_suppressions(&self, cx: &mut Cx<'_, '_>, allows: &[Allow], _ran: &dyn Fn(&str) -> bool) {
        for a in allows {
            let loc = location(cx.file, a);
            let mut report = |msg: String, help: &str| {
                cx.report_range(loc.byte_start, loc.byte_end, msg).help(help.to_string());
            };
            if let Some(why) = &a.malformed {
                report(format!("malformed suppression comment: {why}"), "write `// sast:allow(<rule-id>): <reason>`");
                continue;
            }
            for r in &a.rules {
                if crate::lints::by_id(r).is_none() {
                    let hint = crate::util::toml::suggest(r, crate::lints::all().iter().map(|x| x.meta().id));
                    report(format!("suppression names unknown rule `{r}`{hint}"), "use an id listed by `cargo sast rules`");
                }
            }
            if a.reason.is_none() {
                report(
                    "suppression without a reason".to_string(),
                    "add the reason after a colon: `// sast:allow(<rule-id>): <why this is safe>`",
                );
            }
        }
    }
}
