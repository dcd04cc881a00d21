//! Which versions an advisory affects, read exactly as the RustSec library
//! (and so cargo-audit) reads `[versions]`.
//!
//! Every `patched` and `unaffected` requirement is turned into an interval
//! of versions ordered by SemVer precedence, and a version is vulnerable
//! when it lies in none of them. This differs from Cargo's
//! `VersionReq::matches` on pre-releases, on purpose: Cargo never lets
//! `>= 1.2.0` match `1.3.0-beta.1` (a pre-release must be asked for), but
//! for an advisory `1.3.0-beta.1` does come after the fix in 1.2.0, so it is
//! patched. Likewise `< 0.14.10` includes `0.14.10-rc.1`, and `^1.2.3`
//! stops before `2.0.0-0`, the lowest pre-release of 2.0.0. Missing minor
//! or patch numbers count as 0 (`> 1.2` is `> 1.2.0`), as in RustSec.

use std::cmp::Ordering;

use semver::{Comparator, Op, Prerelease, Version, VersionReq};

/// One end of an interval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Bound {
    Unbounded,
    Inclusive(Version),
    Exclusive(Version),
}

/// A set of versions `[start, end]` (each end inclusive, exclusive or open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Interval {
    pub start: Bound,
    pub end: Bound,
}

impl Interval {
    const ALL: Interval = Interval { start: Bound::Unbounded, end: Bound::Unbounded };

    pub(crate) fn contains(&self, v: &Version) -> bool {
        let above = match &self.start {
            Bound::Unbounded => true,
            Bound::Inclusive(s) => cmp(v, s) != Ordering::Less,
            Bound::Exclusive(s) => cmp(v, s) == Ordering::Greater,
        };
        let below = match &self.end {
            Bound::Unbounded => true,
            Bound::Inclusive(e) => cmp(v, e) != Ordering::Greater,
            Bound::Exclusive(e) => cmp(v, e) == Ordering::Less,
        };
        above && below
    }

    /// Narrow to the intersection with `other` (a requirement's comparators
    /// all have to hold).
    fn intersect(self, other: Interval) -> Interval {
        Interval { start: max_start(self.start, other.start), end: min_end(self.end, other.end) }
    }
}

/// SemVer precedence: build metadata does not count.
pub(crate) fn cmp(a: &Version, b: &Version) -> Ordering {
    (a.major, a.minor, a.patch).cmp(&(b.major, b.minor, b.patch)).then_with(|| a.pre.cmp(&b.pre))
}

fn max_start(a: Bound, b: Bound) -> Bound {
    match (&a, &b) {
        (Bound::Unbounded, _) => b,
        (_, Bound::Unbounded) => a,
        (Bound::Inclusive(x) | Bound::Exclusive(x), Bound::Inclusive(y) | Bound::Exclusive(y)) => match cmp(x, y) {
            Ordering::Greater => a,
            Ordering::Less => b,
            Ordering::Equal => {
                if matches!(a, Bound::Exclusive(_)) {
                    a
                } else {
                    b
                }
            }
        },
    }
}

fn min_end(a: Bound, b: Bound) -> Bound {
    match (&a, &b) {
        (Bound::Unbounded, _) => b,
        (_, Bound::Unbounded) => a,
        (Bound::Inclusive(x) | Bound::Exclusive(x), Bound::Inclusive(y) | Bound::Exclusive(y)) => match cmp(x, y) {
            Ordering::Less => a,
            Ordering::Greater => b,
            Ordering::Equal => {
                if matches!(a, Bound::Exclusive(_)) {
                    a
                } else {
                    b
                }
            }
        },
    }
}

/// The version a comparator names, missing parts as 0.
fn comp_version(c: &Comparator) -> Version {
    Version {
        major: c.major,
        minor: c.minor.unwrap_or(0),
        patch: c.patch.unwrap_or(0),
        pre: c.pre.clone(),
        build: Default::default(),
    }
}

/// `x.y.z-0`: the lowest version with that number (below all its pre-releases).
fn lowest(major: u64, minor: u64, patch: u64) -> Version {
    let mut v = Version::new(major, minor, patch);
    v.pre = Prerelease::new("0").unwrap_or(Prerelease::EMPTY);
    v
}

/// The interval of one comparator.
fn comparator_interval(c: &Comparator) -> Interval {
    let v = comp_version(c);
    let upper = |end: Version| Interval { start: Bound::Inclusive(v.clone()), end: Bound::Exclusive(end) };
    match c.op {
        Op::Exact => Interval { start: Bound::Inclusive(v.clone()), end: Bound::Inclusive(v) },
        Op::Greater => Interval { start: Bound::Exclusive(v), end: Bound::Unbounded },
        Op::GreaterEq => Interval { start: Bound::Inclusive(v), end: Bound::Unbounded },
        Op::Less => Interval { start: Bound::Unbounded, end: Bound::Exclusive(v) },
        Op::LessEq => Interval { start: Bound::Unbounded, end: Bound::Inclusive(v) },
        Op::Tilde => match c.minor {
            None => upper(lowest(c.major.saturating_add(1), 0, 0)),
            Some(minor) => upper(lowest(c.major, minor.saturating_add(1), 0)),
        },
        Op::Caret => upper(if c.major > 0 {
            lowest(c.major.saturating_add(1), 0, 0)
        } else {
            match (c.minor, c.patch) {
                (None, _) => lowest(1, 0, 0),
                (Some(0), Some(patch)) => lowest(0, 0, patch.saturating_add(1)),
                (Some(minor), _) => lowest(0, minor.saturating_add(1), 0),
            }
        }),
        // `*`, `1.*`, `1.2.*` (RustSec rejects these; read them as Cargo does).
        Op::Wildcard => match c.minor {
            None => upper(lowest(c.major.saturating_add(1), 0, 0)),
            Some(minor) => upper(lowest(c.major, minor.saturating_add(1), 0)),
        },
        // `semver::Op` is non-exhaustive: an operator added later is read
        // as matching nothing rather than everything.
        _ => Interval { start: Bound::Exclusive(v.clone()), end: Bound::Exclusive(v) },
    }
}

/// The interval of a whole requirement (`>= 1.2.3, < 1.3.0`): the
/// intersection of its comparators. `*` is every version.
pub(crate) fn req_interval(req: &VersionReq) -> Interval {
    req.comparators.iter().map(comparator_interval).fold(Interval::ALL, Interval::intersect)
}

/// An advisory's `[versions]`, ready to test versions against.
#[derive(Clone, Debug, Default)]
pub(crate) struct VersionRanges {
    pub patched: Vec<VersionReq>,
    pub unaffected: Vec<VersionReq>,
    intervals: Vec<Interval>,
    patched_intervals: Vec<Interval>,
}

impl VersionRanges {
    pub(crate) fn new(patched: Vec<VersionReq>, unaffected: Vec<VersionReq>) -> Self {
        let patched_intervals: Vec<Interval> = patched.iter().map(req_interval).collect();
        let mut intervals = patched_intervals.clone();
        intervals.extend(unaffected.iter().map(req_interval));
        VersionRanges { patched, unaffected, intervals, patched_intervals }
    }

    /// Is this version affected? (No `patched` and no `unaffected` entry:
    /// every version is.)
    pub(crate) fn is_vulnerable(&self, v: &Version) -> bool {
        !self.intervals.iter().any(|i| i.contains(v))
    }

    /// The smallest patched version above `v`, if some patched range starts
    /// above it: `(version, exact)` where `exact` is false when the range
    /// starts after a version (`> 1.2.3`) rather than at one.
    pub(crate) fn smallest_fix(&self, v: &Version) -> Option<(Version, bool)> {
        let mut best: Option<(Version, bool)> = None;
        for i in &self.patched_intervals {
            let (start, exact) = match &i.start {
                Bound::Inclusive(s) => (s.clone(), true),
                Bound::Exclusive(s) => (s.clone(), false),
                Bound::Unbounded => continue,
            };
            let above = if exact { cmp(&start, v) == Ordering::Greater } else { cmp(&start, v) != Ordering::Less };
            if !above || i.end == Bound::Exclusive(start.clone()) {
                continue;
            }
            if best.as_ref().is_none_or(|(b, _)| cmp(&start, b) == Ordering::Less) {
                best = Some((start, exact));
            }
        }
        best
    }
}

/// Is `to` a SemVer-compatible update of `from` (what `cargo update` can
/// reach without editing Cargo.toml)?
pub(crate) fn compatible(from: &Version, to: &Version) -> bool {
    match (from.major, from.minor) {
        (0, 0) => to.major == 0 && to.minor == 0 && to.patch == from.patch,
        (0, m) => to.major == 0 && to.minor == m,
        (maj, _) => to.major == maj,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(patched: &[&str], unaffected: &[&str]) -> VersionRanges {
        let p = patched.iter().map(|s| VersionReq::parse(s).unwrap()).collect();
        let u = unaffected.iter().map(|s| VersionReq::parse(s).unwrap()).collect();
        VersionRanges::new(p, u)
    }

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    fn vulnerable(r: &VersionRanges, s: &str) -> bool {
        r.is_vulnerable(&v(s))
    }

    #[test]
    fn simple_patched_and_unaffected() {
        let r = ranges(&[">= 0.12.34"], &["< 0.11.0"]);
        assert!(!vulnerable(&r, "0.10.9"));
        assert!(vulnerable(&r, "0.11.0"));
        assert!(vulnerable(&r, "0.12.33"));
        assert!(!vulnerable(&r, "0.12.34"));
        assert!(!vulnerable(&r, "0.14.0"));
    }

    #[test]
    fn several_ranges_with_backports() {
        // RustSec's example: fixed in 1.2.3 (backport) and 1.3.4.
        let r = ranges(&[">= 1.2.3, < 1.3.0", ">= 1.3.4"], &["<= 0.1.2"]);
        for (ver, want) in [
            ("0.1.2", false),
            ("0.1.3", true),
            ("1.2.2", true),
            ("1.2.3", false),
            ("1.2.99", false),
            ("1.3.0", true),
            ("1.3.3", true),
            ("1.3.4", false),
            ("2.0.0", false),
        ] {
            assert_eq!(vulnerable(&r, ver), want, "{ver}");
        }
        assert_eq!(r.smallest_fix(&v("1.2.0")), Some((v("1.2.3"), true)));
        assert_eq!(r.smallest_fix(&v("1.3.1")), Some((v("1.3.4"), true)));
        assert_eq!(r.smallest_fix(&v("0.5.0")), Some((v("1.2.3"), true)));
    }

    #[test]
    fn caret_and_tilde_stop_before_the_next_pre_release() {
        let r = ranges(&["^1.2.3"], &[]);
        assert!(vulnerable(&r, "1.2.2"));
        assert!(!vulnerable(&r, "1.2.3"));
        assert!(!vulnerable(&r, "1.9.0"));
        assert!(vulnerable(&r, "2.0.0-alpha.1"), "^1.2.3 ends before 2.0.0-0");
        assert!(vulnerable(&r, "2.0.0"));
        // A bare version is a caret requirement.
        let bare = ranges(&["0.2.3"], &[]);
        assert!(!vulnerable(&bare, "0.2.9"));
        assert!(vulnerable(&bare, "0.3.0"));
        let zero = ranges(&["^0.0.3"], &[]);
        assert!(!vulnerable(&zero, "0.0.3"));
        assert!(vulnerable(&zero, "0.0.4"));
        let t = ranges(&["~1.2.3"], &[]);
        assert!(!vulnerable(&t, "1.2.9"));
        assert!(vulnerable(&t, "1.3.0-rc.1"));
        assert!(vulnerable(&t, "1.3.0"));
    }

    #[test]
    fn pre_releases_are_ordered_by_precedence_as_in_rustsec() {
        let r = ranges(&[">= 0.14.10"], &[]);
        // A pre-release of the fixed version comes before it: still vulnerable.
        assert!(vulnerable(&r, "0.14.10-rc.1"));
        // A pre-release of a later version comes after the fix: patched,
        // although Cargo's `matches` would not admit it.
        assert!(!vulnerable(&r, "0.15.0-beta.2"));
        assert!(!VersionReq::parse(">= 0.14.10").unwrap().matches(&v("0.15.0-beta.2")));
        // Pre-releases inside a patched pre-release range.
        let p = ranges(&[">= 2.0.0-rc.3"], &[]);
        assert!(vulnerable(&p, "2.0.0-rc.2"));
        assert!(vulnerable(&p, "2.0.0-beta.9"));
        assert!(!vulnerable(&p, "2.0.0-rc.3"));
        assert!(!vulnerable(&p, "2.0.0-rc.10"), "numeric identifiers compare as numbers");
        assert!(!vulnerable(&p, "2.0.0"));
        // An upper bound: `< 1.0.0` holds for 1.0.0's pre-releases.
        let u = ranges(&[">= 1.0.0"], &["< 0.5.0"]);
        assert!(vulnerable(&u, "1.0.0-alpha"));
        assert!(!vulnerable(&u, "0.5.0-alpha"), "0.5.0-alpha < 0.5.0 is unaffected");
        // Build metadata does not count.
        assert!(!vulnerable(&r, "0.14.10+build.7"));
    }

    #[test]
    fn exact_wildcard_and_partial_requirements() {
        let e = ranges(&["=1.0.5"], &[]);
        assert!(!vulnerable(&e, "1.0.5"));
        assert!(vulnerable(&e, "1.0.6"));
        let w = ranges(&["1.*"], &[]);
        assert!(!vulnerable(&w, "1.7.0"));
        assert!(vulnerable(&w, "2.0.0"));
        let g = ranges(&["> 1.2"], &[]);
        assert!(vulnerable(&g, "1.2.0"));
        assert!(!vulnerable(&g, "1.2.1"), "`> 1.2` is `> 1.2.0`, as RustSec reads it");
        let all_vulnerable = ranges(&[], &[]);
        assert!(vulnerable(&all_vulnerable, "0.0.1"));
        assert_eq!(all_vulnerable.smallest_fix(&v("0.0.1")), None);
    }

    #[test]
    fn smallest_fix_after_an_exclusive_start() {
        let r = ranges(&["> 1.2.3"], &[]);
        assert_eq!(r.smallest_fix(&v("1.2.3")), Some((v("1.2.3"), false)));
        assert_eq!(r.smallest_fix(&v("1.0.0")), Some((v("1.2.3"), false)));
    }

    #[test]
    fn semver_compatibility_of_an_upgrade() {
        assert!(compatible(&v("0.14.9"), &v("0.14.10")));
        assert!(!compatible(&v("0.13.9"), &v("0.14.10")));
        assert!(compatible(&v("1.2.0"), &v("1.9.0")));
        assert!(!compatible(&v("1.2.0"), &v("2.0.0")));
        assert!(!compatible(&v("0.0.3"), &v("0.0.4")));
    }
}
