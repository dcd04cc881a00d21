//! An allocation size a callee's parameter decides, judged at each call
//! site with what that caller passes (issue 21). The sink's size
//! (`SinkSite::size`) names the parameters it is made of
//! (`size::SizeOp::Param`); on the way up a path, each hop to a caller puts
//! in their place what bounds the argument there: its width (`n_u16 as
//! usize`, a `u16` field), what the crate's declarations bound (a field of
//! another file), the caller's own parameter passed on, a check before the
//! call (every flow into the argument sanitised for the rule), a value no
//! input reaches (a constant, a length the program computed). A path
//! through a call site that bounds the size ends there; the others go on,
//! so a callee is reported only through the callers that pass an
//! unbounded value.

use std::rc::Rc;

use super::{FnId, Query};
use crate::taint::size::{self, CHOSEN, SizeOp};
use crate::taint::{TaintHit, Target};

/// A sink's size on its way up a path, in the terms of the function the
/// path has reached (its parameters are `SizeOp::Param`); `None` when
/// the sink has none.
pub(super) type Size = Option<Rc<[SizeOp]>>;

/// Where a size is the input's: a parameter no caller bounds.
const ANY: SizeOp = SizeOp::Bits(size::UNBOUNDED.bits);

/// The longest size expression followed up a path.
const MAX_OPS: usize = 64;

/// The sink's size, where its question starts.
pub(super) fn of_site(site: &crate::taint::SinkSite) -> Size {
    (!site.size.is_empty()).then(|| Rc::from(site.size.as_slice()))
}

/// The size with every parameter left replaced by what `param` says (the
/// path ends, or goes on in another function whose parameters these are
/// not).
pub(super) fn closed(size: &Size, param: &dyn Fn(u16) -> SizeOp) -> Size {
    let ops = size.as_deref()?;
    if !ops.iter().any(|o| matches!(o, SizeOp::Param(_))) {
        return size.clone();
    }
    Some(Rc::from(size::substitute(ops, &mut |i| vec![param(i)])))
}

/// A hit carries the size as its path's start sees it, for the crate's
/// declarations to close (`scan::bounded_sizes`).
pub(super) fn with_size(mut hit: TaintHit, size: &Size, param: &dyn Fn(u16) -> SizeOp) -> TaintHit {
    if let Some(ops) = closed(size, param) {
        hit.sink.size = ops.to_vec();
    }
    hit
}

/// Parameters left unbounded: the path found its source elsewhere.
pub(super) fn unbounded(_: u16) -> SizeOp {
    ANY
}

impl Query<'_, '_> {
    /// `size`, in the terms of the function `h` calls at `c`, seen from
    /// `h`: each parameter replaced by what bounds the argument there.
    /// `None` (the question) when the size is not the sink's; `Err` when
    /// that bounds it: no path through this call site needs following.
    pub(super) fn size_at_call(&mut self, sink_fn: FnId, h: FnId, c: u32, size: &Size, bit: usize) -> Result<Size, ()> {
        let Some(ops) = size.as_deref() else { return Ok(None) };
        if !ops.iter().any(|o| matches!(o, SizeOp::Param(_))) {
            return Ok(size.clone());
        }
        let foreign = self.units[self.funcs[h].unit].crate_key != self.units[self.funcs[sink_fn].unit].crate_key;
        let out = size::substitute(ops, &mut |i| self.arg_bound(h, c, i, bit, foreign));
        // A parameter used twice, passed on as twice itself at every hop,
        // doubles the expression each time: past this, the input's.
        if out.len() > MAX_OPS {
            return Ok(Some(Rc::from([ANY])));
        }
        match size::bounded_alone(&out) {
            Some(true) => Err(()),
            _ => Ok(Some(Rc::from(out))),
        }
    }

    /// What bounds argument `i` of call `c` in `h` as a size, in `h`'s
    /// terms.
    fn arg_bound(&mut self, h: FnId, c: u32, i: u16, bit: usize, foreign: bool) -> Vec<SizeOp> {
        let s = self.body(h);
        // Passed with its fields one by one: not a number.
        if s.arg_fields.iter().any(|a| a.call == c && a.arg == i) {
            return vec![ANY];
        }
        let (mut flows, mut checked) = (0usize, true);
        for fl in self.flows_to(h, Target::Arg { call: c, arg: i }) {
            flows += 1;
            checked &= fl.sanitized.contains(bit);
        }
        // Checked against a limit before the call: the program's bound.
        if flows > 0 && checked {
            return vec![CHOSEN];
        }
        let declared = s.arg_sizes.iter().find(|a| a.call == c && a.arg == i).map(|a| &a.ops);
        match declared {
            Some(ops) => {
                // What another crate declares is not the sink's crate's to close.
                let ops = if foreign { size::foreign(ops) } else { ops.clone() };
                // No input reaches it: its width is the program's.
                if flows == 0 { size::chosen(&ops) } else { ops }
            }
            None if flows == 0 => vec![CHOSEN],
            None => vec![ANY],
        }
    }

    /// Parameter `i` of the API function `g` where a library hit starts:
    /// an integer its caller passes is the caller's choice, like the
    /// capacity it would ask for itself; one that carries the caller's
    /// data (`lib_params`) is the input's.
    pub(super) fn api_param(&self, g: FnId) -> impl Fn(u16) -> SizeOp + '_ {
        let s = self.body(g);
        move |i| if s.lib_params.iter().any(|(p, _)| *p == i) { ANY } else { CHOSEN }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::workspace::FileKind;

    fn findings(src: &str) -> Vec<crate::finding::Finding> {
        let cfg = Config { select: Some(vec!["uncontrolled-allocation".into()]), ..Default::default() };
        crate::engine::scan::scan_source("lib.rs", src, FileKind::Lib, false, &cfg).findings
    }

    const CALLEE: &str = "use std::io::{self, Read};\nuse byteorder::{BigEndian, ReadBytesExt};\n\
                          fn buffer(n: usize) -> Vec<u8> {\n    vec![0u8; n + 1]\n}\n";

    #[test]
    fn a_callee_is_reported_through_the_call_that_passes_an_unbounded_size() {
        // A `u16` at one call, a `u32` at the other: reported through the second.
        let both = format!(
            "{CALLEE}pub fn f<R: Read>(mut r: R) -> io::Result<Vec<u8>> {{\n    let k = r.read_u16::<BigEndian>()?;\n    \
             let a = buffer(k as usize);\n    let big = r.read_u32::<BigEndian>()?;\n    Ok(buffer(big as usize))\n}}\n"
        );
        let found = findings(&both);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location.start.line, 4);
        let lines: Vec<u32> = found[0].flow.iter().map(|s| s.location.start.line).collect();
        assert!(lines.contains(&10) && !lines.contains(&8), "{lines:?}");
        // The `u16` call alone, one hop further: no finding.
        let bounded = format!(
            "{CALLEE}fn mid(m: usize) -> Vec<u8> {{\n    buffer(m)\n}}\n\
             pub fn f<R: Read>(mut r: R) -> io::Result<Vec<u8>> {{\n    let k = r.read_u16::<BigEndian>()?;\n    \
             Ok(mid(usize::from(k)))\n}}\n"
        );
        assert!(findings(&bounded).is_empty());
        // The same with a `u32`: reported.
        assert_eq!(findings(&bounded.replace("read_u16", "read_u32")).len(), 1);
    }
}
