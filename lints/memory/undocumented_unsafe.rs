use crate::rules::prelude::*;
use crate::rules::file::comment_block_above;
use crate::syntax::comments::argues_safety;
use crate::syntax::macros::{UnsafeKind, macro_rules_unsafe};
use crate::rules::file::{unsafe_block_comment, unsafe_context_comment};

declare_rule! {
    /// ### What it does
    /// Flags `unsafe` blocks and `unsafe impl`s that have no comment
    /// explaining why they are sound.
    ///
    /// A comment counts when it sits on the lines directly above the block
    /// or its statement (attributes may come between), before the block on
    /// the same line, or on the first line inside the block, and either
    /// contains `SAFETY:` (any case; clippy's convention) or argues safety
    /// in prose: it says the code is safe or sound (`safe`, `safely`,
    /// `sound`, `soundness`, not negated in the three words before) and
    /// gives a reason (`because`,
    /// `since`, `as long as`, `guaranteed`, `ensures`, `invariant`,
    /// `checked`, `verified`, `upholds`) — "safe because it's just a raw
    /// call to prctl and the arguments are correct". A reviewer needs the
    /// argument, not its label; clippy's `undocumented_unsafe_blocks` still
    /// asks for the `SAFETY:` label, so teams that run it should write one.
    /// For `unsafe impl`, a `# Safety` doc section also counts. `unsafe {
    /// .. }` blocks and `unsafe impl`s spelled out in a `macro_rules!`
    /// transcriber are checked too (the comment belongs in the macro).
    ///
    /// A block that only calls foreign functions without a memory-safety
    /// precondition (`libc::umask`, `getpid`, `getuid`, `isatty`,
    /// `sysconf`, …; the list, with the reason for each, is in the rule's
    /// source) with plain arguments (literals, variables, fields,
    /// constants) needs no argument: every argument value is sound.
    ///
    /// ### Why is this bad?
    /// Inside `unsafe` the compiler no longer checks memory safety: the
    /// author promises that invariants hold (pointers are valid, lengths are
    /// in bounds, types are `Send`). When the promise is not written down,
    /// reviewers cannot check it and later changes silently break it. This
    /// is the convention of clippy's `undocumented_unsafe_blocks` and of the
    /// Rust standard library, and "unsafe code is reviewed" policies rely on
    /// it.
    ///
    /// ### Known problems
    /// A prose argument is recognised by its words, not checked: "safe
    /// because" in front of a wrong argument counts. Its real-world
    /// findings are sound blocks whose argument is not written down
    /// (debatable); before prose arguments and precondition-free foreign
    /// calls counted it had 6 there, 4 of them `umask` calls and a `prctl`
    /// call argued for in prose.
    ///
    /// ### Example
    /// ```rust
    /// fn first(v: &[u8]) -> u8 {
    ///     unsafe { *v.get_unchecked(0) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn first(v: &[u8]) -> u8 {
    ///     assert!(!v.is_empty());
    ///     // SAFETY: `v` is non-empty (asserted above), so index 0 is in bounds.
    ///     unsafe { *v.get_unchecked(0) }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1059: Insufficient Technical Documentation
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `undocumented_unsafe_blocks`
    pub(crate) UndocumentedUnsafe {
        id: "undocumented-unsafe",
        name: "UndocumentedUnsafe",
        summary: "`unsafe` block or `unsafe impl` without a `// SAFETY:` comment",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 2, judged: 2, tp: 0, debatable: 2, when: "session 8 (a328b37)" },
            Corpus { findings: 8220, judged: 20, tp: 19, debatable: 1, when: "session 8 (a328b37)" },
        ],
        cwe: [1059],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: ["clippy::undocumented_unsafe_blocks"],
    }
}

impl Rule for UndocumentedUnsafe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["unsafe"],
            macros: &["macro_rules"],
            nodes: node::UNSAFE_BLOCK | node::ITEM,
            ..Default::default()
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, _args: Option<&[&syn::Expr]>) {
        for u in macro_rules_unsafe(&mac.tokens) {
            let documented = match (u.kind, u.braces) {
                (UnsafeKind::Block, Some(b)) => {
                    argues_safety(&unsafe_block_comment(cx.file, None, u.unsafe_span, b.open(), b.close()))
                }
                (UnsafeKind::Impl, _) => cx
                    .file
                    .span_line(u.unsafe_span)
                    .is_some_and(|l| argues_safety(&comment_block_above(cx.file, l))),
                _ => true,
            };
            if documented {
                continue;
            }
            let what = if u.kind == UnsafeKind::Block { "`unsafe` block" } else { "`unsafe impl`" };
            cx.report(u.unsafe_span, format!("{what} in a `macro_rules!` body without a `// SAFETY:` comment"))
                .help("explain in the macro, above the `unsafe`, why every expansion is sound: `// SAFETY: ...`");
        }
    }

    fn check_unsafe_block<'ast>(&self, cx: &mut Cx<'_, 'ast>, b: &'ast syn::ExprUnsafe) {
        let comment = unsafe_context_comment(cx.file, cx.scope, b);
        if argues_safety(&comment) || only_calls_without_precondition(cx, &b.block) {
            return;
        }
        cx.report_between(b.unsafe_token.span, b.block.brace_token.span.open(), "`unsafe` block without a `// SAFETY:` comment")
            .help("explain above the block why it is sound: `// SAFETY: <the invariants that hold here>`");
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Impl(imp) = item else { return };
        let Some(unsafety) = imp.unsafety else { return };
        let Some(line) = cx.file.item_first_line(&imp.attrs, unsafety.span) else {
            return;
        };
        let mut comment = comment_block_above(cx.file, line);
        comment.push_str(&cx.file.docs(&imp.attrs, unsafety.span, Some(imp.brace_token.span.open())));
        if argues_safety(&comment) {
            return;
        }
        let trait_name = imp
            .trait_
            .as_ref()
            .and_then(|(p, _)| p.segments.last())
            .map_or_else(String::new, |s| format!(" of `{}`", s.ident));
        cx.report_between(unsafety.span, imp.impl_token.span, format!("`unsafe impl`{trait_name} without a `// SAFETY:` comment"))
            .help("state above the impl why the type upholds the trait's safety contract: `// SAFETY: ...`");
    }
}

/// Foreign functions without a memory-safety precondition: they take and
/// return plain integers, read or write no memory the caller passes, and
/// are safe to call from any thread, so every argument value is sound.
/// (name, why)
const NO_PRECONDITION_FFI: &[(&str, &str)] = &[
    ("umask", "sets the process's file-creation mask: an integer in, the old one out"),
    ("getpid", "returns the process id; cannot fail"),
    ("getppid", "returns the parent's process id; cannot fail"),
    ("getuid", "returns the real user id; cannot fail"),
    ("geteuid", "returns the effective user id; cannot fail"),
    ("getgid", "returns the real group id; cannot fail"),
    ("getegid", "returns the effective group id; cannot fail"),
    ("getpgrp", "returns the process group; cannot fail"),
    ("setsid", "starts a session; failure is a return value"),
    ("isatty", "asks whether a descriptor is a terminal; a bad one gives 0 and EBADF"),
    ("sysconf", "reads a configuration value by number; an unknown one gives -1"),
    ("getpagesize", "returns the page size"),
    ("sched_yield", "yields the processor"),
    ("sleep", "sleeps for a number of seconds"),
    ("alarm", "schedules SIGALRM after a number of seconds"),
    ("GetCurrentProcessId", "returns the process id (Windows)"),
    ("GetCurrentThreadId", "returns the thread id (Windows)"),
    ("GetLastError", "returns the thread's last error code (Windows)"),
    ("GetTickCount", "returns milliseconds since boot (Windows)"),
    ("GetTickCount64", "returns milliseconds since boot (Windows)"),
];

/// Crates whose bindings of these functions are the system's own.
const FFI_CRATES: &[&str] = &["libc", "windows_sys", "winapi", "windows"];

/// The block only calls foreign functions of [`NO_PRECONDITION_FFI`] from
/// a system crate, with plain arguments: `unsafe { umask(0o077) }`,
/// `unsafe { libc::isatty(libc::STDIN_FILENO) == 1 }`.
fn only_calls_without_precondition(cx: &Cx<'_, '_>, block: &syn::Block) -> bool {
    let mut calls = 0;
    let all = block.stmts.iter().all(|s| match s {
        syn::Stmt::Expr(e, _) => harmless(cx, e, &mut calls),
        syn::Stmt::Local(l) => l.init.as_ref().is_some_and(|i| i.diverge.is_none() && harmless(cx, &i.expr, &mut calls)),
        _ => false,
    });
    all && calls > 0
}

/// A call of a listed function (counted in `calls`), or a plain value: a
/// literal, a variable, a field, a constant (not a `static mut`), and
/// casts, negations and arithmetic of those.
fn harmless(cx: &Cx<'_, '_>, e: &syn::Expr, calls: &mut usize) -> bool {
    use syn::Expr;
    match e {
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return false };
            let Some(last) = p.path.segments.last() else { return false };
            let r = cx.resolve(&p.path);
            *calls += 1;
            NO_PRECONDITION_FFI.iter().any(|(n, _)| last.ident == n)
                && r.segs.first().is_some_and(|root| FFI_CRATES.contains(&root.as_str()))
                && c.args.iter().all(|a| plain(cx, a))
        }
        Expr::Paren(p) => harmless(cx, &p.expr, calls),
        Expr::Cast(c) => harmless(cx, &c.expr, calls),
        Expr::Unary(u) if !matches!(u.op, syn::UnOp::Deref(_)) => harmless(cx, &u.expr, calls),
        Expr::Binary(b) => harmless(cx, &b.left, calls) && harmless(cx, &b.right, calls),
        other => plain(cx, other),
    }
}

/// A value no unsafe operation is needed to read.
fn plain(cx: &Cx<'_, '_>, e: &syn::Expr) -> bool {
    use syn::Expr;
    match e {
        Expr::Lit(_) => true,
        Expr::Path(p) => p.path.segments.last().is_none_or(|i| !cx.file.unsafety.static_muts.contains_key(&i.ident.to_string())),
        Expr::Field(f) => plain(cx, &f.base),
        Expr::Paren(p) => plain(cx, &p.expr),
        Expr::Cast(c) => plain(cx, &c.expr),
        Expr::Unary(u) if !matches!(u.op, syn::UnOp::Deref(_)) => plain(cx, &u.expr),
        Expr::Binary(b) => plain(cx, &b.left) && plain(cx, &b.right),
        _ => false,
    }
}
