//! Argument vectors of programs that parse options (`when =
//! "option-argument"` sinks): which arguments of a `Command` builder are
//! read as options. An argument is safe when it follows `--` (or git's
//! `--end-of-options`), when it is the value of an option that takes one
//! (`-o <out>`, `-C <dir>`, the `f` of `-xzf <archive>`), or when it
//! starts with text of its own (`format!("ssh://{host}")`, `--depth={n}`).
//! The programs and their value-taking options are data
//! (`lints/models/programs.toml`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;
use syn::{Expr, ExprMethodCall};

use super::{FnAnalysis, Taint, strip_parens_refs_derefs, union};
use crate::syntax::macros;

/// Where a `Command`'s argument list stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Argv {
    /// The program (last path component), if it parses options.
    pub(super) program: String,
    /// `--` seen: the rest are operands.
    pub(super) end_of_options: bool,
    /// The last argument was an option that takes the next as its value.
    pub(super) expect_value: bool,
}

#[derive(serde::Deserialize)]
struct RawFile {
    program: Vec<RawProgram>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawProgram {
    names: Vec<String>,
    value_options: Vec<String>,
}

/// Program name → its options that take a value.
fn programs() -> &'static HashMap<String, Vec<String>> {
    static P: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    P.get_or_init(|| {
        let mut out = HashMap::default();
        // Built in: a test checks it parses.
        if let Ok(f) = toml::from_str::<RawFile>(include_str!("../../../lints/models/programs.toml")) {
            for p in f.program {
                for n in p.names {
                    out.insert(n, p.value_options.clone());
                }
            }
        }
        out
    })
}

/// The program a `Command::new` literal names, if it parses options.
pub(super) fn start(program: &str) -> Option<Argv> {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    programs().contains_key(base).then(|| Argv { program: base.to_string(), ..Argv::default() })
}

impl Argv {
    /// The state after a literal argument.
    fn push_literal(&mut self, arg: &str) {
        if self.end_of_options {
            return;
        }
        if self.expect_value {
            self.expect_value = false;
            return;
        }
        if arg == "--" || arg == "--end-of-options" {
            self.end_of_options = true;
            return;
        }
        if arg.starts_with('-') && !arg.contains('=') {
            let values = programs().get(&self.program).map(Vec::as_slice).unwrap_or_default();
            let takes = values.iter().any(|o| o == arg)
                // `-xzf`: a bundle of short options ends with `f`.
                || (!arg.starts_with("--")
                    && arg.len() > 2
                    && arg.is_char_boundary(arg.len() - 1)
                    && values.iter().any(|o| o.len() == 2 && arg.ends_with(&o[1..])));
            self.expect_value = takes;
        }
    }

    /// The state after an argument that is not a literal: whether it was
    /// read where an option may be.
    fn push_value(&mut self) -> bool {
        if self.end_of_options {
            return false;
        }
        if self.expect_value {
            self.expect_value = false;
            return false;
        }
        true
    }
}

/// The literal text of an argument (`"-o"`, `"--".to_string()`; `'x'`
/// is not one).
fn literal(e: &Expr) -> Option<String> {
    super::values::owned_str_lit(e)
}

fn is_format(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::Macro(m) if macros::macro_name(&m.mac) == "format")
}

/// The elements of `.args([..])`, `.args(&[..])`, `.args(vec![..])`.
pub(super) fn elements(e: &Expr) -> Option<Vec<Expr>> {
    match strip_parens_refs_derefs(e) {
        Expr::Array(a) => Some(a.elems.iter().cloned().collect()),
        Expr::Macro(m) if macros::macro_name(&m.mac) == "vec" => {
            Some(macros::parse_args_cached(&m.mac).iter().map(|a| a.expr.clone()).collect())
        }
        _ => None,
    }
}

impl FnAnalysis<'_> {
    /// The elements of a list literal, or of the one a local was bound to.
    fn list_elements(&self, e: &Expr) -> Option<Vec<Expr>> {
        elements(e).or_else(|| {
            let v = super::var_of(e)?;
            self.hints.get(&v)?.list.as_deref().cloned()
        })
    }

    /// Where the argument list of the `Command` a receiver builds stands:
    /// through a chain of `.arg`/`.args`/other builder calls down to
    /// `Command::new("git")`, or a local's hint.
    pub(super) fn argv_of(&self, recv: &Expr) -> Option<Argv> {
        self.hint_of(recv).argv
    }

    /// The state after the arguments of one `.arg(..)`/`.args(..)` call.
    pub(super) fn apply_args(&self, argv: &mut Argv, m: &ExprMethodCall) {
        let Some(a) = m.args.first() else { return };
        let items = if m.method == "args" { self.list_elements(a) } else { Some(vec![a.clone()]) };
        match items {
            Some(items) => {
                for it in &items {
                    match literal(it) {
                        Some(l) => argv.push_literal(&l),
                        None => {
                            argv.push_value();
                        }
                    }
                }
            }
            // `.args(&list)`: unknown length and content.
            None => argv.expect_value = false,
        }
    }

    /// A statement `cmd.arg(..).arg(..);` on a local: its hint moves on.
    pub(super) fn note_argv(&mut self, stmt: &Expr) {
        let Expr::MethodCall(outer) = strip_parens_refs_derefs(stmt) else { return };
        let mut root = &outer.receiver;
        while let Expr::MethodCall(m) = strip_parens_refs_derefs(root) {
            root = &m.receiver;
        }
        let Expr::Path(p) = strip_parens_refs_derefs(root) else { return };
        let Some(v) = p.path.get_ident().map(ToString::to_string) else { return };
        if self.hints.get(&v).is_none_or(|h| h.argv.is_none()) {
            return;
        }
        let argv = self.hint_of(stmt).argv;
        if let (Some(h), Some(a)) = (self.hints.get_mut(&v), argv) {
            h.argv = Some(a);
        }
    }

    /// For an `option-argument` sink: the taint of what may be read as an
    /// option — the arguments at operand positions before `--`, and of a
    /// `format!` only the value it starts with. `None`: nothing can be.
    pub(super) fn option_operands(&mut self, m: &ExprMethodCall, args: &[Taint]) -> Option<Vec<Taint>> {
        let mut argv = self.argv_of(&m.receiver)?;
        let a = m.args.first()?;
        let items = if m.method == "args" { self.list_elements(a) } else { Some(vec![a.clone()]) };
        let Some(items) = items else {
            // A list built elsewhere: its values, unless options ended.
            return (!argv.end_of_options).then(|| args.to_vec());
        };
        let single = m.method == "arg";
        let mut out = Taint::new();
        for it in &items {
            if let Some(l) = literal(it) {
                argv.push_literal(&l);
                continue;
            }
            if argv.push_value() {
                let t = match (single, args.first()) {
                    (true, Some(whole)) if !is_format(it) => whole.clone(),
                    _ => self.leading_taint(it),
                };
                union(&mut out, &t);
            }
        }
        let mut res = vec![out];
        // The receiver's taint (at the end of `args`) is not an argument.
        res.resize(args.len(), Taint::new());
        Some(res)
    }

    /// The taint of what an argument starts with: a `format!` that starts
    /// with text of its own starts safe; one that starts with a value
    /// starts with that value's taint.
    fn leading_taint(&mut self, e: &Expr) -> Taint {
        let Expr::Macro(m) = strip_parens_refs_derefs(e) else { return self.eval(e) };
        if macros::macro_name(&m.mac) != "format" {
            return self.eval(e);
        }
        let args = macros::parse_args_cached(&m.mac);
        let Some(fmt) = args.first().and_then(|a| literal(&a.expr)) else { return self.eval(e) };
        if !fmt.starts_with('{') || fmt.starts_with("{{") {
            return Taint::new();
        }
        let first = macros::format_placeholders(&fmt).into_iter().next();
        let expr = match first {
            Some(macros::Placeholder::Name(n)) => {
                match args.iter().skip(1).find(|a| a.name.as_ref().is_some_and(|x| *x == n)) {
                    Some(a) => a.expr.clone(),
                    None => return self.env.get(&n).cloned().unwrap_or_default(),
                }
            }
            Some(macros::Placeholder::Index(i)) => match args.iter().skip(1).nth(i) {
                Some(a) => a.expr.clone(),
                None => return Taint::new(),
            },
            Some(macros::Placeholder::Next) => match args.get(1) {
                Some(a) => a.expr.clone(),
                None => return Taint::new(),
            },
            None => return Taint::new(),
        };
        self.eval(&expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_load_and_bundles_take_values() {
        assert!(programs().contains_key("git") && programs().contains_key("tar"));
        let mut a = start("/usr/bin/tar").unwrap_or_default();
        assert_eq!(a.program, "tar");
        a.push_literal("-xzf");
        assert!(a.expect_value);
        assert!(!a.push_value(), "the archive is -f's value");
        assert!(a.push_value(), "an operand");
        a.push_literal("--");
        assert!(!a.push_value());
        assert!(start("sh").is_none());
    }
}
