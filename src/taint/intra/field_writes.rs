//! A private integer field's width from what its file writes into it
//! (`size_bound`): `header.block_size` declared `u32` but only ever built
//! as `u32::from(r.read_u16()?)` (or `512`) is at most 16 bits wide.
//!
//! Only a field without `pub` of a struct the file declares: nothing
//! outside its module can write it. Every function of the file that
//! writes it — a struct literal naming it (`Header { size: n }`, `Self {
//! size }`), an assignment to `_.size` — is evaluated once more for its
//! locals' bounds alone (no rule enabled), and the widest value written
//! is the field's. A compound assignment (`x.size += n`), a `&mut
//! x.size`, or a write the evaluation did not reach (in a closure, a
//! macro's tokens it cannot see into) leaves the field unknown.

use rustc_hash::FxHashSet as HashSet;
use syn::visit::Visit;
use syn::{Expr, ExprStruct, Item};

use super::{FnAnalysis, strip_parens_refs_derefs};

/// What a writer's evaluation saw (`FnAnalysis::probe`).
pub(super) struct FieldProbe {
    owner: String,
    field: String,
    /// The widest value written so far (`None`: one is unknown).
    bits: Option<u32>,
    /// The writes seen, by address: a loop evaluated twice sees one twice.
    seen: HashSet<usize>,
}

impl FnAnalysis<'_> {
    /// The width of what the file writes into `owner.field` (see the
    /// module docs).
    pub(super) fn written_field_bits(&self, owner: &str, field: &str) -> Option<u32> {
        self.file_fns?.written_bits(owner, field, &mut |items| self.work_written(items, owner, field))
    }

    /// `base.field`'s width: the narrower of its declared type and, for
    /// a private field of a struct of the file, what the file writes.
    pub(super) fn field_value_bits(&self, f: &syn::ExprField) -> Option<u32> {
        let declared = match self.field_type(&f.base, &f.member) {
            Some(t) => super::size_bound::narrow(&t),
            None => self.field_by_name(&f.member, super::size_bound::narrow),
        };
        if declared.is_some_and(|b| b <= super::size_bound::SMALL_SIZE_BITS) {
            return declared;
        }
        let syn::Member::Named(field) = &f.member else { return declared };
        let field = field.to_string();
        let owner = match self.receiver_type(&f.base).and_then(|t| t.last().cloned()) {
            Some(o) => o,
            None => {
                let mut owners = self.file.fields.keys().filter(|(_, n)| *n == field);
                match (owners.next(), owners.next()) {
                    (Some((o, _)), None) => o.clone(),
                    _ => return declared,
                }
            }
        };
        super::size_bound::min_known(declared, self.written_field_bits(&owner, &field))
    }

    fn work_written(&self, items: &[Item], owner: &str, field: &str) -> Option<u32> {
        if !private_int_field(items, owner, field) {
            return None;
        }
        let mut writers = Writers { owner, field, self_ty: None, fns: Vec::new(), writes: Vec::new(), opaque: false };
        writers.visit_items(items);
        if writers.opaque || writers.fns.is_empty() {
            return None;
        }
        let mut widest = 0;
        for w in &writers.fns {
            let mut sub = self.bounds_only(w.sig, w.self_ty.clone());
            sub.probe = Some(FieldProbe {
                owner: owner.to_string(),
                field: field.to_string(),
                bits: Some(0),
                seen: HashSet::default(),
            });
            let _ = sub.eval_block(w.block);
            let probe = sub.probe?;
            if w.writes.iter().any(|a| !probe.seen.contains(a)) {
                return None;
            }
            widest = widest.max(probe.bits?);
        }
        Some(widest)
    }

    /// A struct literal being evaluated: what it writes into the probed
    /// field.
    pub(super) fn probe_struct(&mut self, x: &ExprStruct) {
        let Some(p) = &self.probe else { return };
        if !names_owner(&x.path, &p.owner, self.self_type.as_deref()) {
            return;
        }
        let Some(f) = x.fields.iter().find(|f| is_field(&f.member, &p.field)) else { return };
        let bits = self.value_bits(&f.expr);
        self.probe_write(std::ptr::from_ref(x) as usize, bits);
    }

    /// An assignment being evaluated: `_.field = value` writes the
    /// probed field (whatever the owner: no harm in one more write).
    pub(super) fn probe_assign(&mut self, left: &Expr, right: &Expr, at: usize) {
        let Some(p) = &self.probe else { return };
        if let Expr::Field(f) = strip_parens_refs_derefs(left)
            && is_field(&f.member, &p.field)
        {
            let bits = self.value_bits(right);
            self.probe_write(at, bits);
        }
    }

    fn probe_write(&mut self, at: usize, bits: Option<u32>) {
        if let Some(p) = &mut self.probe {
            p.seen.insert(at);
            p.bits = p.bits.zip(bits).map(|(a, b)| a.max(b));
        }
    }
}

/// `owner` declares `field` without `pub`, of an unsigned integer type.
fn private_int_field(items: &[Item], owner: &str, field: &str) -> bool {
    items.iter().any(|item| match item {
        Item::Struct(s) if s.ident == owner => s.fields.iter().any(|f| {
            f.ident.as_ref().is_some_and(|i| i == field)
                && matches!(f.vis, syn::Visibility::Inherited)
                && matches!(&f.ty, syn::Type::Path(p) if p.qself.is_none()
                    && p.path.get_ident().is_some_and(|i| crate::taint::size::is_unsigned_name(&i.to_string())))
        }),
        Item::Mod(m) => m.content.as_ref().is_some_and(|(_, items)| private_int_field(items, owner, field)),
        _ => false,
    })
}

fn names_owner(path: &syn::Path, owner: &str, self_ty: Option<&str>) -> bool {
    path.segments.last().is_some_and(|s| s.ident == owner || (s.ident == "Self" && self_ty == Some(owner)))
}

fn is_field(member: &syn::Member, field: &str) -> bool {
    matches!(member, syn::Member::Named(n) if n == field)
}

/// A function of the file that writes the field, and the writes its body
/// holds (by address: each must be seen by its evaluation).
struct Writer<'a> {
    sig: &'a syn::Signature,
    block: &'a syn::Block,
    self_ty: Option<String>,
    writes: Vec<usize>,
}

/// Every function of the file that writes the field.
struct Writers<'a, 's> {
    owner: &'s str,
    field: &'s str,
    self_ty: Option<String>,
    fns: Vec<Writer<'a>>,
    /// The writes of the function being visited.
    writes: Vec<usize>,
    /// A write no evaluation can bound: `x.size += n`, `&mut x.size`.
    opaque: bool,
}

impl<'a> Writers<'a, '_> {
    fn visit_items(&mut self, items: &'a [Item]) {
        for item in items {
            self.visit_item(item);
        }
    }

    fn function(&mut self, sig: &'a syn::Signature, block: &'a syn::Block) {
        let outer = std::mem::take(&mut self.writes);
        self.visit_block(block);
        let writes = std::mem::replace(&mut self.writes, outer);
        if !writes.is_empty() {
            self.fns.push(Writer { sig, block, self_ty: self.self_ty.clone(), writes });
        }
    }
}

impl<'a> Visit<'a> for Writers<'a, '_> {
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.function(&f.sig, &f.block);
    }
    fn visit_item_impl(&mut self, im: &'a syn::ItemImpl) {
        let outer = std::mem::replace(&mut self.self_ty, crate::rules::web::type_name(&im.self_ty));
        syn::visit::visit_item_impl(self, im);
        self.self_ty = outer;
    }
    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        self.function(&f.sig, &f.block);
    }
    fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
        if let Some(b) = &f.default {
            self.function(&f.sig, b);
        }
    }
    fn visit_expr_struct(&mut self, x: &'a ExprStruct) {
        if names_owner(&x.path, self.owner, self.self_ty.as_deref())
            && x.fields.iter().any(|f| is_field(&f.member, self.field))
        {
            self.writes.push(std::ptr::from_ref(x) as usize);
        }
        syn::visit::visit_expr_struct(self, x);
    }
    fn visit_expr_assign(&mut self, x: &'a syn::ExprAssign) {
        if matches!(strip_parens_refs_derefs(&x.left), Expr::Field(f) if is_field(&f.member, self.field)) {
            self.writes.push(std::ptr::from_ref(x) as usize);
        }
        syn::visit::visit_expr_assign(self, x);
    }
    fn visit_expr_binary(&mut self, x: &'a syn::ExprBinary) {
        if crate::syntax::exprs::is_compound_assign(&x.op)
            && matches!(strip_parens_refs_derefs(&x.left), Expr::Field(f) if is_field(&f.member, self.field))
        {
            self.opaque = true;
        }
        syn::visit::visit_expr_binary(self, x);
    }
    fn visit_expr_reference(&mut self, x: &'a syn::ExprReference) {
        if x.mutability.is_some()
            && matches!(strip_parens_refs_derefs(&x.expr), Expr::Field(f) if is_field(&f.member, self.field))
        {
            self.opaque = true;
        }
        syn::visit::visit_expr_reference(self, x);
    }
}
