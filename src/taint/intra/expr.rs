//! Expressions: how taint moves through operators, blocks, `if` and
//! `match`.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, Pat};

use super::{
    FnAnalysis, Label, MAX_DEPTH, Taint, is_number_lit, pat_is_literal, shape_of_type, union, var_of, with_shape,
};
use crate::taint::{Mask, Shape};

impl<'a> FnAnalysis<'a> {
    pub(super) fn eval(&mut self, e: &Expr) -> Taint {
        if self.depth > MAX_DEPTH {
            return Vec::new();
        }
        self.depth += 1;
        let t = self.eval_inner(e);
        self.depth -= 1;
        t
    }

    pub(super) fn eval_inner(&mut self, e: &Expr) -> Taint {
        match e {
            Expr::Lit(_) | Expr::Const(_) | Expr::Continue(_) => Vec::new(),
            Expr::Path(p) => {
                if p.qself.is_none() && p.path.segments.len() == 1 {
                    let name = p.path.segments[0].ident.to_string();
                    self.env.get(&name).cloned().unwrap_or_default()
                } else {
                    Vec::new()
                }
            }
            Expr::Paren(x) => self.eval(&x.expr),
            Expr::Group(x) => self.eval(&x.expr),
            Expr::Reference(x) => self.eval(&x.expr),
            Expr::RawAddr(x) => self.eval(&x.expr),
            Expr::Unary(x) => match x.op {
                syn::UnOp::Not(_) => {
                    self.eval(&x.expr);
                    Vec::new()
                }
                _ => self.eval(&x.expr),
            },
            Expr::Cast(x) => {
                let t = self.eval(&x.expr);
                match shape_of_type(&x.ty) {
                    Some(Shape::Number)
                        if is_byte_type(&x.ty) || self.byte_field(&x.expr) || self.int_bits(&x.expr) == Some(8) =>
                    {
                        super::sanitize(
                            &with_shape(&t, Shape::Number),
                            crate::taint::mask::guarded_by(crate::rules::taint::Guard::ByteSized),
                        )
                    }
                    // What an object read off the input gives, as a number
                    // (`file.size() as usize`), is decoded; an element of
                    // the input (`bytes[i] as usize`) is one of its units.
                    Some(Shape::Number) if read_off_object(&x.expr) && t.iter().any(|f| f.shape == Shape::Text) => {
                        super::state::decoded(&t)
                    }
                    Some(Shape::Number) => with_shape(&t, Shape::Number),
                    None => Vec::new(),
                    Some(Shape::Text) => t,
                }
            }
            Expr::Field(x) => self.eval_field(x),
            Expr::Index(x) => {
                let offset = self.eval(&x.index);
                let base = self.eval(&x.expr);
                self.check_index(x, &offset, &base);
                base
            }
            Expr::Try(x) => {
                let t = self.eval(&x.expr);
                self.filled_read_count(&x.expr);
                let v = self.try_value(&t);
                // `validate(&base, name)?`: below, `name` passed the
                // callee's checks (the join applies its `checks`).
                let checks = self.call_checks(strip_await(&x.expr));
                self.assume(&[], &checks, true);
                v
            }
            Expr::Await(x) => self.eval(&x.base),
            Expr::Tuple(x) => self.eval_tuple(x),
            Expr::Array(x) => self.union_all(x.elems.iter()),
            Expr::Repeat(x) => {
                let t = self.eval(&x.expr);
                self.eval(&x.len);
                t
            }
            Expr::Range(x) => {
                let mut t = Vec::new();
                if let Some(s) = &x.start {
                    union(&mut t, &self.eval(s));
                }
                if let Some(s) = &x.end {
                    union(&mut t, &self.eval(s));
                }
                t
            }
            Expr::Struct(x) => self.eval_struct(x),
            Expr::Binary(x) => self.eval_binary(x),
            Expr::Assign(x) => self.eval_assign(x),
            Expr::Block(x) => self.eval_block(&x.block),
            Expr::Unsafe(x) => self.eval_block(&x.block),
            Expr::Async(x) => self.eval_block(&x.block),
            Expr::TryBlock(x) => self.eval_block(&x.block),
            Expr::If(x) => self.eval_if(x),
            Expr::Match(x) => self.eval_match(x),
            Expr::ForLoop(_) | Expr::While(_) | Expr::Loop(_) => self.eval_loop(e),
            Expr::Return(_) | Expr::Break(_) | Expr::Closure(_) | Expr::Yield(_) => self.eval_jump(e),
            Expr::Let(x) => {
                let t = self.eval(&x.expr);
                if !self.bind_tuple(&x.pat, &x.expr, &t) {
                    self.bind_pat(&x.pat, &t);
                }
                Vec::new()
            }
            Expr::MethodCall(m) => self.eval_method_expr(m),
            Expr::Call(c) => {
                let t = self.eval_call(c);
                let t = self.lines_of_call(c, t);
                // `usize::from(b)` of a byte: at most 255.
                if !t.is_empty() && is_conversion(c) && self.call_bits(c) == Some(8) {
                    let bits = crate::taint::mask::guarded_by(crate::rules::taint::Guard::ByteSized);
                    return super::sanitize(&with_shape(&t, Shape::Number), bits);
                }
                t
            }
            Expr::Macro(m) => self.eval_macro(&m.mac),
            _ => Vec::new(),
        }
    }

    /// A struct literal: its fields' taint, each field remembered for a
    /// call it is passed to, and the own type's fields stored.
    fn eval_struct(&mut self, x: &syn::ExprStruct) -> Taint {
        self.probe_struct(x);
        let mut t = Vec::new();
        let mut fields = Vec::with_capacity(x.fields.len());
        let mut subs = Vec::new();
        for f in &x.fields {
            let ft = self.eval(&f.expr);
            union(&mut t, &ft);
            if let syn::Member::Named(n) = &f.member {
                // A field holding a tuple or a struct whose parts are
                // known: each part too, as `field.part`.
                for (sub, st) in self.fields_of(&f.expr).into_iter().flatten() {
                    if sub != super::stmt::REST {
                        subs.push((format!("{n}.{sub}"), st));
                    }
                }
                fields.push((n.to_string(), ft));
            }
        }
        // `Self { len, .. }` / `Conn { len, .. }` in the type's own impl.
        let own = x
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Self" || self.self_type.as_deref().is_some_and(|t| s.ident == t));
        if own {
            for (n, ft) in &fields {
                self.self_field_flow(n, ft);
            }
        }
        if let Some(r) = &x.rest {
            union(&mut t, &self.eval(r));
        } else if fields.len() == x.fields.len() {
            fields.extend(subs);
            self.struct_fields.insert(std::ptr::from_ref(x) as usize, fields);
        }
        t
    }

    /// An assignment: the place gets the right side's taint; `p =
    /// p.canonicalize()?` marks `p` normalised (or no longer) from here.
    fn eval_assign(&mut self, x: &syn::ExprAssign) -> Taint {
        self.probe_assign(&x.left, &x.right, std::ptr::from_ref(x) as usize);
        let t = self.eval(&x.right);
        // `p = p.canonicalize()?`: normalised (or no longer) from here.
        if let Some(name) = var_of(&x.left).filter(|n| !n.contains('.')) {
            let normalised = super::paths::is_normalising(&x.right);
            if normalised || self.hints.contains_key(&name) {
                self.hints.entry(name).or_default().normalised = normalised;
            }
        }
        // `out[i] = x`: the offset is a sink as in a read.
        if let Expr::Index(ix) = super::strip_parens_refs_derefs(&x.left) {
            let offset = self.eval(&ix.index);
            if !offset.is_empty() {
                let base = self.eval(&ix.expr);
                self.check_index(ix, &offset, &base);
            }
        }
        let size = self.size_after_assign(&x.left, &x.right);
        self.assign(&x.left, t, false);
        if let Some((name, bits)) = size
            && let Some(h) = self.hints.get_mut(&name)
        {
            h.size_bits = Some(bits);
        }
        Vec::new()
    }

    /// A method call with what its name says of the result (a byte read,
    /// single-line values, a path filter, an error side).
    fn eval_method_expr(&mut self, m: &syn::ExprMethodCall) -> Taint {
        let t = self.eval_method(m);
        let t = self.lines_of_method(m, t);
        let t = self.valid_text_of_method(m, t);
        let name = m.method.to_string();
        let t = match self.header_sanitized(m, &name) {
            Some(bits) if !t.is_empty() => super::sanitize(&t, bits),
            _ => t,
        };
        if matches!(name.as_str(), "read_u8" | "read_i8" | "get_u8" | "get_i8") && !t.is_empty() {
            // One byte: at most 255.
            let bits = crate::taint::mask::guarded_by(crate::rules::taint::Guard::ByteSized);
            return super::sanitize(&with_shape(&t, Shape::Number), bits);
        }
        if matches!(
            name.as_str(),
            "leading_zeros" | "trailing_zeros" | "leading_ones" | "trailing_ones" | "count_ones" | "count_zeros"
        ) && !t.is_empty()
        {
            // A count of bits: at most the width of the integer.
            let bits = crate::taint::mask::guarded_by(crate::rules::taint::Guard::UpperBound);
            return super::sanitize(&with_shape(&t, Shape::Number), bits);
        }
        if name == "filter" && m.args.first().is_some_and(super::paths::filter_keeps_normal) {
            return super::sanitize(&t, crate::taint::mask::guarded_by(crate::rules::taint::Guard::PathContainment));
        }
        match super::errors::method_side(&name) {
            Some(side) => self.side(&t, side),
            None => t,
        }
    }

    /// A header looked up by a name the models say is safe for some rules
    /// (`headers().get(header::REFERER)`, `.get("referer")`,
    /// `typed_get::<Referer>()`): the rules it is safe for.
    fn header_sanitized(&self, m: &syn::ExprMethodCall, name: &str) -> Option<crate::taint::Mask> {
        if self.models.header_sanitizers.is_empty() {
            return None;
        }
        let header = match name {
            "get" | "get_all" | "header" | "headers_all" | "get_header" => {
                match m.args.first().map(super::strip_parens_refs_derefs)? {
                    Expr::Path(p) => p.path.segments.last()?.ident.to_string().replace('_', "-"),
                    e => super::str_lit(e)?,
                }
            }
            "typed_get" | "typed_try_get" => {
                let turbofish = m.turbofish.as_ref()?;
                let Some(syn::GenericArgument::Type(syn::Type::Path(tp))) = turbofish.args.first() else { return None };
                tp.path.segments.last()?.ident.to_string()
            }
            _ => return None,
        };
        let rules = self.models.header_sanitizers.get(&header.to_ascii_lowercase())?;
        Some(crate::taint::mask::of_ids(rules))
    }

    /// Loops: the body twice (a value tainted in one iteration reaches the
    /// next), then merged with the state before the loop.
    fn eval_loop(&mut self, e: &Expr) -> Taint {
        match e {
            Expr::ForLoop(x) => {
                let it = self.eval(&x.expr);
                let before = self.env.clone();
                let d = self.diverged;
                self.bind_pat(&x.pat, &it);
                for _ in 0..2 {
                    self.eval_block(&x.body);
                    self.diverged = d;
                }
                self.merge_from(before);
                self.loop_address_check(x);
                self.loop_read_count(x);
                Vec::new()
            }
            Expr::While(x) => {
                let before = self.env.clone();
                let d = self.diverged;
                for _ in 0..2 {
                    self.eval(&x.cond);
                    self.eval_block(&x.body);
                    self.diverged = d;
                }
                self.merge_from(before);
                Vec::new()
            }
            Expr::Loop(x) => {
                let before = self.env.clone();
                let d = self.diverged;
                for _ in 0..2 {
                    self.eval_block(&x.body);
                    self.diverged = d;
                }
                self.merge_from(before);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// `return`, `break`, `yield` and closures stored for later.
    fn eval_jump(&mut self, e: &Expr) -> Taint {
        match e {
            Expr::Return(x) => {
                if let Some(v) = &x.expr {
                    let t = self.eval(v);
                    self.note_return(v, &t);
                    self.note_ret_bits(v);
                    union(&mut self.returns, &t);
                }
                self.diverged = true;
                Vec::new()
            }
            Expr::Break(x) => {
                if let Some(v) = &x.expr {
                    self.eval(v);
                }
                self.diverged = true;
                Vec::new()
            }
            Expr::Closure(c) => {
                // A closure stored for later: analyse its body with its
                // parameters untainted, for sinks on captured values.
                // Its value carries what its body returns from captured
                // values (`let param = |k| req.query_string()…`; calling it
                // gives that, see `eval_call`).
                self.wait_for_sends(c);
                let saved = self.env.clone();
                let d = self.diverged;
                let r = std::mem::take(&mut self.returns);
                let mut t = self.eval(&c.body);
                union(&mut t, &self.returns);
                let sent = self.channel_taint();
                self.env = saved;
                self.diverged = d;
                self.returns = r;
                for (end, taint) in sent {
                    union(self.env.slot(&end), &taint);
                }
                t
            }
            Expr::Yield(x) => {
                if let Some(v) = &x.expr {
                    self.eval(v);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// A field: a tracked `local.field`, else the base narrowed by the
    /// field's declared type.
    fn eval_field(&mut self, x: &syn::ExprField) -> Taint {
        self.read_field(&x.base, &x.member, x.span())
    }

    /// `base.member` read (an expression, or a field of a destructuring
    /// pattern: `let Opts { a, .. } = opts`).
    pub(super) fn read_field(&mut self, base: &Expr, member: &syn::Member, span: Span) -> Taint {
        if let Expr::Path(p) = base
            && p.path.segments.len() == 1
        {
            // A named field, or a tuple's element (`t.0`).
            let n = match member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            let name = p.path.segments[0].ident.to_string();
            let key = format!("{name}.{n}");
            if let Some(t) = self.env.get(&key) {
                return t.clone();
            }
            // Fields assigned one by one: any other is what the rest holds.
            let rest = self.rest_of(&name).cloned();
            let whole = rest.clone().or_else(|| self.env.get(&name).cloned());
            if let Some(t) = self.param_field(&name, whole.as_deref(), &key, base, member, span) {
                return t;
            }
            if let Some(t) = &whole
                && let Some(t) = self.call_field(t, &name, &n, span)
            {
                return t;
            }
            if let Some(t) = rest {
                return self.narrow_field(base, member, t);
            }
        }
        let t = self.eval(base);
        self.narrow_field(base, member, t)
    }

    /// The field's declared type narrows the shape.
    fn narrow_field(&self, base: &Expr, member: &syn::Member, t: Taint) -> Taint {
        match self.field_type(base, member) {
            Some(ft) if ft.inert => Vec::new(),
            Some(ft) if ft.numeric => with_shape(&t, Shape::Number),
            _ => t,
        }
    }

    /// `v.field` where `v` holds only what one call returned: a label of
    /// its own, resolved by the join from the callee's returned struct
    /// literals (`FnBody::ret_fields`) when it has them.
    pub(super) fn call_field(&mut self, t: &Taint, name: &str, leaf: &str, span: Span) -> Option<Taint> {
        let first = t.first()?;
        // A field of a field (`v.pair.0`, a tuple element of a returned
        // field) is named by its path: `pair.0`.
        let (call, field) = match self.labels.get(first.label as usize)? {
            Label::CallRet(c) | Label::CallOk(c) => (*c, leaf.to_string()),
            Label::CallRetField { call, field: outer } => (*call, format!("{outer}.{leaf}")),
            _ => return None,
        };
        if t.iter().any(|f| f.label != first.label) {
            return None;
        }
        let (shape, sanitized) = (first.shape, first.sanitized);
        let key = format!("#{call}.{field}");
        let t = match self.field_labels.get(&key) {
            Some(t) => t.clone(),
            None => {
                let label = Label::CallRetField { call, field: field.to_string() };
                let shown = if name == "_" { field.clone() } else { format!("{name}.{leaf}") };
                let t = self.new_label(label, span, format!("field `{shown}`"), shape);
                self.field_labels.insert(key, t.clone());
                t
            }
        };
        Some(super::sanitize(&t, sanitized))
    }

    /// `param.field` while the parameter still holds what it came in
    /// with: a label of its own, so that the join can resolve it from what
    /// callers put in that field (narrowed by the field's declared type).
    fn param_field(
        &mut self,
        name: &str,
        whole: Option<&[super::Fact]>,
        key: &str,
        base: &Expr,
        member: &syn::Member,
        span: Span,
    ) -> Option<Taint> {
        let &(param, fact) = self.param_facts.get(name)?;
        if whole != Some(&[fact][..]) {
            return None;
        }
        let t = match self.field_labels.get(key) {
            Some(t) => t.clone(),
            None => {
                let n = match member {
                    syn::Member::Named(n) => n.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                let label = Label::ParamField { param, field: n };
                let t = self.new_label(label, span, format!("field `{key}`"), fact.shape);
                self.field_labels.insert(key.to_string(), t.clone());
                t
            }
        };
        Some(self.narrow_field(base, member, t))
    }

    pub(super) fn union_all<'e>(&mut self, it: impl Iterator<Item = &'e Expr>) -> Taint {
        let mut t = Vec::new();
        for e in it {
            let x = self.eval(e);
            union(&mut t, &x);
        }
        t
    }

    pub(super) fn eval_binary(&mut self, x: &syn::ExprBinary) -> Taint {
        use syn::BinOp::*;
        let l = self.eval(&x.left);
        let r = self.eval(&x.right);
        match x.op {
            Add(_) => {
                let mut t = l;
                union(&mut t, &r);
                // `"/image/".to_string() + id`: a fixed start picks the target.
                if leading_text(&x.left).is_some_and(|s| super::macro_calls::fixed_start(&s)) {
                    t = super::sanitize(&t, crate::taint::mask::guarded_by(crate::rules::taint::Guard::LocalPath));
                }
                // `n + 1` is arithmetic; `s + "x"` is concatenation.
                if is_number_lit(&x.left) || is_number_lit(&x.right) { with_shape(&t, Shape::Number) } else { t }
            }
            // `hi << 8 | lo`: a number assembled from the input's units.
            // A bounded unit shifted up is no longer bounded (`(b & 0x7f) << shift`).
            Shl(_) | BitOr(_) => {
                let mut t = l;
                union(&mut t, &r);
                let mut t = super::state::decoded(&t);
                if matches!(x.op, Shl(_)) {
                    use crate::rules::taint::Guard::{ByteSized, UpperBound};
                    let bounds =
                        crate::taint::mask::guarded_by(UpperBound).union(crate::taint::mask::guarded_by(ByteSized));
                    t.iter_mut().for_each(|f| f.sanitized = f.sanitized.without(bounds));
                }
                t
            }
            // `h & MASK`, `i % LEN`: at most the constant.
            BitAnd(_) | Rem(_) if is_constant(&x.right) || (matches!(x.op, BitAnd(_)) && is_constant(&x.left)) => {
                let mut t = l;
                union(&mut t, &r);
                let bits = crate::taint::mask::guarded_by(crate::rules::taint::Guard::UpperBound);
                super::sanitize(&with_shape(&t, Shape::Number), bits)
            }
            // `(w >> 24) as usize` of a `u32`: at most 255.
            Shr(_) if self.shifted_to_a_byte(&x.left, &x.right) => {
                let mut t = l;
                union(&mut t, &r);
                let bits = crate::taint::mask::guarded_by(crate::rules::taint::Guard::ByteSized);
                super::sanitize(&with_shape(&t, Shape::Number), bits)
            }
            Sub(_) | Mul(_) | Div(_) | Rem(_) | BitAnd(_) | BitXor(_) | Shr(_) => {
                if matches!(x.op, Sub(_))
                    && let Some(t) = self.compared_difference(x, &l, &r)
                {
                    return t;
                }
                let mut t = l;
                union(&mut t, &r);
                with_shape(&t, Shape::Number)
            }
            AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_) | BitOrAssign(_)
            | BitAndAssign(_) | BitXorAssign(_) | ShlAssign(_) | ShrAssign(_) => {
                let mut t = l;
                union(&mut t, &r);
                self.assign(&x.left, t, true);
                Vec::new()
            }
            _ => Vec::new(), // comparisons and logic yield booleans
        }
    }

    pub(super) fn eval_if(&mut self, x: &syn::ExprIf) -> Taint {
        let cond = self.eval(&x.cond);
        let guards = self.guards_of(&x.cond);
        let checks = self.call_checks(&x.cond);
        let start = self.env.clone();
        let hits = self.hits.len();
        let (then_t, then_env) = self.branch(&start, |s| {
            s.assume(&guards, &checks, true);
            s.eval_block(&x.then_branch)
        });
        let then_hits = self.hits.len();
        let (else_t, else_env) = self.branch(&start, |s| {
            s.assume(&guards, &checks, false);
            match &x.else_branch {
                Some((_, e)) => s.eval(e),
                None => Vec::new(),
            }
        });
        // A configured opt-out beside a checking branch (`opt_out`).
        if x.else_branch.is_some() && self.configured(&start, &x.cond, &cond) {
            if let Some(env) = &then_env {
                self.drop_opt_out(&start, (else_env.as_ref(), env), then_hits, self.hits.len());
            }
            if let Some(env) = &else_env {
                self.drop_opt_out(&start, (then_env.as_ref(), env), hits, then_hits);
            }
        }
        self.join_envs(vec![then_env, else_env], start);
        let mut t = then_t;
        union(&mut t, &else_t);
        t
    }

    pub(super) fn eval_match(&mut self, x: &syn::ExprMatch) -> Taint {
        let scrut = self.eval(&x.expr);
        let scrut_var = var_of(&x.expr);
        let start = self.env.clone();
        let mut envs = Vec::new();
        let mut value = Vec::new();
        let mut arm_hits = Vec::with_capacity(x.arms.len());
        for arm in &x.arms {
            let hits = self.hits.len();
            let (pat, guard) = match &arm.pat {
                Pat::Guard(g) => (&*g.pat, Some(&*g.guard)),
                p => (p, None),
            };
            let literal_arm = pat_is_literal(pat);
            let (t, env) = self.branch(&start, |s| {
                if literal_arm {
                    // Matched against literals: an allow-list.
                    if let Some(v) = &scrut_var {
                        s.sanitize_var(v, Mask::ALL);
                    } else if let Some((v, bits)) = super::guard::host_scrutinee(&x.expr) {
                        s.sanitize_var(&v, bits);
                    }
                } else if !s.bind_tuple(pat, &x.expr, &scrut) {
                    s.bind_pat(pat, &scrut);
                }
                if let Some(g) = guard {
                    s.eval(g);
                    // `Some(t) if is_ok(t) => …`: the arm runs only when it held.
                    let (guards, checks) = (s.guards_of(g), s.call_checks(g));
                    s.assume(&guards, &checks, true);
                }
                s.eval(&arm.body)
            });
            union(&mut value, &t);
            envs.push(env);
            arm_hits.push((hits, self.hits.len()));
        }
        if x.arms.is_empty() {
            self.env = start;
            return Vec::new();
        }
        // A configured opt-out beside an arm that checks (`opt_out`): the
        // scrutinee and every arm's guard are the program's configuration.
        let guards_configured = x.arms.iter().all(|a| match &a.pat {
            Pat::Guard(g) => self.configured(&start, &g.guard, &[]),
            _ => true,
        });
        if x.arms.len() > 1 && guards_configured && self.configured(&start, &x.expr, &scrut) {
            // Last arm first: dropping hits moves only those after them.
            for (i, &(from, mut to)) in arm_hits.iter().enumerate().rev() {
                for (j, env) in envs.iter().enumerate() {
                    if let (true, Some(env)) = (i != j, env) {
                        let before = self.hits.len();
                        self.drop_opt_out(&start, (envs[i].as_ref(), env), from, to);
                        to -= before - self.hits.len();
                    }
                }
            }
        }
        self.join_envs(envs, start);
        value
    }
}

/// `f(x).await` → `f(x)`.
fn strip_await(e: &Expr) -> &Expr {
    match e {
        Expr::Await(a) => strip_await(&a.base),
        Expr::Paren(p) => strip_await(&p.expr),
        other => other,
    }
}

/// The literal a string expression starts with: `"/x/"`, `"/x/".to_string()`,
/// `String::from("/x/")`, and the left end of `a + b`.
fn leading_text(e: &Expr) -> Option<String> {
    match super::strip_parens_refs_derefs(e) {
        Expr::Lit(_) => super::lit_text(e),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => leading_text(&b.left),
        other => crate::syntax::exprs::converted(other).and_then(leading_text),
    }
}

/// `usize::from(x)`, `u32::from(x)`: a lossless integer conversion.
fn is_conversion(c: &syn::ExprCall) -> bool {
    let Expr::Path(p) = &*c.func else { return false };
    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    c.args.len() == 1
        && matches!(segs.iter().map(String::as_str).collect::<Vec<_>>()[..], [t, "from"] if matches!(t, "usize" | "u16" | "u32" | "u64" | "u128"))
}

/// `u8`, `i8`: a number of at most 255.
fn is_byte_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("u8") || p.path.is_ident("i8"))
}

/// `file.size()`, `entry.header().len()`: what an object gives by a method
/// of its own, not one of the input's units (`bytes[i]`, `*p`,
/// `it.next().unwrap()`, `b.get(i)`).
fn read_off_object(e: &Expr) -> bool {
    match super::strip_parens_refs_derefs(e) {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            !(name.starts_with("unwrap")
                || name.starts_with("get")
                || name.starts_with("next")
                || matches!(
                    name.as_str(),
                    "expect" | "first" | "last" | "nth" | "copied" | "cloned" | "pop" | "peek" | "len" | "count"
                ))
        }
        _ => false,
    }
}

/// A literal or a constant (`0xff`, `MASK`, `Self::LEN`).
fn is_constant(e: &Expr) -> bool {
    match super::strip_parens_refs_derefs(e) {
        Expr::Lit(_) => true,
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            n.len() > 1 && n.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }),
        Expr::Binary(b) => is_constant(&b.left) && is_constant(&b.right),
        _ => false,
    }
}
