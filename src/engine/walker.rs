//! The single walk over a file's syntax tree. It keeps the scope (enclosing
//! functions, test regions, lint levels, unsafe context) and dispatches each
//! node to the rules that subscribed to its kind or name.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, ImplItem, Item, Macro, Stmt, TraitItem};

use crate::engine::ruleset::{RuleIdx, RuleSet};
use crate::finding::Finding;
use crate::rules::Rule;
use crate::rules::cx::{Ancestor, Cx, Scope};
use crate::rules::file::FileCtx;
use crate::syntax::macros;
use crate::syntax::{FnKind, FnLike, attrs};

/// An out-of-line module declared by a file (`mod foo;`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildMod {
    pub name: String,
    /// `#[path = "..."]`, if given.
    pub path_attr: Option<String>,
    /// Platform alternatives: `#[cfg_attr(unix, path = "sys/unix.rs")]`.
    pub cfg_paths: Vec<String>,
    /// Declared under `#[cfg(test)]` (or inside test code).
    pub is_test: bool,
    /// Directories of enclosing inline modules (`mod a { mod b; }` →
    /// `["a"]`; an inline module's own `#[path = "dir"]` replaces its name).
    pub inline_parents: Vec<String>,
}

/// Counts of unsafe code in a file (the `unsafe` inventory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct UnsafeStats {
    pub functions: u32,
    pub methods: u32,
    pub blocks: u32,
    pub blocks_documented: u32,
    pub impls: u32,
    pub traits: u32,
    pub extern_blocks: u32,
}

impl UnsafeStats {
    pub(crate) fn add(&mut self, o: &UnsafeStats) {
        self.functions += o.functions;
        self.methods += o.methods;
        self.blocks += o.blocks;
        self.blocks_documented += o.blocks_documented;
        self.impls += o.impls;
        self.traits += o.traits;
        self.extern_blocks += o.extern_blocks;
    }

    pub(crate) fn total(&self) -> u32 {
        self.functions + self.methods + self.blocks + self.impls + self.traits + self.extern_blocks
    }
}

/// Facts the walk collects besides findings.
#[derive(Debug, Default)]
pub(crate) struct WalkFacts {
    pub child_mods: Vec<ChildMod>,
    /// (first line, last line), 0-based, of items/statements that start on a
    /// suppression target line.
    pub covered: Vec<(usize, usize, usize)>,
    /// Unsafe code outside test code (`#[cfg(test)]`, `#[test]` fns).
    pub unsafe_stats: UnsafeStats,
    /// `#![forbid(unsafe_code)]` (or `cfg_attr(not(test), forbid(..))`) at
    /// the top of the file.
    pub forbids_unsafe: bool,
    /// Source-to-sink flows found inside functions.
    pub taint_hits: Vec<crate::taint::TaintHit>,
    /// Function summaries for the crate-level join.
    pub summaries: Vec<crate::taint::FnSummary>,
    /// Handlers registered with a router (`.route("/x", post(handler))`,
    /// `web::get().to(handler)`), as resolved paths.
    pub routes: Vec<crate::rules::routes::Route>,
    /// `#![deny(unsafe_code)]` at the top of the file (can be overridden
    /// by a local `#[allow(unsafe_code)]`, unlike `forbid`).
    pub denies_unsafe: bool,
    /// `forbid`/`deny(unsafe_code)` under a `cfg_attr` condition other than
    /// `not(test)` (`#![cfg_attr(not(feature = "simd"), forbid(unsafe_code))]`).
    pub unsafe_lint_conditional: bool,
    /// Files pulled in with `include!("literal/path.rs")` outside test code.
    pub includes: Vec<String>,
}

pub(crate) struct Walker<'a, 'ast> {
    pub file: &'a FileCtx,
    pub set: &'a RuleSet,
    pub active: &'a [bool],
    /// Rules that run in test code (the rest would have their findings
    /// dropped by the test-code policy, so they are not even called).
    pub test_active: &'a [bool],
    pub scope: Scope<'ast>,
    pub out: Vec<Finding>,
    pub facts: &'a mut WalkFacts,
    /// Lines (0-based) right below a `sast:allow` comment.
    pub targets: &'a HashSet<usize>,
    inline_mods: Vec<String>,
    /// Nothing runs in test code (no rule, no taint): its functions and
    /// items are skipped, but for the `mod` declarations the module tree needs.
    prune_tests: bool,
    /// The file's semantic model (when taint rules run).
    sem: Option<&'a crate::taint::sem::SemFile<'a>>,
    /// The trait whose items are being walked.
    in_trait: Option<&'ast syn::ItemTrait>,
}

impl<'a, 'ast> Walker<'a, 'ast> {
    pub(crate) fn new(
        file: &'a FileCtx,
        set: &'a RuleSet,
        active: &'a [bool],
        facts: &'a mut WalkFacts,
        targets: &'a HashSet<usize>,
    ) -> Self {
        Walker {
            file,
            set,
            active,
            test_active: active,
            scope: Scope::default(),
            out: Vec::new(),
            facts,
            targets,
            inline_mods: Vec::new(),
            prune_tests: false,
            sem: None,
            in_trait: None,
        }
    }

    /// The file's semantic model, for the taint engine.
    pub(crate) fn with_semantic(mut self, sem: Option<&'a crate::taint::sem::SemFile<'a>>) -> Self {
        self.sem = sem;
        self
    }

    /// Which rules run in test code (default: the same as elsewhere).
    pub(crate) fn with_test_active(mut self, test_active: &'a [bool]) -> Self {
        self.test_active = test_active;
        self.prune_tests = !test_active.iter().any(|&on| on) && !self.set.taint_runs_in_tests();
        self
    }

    fn in_test(&self) -> bool {
        self.scope.test_depth > 0 || self.file.kind.is_test_like()
    }

    /// In test code where nothing runs.
    fn pruned(&self) -> bool {
        self.prune_tests && self.in_test()
    }

    /// In test code, could a rule that runs there report something in the
    /// code at `span` (a function body, a macro call)? Rules under the
    /// `lower` policy answer from the text (`Rule::may_report_in_test`),
    /// so test code costs a keyword scan unless it may hold a finding.
    fn test_code_needed(&self, from: Span, to: Span) -> bool {
        let (Some((s, _)), Some((_, e))) = (self.file.byte_range(from), self.file.byte_range(to)) else { return true };
        let Some(text) = self.file.text.get(s as usize..e as usize) else { return true };
        test_code_needed(self.set, self.test_active, text)
    }

    fn dispatch(&mut self, list: &[RuleIdx], mut f: impl FnMut(&dyn Rule, &mut Cx<'_, 'ast>)) {
        let active = if self.in_test() { self.test_active } else { self.active };
        for &i in list {
            if !active[i as usize] {
                continue;
            }
            let rule = self.set.rules[i as usize];
            let mut cx = Cx {
                file: self.file,
                scope: &self.scope,
                rule: rule.meta(),
                settings: &self.set.settings[i as usize],
                out: &mut self.out,
            };
            f(rule, &mut cx);
        }
    }

    fn cover(&mut self, span: impl FnOnce() -> Span, first_token: Option<Span>) {
        if self.targets.is_empty() {
            return;
        }
        let start_line = first_token.and_then(|s| self.file.span_line(s));
        // Fast reject: the item must start on (or have attributes on) a target line.
        let span = span();
        if let Some((s, e)) = self.file.byte_range(span) {
            // From its doc comments, which the parse may have left out.
            let first = self.file.line_of(self.file.docs_start(s));
            let last = self.file.line_of(e.saturating_sub(1).max(s));
            let hit = (first..=start_line.unwrap_or(first)).find(|l| self.targets.contains(l));
            if let Some(target) = hit {
                self.facts.covered.push((target, first, last));
            }
        }
    }

    /// Enter an item-like scope: lint levels and `#[cfg(test)]`.
    fn enter_attrs(&mut self, attrs: &'ast [Attribute]) -> (usize, bool) {
        let before = self.scope.allows.len();
        if !attrs.is_empty() {
            self.scope.allows.extend(attrs::allowed_lints(attrs));
        }
        let test = !attrs.is_empty() && attrs::is_cfg_test(attrs);
        if test {
            self.scope.test_depth += 1;
        }
        (before, test)
    }

    /// [`Self::enter_attrs`] for an item: a module for tests under a cfg
    /// other builds share (`attrs::is_test_support_mod`) is test code too.
    fn enter_item_attrs(&mut self, item: &'ast Item, attrs: &'ast [Attribute]) -> (usize, bool) {
        let (before, test) = self.enter_attrs(attrs);
        if !test && matches!(item, Item::Mod(m) if attrs::is_test_support_mod(attrs, &m.ident.to_string())) {
            self.scope.test_depth += 1;
            return (before, true);
        }
        (before, test)
    }

    fn leave_attrs(&mut self, (before, test): (usize, bool)) {
        self.scope.allows.truncate(before);
        if test {
            self.scope.test_depth -= 1;
        }
    }

    fn walk_fn(&mut self, f: FnLike<'ast>) {
        let is_test = attrs::is_test_fn(f.attrs);
        if is_test {
            self.scope.test_depth += 1;
        }
        if self.pruned() || {
            let body = f.block.brace_token.span.join();
            self.in_test() && (self.file.left_out(body) || !self.test_code_needed(body, body))
        } {
            if is_test {
                self.scope.test_depth -= 1;
            }
            return;
        }
        if f.is_unsafe() {
            if self.scope.test_depth == 0 {
                match f.kind {
                    FnKind::Free => self.facts.unsafe_stats.functions += 1,
                    _ => self.facts.unsafe_stats.methods += 1,
                }
            }
            // The body of an `unsafe fn` is covered by its own safety
            // contract: its callers must uphold it.
            self.scope.unsafe_justified.push(true);
        }
        self.scope.fns.push(f);
        let list = &self.set.on_fn;
        if !list.is_empty() {
            self.dispatch(list, |r, cx| r.check_fn(cx, &f));
        }
        let in_test = self.in_test();
        if !self.set.taint_bits.is_empty() && (!in_test || self.set.taint_in_tests) {
            let cx = crate::taint::FileTaint {
                file: self.file,
                models: &self.set.models,
                workspace: &self.set.workspace_crates,
                enabled: self.set.taint_bits,
                sem: self.sem,
            };
            let (hits, summary) = crate::taint::analyze_fn(&cx, &f, in_test, &self.inline_mods);
            self.facts.taint_hits.extend(hits);
            self.facts.summaries.extend(summary);
        }
        for input in &f.sig.inputs {
            self.visit_fn_arg(input);
        }
        self.visit_block(f.block);
        self.scope.fns.pop();
        if f.is_unsafe() {
            self.scope.unsafe_justified.pop();
        }
        if is_test {
            self.scope.test_depth -= 1;
        }
    }

    /// Walk the children of `e`, with `e` on the ancestor stack.
    fn descend(&mut self, e: &'ast Expr) {
        self.scope.ancestors.push(Ancestor::Expr(e));
        visit::visit_expr(self, e);
        self.scope.ancestors.pop();
    }

    fn count_macro_rules_unsafe(&mut self, mac: &Macro) {
        for u in macros::macro_rules_unsafe(&mac.tokens) {
            let stats = &mut self.facts.unsafe_stats;
            match u.kind {
                macros::UnsafeKind::Block => {
                    stats.blocks += 1;
                    if let Some(braces) = u.braces {
                        let comment = crate::rules::file::unsafe_block_comment(
                            self.file,
                            None,
                            u.unsafe_span,
                            braces.open(),
                            braces.close(),
                        );
                        stats.blocks_documented += u32::from(crate::syntax::comments::has_safety_marker(&comment));
                    }
                }
                macros::UnsafeKind::Fn => stats.functions += 1,
                macros::UnsafeKind::Method => stats.methods += 1,
                macros::UnsafeKind::Impl => stats.impls += 1,
                macros::UnsafeKind::Trait => stats.traits += 1,
                macros::UnsafeKind::ExternBlock => stats.extern_blocks += 1,
            }
        }
    }

    /// Walk parsed macro arguments with a walker over their (shorter) lifetime.
    fn walk_macro_exprs(&mut self, args: &[&Expr]) {
        self.in_macro(|sub| args.iter().for_each(|e| sub.visit_expr(e)));
    }

    fn walk_macro_items(&mut self, items: &[Item]) {
        self.in_macro(|sub| items.iter().for_each(|item| sub.visit_item(item)));
    }

    /// Run `walk` on a copy of this walker, one macro level deeper, whose
    /// syntax tree lives only as long as the parsed macro contents.
    fn in_macro<'m>(&mut self, walk: impl FnOnce(&mut Walker<'_, 'm>))
    where
        'ast: 'm,
    {
        let mut sub = Walker {
            file: self.file,
            set: self.set,
            active: self.active,
            test_active: self.test_active,
            scope: self.scope.clone(),
            out: std::mem::take(&mut self.out),
            facts: &mut *self.facts,
            targets: self.targets,
            inline_mods: self.inline_mods.clone(),
            prune_tests: self.prune_tests,
            // Items in macros are not in the file's semantic model.
            sem: None,
            in_trait: self.in_trait,
        };
        sub.scope.macro_depth += 1;
        walk(&mut sub);
        self.out = std::mem::take(&mut sub.out);
    }
}

/// The attributes of any item.
pub(crate) fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn impl_item_attrs(item: &ImplItem) -> &[Attribute] {
    match item {
        ImplItem::Const(i) => &i.attrs,
        ImplItem::Fn(i) => &i.attrs,
        ImplItem::Type(i) => &i.attrs,
        ImplItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

fn trait_item_attrs(item: &TraitItem) -> &[Attribute] {
    match item {
        TraitItem::Const(i) => &i.attrs,
        TraitItem::Fn(i) => &i.attrs,
        TraitItem::Type(i) => &i.attrs,
        TraitItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

impl<'ast> Visit<'ast> for Walker<'_, 'ast> {
    fn visit_file(&mut self, f: &'ast syn::File) {
        let lint_in = |level: &str| {
            let direct = attrs::lints_at(&f.attrs, &[level]).iter().any(|l| l == "unsafe_code");
            let cfg = attrs::cfg_attr_lints(&f.attrs, &[level]);
            let not_test = cfg.iter().any(|(l, nt)| l == "unsafe_code" && *nt);
            let other = cfg.iter().any(|(l, nt)| l == "unsafe_code" && !*nt);
            (direct || not_test, other)
        };
        let (forbid, forbid_cfg) = lint_in("forbid");
        let (deny, deny_cfg) = lint_in("deny");
        self.facts.forbids_unsafe = forbid;
        self.facts.denies_unsafe = deny;
        self.facts.unsafe_lint_conditional = forbid_cfg || deny_cfg;
        self.scope.root = Some(f);
        let scope = self.enter_attrs(&f.attrs);
        let list = &self.set.on_file;
        if !list.is_empty() {
            self.dispatch(list, |r, cx| r.check_file(cx, f));
        }
        for item in &f.items {
            self.visit_item(item);
        }
        self.leave_attrs(scope);
    }

    fn visit_attribute(&mut self, _a: &'ast Attribute) {
        // Attributes (including doc comments) are not code.
    }

    fn visit_item(&mut self, item: &'ast Item) {
        let attrs = item_attrs(item);
        self.cover(|| item.span(), attrs.first().map(|a| a.pound_token.span));
        let scope = self.enter_item_attrs(item, attrs);
        if self.pruned() {
            match item {
                Item::Mod(_) => {}
                Item::Macro(m) if m.mac.path.is_ident("include") => {}
                _ => {
                    self.leave_attrs(scope);
                    return;
                }
            }
        }
        let list = &self.set.on_item;
        if !list.is_empty() {
            self.dispatch(list, |r, cx| r.check_item(cx, item));
        }
        match item {
            Item::Impl(i) => {
                if i.unsafety.is_some() && self.scope.test_depth == 0 {
                    self.facts.unsafe_stats.impls += 1;
                }
                self.scope.impls.push(i);
                visit::visit_item_impl(self, i);
                self.scope.impls.pop();
            }
            Item::Trait(t) => {
                if t.unsafety.is_some() && self.scope.test_depth == 0 {
                    self.facts.unsafe_stats.traits += 1;
                }
                let outer = self.in_trait.replace(t);
                visit::visit_item_trait(self, t);
                self.in_trait = outer;
            }
            Item::ForeignMod(m) => {
                if self.scope.test_depth == 0 {
                    self.facts.unsafe_stats.extern_blocks += 1;
                }
                visit::visit_item_foreign_mod(self, m);
            }
            Item::Mod(m) => match &m.content {
                None => self.facts.child_mods.push(ChildMod {
                    name: m.ident.to_string(),
                    path_attr: attrs::path_attr(&m.attrs),
                    cfg_paths: attrs::cfg_attr_paths(&m.attrs),
                    is_test: self.scope.test_depth > 0,
                    inline_parents: self.inline_mods.clone(),
                }),
                Some((_, items)) => {
                    self.inline_mods.push(attrs::path_attr(&m.attrs).unwrap_or_else(|| m.ident.to_string()));
                    for i in items {
                        self.visit_item(i);
                    }
                    self.inline_mods.pop();
                }
            },
            Item::Fn(f) => self.walk_fn(FnLike {
                attrs: &f.attrs,
                vis: Some(&f.vis),
                sig: &f.sig,
                block: &f.block,
                kind: FnKind::Free,
            }),
            Item::Macro(m) => {
                self.visit_macro(&m.mac);
            }
            _ => visit::visit_item(self, item),
        }
        self.leave_attrs(scope);
    }

    fn visit_impl_item(&mut self, item: &'ast ImplItem) {
        let attrs = impl_item_attrs(item);
        self.cover(|| item.span(), attrs.first().map(|a| a.pound_token.span));
        let scope = self.enter_attrs(attrs);
        match item {
            ImplItem::Fn(f) => {
                let Some(&imp) = self.scope.impls.last() else {
                    self.leave_attrs(scope);
                    return;
                };
                self.walk_fn(FnLike {
                    attrs: &f.attrs,
                    vis: Some(&f.vis),
                    sig: &f.sig,
                    block: &f.block,
                    kind: FnKind::Method(imp),
                });
            }
            _ => visit::visit_impl_item(self, item),
        }
        self.leave_attrs(scope);
    }

    fn visit_trait_item(&mut self, item: &'ast TraitItem) {
        let attrs = trait_item_attrs(item);
        self.cover(|| item.span(), attrs.first().map(|a| a.pound_token.span));
        let scope = self.enter_attrs(attrs);
        match item {
            TraitItem::Fn(f) => match (&f.default, self.in_trait) {
                (Some(block), Some(tr)) => self.walk_fn(FnLike {
                    attrs: &f.attrs,
                    vis: None,
                    sig: &f.sig,
                    block,
                    kind: FnKind::TraitMethod(tr),
                }),
                (Some(_), None) => {}
                (None, _) => {
                    if matches!(f.sig.safety, syn::Safety::Unsafe(_)) && self.scope.test_depth == 0 {
                        self.facts.unsafe_stats.methods += 1;
                    }
                }
            },
            _ => visit::visit_trait_item(self, item),
        }
        self.leave_attrs(scope);
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        let start = match stmt {
            Stmt::Local(l) => Some(l.let_token.span),
            Stmt::Expr(e, _) => crate::syntax::exprs::expr_start(e),
            Stmt::Macro(m) => m.mac.path.segments.first().map(|s| s.ident.span()),
            Stmt::Item(_) => None,
        };
        let line = start.and_then(|s| self.file.span_line(s));
        if let (Some(first), false) = (line, self.targets.is_empty())
            && self.targets.contains(&first)
        {
            let last = self.file.span_lines(stmt.span()).map_or(first, |(_, l)| l);
            self.facts.covered.push((first, first, last));
        }
        if let Some(l) = line {
            self.scope.stmt_lines.push(l);
        }
        if let Stmt::Local(local) = stmt {
            let (before, test) = self.enter_attrs(&local.attrs);
            let list = &self.set.on_local;
            if !list.is_empty() {
                self.dispatch(list, |r, cx| r.check_local(cx, local));
            }
            self.scope.ancestors.push(Ancestor::Local(local));
            visit::visit_local(self, local);
            self.scope.ancestors.pop();
            self.leave_attrs((before, test));
        } else {
            visit::visit_stmt(self, stmt);
        }
        if line.is_some() {
            self.scope.stmt_lines.pop();
        }
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        let list = &self.set.on_expr;
        if !list.is_empty() {
            self.dispatch(list, |r, cx| r.check_expr(cx, e));
        }
        match e {
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                if !self.set.taint_bits.is_empty()
                    && matches!(name.as_str(), "route" | "to" | "route_service" | "nest_service" | "and_then" | "map")
                {
                    crate::rules::routes::collect(self.file, m, &mut self.facts.routes);
                }
                if let Some(list) = self.set.methods.get(name.as_str()) {
                    self.dispatch(list, |r, cx| r.check_method_call(cx, m));
                }
                let any = &self.set.any_method;
                if !any.is_empty() {
                    self.dispatch(any, |r, cx| r.check_method_call(cx, m));
                }
                self.descend(e);
            }
            Expr::Call(c) => {
                if let Expr::Path(p) = &*c.func
                    && let Some(last) = p.path.segments.last()
                {
                    let name = last.ident.to_string();
                    if let Some(list) = self.set.calls.get(name.as_str()) {
                        self.dispatch(list, |r, cx| r.check_call(cx, c, &p.path));
                    }
                    let any = &self.set.any_call;
                    if !any.is_empty() {
                        self.dispatch(any, |r, cx| r.check_call(cx, c, &p.path));
                    }
                }
                self.descend(e);
            }
            Expr::Unsafe(u) => {
                let documented = crate::syntax::comments::has_safety_marker(
                    &crate::rules::file::unsafe_context_comment(self.file, &self.scope, u),
                );
                if self.scope.test_depth == 0 {
                    self.facts.unsafe_stats.blocks += 1;
                    self.facts.unsafe_stats.blocks_documented += u32::from(documented);
                }
                let list = &self.set.on_unsafe_block;
                if !list.is_empty() {
                    self.dispatch(list, |r, cx| r.check_unsafe_block(cx, u));
                }
                self.scope.unsafe_justified.push(documented);
                self.descend(e);
                self.scope.unsafe_justified.pop();
            }
            Expr::Closure(_) => {
                self.scope.closure_depth += 1;
                self.descend(e);
                self.scope.closure_depth -= 1;
            }
            _ => self.descend(e),
        }
    }

    fn visit_lit(&mut self, lit: &'ast syn::Lit) {
        let list = &self.set.on_lit;
        if !list.is_empty() && matches!(lit, syn::Lit::Str(_) | syn::Lit::ByteStr(_) | syn::Lit::CStr(_)) {
            self.dispatch(list, |r, cx| r.check_lit(cx, lit));
        }
        visit::visit_lit(self, lit);
    }

    fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
        let list = &self.set.on_lit_str;
        if !list.is_empty() {
            self.dispatch(list, |r, cx| r.check_lit_str(cx, lit));
        }
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        let name = macros::macro_name(mac);
        if name == "macro_rules" {
            // Transcribers are token trees, not syntax: count the `unsafe`
            // they spell out, and let rules that asked for `macro_rules`
            // look at the tokens.
            if self.scope.test_depth == 0 {
                self.count_macro_rules_unsafe(mac);
            }
            if let Some(list) = self.set.macros.get("macro_rules") {
                self.dispatch(list, |r, cx| r.check_macro(cx, mac, None));
            }
            return;
        }
        if name == "include"
            && self.scope.test_depth == 0
            && let Ok(lit) = mac.parse_body::<syn::LitStr>()
        {
            self.facts.includes.push(lit.value());
        }
        if self.in_test() && !self.test_code_needed(mac.path.span(), mac.delimiter.span().join()) {
            return;
        }
        let interested = self.set.macros.get(name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let any = &self.set.any_macro;
        let opaque = macros::is_opaque(&name);
        let cached = if opaque { None } else { Some(macros::parse_args_cached(mac)) };
        let args: Vec<&Expr> = cached.iter().flat_map(|a| a.iter().map(|a| &a.expr)).collect();
        let parsed = (!opaque && !args.is_empty()).then_some(args.as_slice());
        // While rules look at an expression macro, the top of the ancestor
        // stack is its parent, as for every other node; its arguments,
        // walked below, see the macro itself as their parent.
        let own = match self.scope.ancestors.last() {
            Some(Ancestor::Expr(Expr::Macro(m))) if std::ptr::eq(&m.mac, mac) => self.scope.ancestors.pop(),
            _ => None,
        };
        if !interested.is_empty() {
            self.dispatch(interested, |r, cx| r.check_macro(cx, mac, parsed));
        }
        if !any.is_empty() {
            self.dispatch(any, |r, cx| r.check_macro(cx, mac, parsed));
        }
        if let Some(a) = own {
            self.scope.ancestors.push(a);
        }
        if opaque {
            return;
        }
        if !args.is_empty() {
            self.walk_macro_exprs(&args);
        } else {
            let items = macros::body_items(mac);
            if !items.is_empty() {
                self.walk_macro_items(&items);
            } else if !self.set.on_lit.is_empty() {
                // A body that is neither (`json!({ "k": "v" })`): its
                // string literals still reach the literal-level rules.
                let lits = macros::body_string_literals(mac.tokens.clone());
                if !lits.is_empty() {
                    self.in_macro(|sub| lits.iter().for_each(|l| sub.visit_lit(l)));
                }
            }
        }
    }
}

/// In test code, could a rule that runs there (`test_active`) report
/// something in this text (a function body, a macro call)? Rules under
/// the `lower` policy answer from the text (`Rule::may_report_in_test`);
/// the others, and the data flow when it runs in tests, always may. The
/// walker skips what none may, and the parse leaves such function bodies
/// out (`syntax::prune`).
pub(crate) fn test_code_needed(set: &RuleSet, test_active: &[bool], text: &str) -> bool {
    if set.taint_runs_in_tests() {
        return true;
    }
    let region = crate::secrets::policy::Region::new(text);
    test_active.iter().enumerate().any(|(i, &on)| {
        let settings = &set.settings[i];
        on && (settings.test_code != crate::rules::TestPolicy::Lower
            || set.rules[i].may_report_in_test(&region, settings))
    })
}
