//! Sets of rules, one bit per rule of the catalog (in `lints::all()`
//! order): the rules a value is safe for, the taint rules enabled. Sized
//! from the catalog at compile time, so the number of taint rules has no
//! fixed limit and no rule has a hand-assigned bit.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::rules::taint::{Guard, TaintSpec};

const WORDS: usize = crate::lints::RULE_COUNT.div_ceil(64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) struct Mask([u64; WORDS]);

impl Mask {
    pub(crate) const EMPTY: Mask = Mask([0; WORDS]);
    /// Every rule: a value safe for anything (an allow-list, an exact match).
    pub(crate) const ALL: Mask = Mask([u64::MAX; WORDS]);

    pub(crate) fn of(rule: usize) -> Mask {
        let mut m = Mask::EMPTY;
        m.0[rule / 64] |= 1 << (rule % 64);
        m
    }

    pub(crate) fn contains(self, rule: usize) -> bool {
        self.0[rule / 64] & (1 << (rule % 64)) != 0
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub(crate) fn union(self, o: Mask) -> Mask {
        let mut m = self;
        m.0.iter_mut().zip(o.0).for_each(|(a, b)| *a |= b);
        m
    }

    pub(crate) fn intersection(self, o: Mask) -> Mask {
        let mut m = self;
        m.0.iter_mut().zip(o.0).for_each(|(a, b)| *a &= b);
        m
    }

    /// The rules of `self` not in `o`.
    pub(crate) fn without(self, o: Mask) -> Mask {
        let mut m = self;
        m.0.iter_mut().zip(o.0).for_each(|(a, b)| *a &= !b);
        m
    }

    /// The words, for the cache's encoding.
    pub(crate) fn words(&self) -> &[u64; WORDS] {
        &self.0
    }

    pub(crate) fn from_words(words: [u64; WORDS]) -> Mask {
        Mask(words)
    }
}

/// The taint rules of the catalog: id → (bit, spec).
static TAINT_RULES: LazyLock<HashMap<&'static str, (usize, &'static TaintSpec)>> = LazyLock::new(|| {
    crate::lints::all().iter().enumerate().filter_map(|(i, r)| Some((r.meta().id, (i, r.taint()?)))).collect()
});

/// The bit of a taint rule (`None`: no such rule, or not a taint rule).
pub(crate) fn rule_bit(id: &str) -> Option<usize> {
    TAINT_RULES.get(id).map(|(i, _)| *i)
}

/// The spec a taint rule declares.
pub(crate) fn spec(id: &str) -> Option<&'static TaintSpec> {
    TAINT_RULES.get(id).map(|(_, s)| *s)
}

/// The id of the rule with this bit.
pub(crate) fn rule_id(bit: usize) -> &'static str {
    crate::lints::all()[bit].meta().id
}

/// Every taint rule's bit and spec.
pub(crate) fn specs() -> impl Iterator<Item = (usize, &'static TaintSpec)> {
    TAINT_RULES.values().map(|(i, s)| (*i, *s))
}

/// The taint rules a guard makes a value safe for.
pub(crate) fn guarded_by(guard: Guard) -> Mask {
    TAINT_RULES.values().filter(|(_, s)| s.guards.contains(&guard)).fold(Mask::EMPTY, |m, (i, _)| m.union(Mask::of(*i)))
}

/// The taint rules only a line break makes text dangerous for
/// (`TaintSpec::single_line`).
pub(crate) fn single_line() -> Mask {
    static RULES: LazyLock<Mask> = LazyLock::new(|| {
        TAINT_RULES.values().filter(|(_, s)| s.single_line).fold(Mask::EMPTY, |m, (i, _)| m.union(Mask::of(*i)))
    });
    *RULES
}

/// The rules named by a model's `rules = [...]` (`"*"`: every rule).
pub(crate) fn of_ids(ids: &[String]) -> Mask {
    if ids.iter().any(|r| r == "*") {
        return Mask::ALL;
    }
    ids.iter().filter_map(|r| rule_bit(r)).fold(Mask::EMPTY, |m, b| m.union(Mask::of(b)))
}

/// The taint rules among these rule ids (the enabled ones).
pub(crate) fn enabled<'a>(ids: impl Iterator<Item = &'a str>) -> Mask {
    ids.filter_map(rule_bit).fold(Mask::EMPTY, |m, b| m.union(Mask::of(b)))
}
