//! What a path does to a value on its way: origins continued along
//! flows (`extend`), kept once per start and end (`push_origin`).

use super::super::{FlowOut, Mask, Shape, Step, Target, keep_ends};
use super::{From, MAX_ORIGINS, MAX_PATH, Origin};

/// A total order of flow targets (for [`super::Query::flows_to`]'s index).
pub(super) fn target_order(t: Target) -> (u8, u32, u16, u16) {
    match t {
        Target::Ret => (0, 0, 0, 0),
        Target::Arg { call, arg } => (1, call, arg, 0),
        Target::Sink(k) => (2, k, 0, 0),
        Target::ArgField { call, arg, field } => (3, call, arg, field),
        Target::RetField { field } => (4, 0, field, 0),
        Target::SelfField(field) => (5, 0, field, 0),
    }
}

/// Add an origin unless one from the same place is already there (the
/// first path found is kept: paths are explored shortest first).
pub(super) fn push_origin(out: &mut Vec<Origin>, o: Origin) {
    if out.len() >= MAX_ORIGINS {
        return;
    }
    let same = |a: &Origin| {
        let same_start = match (&a.from, &o.from) {
            (From::Param(x, fx), From::Param(y, fy)) => x == y && fx == fy,
            (From::ApiParam(f, x), From::ApiParam(g, y)) => f == g && x == y,
            (From::ParamOf(f, x, fx), From::ParamOf(g, y, fy)) => f == g && x == y && fx == fy,
            (From::Source { kind: k1, desc: d1, .. }, From::Source { kind: k2, desc: d2, .. }) => k1 == k2 && d1 == d2,
            _ => false,
        };
        same_start
            && a.end.shape == o.end.shape
            && a.end.sanitized == o.end.sanitized
            && a.end.err == o.end.err
            && a.end.decoded == o.end.decoded
            && a.end.wire == o.end.wire
            && a.end.in_base == o.end.in_base
    };
    if !out.iter().any(same) {
        out.push(o);
    }
}

/// Continue an origin along a flow recorded in a summary.
pub(super) fn extend_flow(o: Origin, fl: &FlowOut) -> Origin {
    extend(o, &fl.steps, End::of_flow(fl), None)
}

/// What a path does to a value: the end of one flow (what it adds to an
/// origin continued along it), or what an origin's path did so far.
#[derive(Clone, Copy, Debug)]
pub(super) struct End {
    pub(super) shape: Shape,
    pub(super) sanitized: Mask,
    /// Inside an error (error-only: the value travels inside an error).
    pub(super) err: bool,
    /// Through a decoder: what the start was safe for as single-line text
    /// no longer holds (`intra::lines`).
    pub(super) decoded: bool,
    /// Joined onto a base path (`base.join(v)`).
    pub(super) joined: bool,
    /// The base of a path built on the way, nothing of it in the part
    /// joined on (`FlowOut::in_base`).
    pub(super) in_base: bool,
    /// A number decoded on the way (`FlowOut::wire`); on an origin, not
    /// when what was decoded is an object a call built from the start
    /// (`via_return`: the library's own state).
    pub(super) wire: bool,
}

impl End {
    /// A plain text value: adds nothing.
    pub(super) const TEXT: End = End {
        shape: Shape::Text,
        sanitized: Mask::EMPTY,
        err: false,
        decoded: false,
        joined: false,
        in_base: false,
        wire: false,
    };

    pub(super) fn of_flow(fl: &FlowOut) -> Self {
        End {
            shape: fl.shape,
            sanitized: fl.sanitized,
            err: fl.err,
            decoded: fl.decoded,
            joined: fl.joined,
            in_base: fl.in_base,
            wire: fl.wire,
        }
    }
}

/// Continue an origin along a path whose end is `end`, with an optional
/// final step.
pub(super) fn extend(mut o: Origin, more: &[Step], end: End, last: Option<&Step>) -> Origin {
    let End { shape, sanitized, err, decoded, joined, in_base, wire } = end;
    for s in more {
        if o.steps.last() != Some(s) {
            o.steps.push(s.clone());
        }
    }
    if let Some(l) = last {
        o.steps.push(l.clone());
    }
    // Long paths keep their start and their end.
    keep_ends(&mut o.steps, 4, MAX_PATH);
    // Decoded from the start itself, not from an object built from it.
    if wire && !(o.via_return && o.end.shape == Shape::Text) {
        o.end.wire = true;
    }
    if shape == Shape::Number {
        if o.end.shape == Shape::Text {
            // See `intra::with_shape`: a size-capped text's number is not.
            o.end.sanitized = o.end.sanitized.without(super::super::numeric_rules());
        }
        o.end.shape = Shape::Number;
    }
    if decoded {
        o.end.sanitized = o.end.sanitized.without(super::super::mask::single_line());
        o.end.decoded = true;
    }
    o.end.sanitized = o.end.sanitized.union(sanitized);
    o.end.err |= err;
    o.end.joined |= joined;
    o.end.in_base |= in_base;
    o
}
