//! Calls and method calls: sources, propagators, sanitizers and sinks
//! from the models; calls into the workspace recorded for the join.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, ExprCall, ExprMethodCall};

use super::state::as_number;
use super::{
    FnAnalysis, Hint, Label, Taint, is_common_method, looks_like_sql, looks_like_url, maps_through_closure, sanitize,
    shape_of_type, str_lit, strip_parens_refs_derefs, strip_ref_mut, types_match, union, var_of, with_shape,
};
use crate::syntax::paths::Resolved;
use crate::taint::model::{Evidence, SinkModel, SourceKind};
use crate::taint::{CallSite, Callee, Mask, Shape, Target, mask, rule_bit};

impl<'a> FnAnalysis<'a> {
    pub(super) fn eval_args(&mut self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Vec<Taint> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    /// A local closure called with tainted arguments: its body analysed
    /// with them in its parameters (sinks inside see them); what it returns.
    fn call_local_closure(&mut self, cl: &syn::ExprClosure, args: &[Taint]) -> Taint {
        let saved = self.env.clone();
        let d = self.diverged;
        let r = std::mem::take(&mut self.returns);
        for (pat, a) in cl.inputs.iter().zip(args) {
            self.bind_pat(pat, a);
        }
        let mut t = self.eval(&cl.body);
        union(&mut t, &self.returns);
        self.env = saved;
        self.diverged = d;
        self.returns = r;
        t
    }

    pub(super) fn eval_call(&mut self, c: &ExprCall) -> Taint {
        let Expr::Path(p) = &*c.func else {
            // A call through an expression: closures, function pointers.
            self.eval(&c.func);
            let args = self.eval_args(&c.args);
            let mut t = Vec::new();
            for a in &args {
                union(&mut t, a);
            }
            return t;
        };
        let args = self.eval_args(&c.args);
        // A local closure or fn pointer: its value's taint (what the closure
        // returns from its captures) and its arguments'.
        if let Some(id) = p.path.get_ident()
            && let Some(t) = self.env.get(&id.to_string())
        {
            let mut t = t.clone();
            for a in &args {
                union(&mut t, a);
            }
            let name = id.to_string();
            if args.iter().any(|a| !a.is_empty())
                && let Some(cl) = self.closures.remove(&name)
            {
                // Out of the map while its body runs: a shadowed name inside
                // (`let run = |c| run(c)`) does not call it again.
                let r = self.call_local_closure(&cl, &args);
                union(&mut t, &r);
                self.closures.insert(name, cl);
            }
            return t;
        }
        let resolved = self.file.imports.resolve(&p.path);
        let last = resolved.last().to_string();
        let span = p.path.segments.last().map_or_else(|| c.func.span(), |s| s.ident.span());
        // A path the imports do not place in a modelled crate (a glob, a
        // prelude, a re-export): the semantic model's canonical path.
        let known_root = resolved.segs.first().is_some_and(|r| r == "std" || self.models.known_crates.contains(r));
        let path = match (known_root && resolved.segs.len() > 1).then_some(()) {
            Some(()) => resolved.to_path_string(),
            None => {
                let tainted = args.iter().any(|a| !a.is_empty());
                self.sem_extern(span, &last, tainted).unwrap_or_else(|| resolved.to_path_string())
            }
        };

        // `Args::parse()` (clap/structopt derive): command-line source.
        if c.args.is_empty()
            && resolved.segs.len() >= 2
            && matches!(last.as_str(), "parse" | "from_args" | "try_parse" | "parse_from" | "try_parse_from")
        {
            return self.source(
                SourceKind::CommandLine,
                format!("`{}::{last}()`", resolved.segs[resolved.segs.len() - 2]),
                span,
                Shape::Text,
            );
        }
        // Sinks.
        let models = self.models;
        if let Some(sinks) = models.fn_sinks.get(&path) {
            let hint = Hint::default();
            for s in sinks {
                if self.condition_holds(s, &hint, c.args.iter().collect()) {
                    self.check_sink(s, &args, None, span, c.args.iter().collect());
                }
            }
        } else if resolved.segs.len() == 1 {
            // `Html(body)`, `Redirect::to` via import: match by last segments.
            if let Some(sinks) = self.sinks_by_suffix(&resolved) {
                for s in sinks {
                    self.check_sink(s, &args, None, span, c.args.iter().collect());
                }
            }
        }
        if let Some(src) = models.fn_sources.get(&path) {
            let desc = match c.args.first().and_then(str_lit) {
                Some(lit) => format!("{} `{lit}`", src.label),
                None => src.label.clone(),
            };
            return self.source(src.kind, desc, span, src.shape);
        }
        let mut all = Vec::new();
        for a in &args {
            union(&mut all, a);
        }
        if let Some(rules) = self.models.fn_sanitizers.get(&path) {
            if self.models.fn_propagators.get(&path) == Some(&true) {
                all = with_shape(&all, Shape::Number);
            }
            return sanitize(&all, mask::of_ids(rules));
        }
        if self.models.fn_cleansers.contains(&path) {
            return Vec::new();
        }
        if let Some(&number) = self.models.fn_propagators.get(&path) {
            return if number { as_number(&all, &last) } else { all };
        }
        if self.models.decoder_fns.contains(&path) {
            // Decoded text carries what went in (see `lines`), and can
            // hold what its source's type refused (`valid_text`).
            return super::valid_text::unmark(&all);
        }
        // `Err(x)`: `x` only inside the error (`errors`).
        if last == "Err"
            && (resolved.segs.len() == 1 || resolved.segs.iter().rev().nth(1).is_some_and(|s| s == "Result"))
        {
            return super::errors::mark_err(&all);
        }
        // Tuple-struct and enum-variant constructors: `Some(x)`, `Wrapper(x)`.
        if last.chars().next().is_some_and(char::is_uppercase) {
            return all;
        }
        if resolved.segs.first().is_some_and(|r| r == "std") {
            return super::errors::in_ok(all);
        }
        if resolved.via_import
            && resolved
                .segs
                .first()
                .is_some_and(|r| !matches!(r.as_str(), "crate" | "self" | "super") && !self.workspace.contains(r))
        {
            // Another crate's function without a model: its result carries
            // its arguments' taint (in its success value).
            return super::errors::in_ok(all);
        }
        // A workspace function (or an unknown library one): resolved by the join.
        self.fill_through_helper(&last, &c.args, &args);
        self.stage_fields(0, c.args.iter());
        self.stage_sizes(c.args.iter());
        self.call_site(
            Callee::Path { segs: resolved.segs.clone(), via_import: resolved.via_import },
            span,
            &last,
            &args,
        )
    }

    /// Sinks matched by the last one or two segments when the path is not
    /// fully resolved (an item imported from a prelude or glob).
    pub(super) fn sinks_by_suffix(&self, r: &Resolved) -> Option<&'a [SinkModel]> {
        self.models.fn_sinks_by_last.get(r.last()).map(Vec::as_slice)
    }

    /// Record a call to be resolved by the join; its result is a label.
    pub(super) fn call_site(&mut self, callee: Callee, span: Span, name: &str, args: &[Taint]) -> Taint {
        let id = self.record_call(callee, span, name, args);
        self.new_label(Label::CallRet(id), span, format!("returned by `{name}`"), Shape::Text)
    }

    /// Record a call site and the flows into its arguments (receiver first
    /// for methods). Argument flows keep no path (see `flow_out`): the join
    /// rebuilds it from where the value entered the function and the call.
    pub(super) fn record_call(&mut self, callee: Callee, span: Span, name: &str, args: &[Taint]) -> u32 {
        let id = self.calls.len() as u32;
        self.calls.push(CallSite { callee, loc: None, name: name.to_string(), arity: args.len() as u16 });
        for (arg, ops) in std::mem::take(&mut self.pending_sizes) {
            if usize::from(arg) < args.len() {
                self.arg_sizes.push(crate::taint::ArgSize { call: id, arg, ops });
            }
        }
        self.call_spans.push(span);
        for (j, a) in args.iter().enumerate() {
            for f in a {
                self.flows.push((*f, Target::Arg { call: id, arg: j as u16 }));
            }
        }
        for (arg, fields) in std::mem::take(&mut self.pending_fields) {
            for (k, (_, t)) in fields.iter().enumerate() {
                for f in t {
                    self.flows.push((*f, Target::ArgField { call: id, arg, field: k as u16 }));
                }
            }
            let fields = fields.into_iter().map(|(n, _)| n).collect();
            self.arg_fields.push(crate::taint::ArgFields { call: id, arg, fields });
        }
        id
    }

    /// The fields of an argument, one by one, when they are known: a
    /// struct literal, or a local built from one (`let p = Opts { .. }`).
    pub(super) fn fields_of(&self, e: &Expr) -> Option<Vec<(String, Taint)>> {
        match strip_parens_refs_derefs(e) {
            Expr::Struct(x) => self.struct_fields.get(&(std::ptr::from_ref(x) as usize)).cloned(),
            Expr::Tuple(x) => self.struct_fields.get(&(std::ptr::from_ref(x) as usize)).cloned(),
            // `opt.map(|p| (p.path, p.flag))`: what the closure builds.
            Expr::MethodCall(m) => self.closure_literal_fields(m),
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                let fields: Vec<(String, Taint)> = (self.hints.get(&name)?.fields.as_ref()?.iter())
                    .map(|f| (f.clone(), self.env.get(&format!("{name}.{f}")).cloned().unwrap_or_default()))
                    .collect();
                // Taken whole by something else (`p.set(x)`): its fields no longer say it all.
                let whole = self.env.get(&name).map(Vec::as_slice).unwrap_or_default();
                let covered = whole.iter().all(|w| fields.iter().any(|(_, t)| t.iter().any(|f| f.label == w.label)));
                covered.then_some(fields)
            }
            _ => None,
        }
    }

    /// Remember the tracked fields of a call's arguments (the receiver
    /// first, at `offset` 0) for the call recorded next.
    pub(super) fn stage_fields<'e>(&mut self, offset: u16, args: impl Iterator<Item = &'e Expr>) {
        self.pending_fields.clear();
        for (j, a) in args.enumerate() {
            if let Some(fields) = self.fields_of(a) {
                self.pending_fields.push((offset + j as u16, fields));
            }
        }
    }

    /// Sources on methods (`stdin.read_line(&mut buf)`, `req.query_string()`).
    fn method_source(&mut self, m: &ExprMethodCall, name: &str, span: Span) -> Option<Taint> {
        let cands = self.models.method_sources.get(name)?;
        let mut rty = self.recv_hint(m);
        // `file.by_ref().take(n).read_to_string(..)`: the reader under the adapters.
        let mut inner = &m.receiver;
        while !cands.iter().any(|(types, _)| types_match(types, rty.as_deref()))
            && let Expr::MethodCall(a) = strip_parens_refs_derefs(inner)
            && matches!(a.method.to_string().as_str(), "take" | "by_ref")
        {
            rty = self.sem_recv(a.method.span());
            inner = &a.receiver;
        }
        if !cands.iter().any(|(types, _)| types_match(types, rty.as_deref()))
            && rty.as_ref().is_none_or(|t| t.last().is_some_and(|l| l == "BufReader" || l == "BufStream"))
            && let Some(stream) = self.sem_recv_buffered(m.method.span())
        {
            rty = Some(stream);
        }
        let (_, src) = cands.iter().find(|(types, _)| types_match(types, rty.as_deref()))?;
        let mut t = self.source(src.kind, src.label.clone(), span, src.shape);
        if !src.checked.is_empty() {
            let bits = src.checked.iter().filter_map(|r| rule_bit(r)).fold(Mask::EMPTY, |m, b| m.union(Mask::of(b)));
            t = sanitize(&t, bits);
        }
        // A sink on the same method of the same receiver type sees the
        // source as its receiver (`stream.read_to_end(&mut buf)`: a whole
        // read of a socket).
        // Not through an adaptor (`stream.take(limit).read_to_end(..)`).
        let plain = !matches!(strip_parens_refs_derefs(&m.receiver), Expr::MethodCall(_) | Expr::Call(_));
        if plain && let Some(sinks) = self.models.method_sinks.get(name) {
            let recv_pos = m.args.len();
            for (types, s) in sinks {
                if !types.is_empty() && types_match(types, rty.as_deref()) && s.args.contains(&usize::MAX) {
                    let mut with_recv = vec![Vec::new(); recv_pos];
                    with_recv.push(t.clone());
                    self.check_sink(s, &with_recv, Some(recv_pos), span, vec![&*m.receiver]);
                }
            }
        }
        if src.taints_arg0 {
            if let Some(a) = m.args.first() {
                self.assign(strip_ref_mut(a), t, true);
            }
            return Some(Vec::new());
        }
        Some(t)
    }

    /// A receiver's type where a wrong guess costs little (sources by
    /// request type, name-matched sanitizers): the locals' hints first,
    /// the semantic model when they say nothing.
    fn recv_hint(&mut self, m: &ExprMethodCall) -> Option<Vec<String>> {
        match self.receiver_type(&m.receiver) {
            Some(t) => Some(canonical_segs(t)),
            None => self.sem_recv(m.method.span()),
        }
    }

    /// A method call's receiver type: the semantic model's, else what the
    /// locals' construction hints tell.
    pub(super) fn recv_type(&mut self, m: &ExprMethodCall) -> Option<Vec<String>> {
        self.sem_recv(m.method.span()).or_else(|| self.receiver_type(&m.receiver))
    }

    pub(super) fn receiver_type(&self, recv: &Expr) -> Option<Vec<String>> {
        match strip_parens_refs_derefs(recv) {
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let n = p.path.segments[0].ident.to_string();
                if n == "self" {
                    return self.self_type.clone().map(|t| vec![t]);
                }
                self.hints.get(&n).and_then(|h| h.ty.clone())
            }
            Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => {
                    if let Some(base) = var_of(&f.base)
                        && let Some(t) = self.hints.get(&format!("{base}.{n}")).and_then(|h| h.ty.clone())
                    {
                        return Some(t);
                    }
                    self.field_type(&f.base, &f.member).map(|ft| ft.path).filter(|p| !p.is_empty())
                }
                _ => None,
            },
            other => self.hint_of(other).ty,
        }
    }

    /// The declared type of `base.field` when `base`'s struct is defined in
    /// this file.
    pub(super) fn field_type(&self, base: &Expr, member: &syn::Member) -> Option<crate::rules::file::FieldType> {
        let syn::Member::Named(field) = member else { return None };
        let ty = self.receiver_type(base)?;
        let name = ty.last()?;
        self.file.fields.get(&(name.clone(), field.to_string())).cloned()
    }

    /// The call as a method of the crate's own type, when its receiver is
    /// one (for the join to resolve): a name-matched model of a std method
    /// may not be what the crate's method does.
    fn crate_method(
        &mut self,
        m: &ExprMethodCall,
        name: &str,
        rty: &Option<Option<Vec<String>>>,
        infer: bool,
    ) -> Option<Callee> {
        let t = match rty {
            Some(t) => t.clone(),
            None if infer => self.recv_hint(m),
            None => self.receiver_type(&m.receiver).or_else(|| self.sem_recv_if_inferred(m.method.span())),
        };
        let t = self.by_trait(&m.receiver, t).0;
        let t = t.filter(|t| is_crate_type(t))?;
        Some(Callee::Method { name: name.to_string(), recv_type: t.last().cloned(), on_self: false })
    }

    pub(super) fn eval_method(&mut self, m: &ExprMethodCall) -> Taint {
        let name = m.method.to_string();
        let span = m.method.span();
        let recv = self.eval(&m.receiver);

        let (args, closure_result) = self.method_args(m, &recv);
        self.check_char_cut_split(m, &recv);
        if let Some(t) = self.filtered(m, &recv) {
            return t;
        }

        // The receiver's type, worked out when first needed: nothing below
        // changes what it depends on (hints' types, `self`'s type).
        let mut rty: Option<Option<Vec<String>>> = None;
        let models = self.models;

        // The callee by its canonical path (`sqlx::Executor::execute`,
        // `reqwest::Response::text`): models' `functions` name it.
        let tainted = !recv.is_empty() || args.iter().any(|a| !a.is_empty()) || !closure_result.is_empty();
        let ext = self.sem_extern_method(span, &name, tainted);
        let path_sinks = ext.as_ref().is_some_and(|p| models.fn_sinks.contains_key(p));
        if let Some(p) = &ext
            && let Some(t) = self.method_by_path(m, p, span, &recv, &args)
        {
            return t;
        }

        if let Some(t) = self.method_source(m, &name, span) {
            return t;
        }

        let weak_site = if path_sinks { None } else { self.method_sinks(m, &name, span, &recv, &args, &mut rty) };

        // Command builders: remember `.arg("-c")` on a shell command.
        if (name == "arg" || name == "args")
            && m.args.iter().any(|a| self.shell_flag_arg(a))
            && let Some(v) = var_of(&m.receiver)
        {
            self.hints.entry(v).or_default().dash_c = true;
        }

        let has_closure = m.args.iter().any(|a| matches!(strip_parens_refs_derefs(a), Expr::Closure(_)));
        let mut all = if has_closure && maps_through_closure(&name) { Vec::new() } else { recv.clone() };
        for a in &args {
            union(&mut all, a);
        }
        union(&mut all, &closure_result);

        self.mutate_receiver(m, &name, &args);
        // The count read is no offset an attacker picks; but a text read
        // fails on bytes that are not UTF-8 (`read_to_string(..).unwrap()`).
        if self.fill_from_reader(m, &name, &recv) && !matches!(name.as_str(), "read_to_string" | "read_line") {
            return Vec::new();
        }

        // Sanitizers by method name. On the crate's own type the method may
        // be the crate's (`ExportFormat::extension` is not `Path::extension`)
        // or derived (an askama template's `render`): the call is left to
        // the join with the sanitised receiver, so a crate definition's
        // summary decides, and without one the sanitiser still applied.
        if let Some(rules) = self.models.method_sanitizers.get(&name) {
            // A sanitiser that yields a number (`find`): shaped first, so
            // the number keeps what the sanitiser says.
            // `Iterator::find(|x| ..)` is not `str::find`: it gives an item.
            if has_closure && matches!(name.as_str(), "find" | "rfind") {
                return all;
            }
            // (`Iterator::min()` without an argument gives an item.)
            let recv = match self.models.method_propagators.get(&name) {
                Some(true) if !m.args.is_empty() => with_shape(&recv, Shape::Number),
                _ => recv,
            };
            let clean = sanitize(&recv, mask::of_ids(rules));
            if !clean.is_empty()
                && !has_closure
                && let Some(callee) = self.crate_method(m, &name, &rty, true)
            {
                let mut with_self = vec![clean];
                with_self.extend(args);
                return self.call_site(callee, span, &name, &with_self);
            }
            return clean;
        }
        if self.models.method_cleansers.contains(&name) {
            return Vec::new();
        }
        if name == "parse" || name == "parse_str" {
            // `s.parse::<u64>()` yields a number; `parse()` keeps the
            // receiver's taint (the `let` type annotation narrows it).
            return match m.turbofish.as_ref().and_then(|t| t.args.first()) {
                Some(syn::GenericArgument::Type(ty)) => match shape_of_type(ty) {
                    Some(Shape::Number) => super::state::decoded(&recv),
                    Some(s) => with_shape(&recv, s),
                    None => Vec::new(),
                },
                _ => recv,
            };
        }
        if let Some(t) = self.path_built(weak_site, m, &name, (&all, &recv, &args), &mut rty) {
            return t;
        }
        if let Some(&number) = self.models.method_propagators.get(&name) {
            return self.propagated(m, &name, (recv, args, &all), number, &rty);
        }
        // `self.helper(x)`: a workspace method, resolved by the join.
        if matches!(strip_parens_refs_derefs(&m.receiver), Expr::Path(p) if p.path.is_ident("self")) {
            let mut with_self = vec![recv];
            with_self.extend(args);
            let callee = Callee::Method { name: name.clone(), recv_type: self.self_type.clone(), on_self: true };
            self.stage_sizes(std::iter::once(&*m.receiver).chain(m.args.iter()));
            return self.call_site(callee, span, &name, &with_self);
        }
        // Other methods: the result carries the receiver's and arguments'
        // taint (builders, wrappers, conversions), and calls into the
        // workspace are recorded so summaries can see what flows in.
        let (rty, pre_trait) = if all.is_empty() {
            (None, None)
        } else {
            let t = rty.unwrap_or_else(|| {
                self.receiver_type(&m.receiver).or_else(|| self.sem_recv_if_inferred(m.method.span()))
            });
            self.by_trait(&m.receiver, t)
        };
        let workspace_type = rty
            .as_ref()
            .and_then(|t| t.first())
            .is_some_and(|r| r == "crate" || !(r == "std" || self.models.known_crates.contains(r)));
        if (workspace_type || !is_common_method(&name)) && !all.is_empty() {
            let crate_type = pre_trait.is_none() && rty.as_deref().is_some_and(is_crate_type);
            let callee = Callee::Method {
                name: name.clone(),
                recv_type: rty.clone().and_then(|t| t.last().cloned()),
                on_self: false,
            };
            let mut with_self = vec![recv];
            with_self.extend(args);
            self.stage_fields(0, std::iter::once(&*m.receiver).chain(m.args.iter()));
            self.stage_sizes(std::iter::once(&*m.receiver).chain(m.args.iter()));
            if crate_type && !has_closure {
                // A method of the crate's own type (the semantic model says
                // so): its result is what its summary returns.
                return self.call_site(callee, span, &name, &with_self);
            }
            self.record_call(callee, span, &name, &with_self);
            if is_lookup(pre_trait.as_ref().map_or(rty.as_deref(), |t| t.as_deref()), &name, has_closure) {
                // The key is not the value: what a store returns for a key
                // carries what the store holds (the receiver's taint), not
                // the key's.
                return with_self.swap_remove(0);
            }
        }
        super::errors::in_ok(all)
    }

    /// A propagator by method name (`clone`, `read_u32`). On the crate's
    /// own type the method may be the crate's (`cache.get(key)` of a crate
    /// `Cache`): what flows in is recorded for the join, which follows it
    /// into the definition. A number decoder of the crate's own cursor
    /// (`c.read_u32()` over bytes it holds in a field) gives what its
    /// summary returns as well.
    fn propagated(
        &mut self,
        m: &ExprMethodCall,
        name: &str,
        (recv, args, all): (Taint, Vec<Taint>, &Taint),
        number: bool,
        rty: &Option<Option<Vec<String>>>,
    ) -> Taint {
        let modelled = if number { as_number(all, name) } else { all.clone() };
        if all.is_empty() {
            return modelled;
        }
        let Some(callee) = self.crate_method(m, name, rty, false) else { return modelled };
        let mut with_self = vec![recv];
        with_self.extend(args);
        let span = m.method.span();
        if !number {
            self.record_call(callee, span, name, &with_self);
            return modelled;
        }
        let mut t = self.call_site(callee, span, name, &with_self);
        union(&mut t, &modelled);
        t
    }

    /// `opt.filter(|n| is_local_path(n))`, `it.filter(|x| ok(x))`: what
    /// passes the filter passed the closure's condition (its guards, and
    /// the checks of the workspace predicates it calls).
    fn filtered(&mut self, m: &ExprMethodCall, recv: &Taint) -> Option<Taint> {
        if m.method != "filter" || m.args.len() != 1 || recv.is_empty() {
            return None;
        }
        let Expr::Closure(cl) = strip_parens_refs_derefs(&m.args[0]) else { return None };
        let [param] = &cl.inputs.iter().collect::<Vec<_>>()[..] else { return None };
        let var = super::pat_name(param)?;
        let cond = match &*cl.body {
            Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                syn::Stmt::Expr(e, None) => e,
                _ => return None,
            },
            e => e,
        };
        let guards: Vec<_> = self.guards_of(cond).into_iter().filter(|g| g.0 == var).collect();
        let checks: Vec<_> = self.call_checks(cond).into_iter().filter(|c| c.0 == var).collect();
        if guards.is_empty() && checks.is_empty() {
            return None;
        }
        let saved = self.env.clone();
        self.env.insert(&var, recv.clone());
        self.assume(&guards, &checks, true);
        let out = self.env.get(&var).cloned().unwrap_or_default();
        self.env = saved;
        Some(out)
    }

    /// The arguments' taint. Iterator adaptors and combinators with
    /// closures: the closure's parameters are bound to the receiver's taint
    /// and its body evaluated (its value is returned second).
    fn method_args(&mut self, m: &ExprMethodCall, recv: &Taint) -> (Vec<Taint>, Taint) {
        let mut closure_result = Vec::new();
        let mut args: Vec<Taint> = Vec::with_capacity(m.args.len());
        // A warp filter chain hands its closure the request's data.
        let warp = if m.args.iter().any(|a| matches!(strip_parens_refs_derefs(a), Expr::Closure(_))) {
            crate::rules::routes::warp_closure_params(self.file, m)
        } else {
            None
        };
        for a in &m.args {
            if let Expr::Closure(cl) = strip_parens_refs_derefs(a) {
                let saved = self.env.clone();
                let d = self.diverged;
                let r = self.returns.clone();
                let on_err = super::errors::error_closure(&m.method.to_string());
                let bound = if on_err { self.side(recv, super::errors::Side::Err) } else { recv.clone() };
                let single = cl.inputs.len() == 1;
                for (i, p) in cl.inputs.iter().enumerate() {
                    match warp.as_ref().map(|w| w.get(i) == Some(&true)) {
                        Some(true) => {
                            let t = self.warp_value(p);
                            self.bind_pat(p, &t);
                        }
                        // The server's values (a pool, an address).
                        Some(false) => self.bind_pat(p, &Vec::new()),
                        // `read(..).and_then(|(n, nr)| ..)`: each element
                        // of the value the closure gets (`tuples`).
                        None if single && !on_err && self.bind_closure_tuple(p, &m.receiver, &bound) => {}
                        None => self.bind_pat(p, &bound),
                    }
                }
                let t = self.eval(&cl.body);
                self.env = saved;
                self.diverged = d;
                self.returns = r;
                union(&mut closure_result, &t);
                args.push(Vec::new());
            } else {
                args.push(self.eval(a));
            }
        }
        (args, closure_result)
    }

    /// A warp closure's parameter that receives request data: a source of
    /// the shape its declared type gives (none for a `bool`).
    fn warp_value(&mut self, p: &syn::Pat) -> Taint {
        let shape = match p {
            syn::Pat::Type(pt) => shape_of_type(&pt.ty),
            _ => Some(Shape::Text),
        };
        let Some(shape) = shape else { return Vec::new() };
        let name = super::pat_name(p).unwrap_or_default();
        let desc = format!("warp filter value `{name}`");
        self.source(SourceKind::Remote, desc, p.span(), shape)
    }

    /// The method's sink models that apply to this call (receiver type,
    /// conditions, evidence), checked; the site of a weak sink reached.
    fn method_sinks(
        &mut self,
        m: &ExprMethodCall,
        name: &str,
        span: Span,
        recv: &Taint,
        args: &[Taint],
        rty: &mut Option<Option<Vec<String>>>,
    ) -> Option<u32> {
        let mut weak_site = None;
        if recv.is_empty() && args.iter().all(Vec::is_empty) {
            // Nothing tainted reaches it: no type work.
            return None;
        }
        if let Some(cands) = self.models.method_sinks.get(name) {
            let rty: &Option<Vec<String>> = rty.get_or_insert_with(|| self.recv_type(m));
            // A type of the crate whose `impl` in this file defines the
            // method (`h.resize(high)` of `impl Histogram { fn resize .. }`):
            // the call is that method, the join follows it in.
            if rty.as_deref().is_some_and(|t| {
                is_crate_type(t) && t.last().is_some_and(|ty| self.file_fns.is_some_and(|f| f.defines_method(ty, name)))
            }) {
                return None;
            }
            let mut hint = self.hint_of(&m.receiver);
            // `.args(["-c", line])`: the flag and the line in one call.
            if (name == "arg" || name == "args") && m.args.iter().any(|a| self.shell_flag_arg(a)) {
                hint.dash_c = true;
            }
            for (types, s) in cands {
                let known = rty.as_deref().is_some_and(|t| types.is_empty() || types_match(types, Some(t)));
                // A library type that is not a match rules the sink out; a
                // workspace type (or none) needs evidence.
                let library_type = rty
                    .as_ref()
                    .and_then(|t| t.first())
                    .is_some_and(|r| r == "std" || self.models.known_crates.contains(r));
                let evidence = if known {
                    Evidence::Always
                } else if !library_type {
                    s.unknown_receiver
                } else {
                    Evidence::Never
                };
                let cond_args =
                    if s.when.as_deref() == Some("fallible") { vec![&*m.receiver] } else { m.args.iter().collect() };
                if !self.condition_holds(s, &hint, cond_args) {
                    continue;
                }
                match evidence {
                    Evidence::Never => continue,
                    Evidence::Always => {}
                    Evidence::SqlText | Evidence::UrlText => {
                        // Require the argument to look like SQL / a URL.
                        let text = m.args.iter().map(|a| self.arg_text(a)).collect::<Vec<_>>().join(" ");
                        let ok =
                            if evidence == Evidence::SqlText { looks_like_sql(&text) } else { looks_like_url(&text) };
                        if !ok {
                            continue;
                        }
                    }
                }
                // Program arguments: only those that may be read as options.
                let operands;
                let args = if s.when.as_deref() == Some("option-argument") {
                    match self.option_operands(m, args) {
                        Some(a) => {
                            operands = a;
                            operands.as_slice()
                        }
                        None => continue,
                    }
                } else {
                    args
                };
                let mut with_recv = args.to_vec();
                with_recv.push(recv.clone());
                // An `unwrap` names what it unwraps (`SinkSite::converts_length`).
                let mut exprs: Vec<&Expr> = m.args.iter().collect();
                if s.when.as_deref() == Some("fallible") {
                    exprs.insert(0, &m.receiver);
                }
                if let Some(site) = self.check_sink(s, &with_recv, Some(args.len()), span, exprs) {
                    weak_site = Some(site);
                }
            }
        }
        weak_site
    }
}

/// A type path as the semantic model spells it (`hyper::Request` is
/// `http::Request`).
fn canonical_segs(t: Vec<String>) -> Vec<String> {
    match crate::semantic::Models::get().canonicalize(&t.join("::")) {
        Some(c) => c.split("::").map(str::to_string).collect(),
        None => t,
    }
}

/// An unresolved method call whose receiver type is unknown or the
/// workspace's (a trait object, a field of another file's struct):
/// `state.store.get_info(&id)`. Its result is what the receiver holds,
/// looked up by the arguments — not the arguments. Names that everyday std
/// types or any modelled trait have (`get`, `join`, `replace`, `map`, …)
/// keep carrying their arguments: they may build the result from them.
fn is_lookup(rty: Option<&[String]>, name: &str, has_closure: bool) -> bool {
    let workspace_or_unknown =
        rty.is_none_or(|t| t.first().is_some_and(|r| r == "crate" || r == "self" || r == "super") || is_crate_type(t));
    let sem = crate::semantic::Models::get();
    !has_closure
        && workspace_or_unknown
        && !is_common_method(name)
        && !sem.is_common_inherent(name)
        && sem.traits_with_method(name).is_empty()
}

/// A type of the crate: `crate::…`, `self::…`, `super::…`, or a single name
/// no import brought (an item of the file).
pub(super) fn is_crate_type(t: &[String]) -> bool {
    match t {
        [one] => one.starts_with(char::is_uppercase) && crate::semantic::scope::prelude(one).is_none(),
        [first, ..] => matches!(first.as_str(), "crate" | "self" | "super"),
        [] => false,
    }
}
