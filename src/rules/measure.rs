//! A rule's measured precision: what its findings were judged on, how many
//! were true, and the level that follows (issue 14). Each rule declares its
//! measurements in its own file (`measured:` in `declare_rule!`); the
//! benchmarks' scripts and answer keys reproduce the figures.

use std::fmt::Write as _;

use super::Precision;

/// Judged findings below this give no level: "too few".
pub const MIN_JUDGED: u32 = 5;

/// Where a rule's findings were judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bench {
    /// `benches/realworld`: pinned applications at default settings.
    Realworld,
    /// `benches/corpus`: the bench corpus's library crates at default settings.
    Corpus,
    /// `benches/library`: findings whose source is a library API parameter.
    Library,
    /// `benches/secrets`: planted provider formats and published non-secrets
    /// (synthetic: shown, not counted towards the level).
    Secrets,
}

impl Bench {
    /// The benchmark's directory.
    pub fn path(self) -> &'static str {
        match self {
            Self::Realworld => "benches/realworld",
            Self::Corpus => "benches/corpus",
            Self::Library => "benches/library",
            Self::Secrets => "benches/secrets",
        }
    }

    /// What it scans, in a few words.
    pub fn what(self) -> &'static str {
        match self {
            Self::Realworld => "16 applications",
            Self::Corpus => "383 library crates",
            Self::Library => "library crates, library-API sources",
            Self::Secrets => "planted formats, synthetic",
        }
    }

    /// Real code: its figures count towards the level.
    pub fn real(self) -> bool {
        self != Self::Secrets
    }
}

/// One measurement of a rule's precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measured {
    pub on: Bench,
    /// The rule's findings there.
    pub findings: u32,
    /// Judged: all of them, or the benchmark's seeded sample.
    pub judged: u32,
    /// Judged true.
    pub tp: u32,
    /// Judged debatable (not true for the strict figure).
    pub debatable: u32,
    /// The binary measured (session and commit).
    pub when: &'static str,
}

impl Measured {
    /// Strict precision in percent (tp / judged), `None` with nothing judged.
    pub fn percent(&self) -> Option<u32> {
        percent(self.tp, self.judged)
    }

    /// Figures that cannot be: more judged than found, more true than judged.
    pub fn inconsistent(&self) -> bool {
        self.judged > self.findings || self.tp + self.debatable > self.judged
    }

    /// "15 findings, 15 judged, 14 true (93%), session 8 (a328b37)".
    pub fn describe(&self) -> String {
        let mut s = format!("{} ({}): ", self.on.path(), self.on.what());
        if self.findings == 0 {
            let _ = write!(s, "no findings, {}", self.when);
            return s;
        }
        let judged = if self.judged == self.findings {
            format!("{} finding{}, all judged", self.findings, plural(self.findings))
        } else {
            format!("{} findings, a sample of {} judged", self.findings, self.judged)
        };
        let _ = write!(s, "{judged}: {} true", self.tp);
        if self.debatable > 0 {
            let _ = write!(s, ", {} debatable", self.debatable);
        }
        match self.percent() {
            Some(p) if self.judged >= MIN_JUDGED => {
                let _ = write!(s, " ({p}%)");
            }
            _ => s.push_str(" (too few)"),
        }
        let _ = write!(s, ", {}", self.when);
        s
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn percent(tp: u32, judged: u32) -> Option<u32> {
    (judged > 0).then(|| (u64::from(tp) * 100 / u64::from(judged)) as u32)
}

/// The level a strict precision gives: very-high ≥ 95%, high ≥ 85%,
/// medium ≥ 60%, low below.
pub fn level_of(tp: u32, judged: u32) -> Precision {
    let (tp, judged) = (u64::from(tp), u64::from(judged.max(1)));
    if tp * 100 >= judged * 95 {
        Precision::VeryHigh
    } else if tp * 100 >= judged * 85 {
        Precision::High
    } else if tp * 100 >= judged * 60 {
        Precision::Medium
    } else {
        Precision::Low
    }
}

/// The judged findings on real code, pooled: (tp, judged).
pub(crate) fn pooled(measured: &[Measured]) -> (u32, u32) {
    measured.iter().filter(|m| m.on.real()).fold((0, 0), |(tp, n), m| (tp + m.tp, n + m.judged))
}

/// The level the measurements give: the strict precision of the judged
/// findings on real code, pooled; `None` when fewer than `MIN_JUDGED`
/// were judged (the declared level stands).
pub fn measured_level(measured: &[Measured]) -> Option<Precision> {
    let (tp, judged) = pooled(measured);
    (judged >= MIN_JUDGED).then(|| level_of(tp, judged))
}

/// The docs' lines under "- Precision: …": the pooled figure, then one line
/// per measurement.
pub(crate) fn precision_lines(level: Precision, measured: &[Measured], default_enabled: bool) -> String {
    let mut s = format!("- Precision: {}", level.as_str());
    let (tp, judged) = pooled(measured);
    if judged >= MIN_JUDGED {
        let p = percent(tp, judged).unwrap_or(0);
        let _ = writeln!(s, ", measured: {tp} of {judged} judged findings on real code true ({p}%)");
    } else if measured.iter().any(|m| m.on.real()) {
        let _ = writeln!(
            s,
            ", too few findings on real code to measure it ({judged} judged); the level is set from its fixtures"
        );
    } else if default_enabled {
        let _ = writeln!(s, ", not measured on real code; the level is set from its fixtures");
    } else {
        let _ = writeln!(
            s,
            ", not measured on real code (it is off by default and the benchmarks run the default rules); \
             the level is set from its fixtures"
        );
    }
    for m in measured {
        let _ = writeln!(s, "  - {}", m.describe());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(on: Bench, findings: u32, judged: u32, tp: u32) -> Measured {
        Measured { on, findings, judged, tp, debatable: 0, when: "session 8" }
    }

    #[test]
    fn levels_follow_the_thresholds() {
        assert_eq!(level_of(19, 20), Precision::VeryHigh);
        assert_eq!(level_of(18, 20), Precision::High);
        assert_eq!(level_of(17, 20), Precision::High);
        assert_eq!(level_of(16, 20), Precision::Medium);
        assert_eq!(level_of(12, 20), Precision::Medium);
        assert_eq!(level_of(11, 20), Precision::Low);
        assert_eq!(level_of(0, 0), Precision::Low);
    }

    #[test]
    fn too_few_judged_give_no_level_and_synthetic_benches_do_not_count() {
        assert_eq!(measured_level(&[m(Bench::Realworld, 4, 4, 4)]), None);
        assert_eq!(measured_level(&[m(Bench::Realworld, 4, 4, 4), m(Bench::Secrets, 100, 100, 100)]), None);
        assert_eq!(
            measured_level(&[m(Bench::Realworld, 4, 4, 4), m(Bench::Corpus, 500, 20, 12)]),
            Some(Precision::Medium)
        );
    }

    #[test]
    fn lines_say_what_was_measured() {
        let s = precision_lines(Precision::High, &[m(Bench::Realworld, 15, 15, 14)], true);
        assert!(
            s.starts_with("- Precision: high, measured: 14 of 15 judged findings on real code true (93%)\n"),
            "{s}"
        );
        assert!(s.contains("benches/realworld (16 applications): 15 findings, all judged: 14 true (93%), session 8"));
        let s = precision_lines(Precision::High, &[m(Bench::Realworld, 0, 0, 0)], true);
        assert!(s.contains("too few findings on real code to measure it (0 judged)"), "{s}");
        assert!(s.contains("benches/realworld (16 applications): no findings, session 8"), "{s}");
        let s = precision_lines(Precision::Low, &[], false);
        assert!(s.contains("off by default"), "{s}");
    }
}
