//! Statements, `let` bindings and the environment of locals: branches
//! evaluated from one state and merged.

use syn::spanned::Spanned;
use syn::{Block, Expr, Pat, Stmt};

use super::{
    Env, FnAnalysis, Hint, Taint, arg_has_shell_flag, is_shell, pat_name, pat_names, pat_span, shape_of_type, str_lit,
    strip_parens_refs_derefs, type_path, union, with_shape,
};
use crate::taint::Shape;

/// The pseudo-field of a local whose fields are overlaid: every field not
/// assigned on its own (`FnBody::arg_fields` carries it too).
pub(super) const REST: &str = crate::taint::REST_FIELD;

impl<'a> FnAnalysis<'a> {
    pub(super) fn eval_block(&mut self, b: &Block) -> Taint {
        let mut last = Vec::new();
        for (i, stmt) in b.stmts.iter().enumerate() {
            if self.diverged {
                break;
            }
            let is_last = i + 1 == b.stmts.len();
            match stmt {
                Stmt::Local(l) => {
                    let mut t = match &l.init {
                        Some(init) => {
                            let t = self.eval(&init.expr);
                            if let Some((_, els)) = &init.diverge {
                                let saved = self.env.clone();
                                let d = self.diverged;
                                self.eval(els);
                                self.env = saved;
                                self.diverged = d;
                            }
                            t
                        }
                        None => Vec::new(),
                    };
                    // A new binding of the name: what its elements were is gone.
                    for n in pat_names(&l.pat) {
                        if let Some(h) = self.hints.get_mut(&n) {
                            h.elem_bits = None;
                        }
                    }
                    // `let x: u64 = …` narrows the shape.
                    if let Pat::Type(pt) = &l.pat {
                        self.elem_bits_hint(pt);
                        match shape_of_type(&pt.ty) {
                            None => t.clear(),
                            Some(Shape::Number) => t = with_shape(&t, Shape::Number),
                            Some(Shape::Text) => {}
                        }
                        if let Some(ty) = type_path(&pt.ty, self.file) {
                            for n in pat_names(&pt.pat) {
                                self.hints.entry(n).or_default().ty = Some(ty.clone());
                            }
                        }
                    }
                    if let Some(init) = &l.init {
                        self.hint_from_init(&l.pat, &init.expr);
                    }
                    if let Some(name) = pat_name(&l.pat)
                        && !t.is_empty()
                    {
                        t = self.step(&t, pat_span(&l.pat), &format!("assigned to `{name}`"));
                    }
                    match (struct_pat(&l.pat), l.init.as_ref().map(|i| strip_parens_refs_derefs(&i.expr))) {
                        (Some(ps), Some(base @ Expr::Path(p))) if p.qself.is_none() && p.path.segments.len() == 1 => {
                            self.bind_fields(ps, base)
                        }
                        (Some(ps), Some(_)) => self.bind_result_fields(ps, &t),
                        (None, Some(init)) if self.bind_tuple(&l.pat, init, &t) => {}
                        _ => self.bind_pat(&l.pat, &t),
                    }
                    if let Some(name) = pat_name(&l.pat) {
                        match l.init.as_ref().map(|i| strip_parens_refs_derefs(&i.expr)) {
                            Some(Expr::Closure(c)) if !c.inputs.is_empty() => {
                                self.closures.insert(name.clone(), std::rc::Rc::new(c.clone()));
                            }
                            _ => {
                                self.closures.remove(&name);
                            }
                        }
                        let fields = l.init.as_ref().and_then(|i| self.fields_of(&i.expr));
                        self.track_fields(&name, fields);
                        self.alias_param(&name, l.init.as_ref().map(|i| &*i.expr));
                    }
                    last = Vec::new();
                }
                Stmt::Expr(e, semi) => {
                    let t = self.eval(e);
                    self.note_argv(e);
                    last = if semi.is_none() && is_last { t } else { Vec::new() };
                }
                Stmt::Macro(m) => {
                    let t = self.eval_macro(&m.mac);
                    last = if m.semi_token.is_none() && is_last { t } else { Vec::new() };
                }
                Stmt::Item(_) => {}
            }
        }
        last
    }

    /// Remember what a `let` initialiser tells about the variable's type.
    pub(super) fn hint_from_init(&mut self, pat: &Pat, init: &Expr) {
        self.note_channel(pat, strip_parens_refs_derefs(init));
        let Some(name) = pat_name(pat) else { return };
        // A normalised path, a condition kept for later: set or reset on
        // every binding of the name.
        let normalised = super::paths::is_normalising(init);
        let cond = self.guards_of(init);
        let host_of = super::guard::host_source(init);
        let addrs_of = self.resolved_addrs_of(init);
        let shell_flags = arg_has_shell_flag(init);
        let list = super::argv::elements(init).map(std::rc::Rc::new);
        let int_bits = self.int_bits(init);
        // The size it holds: its declared width or its initialiser's bound.
        let declared = match pat {
            Pat::Type(pt) => super::tables::type_bits(&pt.ty).map(u32::from),
            _ => None,
        };
        let size_bits = super::size_bound::min_known(declared, self.value_bits(init));
        // Open to the crate (`taint::size`) or the callers (a parameter)
        // when the file cannot bound it small.
        let small = size_bits.is_some_and(|b| b <= super::size_bound::SMALL_SIZE_BITS);
        let size_open = if !small && self.bounds_sizes() {
            self.size_ops(init).filter(|ops| crate::taint::size::is_open(ops)).map(std::rc::Rc::from)
        } else {
            None
        };
        let held_len = super::size_bound::is_len_call(init);
        let filled_by = super::read_loop::zeroed_count(init);
        if size_bits.is_some()
            || size_open.is_some()
            || held_len
            || filled_by.is_some()
            || self.hints.contains_key(&name)
        {
            let h = self.hints.entry(name.clone()).or_default();
            h.size_bits = Some(size_bits);
            h.size_open = size_open;
            h.held_len = held_len;
            h.filled_by = filled_by;
        }
        if normalised
            || int_bits.is_some()
            || !cond.is_empty()
            || host_of.is_some()
            || addrs_of.is_some()
            || shell_flags
            || list.is_some()
            || self.hints.contains_key(&name)
        {
            let e = self.hints.entry(name.clone()).or_default();
            e.shell_flags = shell_flags;
            e.list = list;
            e.normalised = normalised;
            e.int_bits = int_bits;
            e.cond = cond;
            e.host_of = host_of;
            e.addrs_of = addrs_of;
        }
        let h = self.hint_of(init);
        if h.ty.is_some() || h.shell || h.html || h.argv.is_some() {
            let e = self.hints.entry(name).or_default();
            e.argv = h.argv;
            if h.ty.is_some() {
                e.ty = h.ty;
            }
            e.shell |= h.shell;
            e.dash_c |= h.dash_c;
            e.html |= h.html;
        }
    }

    /// An argument of `.arg`/`.args` that is or holds a shell's command
    /// flag: `"-c"`, `["-c", line]`, or a local bound to such a list.
    pub(super) fn shell_flag_arg(&self, a: &Expr) -> bool {
        arg_has_shell_flag(a) || super::var_of(a).and_then(|v| self.hints.get(&v)).is_some_and(|h| h.shell_flags)
    }

    /// What an expression's construction tells: `Command::new("sh")`,
    /// `reqwest::Client::new()`, `Client::builder()….build()`.
    pub(super) fn hint_of(&self, e: &Expr) -> Hint {
        match strip_parens_refs_derefs(e) {
            // `Paste { .. }`: the type itself.
            Expr::Struct(x) if x.qself.is_none() => {
                let ty = match x.path.get_ident() {
                    Some(i) if i == "Self" => self.self_type.clone().map(|t| vec![t]),
                    _ => Some(self.file.imports.resolve(&x.path).segs),
                };
                Hint { ty, ..Hint::default() }
            }
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return Hint::default() };
                let r = self.file.imports.resolve(&p.path);
                let mut h = Hint::default();
                if let Some(t) = self.models.returns.get(&r.to_path_string()) {
                    h.ty = Some(t.clone());
                } else if r.segs.len() >= 2 && r.segs[r.segs.len() - 2].chars().next().is_some_and(char::is_uppercase) {
                    // `Type::new(..)`, `Type::builder()`: the type itself.
                    h.ty = Some(r.segs[..r.segs.len() - 1].to_vec());
                }
                if r.ends_with("Command::new")
                    && let Some(arg) = c.args.first()
                    && let Some(prog) = str_lit(arg)
                {
                    h.shell = is_shell(&prog);
                    h.argv = super::argv::start(&prog);
                }
                h
            }
            Expr::MethodCall(m) => {
                let mut h = match strip_parens_refs_derefs(&m.receiver) {
                    Expr::Path(p) if p.path.segments.len() == 1 => {
                        self.hints.get(&p.path.segments[0].ident.to_string()).cloned().unwrap_or_default()
                    }
                    other => self.hint_of(other),
                };
                let name = m.method.to_string();
                if name == "arg" || name == "args" {
                    if m.args.iter().any(|a| self.shell_flag_arg(a)) {
                        h.dash_c = true;
                    }
                    if let Some(argv) = &mut h.argv {
                        self.apply_args(argv, m);
                    }
                } else if matches!(name.as_str(), "content_type" | "insert_header" | "append_header" | "header")
                    && m.args.iter().any(|a| self.file.snippet(a.span()).to_ascii_lowercase().contains("html"))
                {
                    h.html = true;
                } else if name == "build"
                    && let Some(ty) = &mut h.ty
                    && let Some(l) = ty.last_mut()
                    && l.ends_with("Builder")
                {
                    // `ClientBuilder::new()…build()` is a `Client`.
                    *l = l.trim_end_matches("Builder").to_string();
                }
                h
            }
            Expr::Path(p) if p.path.segments.len() == 1 => {
                self.hints.get(&p.path.segments[0].ident.to_string()).cloned().unwrap_or_default()
            }
            _ => Hint::default(),
        }
    }

    pub(super) fn bind_pat(&mut self, pat: &Pat, t: &Taint) {
        // `Ok(v)`, `Some(v)`, `Err(e)`: one side of the value (`errors`);
        // `Component::Normal(part)`: one plain name (`paths`).
        let mut t = match super::errors::pattern_side(pat) {
            Some(side) => self.side(t, side),
            None => t.clone(),
        };
        if let Some(bits) = self.normal_component_pattern(pat) {
            t = super::sanitize(&t, bits);
        }
        for name in pat_names(pat) {
            self.env.insert(&name, t.clone());
        }
    }

    /// `let Opts { a, b: renamed, .. } = opts;`: each binding gets what
    /// reading that field gives (`opts.a`), not the whole struct's taint.
    fn bind_fields(&mut self, ps: &syn::PatStruct, base: &Expr) {
        for fp in &ps.fields {
            let t = self.read_field(base, &fp.member, fp.member.span());
            self.bind_pat(&fp.pat, &t);
        }
    }

    /// `let Meta { path, .. } = meta_of(..)?;`: each binding is that field
    /// of what the call returned (see `call_field`).
    fn bind_result_fields(&mut self, ps: &syn::PatStruct, t: &Taint) {
        for fp in &ps.fields {
            let ft = match &fp.member {
                syn::Member::Named(n) => self.call_field(t, "_", &n.to_string(), n.span()),
                syn::Member::Unnamed(_) => None,
            };
            self.bind_pat(&fp.pat, &ft.unwrap_or_else(|| t.clone()));
        }
    }

    /// `let info = param.clone()` (or `&param`, `param.to_owned()`) while
    /// the parameter holds what it came in with: `info.id` is that field of
    /// the parameter (`param_field`), as `param.id` is.
    fn alias_param(&mut self, name: &str, init: Option<&Expr>) {
        let copied = init.and_then(|e| match strip_parens_refs_derefs(e) {
            Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
            Expr::MethodCall(m)
                if m.args.is_empty() && matches!(m.method.to_string().as_str(), "clone" | "to_owned") =>
            {
                match strip_parens_refs_derefs(&m.receiver) {
                    Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
                    _ => None,
                }
            }
            _ => None,
        });
        let alias = copied.and_then(|src| {
            let &(param, fact) = self.param_facts.get(&src)?;
            if self.env.get(&src).map(Vec::as_slice) != Some(&[fact][..]) {
                return None;
            }
            match self.env.get(name).map(Vec::as_slice) {
                Some(&[copy]) if copy.label == fact.label => Some((param, copy)),
                _ => None,
            }
        });
        match alias {
            Some(a) => {
                self.param_facts.insert(name.to_string(), a);
            }
            None => {
                self.param_facts.remove(name);
            }
        }
    }

    /// `x = v`, `x.f = v`, `x += v`.
    pub(super) fn assign(&mut self, lhs: &Expr, t: Taint, weak: bool) {
        match strip_parens_refs_derefs(lhs) {
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                if let Some(peer) = self.peer_of(&name) {
                    union(self.env.slot(&peer), &t);
                    self.rerun_channel_readers(&peer);
                }
                // Assigned (`n = m`, `n *= 4`): its size is no longer known.
                if let Some(h) = self.hints.get_mut(&name) {
                    h.size_bits = Some(None);
                    h.size_open = None;
                    h.held_len = false;
                }
                if weak {
                    let e = self.env.slot(&name);
                    union(e, &t);
                } else {
                    self.env.insert(&name, t);
                }
                self.track_fields(&name, None);
            }
            Expr::Field(f) => {
                if let Expr::Path(p) = &*f.base
                    && p.path.segments.len() == 1
                    && let syn::Member::Named(n) = &f.member
                {
                    let base = p.path.segments[0].ident.to_string();
                    if base == "self" {
                        self.self_field_flow(&n.to_string(), &t);
                    }
                    self.overlay_field(&base, &n.to_string());
                    let key = format!("{base}.{n}");
                    let e = self.env.slot(&key);
                    if weak {
                        union(e, &t);
                    } else {
                        *e = t.clone();
                    }
                    // The whole object now (may) carry it too.
                    let whole = self.env.slot(&base);
                    union(whole, &t);
                }
            }
            Expr::Index(ix) => {
                // `v[i] = x` taints the collection.
                self.assign(&ix.expr, t, true);
            }
            Expr::Unary(u) => self.assign(&u.expr, t, weak),
            // A write through a view of the value — a lock guard, a
            // `RefCell` borrow, a map entry: `state.lock().unwrap().push(x)`,
            // `cell.borrow_mut().push_str(x)`, `m.entry(k).or_default().push(x)`,
            // `shared.write().await.insert(k, x)` — changes the value itself.
            Expr::MethodCall(mc) if super::views::is_view_of_receiver(mc) => self.assign(&mc.receiver, t, true),
            Expr::Try(tr) => self.assign(&tr.expr, t, true),
            Expr::Await(a) => self.assign(&a.base, t, true),
            _ => {}
        }
    }

    /// A local (re)bound: its fields tracked one by one when it is built
    /// from a struct literal, else no longer.
    pub(super) fn track_fields(&mut self, name: &str, fields: Option<Vec<(String, Taint)>>) {
        let had = self.hints.get(name).is_some_and(|h| h.fields.is_some());
        if fields.is_none() && !had {
            return;
        }
        let prefix = format!("{name}.");
        self.env.retain(|k, _| !k.starts_with(&prefix));
        let names = fields.map(|fields| {
            let mut names = Vec::with_capacity(fields.len());
            for (f, t) in fields {
                self.env.insert(&format!("{name}.{f}"), t);
                names.push(f);
            }
            names
        });
        self.hints.entry(name.to_string()).or_default().fields = names;
    }

    /// `x.f = v` on a local whose fields are not tracked yet: from now on
    /// they are — `x.f` on its own, every other field as what `x` held
    /// before (`x..`, the rest) — so that `info.size = n` does not taint
    /// `info.path`.
    fn overlay_field(&mut self, base: &str, field: &str) {
        let rest_key = format!("{base}.{REST}");
        match self.hints.get(base).and_then(|h| h.fields.as_ref()) {
            Some(names) if names.iter().any(|x| x == field) => {}
            Some(names) => {
                let mut names = names.clone();
                names.push(field.to_string());
                // Until assigned, the new field is what the rest is.
                let rest = self.env.get(&rest_key).or_else(|| self.env.get(base)).cloned().unwrap_or_default();
                self.env.insert_absent(&format!("{base}.{field}"), rest);
                self.hints.entry(base.to_string()).or_default().fields = Some(names);
            }
            None => {
                let rest = self.env.get(base).cloned().unwrap_or_default();
                self.env.insert(&format!("{base}.{field}"), rest.clone());
                self.env.insert(&rest_key, rest);
                self.hints.entry(base.to_string()).or_default().fields =
                    Some(vec![REST.to_string(), field.to_string()]);
            }
        }
    }

    /// What reading an untracked field of `name` gives when its fields
    /// are overlaid (`overlay_field`) and nothing took the local whole
    /// since: what it held before the fields were assigned.
    pub(super) fn rest_of(&self, name: &str) -> Option<&Taint> {
        let names = self.hints.get(name)?.fields.as_ref()?;
        if !names.iter().any(|x| x == REST) {
            return None;
        }
        let rest = self.env.get(&format!("{name}.{REST}"))?;
        let whole = self.env.get(name).map(Vec::as_slice).unwrap_or_default();
        let tracked: Vec<&Taint> = names.iter().filter_map(|f| self.env.get(&format!("{name}.{f}"))).collect();
        let covered = whole.iter().all(|w| tracked.iter().any(|t| t.iter().any(|f| f.label == w.label)));
        covered.then_some(rest)
    }

    pub(super) fn merge_from(&mut self, mut other: Env) {
        // A field tracked on one side only is, on the other, what the
        // whole local holds there.
        let mine: Vec<std::rc::Rc<str>> =
            self.env.shared_keys().filter(|k| k.contains('.') && !other.contains_key(k)).cloned().collect();
        for k in mine {
            if let Some(w) = k.split('.').next().and_then(|b| other.get(b)).cloned() {
                other.insert(&k, w);
            }
        }
        let theirs: Vec<std::rc::Rc<str>> =
            other.shared_keys().filter(|k| k.contains('.') && !self.env.contains_key(k)).cloned().collect();
        for k in theirs {
            if let Some(w) = k.split('.').next().and_then(|b| self.env.get(b)).cloned() {
                self.env.insert(&k, w);
            }
        }
        for (k, v) in other.into_entries() {
            self.env.union_into(k, &v);
        }
    }

    /// Evaluate `body` in a copy of the current state, returning its value
    /// and its final state (None when it diverged).
    pub(super) fn branch(&mut self, start: &Env, f: impl FnOnce(&mut Self) -> Taint) -> (Taint, Option<Env>) {
        self.env = start.clone();
        let d = self.diverged;
        let t = f(self);
        let diverged = self.diverged;
        self.diverged = d;
        let env = std::mem::take(&mut self.env);
        (t, (!diverged).then_some(env))
    }

    pub(super) fn join_envs(&mut self, envs: Vec<Option<Env>>, start: Env) {
        let live: Vec<Env> = envs.into_iter().flatten().collect();
        if live.is_empty() {
            self.env = start;
            self.diverged = true;
            return;
        }
        let mut it = live.into_iter();
        self.env = it.next().unwrap_or_default();
        for e in it {
            self.merge_from(e);
        }
    }
}

/// A struct pattern (`let Opts { .. } = …`, through a type ascription).
fn struct_pat(pat: &Pat) -> Option<&syn::PatStruct> {
    match pat {
        Pat::Type(pt) => struct_pat(&pt.pat),
        Pat::Struct(ps) => Some(ps),
        _ => None,
    }
}
