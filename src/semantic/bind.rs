//! The locals of an [`Infer`]: bound eagerly (a type now) or lazily (the
//! expression and pattern that bind them, typed on first use).
//!
//! An analysis that walks a body itself (the taint engine) binds every
//! local as it goes, but asks for few types: the receivers of the calls
//! that matter to it. A lazy binding ([`Infer::bind_lazy`]) records where
//! the value comes from; the first [`Infer::local`] lookup of one of its
//! names types the expression (memoised like any other) and destructures
//! the pattern. While it does, the bindings made after it are hidden, so
//! the expression sees exactly the locals it saw where it was written
//! (`let x = f(x);` reads the earlier `x`).

use syn::{Expr, ExprMethodCall, Pat};

use super::infer::Infer;
use super::lower::ident;
use super::path::Name;
use super::ty::Ty;

/// Types deeper than this are forgotten (hostile input).
const MAX_TY_DEPTH: usize = 24;

/// One local of a frame.
pub(super) struct Local {
    name: Name,
    /// Order of binding (for hiding later bindings while a lazy one is typed).
    seq: u32,
    slot: Slot,
}

enum Slot {
    Ty(Ty),
    /// Index of a pending binding.
    Pending(u32),
}

/// Where the value of a lazy binding comes from.
#[derive(Clone, Copy)]
pub enum LazySrc<'a> {
    /// `let pat = e`, `if let pat = e`, a match arm on `e`.
    Value(&'a Expr),
    /// `for pat in e`: an item of `e`.
    Item(&'a Expr),
    /// Parameter `index` of the closure passed as argument `arg` of a
    /// method call (`v.iter().map(|x| …)`).
    ClosureParam { call: &'a ExprMethodCall, arg: usize, index: usize },
    /// A value of unknown type (a closure parameter nobody types).
    Unknown,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Forcing,
    Done,
}

struct Pending<'a> {
    pat: &'a Pat,
    src: LazySrc<'a>,
    seq: u32,
    state: State,
}

/// The lazy bindings of the fn being inferred.
#[derive(Default)]
pub(super) struct LazyState<'a> {
    pending: Vec<Pending<'a>>,
    next_seq: u32,
    /// Ranges of binding numbers hidden while a lazy binding is typed: those
    /// made after it and before its typing started.
    hidden: Vec<(u32, u32)>,
    /// Lazy bindings typed (for statistics and tests).
    forced: u32,
}

impl<'a> Infer<'a> {
    /// Bind a name to a type now.
    pub(super) fn bind(&mut self, name: Name, t: Ty) {
        let t = if t.depth() > MAX_TY_DEPTH { Ty::Unknown } else { t };
        self.push_local(name, Slot::Ty(t));
    }

    fn push_local(&mut self, name: Name, slot: Slot) {
        let seq = self.lazy.next_seq;
        self.lazy.next_seq += 1;
        if let Some(f) = self.frames.last_mut() {
            f.locals.push(Local { name, seq, slot });
        }
    }

    /// Bind the names of `pat` to what `src` gives, typed only when one of
    /// them is looked up. An annotation without holes is used at once.
    pub fn bind_lazy(&mut self, pat: &'a Pat, src: LazySrc<'a>) {
        if let Pat::Type(pt) = pat
            && let Some(t) = self.complete_annotation(&pt.ty)
        {
            self.bind_pat(&pt.pat, t);
            return;
        }
        let mut names = Vec::new();
        pat_idents(pat, &mut names);
        if names.is_empty() {
            return;
        }
        let id = self.lazy.pending.len() as u32;
        let seq = self.lazy.next_seq;
        self.lazy.pending.push(Pending { pat, src, seq, state: State::Waiting });
        for n in names {
            self.push_local(n, Slot::Pending(id));
        }
    }

    /// The type of a local (innermost visible binding), typing a lazy
    /// binding on first use.
    pub fn local(&mut self, name: &str) -> Option<Ty> {
        for _ in 0..2 {
            match self.find_local(name)? {
                (_, _, Some(t)) => return Some(t),
                (fi, li, None) => {
                    let Slot::Pending(p) = self.frames[fi].locals[li].slot else { return None };
                    self.force(p);
                    if let Slot::Ty(t) = &self.frames[fi].locals[li].slot {
                        return Some(t.clone());
                    }
                }
            }
        }
        Some(Ty::Unknown)
    }

    /// (frame, index, type when already known) of the innermost visible
    /// binding of `name`.
    fn find_local(&self, name: &str) -> Option<(usize, usize, Option<Ty>)> {
        let hidden = &self.lazy.hidden;
        for (fi, f) in self.frames.iter().enumerate().rev() {
            for (li, l) in f.locals.iter().enumerate().rev() {
                if &*l.name != name || hidden.iter().any(|&(lo, hi)| lo <= l.seq && l.seq < hi) {
                    continue;
                }
                let known = match &l.slot {
                    Slot::Ty(t) => Some(t.clone()),
                    Slot::Pending(_) => None,
                };
                return Some((fi, li, known));
            }
        }
        None
    }

    /// Type a pending binding: its value, with the bindings made after it
    /// hidden, then its pattern destructured.
    fn force(&mut self, p: u32) {
        let Some(pend) = self.lazy.pending.get_mut(p as usize) else { return };
        if pend.state != State::Waiting {
            // Being typed (a cycle: unknown) or done.
            if pend.state == State::Forcing {
                self.fill(p, Vec::new());
            }
            return;
        }
        pend.state = State::Forcing;
        let (pat, src, seq) = (pend.pat, pend.src, pend.seq);
        self.lazy.forced += 1;
        let start = self.lazy.next_seq;
        self.lazy.hidden.push((seq, start));
        let t = match src {
            LazySrc::Value(e) => self.type_of(e),
            LazySrc::Item(e) => self.item_of(e),
            LazySrc::ClosureParam { call, arg, index } => {
                self.closure_params(call, arg).into_iter().nth(index).unwrap_or_default()
            }
            LazySrc::Unknown => Ty::Unknown,
        };
        self.push_frame();
        self.bind_pat(pat, t);
        let scratch = if self.frames.len() > 1 { self.frames.pop().map(|f| f.locals) } else { None };
        self.lazy.hidden.pop();
        let got: Vec<(Name, Ty)> = scratch
            .unwrap_or_default()
            .into_iter()
            .filter_map(|l| match l.slot {
                Slot::Ty(t) => Some((l.name, t)),
                Slot::Pending(_) => None,
            })
            .collect();
        self.fill(p, got);
        if let Some(pend) = self.lazy.pending.get_mut(p as usize) {
            pend.state = State::Done;
        }
    }

    /// Give the names of pending binding `p` their types (`Unknown` for
    /// those `got` does not have).
    fn fill(&mut self, p: u32, got: Vec<(Name, Ty)>) {
        for f in &mut self.frames {
            for l in &mut f.locals {
                if matches!(l.slot, Slot::Pending(q) if q == p) {
                    let t = got.iter().rev().find(|(n, _)| *n == l.name).map(|(_, t)| t.clone()).unwrap_or_default();
                    l.slot = Slot::Ty(t);
                }
            }
        }
    }

    /// Lazy bindings typed since the fn began.
    pub fn lazy_forced(&self) -> u32 {
        self.lazy.forced
    }

    /// An annotation with no unknown part, lowered.
    fn complete_annotation(&self, ty: &syn::Type) -> Option<Ty> {
        if has_infer(ty) {
            return None;
        }
        let t = self.lower_ty(ty);
        t.is_known().then_some(t)
    }
}

/// `_` anywhere in a type.
fn has_infer(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Infer(_) => true,
        syn::Type::Reference(r) => has_infer(&r.elem),
        syn::Type::Paren(p) => has_infer(&p.elem),
        syn::Type::Slice(s) => has_infer(&s.elem),
        syn::Type::Array(a) => has_infer(&a.elem),
        syn::Type::Tuple(t) => t.elems.iter().any(has_infer),
        syn::Type::Path(p) => p.path.segments.iter().any(|s| match &s.arguments {
            syn::PathArguments::AngleBracketed(a) => a.args.iter().any(|g| match g {
                syn::GenericArgument::Type(t) => has_infer(t),
                _ => false,
            }),
            _ => false,
        }),
        _ => false,
    }
}

/// The names a pattern binds (the first alternative of an or-pattern).
fn pat_idents(p: &Pat, out: &mut Vec<Name>) {
    match p {
        Pat::Ident(i) => {
            out.push(ident(&i.ident));
            if let Some((_, sub)) = &i.subpat {
                pat_idents(sub, out);
            }
        }
        Pat::Type(t) => pat_idents(&t.pat, out),
        Pat::Reference(r) => pat_idents(&r.pat, out),
        Pat::Paren(x) => pat_idents(&x.pat, out),
        Pat::Tuple(t) => t.elems.iter().for_each(|e| pat_idents(e, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|e| pat_idents(e, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| pat_idents(&f.pat, out)),
        Pat::Slice(s) => s.elems.iter().for_each(|e| pat_idents(e, out)),
        Pat::Or(o) => {
            if let Some(first) = o.cases.first() {
                pat_idents(first, out);
            }
        }
        Pat::Guard(g) => pat_idents(&g.pat, out),
        _ => {}
    }
}
