//! The walk: the file's own tree (`X`) and syntax parsed out of macros
//! (`Fwd`) go to the same handlers.

use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Item};

use super::{Cap, Detail, X, adds_strings};
use crate::syntax::{attrs, exprs};

fn is_test_item(attrs_: &[syn::Attribute]) -> bool {
    attrs::is_cfg_test(attrs_) || attrs::is_test_fn(attrs_)
}

impl<'a, 'ast> Visit<'ast> for X<'a, 'ast> {
    fn visit_item(&mut self, item: &'ast Item) {
        let item_attrs = crate::engine::walker::item_attrs(item);
        if is_test_item(item_attrs) {
            return;
        }
        match item {
            Item::Fn(f) => self.on_attrs(&f.attrs, Some(&f.sig.ident), true),
            Item::Static(s) => self.on_attrs(&s.attrs, Some(&s.ident), false),
            Item::ForeignMod(fm) => {
                self.on_attrs(&fm.attrs, None, false);
                let abi = fm.abi.name.as_ref().map(syn::LitStr::value).unwrap_or_else(|| "C".into());
                if abi != "rust-intrinsic" && !fm.items.is_empty() {
                    let r = self.range(fm.abi.extern_token.span, fm.brace_token.span.open());
                    self.push(Some(Cap::Ffi), format!("extern \"{abi}\" block"), r, Detail::None);
                }
                return;
            }
            Item::Use(u) => {
                self.on_use(u);
                return;
            }
            Item::Macro(m) if m.mac.path.is_ident("macro_rules") => {
                self.scan_tokens(&m.mac.tokens, "in `macro_rules!`");
                return;
            }
            _ => self.on_attrs(item_attrs, None, false),
        }
        syn::visit::visit_item(self, item);
    }

    /// Attributes are read by `on_attrs`; doc comments are prose.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.enter(&f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
        self.leave();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if is_test_item(&f.attrs) {
            return;
        }
        self.on_attrs(&f.attrs, Some(&f.sig.ident), true);
        self.enter(&f.sig, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
        self.leave();
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(b) = &f.default {
            self.enter(&f.sig, b);
            syn::visit::visit_trait_item_fn(self, f);
            self.leave();
        }
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        self.on_call(c);
        for a in &c.args {
            self.visit_expr(a);
        }
        if !matches!(exprs::strip_parens_and_refs(&c.func), Expr::Path(_)) {
            self.visit_expr(&c.func);
        }
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.on_method(m);
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        self.on_path(p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.on_macro(m);
    }

    fn visit_expr_lit(&mut self, l: &'ast syn::ExprLit) {
        self.on_lit(l);
    }

    fn visit_expr_array(&mut self, a: &'ast syn::ExprArray) {
        self.on_array(a);
        syn::visit::visit_expr_array(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if matches!(b.op, syn::BinOp::Add(_)) && adds_strings(b) {
            let r = self.range(crate::syntax::exprs::expr_start(&b.left).unwrap_or(b.op.span()), b.right.span());
            let o = self.values.origin_of_binary(b, self.locals());
            self.decode_site(o, r);
        }
        syn::visit::visit_expr_binary(self, b);
    }
}

/// The same handlers over syntax that is not part of the file's tree
/// (macro arguments and bodies, parsed on the spot).
pub(super) struct Fwd<'s, 'a, 'ast>(pub(super) &'s mut X<'a, 'ast>);

impl<'m> Visit<'m> for Fwd<'_, '_, '_> {
    fn visit_item(&mut self, item: &'m Item) {
        if is_test_item(crate::engine::walker::item_attrs(item)) {
            return;
        }
        match item {
            Item::Use(u) => self.0.on_use(u),
            Item::Macro(m) if m.mac.path.is_ident("macro_rules") => {
                self.0.scan_tokens(&m.mac.tokens, "in `macro_rules!`")
            }
            Item::ForeignMod(fm) => {
                let abi = fm.abi.name.as_ref().map(syn::LitStr::value).unwrap_or_else(|| "C".into());
                let r = self.0.range(fm.abi.extern_token.span, fm.brace_token.span.open());
                self.0.push(Some(Cap::Ffi), format!("extern \"{abi}\" block"), r, Detail::None);
            }
            _ => {
                let a = crate::engine::walker::item_attrs(item).to_vec();
                let name = match item {
                    Item::Fn(f) => Some(f.sig.ident.clone()),
                    Item::Static(s) => Some(s.ident.clone()),
                    _ => None,
                };
                self.0.on_attrs(&a, name.as_ref(), matches!(item, Item::Fn(_)));
                syn::visit::visit_item(self, item);
            }
        }
    }

    fn visit_attribute(&mut self, _: &'m syn::Attribute) {}

    fn visit_expr_call(&mut self, c: &'m syn::ExprCall) {
        self.0.on_call(c);
        for a in &c.args {
            self.visit_expr(a);
        }
    }

    fn visit_expr_method_call(&mut self, m: &'m syn::ExprMethodCall) {
        self.0.on_method(m);
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_path(&mut self, p: &'m syn::ExprPath) {
        self.0.on_path(p);
    }

    fn visit_macro(&mut self, m: &'m syn::Macro) {
        self.0.on_macro(m);
    }

    fn visit_expr_lit(&mut self, l: &'m syn::ExprLit) {
        self.0.on_lit(l);
    }

    fn visit_expr_array(&mut self, a: &'m syn::ExprArray) {
        self.0.on_array(a);
        syn::visit::visit_expr_array(self, a);
    }
}
