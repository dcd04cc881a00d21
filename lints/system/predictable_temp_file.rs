use crate::rules::prelude::*;
use crate::rules::chain;
use crate::syntax::exprs::{is_const_name, strip_parens_and_refs, str_lit};
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags files in shared temporary directories whose names can be
    /// guessed: `std::env::temp_dir().join("app.lock")`,
    /// `temp_dir().join(format!("app-{}", std::process::id()))`, and
    /// `"/tmp/..."`, `"/var/tmp/..."`, `"/dev/shm/..."` paths given to
    /// `File::create`, `fs::write`, `OpenOptions::open`, `fs::create_dir`,
    /// `fs::copy`/`rename` (destination) or `UnixListener::bind`. Names
    /// with a random part (`uuid`, `rand`, `fastrand`, `nanoid`) and
    /// functions that open with `create_new(true)` (`O_EXCL`) are not
    /// reported.
    ///
    /// ### Why is this bad?
    /// `/tmp` is writable by every local user. One of them can create the
    /// file first — as a symlink to a file you can write (`~/.ssh/authorized_keys`,
    /// a config file) — and your program follows the link and overwrites
    /// the target, or reads content the attacker planted (CWE-59, CWE-377).
    ///
    /// ### Example
    /// ```rust
    /// fn lock() -> std::io::Result<()> {
    ///     let path = std::env::temp_dir().join("vault-backup.lock");
    ///     std::fs::write(path, b"locked")
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use std::io::Write;
    /// fn lock() -> std::io::Result<tempfile::NamedTempFile> {
    ///     // A random name, created with O_EXCL, mode 0600.
    ///     let mut f = tempfile::Builder::new().prefix("vault-backup").tempfile()?;
    ///     f.write_all(b"locked")?;
    ///     Ok(f)
    /// }
    /// // For lock files and sockets, use a per-user directory
    /// // (`$XDG_RUNTIME_DIR`, `dirs::runtime_dir()`) instead of /tmp.
    /// ```
    ///
    /// ### References
    /// - CWE-377: Insecure Temporary File
    /// - CWE-59: Improper Link Resolution Before File Access ('Link Following')
    /// - OWASP Top 10 2021 A01: Broken Access Control
    pub(crate) PredictableTempFile {
        id: "predictable-temp-file",
        name: "GuessableTemporaryFile",
        summary: "a file in a shared temporary directory has a predictable name",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [377, 59],
        owasp: [A01],
        tags: ["filesystem"],
    }
}

/// Shared, world-writable directories.
const SHARED_DIRS: &[&str] = &["/tmp/", "/var/tmp/", "/dev/shm/"];

/// Calls that create or write a file at their path argument (index).
const CREATING_CALLS: &[(&str, usize)] =
    &[("create", 0), ("write", 0), ("create_dir", 0), ("create_dir_all", 0), ("copy", 1), ("rename", 1), ("bind", 0), ("symlink", 1)];

/// Names of functions and crates whose output is random.
const RANDOM_HINTS: &[&str] = &["uuid", "Uuid", "new_v4", "rand", "random", "fastrand", "nanoid", "getrandom", "tempfile", "Alphanumeric", "thread_rng"];

impl Rule for PredictableTempFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["temp_dir", "/tmp/", "/var/tmp/", "/dev/shm/", "\"/tmp\""],
            methods: &["join", "open"],
            calls: &["create", "write", "create_dir", "create_dir_all", "copy", "rename", "bind", "symlink"],
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        if name == "join" {
            if !is_temp_dir(cx, &m.receiver, 0) {
                return;
            }
            let Some(file) = predictable_name(cx, arg) else { return };
            if opens_exclusively(cx) {
                return;
            }
            cx.report_between(m.method.span(), m.paren_token.span.close(), format!("predictable temporary file name {file} in the shared temp directory"))
                .help(HELP);
        } else if name == "open" {
            // `OpenOptions::new().write(true).create(true).open("/tmp/x")`
            let chain = chain::down(m);
            if chain.has("create_new") || !(chain.has("create") || chain.has("write") || chain.has("append") || chain.has("truncate")) {
                return;
            }
            self.literal_path(cx, arg);
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let last = r.last();
        let Some((_, idx)) = CREATING_CALLS.iter().find(|(n, _)| *n == last) else { return };
        // `File::create`, `fs::write`, `UnixListener::bind`, `std::os::unix::fs::symlink`
        let plausible = r.segs.iter().any(|s| matches!(s.as_str(), "fs" | "File" | "UnixListener" | "UnixDatagram" | "tokio" | "async_std"))
            || r.segs.first().is_some_and(|s| s == "std");
        if !plausible {
            return;
        }
        if let Some(arg) = c.args.iter().nth(*idx) {
            self.literal_path(cx, arg);
        }
    }
}

const HELP: &str = "create temporary files with the `tempfile` crate (`tempfile::tempfile()`, `NamedTempFile::new()`, `Builder::new().prefix(..).tempfile()`): random names, O_EXCL, mode 0600; or use a private per-user directory";

impl PredictableTempFile {
    /// A `"/tmp/name"` literal (directly or through a local) used to create a file.
    fn literal_path(&self, cx: &mut Cx<'_, '_>, arg: &Expr) {
        let Some((path, span)) = literal_of(cx, arg, 0) else { return };
        if !SHARED_DIRS.iter().any(|d| path.starts_with(d)) || opens_exclusively(cx) {
            return;
        }
        cx.report(span, format!("predictable temporary file `{path}` in a world-writable directory")).help(HELP);
    }
}

/// The string literal a path argument comes from, with its span.
fn literal_of(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> Option<(String, proc_macro2::Span)> {
    if depth > 3 {
        return None;
    }
    match strip_parens_and_refs(e) {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some((s.value(), s.span())),
        Expr::Call(c) if c.args.len() == 1 => {
            let Expr::Path(p) = &*c.func else { return None };
            let last = p.path.segments.last()?.ident.to_string();
            matches!(last.as_str(), "new" | "from").then(|| literal_of(cx, &c.args[0], depth + 1)).flatten()
        }
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "as_path" | "as_ref" | "to_path_buf" | "clone" | "into") => {
            literal_of(cx, &m.receiver, depth + 1)
        }
        e @ Expr::Path(_) => literal_of(cx, chain::init_of(cx, e)?, depth + 1),
        _ => None,
    }
}

/// `std::env::temp_dir()`, `Path::new("/tmp")`, or a local holding one.
fn is_temp_dir(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> bool {
    if depth > 2 {
        return false;
    }
    match strip_parens_and_refs(e) {
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return false };
            let r = cx.resolve(&p.path);
            if r.last() == "temp_dir" {
                return r.is("std::env::temp_dir") || !r.via_import && p.path.segments.len() >= 2 && p.path.segments[p.path.segments.len() - 2].ident == "env";
            }
            matches!(r.last(), "new" | "from")
                && c.args.first().and_then(str_lit).is_some_and(|s| matches!(s.trim_end_matches('/'), "/tmp" | "/var/tmp" | "/dev/shm"))
        }
        e @ Expr::Path(_) => chain::init_of(cx, e).is_some_and(|i| is_temp_dir(cx, i, depth + 1)),
        _ => false,
    }
}

/// A file name that can be guessed: a literal, a constant, or a `format!`
/// of literals, the process id and the time — nothing random.
fn predictable_name(cx: &Cx<'_, '_>, e: &Expr) -> Option<String> {
    match strip_parens_and_refs(e) {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(format!("`{}`", s.value())),
        Expr::Path(p) if p.path.segments.last().is_some_and(|s| is_const_name(&s.ident.to_string())) => {
            Some(format!("`{}`", cx.file.snippet(p.span())))
        }
        Expr::Macro(m) if m.mac.path.is_ident("format") => {
            if RANDOM_HINTS.iter().any(|h| mentions_word(&m.mac.tokens, h)) {
                return None;
            }
            let args = crate::syntax::macros::parse_args_cached(&m.mac);
            let fmt = args.first().and_then(|a| str_lit(&a.expr))?;
            // Every argument must be predictable: literals, constants, the pid, the clock.
            let rest_ok = args.iter().skip(1).all(|a| guessable(&a.expr));
            let captures_ok = crate::syntax::macros::format_placeholders(&fmt).iter().all(|p| match p {
                crate::syntax::macros::Placeholder::Name(n) => is_const_name(n) || matches!(n.as_str(), "pid"),
                _ => true,
            });
            (rest_ok && captures_ok).then(|| format!("`{fmt}`"))
        }
        _ => None,
    }
}

/// A value an attacker can guess: literals, constants, the process id, the time.
fn guessable(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Lit(_) => true,
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| is_const_name(&s.ident.to_string()) || s.ident == "pid"),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "now")
            || (p.path.segments.last().is_some_and(|s| s.ident == "id") && p.path.segments.iter().any(|s| s.ident == "process"))),
        Expr::MethodCall(m) => {
            let n = m.method.to_string();
            matches!(
                n.as_str(),
                "as_secs" | "as_millis" | "as_nanos" | "timestamp" | "timestamp_millis" | "unwrap" | "unwrap_or_default"
                    | "duration_since" | "elapsed" | "to_string"
            ) && guessable(&m.receiver)
        }
        _ => false,
    }
}

fn mentions_word(tokens: &proc_macro2::TokenStream, word: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i.to_string().contains(word),
        proc_macro2::TokenTree::Group(g) => mentions_word(&g.stream(), word),
        _ => false,
    })
}

/// The function opens files with `create_new(true)` (O_EXCL): a planted
/// file or symlink makes it fail instead of being followed.
fn opens_exclusively(cx: &Cx<'_, '_>) -> bool {
    let Some(f) = cx.enclosing_fn() else { return false };
    let block = f.block;
    let t = quote::quote!(#block);
    chain::mentions_ident(&t, "create_new")
}
