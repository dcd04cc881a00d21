//! What a value is made of, from syntax alone: the origins of an
//! expression (string literals, environment variables, `OUT_DIR`, the home
//! directory, a network response, a toolchain helper, something unknown)
//! and, when the syntax fixes it, its constant value — decoding what was
//! hidden on the way (base64, hex, XOR with a constant, byte or char-code
//! arrays, reversed strings, strings split into pieces).
//!
//! The evaluation follows `let` bindings and assignments of the enclosing
//! function (flow-insensitively: every value a name is given counts),
//! constants and statics of the file, and calls of the file's own
//! functions with their arguments bound. It is bounded (depth and steps),
//! so hostile input cannot make it slow.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use syn::visit::Visit;
use syn::{Block, Expr, Item, Lit};

mod macro_values;

use super::bindings::{Callers, Index, XorKey, int_lit};
pub(super) use super::bindings::{FnDef, Locals};
pub(super) use super::origin::Origin;
use super::origin::{MAX_LITERALS, MAX_VALUE, decode, env_read, from_utf8, xor, xor_with};
use crate::syntax::paths::Imports;

/// Evaluation limits per question.
const MAX_DEPTH: u32 = 12;
const MAX_STEPS: u32 = 4_000;

/// The file-wide facts the evaluation needs.
pub(super) struct FileValues<'a, 'ast> {
    imports: &'a Imports,
    items: &'ast [Item],
    /// Constants and functions by name, indexed on first use.
    index: std::cell::OnceCell<Index<'ast>>,
    /// Built on first use (most files never need it).
    callers: std::cell::OnceCell<Callers<'ast>>,
    /// Names of items the file declares (a `mod windows` is not the `windows` crate).
    pub local_items: HashSet<String>,
    steps: Cell<u32>,
    /// The file's directory and its package's (for `include_str!`).
    file_dir: Option<std::path::PathBuf>,
    pkg_dir: Option<std::path::PathBuf>,
}

/// Functions whose result is their argument, as far as origins go.
const PASS_FNS: &[&str] =
    &["new", "from", "from_str", "Some", "Ok", "Err", "Box", "into", "to_owned", "to_string", "clone", "as_ref"];

/// Methods whose result is (made from) their receiver, keeping its value.
const KEEP_METHODS: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_default",
    "unwrap_unchecked",
    "clone",
    "to_owned",
    "to_string",
    "into",
    "as_ref",
    "as_str",
    "as_path",
    "as_os_str",
    "to_path_buf",
    "to_str",
    "to_string_lossy",
    "into_owned",
    "into_string",
    "into_os_string",
    "as_deref",
    "ok",
    "map_err",
    "borrow",
    "deref",
    "display",
    "iter",
    "into_iter",
    "iter_mut",
    "copied",
    "cloned",
    "collect",
    "to_vec",
    "as_bytes",
    "into_bytes",
    "as_slice",
    "trim",
    "context",
    "with_context",
];

/// Methods that join a path or string from parts.
const JOIN_METHODS: &[&str] =
    &["join", "push", "push_str", "with_file_name", "with_extension", "set_file_name", "extend"];

/// Calls that decode data (the last segment of the path or the method).
const DECODE_FNS: &[&str] = &[
    "decode",
    "decode_config",
    "decode_to_vec",
    "decode_vec",
    "decode_engine",
    "from_hex",
    "decode_hex",
    "hex_decode",
    "unhex",
    "from_base64",
    "base64_decode",
    "b64decode",
    "b64_decode",
];

impl<'a, 'ast> FileValues<'a, 'ast> {
    pub(super) fn new(items: &'ast [Item], imports: &'a Imports) -> Self {
        let mut local_items = HashSet::new();
        declared(items, &mut local_items);
        FileValues {
            imports,
            items,
            index: std::cell::OnceCell::new(),
            callers: std::cell::OnceCell::new(),
            local_items,
            steps: Cell::new(0),
            file_dir: None,
            pkg_dir: None,
        }
    }

    /// Where the file and its package are (`include_str!` reads inside the package only).
    pub(super) fn in_dirs(mut self, file_dir: &std::path::Path, pkg_dir: &std::path::Path) -> Self {
        self.file_dir = Some(file_dir.to_path_buf());
        self.pkg_dir = Some(pkg_dir.to_path_buf());
        self
    }

    fn index(&self) -> &Index<'ast> {
        self.index.get_or_init(|| Index::of(self.items))
    }

    fn callers(&self) -> &Callers<'ast> {
        self.callers.get_or_init(|| {
            let mut callers: Callers<'ast> = HashMap::new();
            let fns = &self.index().fns;
            let mut defs: Vec<FnDef<'ast>> = fns.values().copied().collect();
            defs.sort_by_key(|d| d.name.to_string());
            for def in defs {
                struct Calls<'ast>(Vec<(String, &'ast syn::punctuated::Punctuated<Expr, syn::Token![,]>)>);
                impl<'ast> Visit<'ast> for Calls<'ast> {
                    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                        if let Expr::Path(p) = crate::syntax::exprs::strip_parens_and_refs(&c.func)
                            && p.path.segments.len() <= 2
                            && let Some(last) = p.path.segments.last()
                            && self.0.len() < 256
                        {
                            self.0.push((last.ident.to_string(), &c.args));
                        }
                        syn::visit::visit_expr_call(self, c);
                    }
                    fn visit_item(&mut self, _: &'ast Item) {}
                }
                let mut calls = Calls(Vec::new());
                calls.visit_block(def.block);
                for (callee, args) in calls.0 {
                    if fns.contains_key(&callee) {
                        callers.entry(callee).or_default().push((args, def));
                    }
                }
            }
            callers
        })
    }

    /// The full path a written path stands for, if it can be known:
    /// through imports, as a crate path (a first segment the file does not
    /// declare), or through one of the file's glob imports.
    pub(super) fn resolve(&self, path: &syn::Path) -> Vec<Vec<String>> {
        let r = self.imports.resolve(path);
        if r.via_import || r.segs.is_empty() {
            return vec![r.segs];
        }
        let mut out = Vec::new();
        if !self.local_items.contains(&r.segs[0]) {
            out.push(r.segs.clone());
        }
        for g in self.imports.globs() {
            if g.first().is_some_and(|f| f == "crate" || f == "self" || f == "super") {
                continue;
            }
            let mut full = g.clone();
            full.extend(r.segs.iter().cloned());
            out.push(full);
        }
        out
    }

    /// Origins of an expression in a function with these locals.
    pub(super) fn origin(&self, e: &Expr, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.eval(e, locals, 0, &mut Vec::new())
    }

    /// [`Self::origin`] of a call.
    pub(super) fn origin_of_call(&self, c: &syn::ExprCall, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.call(c, locals, 1, &mut Vec::new())
    }

    /// [`Self::origin`] of a method call.
    pub(super) fn origin_of_method(&self, m: &syn::ExprMethodCall, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.method(m, locals, 1, &mut Vec::new())
    }

    /// [`Self::origin`] of a macro call (`format!`, `concat!`, …).
    pub(super) fn origin_of_macro(&self, m: &syn::Macro, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.mac(m, locals, 1, &mut Vec::new())
    }

    /// [`Self::origin`] of a binary expression (`a + b`).
    pub(super) fn origin_of_binary(&self, b: &syn::ExprBinary, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        let l = self.eval(&b.left, locals, 1, &mut Vec::new());
        let r = self.eval(&b.right, locals, 1, &mut Vec::new());
        if matches!(b.op, syn::BinOp::Add(_)) { l.concat(r) } else { l.union(r).derived() }
    }

    fn eval(&self, e: &Expr, locals: &Locals<'ast>, depth: u32, seen: &mut Vec<String>) -> Origin {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        if depth > MAX_DEPTH || steps > MAX_STEPS {
            return Origin::unknown();
        }
        let d = depth + 1;
        match e {
            Expr::Lit(l) => match &l.lit {
                Lit::Str(s) => Origin::literal(s.value()),
                Lit::ByteStr(b) => Origin { bytes: Some(b.value()), pieces: 1, ..Default::default() },
                Lit::CStr(c) => Origin::literal(c.value().to_string_lossy().into_owned()),
                Lit::Int(_) | Lit::Byte(_) | Lit::Char(_) => Origin { int: int_lit(e), ..Default::default() },
                _ => Origin::default(),
            },
            Expr::Array(a) => self.array(a.elems.iter(), locals, d, seen),
            Expr::Path(p) => self.path(&p.path, locals, d, seen),
            Expr::Call(c) => self.call(c, locals, d, seen),
            Expr::MethodCall(m) => self.method(m, locals, d, seen),
            Expr::Macro(m) => self.mac(&m.mac, locals, d, seen),
            Expr::Binary(b) => {
                let l = self.eval(&b.left, locals, d, seen);
                let r = self.eval(&b.right, locals, d, seen);
                match b.op {
                    syn::BinOp::Add(_) => l.concat(r),
                    syn::BinOp::BitXor(_) => match (l.int, r.int) {
                        (Some(a), Some(b)) => Origin { int: Some(a ^ b), ..Default::default() },
                        _ => l.union(r).derived(),
                    },
                    syn::BinOp::BitOr(_) => match (l.int, r.int) {
                        (Some(a), Some(b)) => Origin { int: Some(a | b), ..Default::default() },
                        _ => l.union(r).derived(),
                    },
                    _ => l.union(r).derived(),
                }
            }
            Expr::Reference(r) => self.eval(&r.expr, locals, d, seen),
            Expr::Paren(p) => self.eval(&p.expr, locals, d, seen),
            Expr::Group(g) => self.eval(&g.expr, locals, d, seen),
            Expr::Cast(c) => self.eval(&c.expr, locals, d, seen),
            Expr::Unary(u) => self.eval(&u.expr, locals, d, seen),
            Expr::Try(t) => self.eval(&t.expr, locals, d, seen),
            Expr::Await(a) => self.eval(&a.base, locals, d, seen),
            Expr::Index(i) => self.eval(&i.expr, locals, d, seen).derived(),
            Expr::Field(f) => {
                let mut o = self.eval(&f.base, locals, d, seen).derived();
                o.unknown = true;
                o
            }
            Expr::Block(b) => self.block_value(&b.block, locals, d, seen),
            Expr::Unsafe(u) => self.block_value(&u.block, locals, d, seen),
            Expr::If(i) => {
                let mut o = self.block_value(&i.then_branch, locals, d, seen);
                if let Some((_, els)) = &i.else_branch {
                    o = o.union(self.eval(els, locals, d, seen));
                }
                o
            }
            Expr::Match(m) => {
                let mut o: Option<Origin> = None;
                for arm in &m.arms {
                    let a = self.eval(&arm.body, locals, d, seen);
                    o = Some(match o {
                        Some(x) => x.union(a),
                        None => a,
                    });
                }
                o.unwrap_or_default()
            }
            Expr::Tuple(t) => {
                t.elems.iter().fold(Origin::default(), |acc, x| acc.union(self.eval(x, locals, d, seen))).derived()
            }
            Expr::Return(r) => r.expr.as_ref().map(|x| self.eval(x, locals, d, seen)).unwrap_or_default(),
            Expr::Struct(s) => s
                .fields
                .iter()
                .fold(Origin::default(), |acc, f| acc.union(self.eval(&f.expr, locals, d, seen)))
                .derived(),
            _ => Origin::unknown(),
        }
    }

    fn block_value(&self, b: &Block, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        match b.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => self.eval(e, locals, d, seen),
            _ => Origin::default(),
        }
    }

    fn array<'e>(
        &self,
        elems: impl Iterator<Item = &'e Expr>,
        locals: &Locals<'ast>,
        d: u32,
        seen: &mut Vec<String>,
    ) -> Origin {
        let mut ints = Vec::new();
        let mut all_ints = true;
        let mut acc = Origin::default();
        let mut strings: Vec<String> = Vec::new();
        let mut all_strings = true;
        for (n, x) in elems.enumerate() {
            if n >= MAX_VALUE {
                all_ints = false;
                all_strings = false;
                break;
            }
            let o = self.eval(x, locals, d, seen);
            match o.int {
                Some(i) if i <= 0xff => ints.push(i as u8),
                _ => all_ints = false,
            }
            match &o.value {
                Some(s) => strings.push(s.clone()),
                None => all_strings = false,
            }
            acc = acc.union(o);
        }
        let mut o = acc.derived();
        if all_ints && !ints.is_empty() {
            o.bytes = Some(ints);
        }
        if all_strings && !strings.is_empty() {
            // Kept as pieces: `[..].concat()` / `.join(sep)` assemble them.
            o.pieces = strings.len() as u32;
            o.literals = strings.iter().take(MAX_LITERALS).cloned().collect();
            o.value = Some(strings.join("\u{0}"));
        }
        o
    }

    fn path(&self, p: &syn::Path, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let Some(last) = p.segments.last().map(|s| s.ident.to_string()) else { return Origin::unknown() };
        if p.segments.len() == 1 {
            if let Some(o) = locals.params.get(&last) {
                return o.clone();
            }
            if let Some(inits) = locals.vars.get(&last) {
                if seen.contains(&last) {
                    return Origin::default();
                }
                seen.push(last.clone());
                let mut o: Option<Origin> = None;
                for init in inits {
                    let v = self.eval(init, locals, d, seen);
                    o = Some(match o {
                        Some(x) => x.union(v),
                        None => v,
                    });
                }
                seen.pop();
                let mut o = o.unwrap_or_default();
                match locals.xor.get(&last) {
                    Some(XorKey::Byte(k)) => o = xor(o, *k),
                    Some(XorKey::Repeating(e)) => {
                        let key = self.eval(e, locals, d, seen);
                        let bytes = key.bytes.clone().or_else(|| key.value.as_ref().map(|v| v.as_bytes().to_vec()));
                        o = xor_with(o, &bytes.unwrap_or_default());
                    }
                    None => {}
                }
                return o;
            }
            // A parameter: what the file's calls of the function pass.
            if let Some(owner) = locals.owner
                && let Some(i) = owner.param_index(&last)
            {
                let key = format!("param {}#{i}", owner.name);
                let sites = self.callers().get(&owner.name.to_string()).map(Vec::as_slice).unwrap_or_default();
                if seen.contains(&key) || sites.is_empty() {
                    return Origin::unknown();
                }
                seen.push(key);
                let mut o: Option<Origin> = None;
                for (args, caller) in sites.iter().take(16) {
                    let v = match args.iter().nth(i) {
                        Some(a) => self.eval(a, &Locals::of_def(*caller), d, seen),
                        None => Origin::unknown(),
                    };
                    o = Some(match o {
                        Some(x) => x.union(v),
                        None => v,
                    });
                }
                seen.pop();
                return o.unwrap_or_else(Origin::unknown);
            }
        }
        // A constant or static of this file (`A`, `Self::A`, `consts::A`).
        if let Some(init) = self.index().consts.get(&last) {
            let key = format!("const {last}");
            if seen.contains(&key) {
                return Origin::default();
            }
            seen.push(key);
            let inner = Locals::of_expr(init);
            let o = self.eval(init, &inner, d, seen);
            seen.pop();
            return o;
        }
        Origin::unknown()
    }

    fn call(&self, c: &syn::ExprCall, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let Expr::Path(fp) = crate::syntax::exprs::strip_parens_and_refs(&c.func) else {
            return Origin::unknown();
        };
        let args: Vec<Origin> = c.args.iter().map(|a| self.eval(a, locals, d, seen)).collect();
        let first = || args.first().cloned().unwrap_or_default();
        let full = self.resolve(&fp.path);
        let last = fp.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let is = |canon: &str| full.iter().any(|segs| segs.join("::") == canon);
        let starts = |prefix: &str| full.iter().any(|segs| segs.first().is_some_and(|f| f == prefix));
        if is("std::env::var") || is("std::env::var_os") {
            return env_read(first());
        }
        if last == "home_dir" || is("std::env::home_dir") {
            return Origin { home: true, ..Default::default() };
        }
        if is("std::env::temp_dir") {
            return Origin { temp: true, ..Default::default() };
        }
        if DECODE_FNS.contains(&last.as_str()) {
            let hint = full.iter().flatten().find(|s| s.contains("hex") || s.contains("base64") || s.contains("b64"));
            return decode(first(), hint.map(String::as_str).unwrap_or(&last));
        }
        if matches!(last.as_str(), "from_utf8" | "from_utf8_lossy" | "from_utf8_unchecked") {
            return from_utf8(first());
        }
        if matches!(last.as_str(), "from_u32" | "from_digit")
            && full.iter().any(|s| s.first().is_some_and(|f| f == "char"))
        {
            return first().derived();
        }
        let table = super::caps::table();
        for segs in &full {
            if let Some(api) = table.lookup(segs) {
                let mut o = args.iter().cloned().fold(Origin::default(), Origin::union).derived();
                match api.cap {
                    super::caps::Cap::Net => o.downloaded = true,
                    _ if api.toolchain => o.toolchain = true,
                    _ => o.unknown = true,
                }
                return o;
            }
        }
        if (PASS_FNS.contains(&last.as_str()) && (fp.path.segments.len() > 1 || last.starts_with(char::is_uppercase)))
            || starts("std")
        {
            return args.into_iter().fold(Origin::default(), Origin::union);
        }
        // One of the file's own functions: its result with these arguments.
        if fp.path.segments.len() <= 2
            && let Some(def) = self.index().fns.get(&last)
        {
            let key = format!("fn {last}");
            if !seen.contains(&key) {
                seen.push(key);
                let o = self.call_fn(*def, args, d, seen);
                seen.pop();
                return o;
            }
        }
        let mut o = args.into_iter().fold(Origin::default(), Origin::union).derived();
        o.unknown = true;
        o
    }

    fn call_fn(&self, def: FnDef<'ast>, args: Vec<Origin>, d: u32, seen: &mut Vec<String>) -> Origin {
        let mut inner = Locals::of_def(def);
        let mut args = args.into_iter();
        for p in def.params {
            match p {
                syn::FnArg::Receiver(_) => {}
                syn::FnArg::Typed(t) => {
                    let a = args.next().unwrap_or_else(Origin::unknown);
                    if let Some(i) = crate::syntax::exprs::pat_ident(&t.pat) {
                        inner.params.insert(i.ident.to_string(), a);
                    }
                }
            }
        }
        let mut o = self.block_value(def.block, &inner, d, seen);
        struct Returns<'ast>(Vec<&'ast Expr>);
        impl<'ast> Visit<'ast> for Returns<'ast> {
            fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
                if let Some(e) = &r.expr {
                    self.0.push(e);
                }
            }
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
            fn visit_item(&mut self, _: &'ast Item) {}
        }
        let mut r = Returns(Vec::new());
        r.visit_block(def.block);
        for e in r.0.into_iter().take(8) {
            o = o.union(self.eval(e, &inner, d, seen));
        }
        o
    }

    fn method(&self, m: &syn::ExprMethodCall, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let name = m.method.to_string();
        let recv = self.eval(&m.receiver, locals, d, seen);
        let args: Vec<Origin> = m.args.iter().map(|a| self.eval(a, locals, d, seen)).collect();
        let first = || args.first().cloned().unwrap_or_default();
        if DECODE_FNS.contains(&name.as_str()) && !m.args.is_empty() {
            let hint = if recv.literals.is_empty() { name.as_str() } else { "decode" };
            let mut o = decode(first(), hint);
            let flags = recv.derived();
            o.toolchain |= flags.toolchain;
            o.unknown |= flags.unknown && o.value.is_none();
            return o;
        }
        match name.as_str() {
            n if KEEP_METHODS.contains(&n) => recv,
            "unwrap_or" | "unwrap_or_else" | "or" | "or_else" | "map_or" | "map_or_else" => {
                args.into_iter().fold(recv, Origin::union)
            }
            "concat" => match recv.value.clone() {
                Some(v) if recv.pieces > 1 => {
                    let pieces = recv.pieces;
                    let mut o = recv.derived();
                    o.value = Some(v.replace('\u{0}', ""));
                    o.pieces = pieces;
                    o
                }
                _ => recv.derived(),
            },
            "join" if recv.pieces > 1 && recv.value.as_ref().is_some_and(|v| v.contains('\u{0}')) => {
                let sep = first().value.unwrap_or_default();
                let pieces = recv.pieces;
                let v = recv.value.clone().unwrap_or_default().replace('\u{0}', &sep);
                let mut o = recv.union(first()).derived();
                o.value = Some(v);
                o.pieces = pieces;
                o
            }
            "push_str" | "push" | "extend" if recv.value.is_some() => recv.concat(first()),
            n if JOIN_METHODS.contains(&n) => {
                let mut o = args.into_iter().fold(recv, Origin::union).derived();
                o.joined = true;
                o
            }
            "replace" | "replacen" if recv.value.is_some() => {
                let (Some(from), Some(to)) = (first().value, args.get(1).and_then(|a| a.value.clone())) else {
                    return recv.derived();
                };
                let before = recv.value.clone().unwrap_or_default();
                let after = before.replace(&from, &to);
                let mut o = recv.clone();
                o.value = Some(after.clone());
                let (was, is) = (super::shapes::shape(&before), super::shapes::shape(&after));
                if was != is
                    && matches!(
                        is,
                        super::shapes::Shape::Url | super::shapes::Shape::Command | super::shapes::Shape::SensitivePath
                    )
                {
                    o = o.hidden("replaced characters");
                }
                o
            }
            "rev" => match recv.value.as_ref().filter(|v| !v.contains('\u{0}')) {
                Some(v) => {
                    let mut o = recv.clone();
                    o.value = Some(v.chars().rev().collect());
                    o.hidden("reversed string")
                }
                None => recv.derived(),
            },
            "chars" | "bytes" => match &recv.value {
                Some(v) if name == "bytes" => {
                    let mut o = recv.clone();
                    o.bytes = Some(v.as_bytes().to_vec());
                    o.value = None;
                    o
                }
                _ => recv,
            },
            "map" => self.map_closure(recv, m.args.first()),
            _ => args.into_iter().fold(recv, Origin::union).derived(),
        }
    }

    /// `.map(|b| b ^ K)` over constant bytes, `.map(|c| c as char)`.
    fn map_closure(&self, recv: Origin, arg: Option<&Expr>) -> Origin {
        let Some(Expr::Closure(c)) = arg.map(crate::syntax::exprs::strip_parens_and_refs) else {
            return recv.derived();
        };
        let Some(bytes) = recv.bytes.clone() else { return recv.derived() };
        let body = crate::syntax::exprs::strip_parens_and_refs(&c.body);
        let body = match body {
            Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                syn::Stmt::Expr(e, None) => crate::syntax::exprs::strip_parens_and_refs(e),
                _ => body,
            },
            _ => body,
        };
        match body {
            Expr::Binary(b) if matches!(b.op, syn::BinOp::BitXor(_)) => {
                match int_lit(&b.right).or_else(|| int_lit(&b.left)).and_then(|k| u8::try_from(k).ok()) {
                    Some(k) => xor(recv, k),
                    None => recv.derived(),
                }
            }
            Expr::Cast(cast) if matches!(&*cast.ty, syn::Type::Path(t) if t.path.is_ident("char")) => {
                let mut o = recv.derived();
                o.value = Some(bytes.iter().map(|&b| char::from(b)).collect());
                if bytes.len() >= 8 { o.hidden("character codes") } else { o }
            }
            _ => recv.derived(),
        }
    }
}

/// The names of the items a file declares, nested modules included.
fn declared(items: &[Item], out: &mut HashSet<String>) {
    for item in items {
        let id = match item {
            Item::Const(c) => &c.ident,
            Item::Static(s) => &s.ident,
            Item::Fn(f) => &f.sig.ident,
            Item::Struct(s) => &s.ident,
            Item::Enum(e) => &e.ident,
            Item::Type(t) => &t.ident,
            Item::Trait(t) => &t.ident,
            Item::Union(u) => &u.ident,
            Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    declared(inner, out);
                }
                &m.ident
            }
            _ => continue,
        };
        out.insert(id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deps::shapes::{Shape, sensitive_path, shape};

    fn eval_in(src: &str, fn_name: &str, expr: &str) -> Origin {
        let file: &'static syn::File = Box::leak(Box::new(syn::parse_str(src).unwrap()));
        let imports: &'static Imports = Box::leak(Box::new(Imports::from_items(&file.items)));
        let values = FileValues::new(&file.items, imports);
        let f = file
            .items
            .iter()
            .find_map(|i| match i {
                Item::Fn(f) if f.sig.ident == fn_name => Some(f),
                _ => None,
            })
            .unwrap();
        let e: Expr = syn::parse_str(expr).unwrap();
        values.origin(&e, &Locals::of_block(&f.block))
    }

    #[test]
    fn split_base64_is_assembled_and_decoded() {
        let src = r#"
            const A: &str = "aHR0cHM6Ly9leGFt";
            const B: &str = "cGxlLmludmFsaWQvcGF5bG9hZA==";
            fn main() { let u = base64::decode(format!("{}{}", A, B)).unwrap(); let s = String::from_utf8(u).unwrap(); }
        "#;
        let o = eval_in(src, "main", "s");
        assert_eq!(o.value.as_deref(), Some("https://example.invalid/payload"));
        assert!(o.obfuscation.contains(&"base64"), "{o:?}");
        assert_eq!(shape("https://example.invalid/payload"), Shape::Url);
    }

    #[test]
    fn xor_reversed_and_char_codes() {
        let src = r#"
            const K: [u8; 4] = [0x32, 0x2e, 0x2e, 0x2a];
            fn main() {
                let a: Vec<u8> = K.iter().map(|b| b ^ 0x5a).collect();
                let r: String = "dilavni.elpmaxe//:sptth".chars().rev().collect();
                let c: String = [104u8, 116, 116, 112, 115, 58, 47, 47].iter().map(|&b| b as char).collect();
                let mut buf = [0x32u8, 0x2e, 0x2e, 0x2a];
                for b in buf.iter_mut() { *b ^= 0x5a; }
            }
        "#;
        assert_eq!(eval_in(src, "main", "String::from_utf8(a).unwrap()").value.as_deref(), Some("http"));
        let r = eval_in(src, "main", "r");
        assert_eq!(r.value.as_deref(), Some("https://example.invalid"));
        assert!(r.obfuscation.contains(&"reversed string"));
        assert_eq!(eval_in(src, "main", "c").value.as_deref(), Some("https://"));
        assert_eq!(eval_in(src, "main", "buf").value.as_deref(), Some("http"));
    }

    #[test]
    fn env_out_dir_home_and_helpers() {
        let src = r#"
            use std::env;
            fn var(k: &str) -> String { env::var(k).unwrap() }
            fn main() {
                let out = std::path::PathBuf::from(env::var("OUT_DIR").unwrap());
                let bin = out.join("payload");
                let rustc = var("RUSTC");
                let home = dirs::home_dir().unwrap().join(".ssh/id_rsa");
            }
        "#;
        let b = eval_in(src, "main", "bin");
        assert!(b.out_dir && b.joined && b.env == ["OUT_DIR"], "{b:?}");
        assert_eq!(eval_in(src, "main", "rustc").env, ["RUSTC"]);
        let h = eval_in(src, "main", "home");
        assert!(h.home && h.literals.iter().any(|l| sensitive_path(l).is_some()), "{h:?}");
    }

    #[test]
    fn replaced_characters_and_repeating_xor_keys() {
        let src = r#"
            const KEY: &[u8] = b"k3y";
            fn main() {
                let u = "hxxps://example.invalid".replace("xx", "tt");
                let mut buf = [ARR];
                for i in 0..buf.len() {
                    buf[i] ^= KEY[i % KEY.len()];
                }
                let plain = "just text".replace("text", "words");
            }
        "#
        .replace(
            "ARR",
            "3, 71, 13, 27, 64, 67, 68, 28, 28, 19, 82, 20, 27, 95, 28, 69, 90, 23, 29, 82, 21, 2, 87, 86, 19",
        );
        let u = eval_in(&src, "main", "u");
        assert_eq!(u.value.as_deref(), Some("https://example.invalid"));
        assert!(u.obfuscation.contains(&"replaced characters"), "{u:?}");
        let b = eval_in(&src, "main", "String::from_utf8(buf.to_vec()).unwrap()");
        assert_eq!(b.value.as_deref(), Some("https://example.invalid/x"));
        assert!(b.obfuscation.contains(&"xor"), "{b:?}");
        assert!(eval_in(&src, "main", "plain").obfuscation.is_empty());
    }
}
