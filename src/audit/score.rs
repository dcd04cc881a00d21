//! CVSS: an advisory's vector string → base score → severity band.
//!
//! Scoring is RustSec's own `cvss` crate (the implementation cargo-audit
//! uses, checked against FIRST's and Red Hat's reference vectors), for
//! CVSS 3.0, 3.1 and 4.0 vectors; the RustSec database holds all three.

use crate::rules::Severity;

/// The base score of a CVSS vector, `None` when it cannot be parsed.
pub(crate) fn base_score(vector: &str) -> Option<f64> {
    let vector = vector.trim();
    // The crate accepts CVSS 3 vectors with base metrics missing (and
    // scores them 0): require all eight.
    if vector.starts_with("CVSS:3.") {
        let keys: Vec<&str> = vector.split('/').filter_map(|m| m.split(':').next()).collect();
        if !["AV", "AC", "PR", "UI", "S", "C", "I", "A"].iter().all(|k| keys.contains(k)) {
            return None;
        }
    }
    let parsed: cvss::Cvss = vector.parse().ok()?;
    // The crate checks vectors when parsing; scoring a checked vector is
    // not expected to panic, but a bad advisory must never stop a scan.
    let score = std::panic::catch_unwind(|| parsed.score()).ok()?;
    (score.is_finite() && (0.0..=10.0).contains(&score)).then_some((score * 10.0).round() / 10.0)
}

/// GitHub's severity bands for `security-severity`: critical ≥ 9.0,
/// high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9 (0.0, "none", is low here).
pub(crate) fn severity(score: f64) -> Severity {
    if score >= 9.0 {
        Severity::Critical
    } else if score >= 7.0 {
        Severity::High
    } else if score >= 4.0 {
        Severity::Medium
    } else {
        Severity::Low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_scores() {
        // FIRST's calculator values.
        assert_eq!(base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), Some(9.8));
        assert_eq!(base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), Some(10.0));
        assert_eq!(base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N"), Some(5.3));
        assert_eq!(base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"), Some(7.5));
        assert_eq!(base_score("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"), Some(1.8));
        assert_eq!(base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"), Some(0.0));
        // CVSS 4.0 (FIRST's calculator: 9.3 and 8.2).
        assert_eq!(base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"), Some(9.3));
        assert_eq!(base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"), Some(8.7));
        for bad in
            ["", "CVSS:3.1/AV:N", "CVSS:9.9/AV:N/AC:L", "nonsense", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"]
        {
            assert_eq!(base_score(bad), None, "{bad}");
        }
    }

    #[test]
    fn github_bands() {
        assert_eq!(severity(9.0), Severity::Critical);
        assert_eq!(severity(8.9), Severity::High);
        assert_eq!(severity(7.0), Severity::High);
        assert_eq!(severity(6.9), Severity::Medium);
        assert_eq!(severity(4.0), Severity::Medium);
        assert_eq!(severity(3.9), Severity::Low);
        assert_eq!(severity(0.0), Severity::Low);
    }
}
