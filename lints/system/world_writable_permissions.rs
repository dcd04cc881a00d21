use crate::rules::prelude::*;
use crate::syntax::exprs::strip_parens_and_refs;
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags files and directories made writable by every user: a mode with
    /// the "others may write" bit (`0o002`) set, without the sticky bit —
    /// `Permissions::from_mode(0o777)`, `perms.set_mode(0o666)`,
    /// `OpenOptions::new().mode(0o666)` (`OpenOptionsExt`),
    /// `DirBuilder::new().mode(0o777)` (`DirBuilderExt`),
    /// `libc::chmod`/`fchmod`/`open`, nix `Mode::S_IWOTH`/`S_IRWXO` and
    /// `Mode::from_bits(0o777)`, tempfile's `Builder::permissions(..)`. Also
    /// flags `umask(0)`, which makes every file created afterwards
    /// world-writable.
    ///
    /// A mode given when a file or directory is created
    /// (`OpenOptions::mode`, `DirBuilder::mode`, `libc::open`/`creat`/
    /// `mkdir`) is reduced by the process's umask: 0o666 and 0o777 there
    /// are std's own defaults (what `File::create` and `create_dir` use)
    /// and are not reported; another world-writable creation mode
    /// (`0o662`) says others are meant to write and is reported at medium
    /// severity. Modes set explicitly afterwards (`set_permissions`,
    /// `set_mode`, `chmod`) are not reduced by the umask and stay high.
    ///
    /// ### Why is this bad?
    /// Any local user — or any compromised service on the machine — can
    /// replace the file's contents: configuration, scripts that are run
    /// later, data the program trusts. World-writable directories let them
    /// plant or swap files (and symlinks) too.
    ///
    /// ### Known problems
    /// A creation mode is judged without the umask, which the program may
    /// have set to 0 elsewhere (that call is reported on its own).
    /// The one false finding on the real-world benchmark, a pid file
    /// created with 0o666, is no longer reported.
    ///
    /// ### Example
    /// ```rust
    /// use std::os::unix::fs::PermissionsExt;
    /// fn publish(path: &std::path::Path) -> std::io::Result<()> {
    ///     std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777))
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use std::os::unix::fs::PermissionsExt;
    /// fn publish(path: &std::path::Path) -> std::io::Result<()> {
    ///     // Owner writes; group and others may only read.
    ///     std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
    /// }
    /// ```
    ///
    /// ### Fix
    /// Machine-applicable (`cargo sast --fix`): a literal mode loses the write
    /// bit for others and nothing else, written in the literal's own form
    /// (`0o777` → `0o775`, `0o666` → `0o664`). The editor also offers, as a
    /// maybe-incorrect fix, clearing the group's write bit too (`0o755`,
    /// `0o644`). Symbolic modes (`S_IWOTH`) and `umask(0)` get no fix.
    ///
    /// ### References
    /// - CWE-732: Incorrect Permission Assignment for Critical Resource
    /// - CWE-276: Incorrect Default Permissions
    /// - OWASP Top 10 2021 A01: Broken Access Control
    /// - OWASP Top 10 2021 A05: Security Misconfiguration
    pub(crate) WorldWritablePermissions {
        id: "world-writable-permissions",
        name: "WorldWritableFileMode",
        summary: "a file or directory is made writable by every user",
        severity: High,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [732, 276],
        owasp: [A01, A05],
        tags: ["filesystem"],
        fix: Safe,
    }
}

impl Rule for WorldWritablePermissions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["mode", "chmod", "umask", "S_IWOTH", "S_IRWXO", "0o7", "0o6", "permissions"],
            methods: &["set_mode", "mode"],
            calls: &["from_mode", "chmod", "fchmod", "fchmodat", "umask", "from_bits", "from_bits_truncate", "mkdir", "open", "creat"],
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        let name = m.method.to_string();
        // `.mode(x)` (`OpenOptionsExt`, `DirBuilderExt`) is a creation mode,
        // and a common method name: require an octal literal there.
        let creation = name == "mode";
        if let Some(mode) = mode_value(arg, creation) {
            if creation {
                report_creation(cx, arg, mode);
            } else {
                report(cx, arg, mode);
            }
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let last = r.last();
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        match last {
            "umask" if matches!(root, "libc" | "nix" | "rustix") || !r.via_import => {
                if let Some(arg) = c.args.first()
                    && is_zero_mask(arg)
                {
                    cx.report(arg.span(), "`umask(0)` makes every file created afterwards world-writable")
                        .severity(Severity::Medium)
                        .help("keep the default umask (usually 0o022), or set modes explicitly on the files you create");
                }
            }
            "from_mode" | "from_bits" | "from_bits_truncate" => {
                // `from_bits` is every bitflags type's: there, only octal
                // literals. An argument of `umask` is a mask, not a mode.
                if inside_umask(cx) {
                    return;
                }
                if let Some(arg) = c.args.first()
                    && let Some(mode) = mode_value(arg, last != "from_mode")
                {
                    report(cx, arg, mode);
                }
            }
            // libc::chmod(path, mode), libc::open(path, flags, mode), fchmodat(dirfd, path, mode, flags)
            "chmod" | "fchmod" | "mkdir" | "creat" | "open" | "fchmodat" if matches!(root, "libc" | "nix" | "rustix") => {
                let idx = match last {
                    "open" => 2,
                    "fchmodat" => 2,
                    _ => 1,
                };
                if let Some(arg) = c.args.iter().nth(idx)
                    && let Some(mode) = mode_value(arg, false)
                {
                    if matches!(last, "mkdir" | "creat" | "open") {
                        report_creation(cx, arg, mode);
                    } else {
                        report(cx, arg, mode);
                    }
                }
            }
            _ => {}
        }
    }
}

fn report(cx: &mut Cx<'_, '_>, arg: &Expr, mode: u32) {
    let shown = if mode == u32::MAX { cx.file.snippet(arg.span()).to_string() } else { format!("0o{mode:o}") };
    let d = cx
        .report(arg.span(), format!("mode {shown} lets every user write to this file"))
        .help("drop the write bit for others: 0o644 for files, 0o755 for directories (0o600/0o700 for private data)");
    suggest(d, arg);
}

/// Clear the others-write bit of a literal mode, in the literal's own
/// form (`0o777` → `0o775`); a second, maybe-incorrect suggestion also
/// clears the group's (`0o755`), for the editor.
fn suggest(d: crate::rules::cx::Diag<'_>, arg: &Expr) {
    let Some(lit) = mode_lit(arg) else { return };
    let Ok(v) = lit.base10_parse::<u32>() else { return };
    let text = lit.to_string();
    let spell = |m: u32| {
        let digits = text.strip_suffix(lit.suffix()).unwrap_or(&text);
        let body = if digits.starts_with("0o") {
            format!("0o{m:o}")
        } else if digits.starts_with("0x") {
            format!("0x{m:x}")
        } else if digits.starts_with("0b") {
            format!("0b{m:b}")
        } else {
            m.to_string()
        };
        format!("{body}{}", lit.suffix())
    };
    let (others, group) = (v & !0o002, v & !0o022);
    let d = d.suggest_with(
        format!("remove the others' write bit ({})", spell(others)),
        Applicability::MachineApplicable,
        |f| [f.replace_token(lit.span(), &text, &spell(others))],
    );
    if group != others {
        d.suggest_with(
            format!("remove the group's and others' write bits ({})", spell(group)),
            Applicability::MaybeIncorrect,
            |f| [f.replace_token(lit.span(), &text, &spell(group))],
        );
    }
}

/// The integer literal a mode is written as.
fn mode_lit(e: &Expr) -> Option<&syn::LitInt> {
    match strip_parens_and_refs(e) {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => Some(i),
        Expr::Cast(c) => mode_lit(&c.expr),
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "into") => mode_lit(&m.receiver),
        _ => None,
    }
}

/// A mode a file or directory is created with: the umask reduces it.
/// std's defaults (0o666 files, 0o777 directories) say nothing; another
/// world-writable mode asks for others to write.
fn report_creation(cx: &mut Cx<'_, '_>, arg: &Expr, mode: u32) {
    if mode == 0o666 || mode == 0o777 {
        return;
    }
    let shown = if mode == u32::MAX { cx.file.snippet(arg.span()).to_string() } else { format!("0o{mode:o}") };
    let d = cx
        .report(arg.span(), format!("creation mode {shown} lets every user write to this file unless the umask removes it"))
        .severity(Severity::Medium)
        .help("drop the write bit for others: 0o644 for files, 0o755 for directories (0o600/0o700 for private data)");
    suggest(d, arg);
}

/// A mode, when it is a world-writable constant: the mode value, or
/// `u32::MAX` for a symbolic `S_IWOTH`/`S_IRWXO`.
fn mode_value(e: &Expr, octal_only: bool) -> Option<u32> {
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => {
            let syn::Lit::Int(i) = &l.lit else { return None };
            if octal_only && !i.to_string().starts_with("0o") {
                return None;
            }
            let v = i.base10_parse::<u32>().ok()?;
            (v & 0o002 != 0 && v & 0o1000 == 0 && v <= 0o7777).then_some(v)
        }
        Expr::Path(p) => {
            let last = p.path.segments.last()?.ident.to_string();
            matches!(last.as_str(), "S_IWOTH" | "S_IRWXO").then_some(u32::MAX)
        }
        Expr::Binary(b) if matches!(b.op, syn::BinOp::BitOr(_)) => {
            // `S_IRWXU | S_IRWXO`
            mode_value(&b.left, false).or_else(|| mode_value(&b.right, false)).map(|_| u32::MAX)
        }
        Expr::Cast(c) => mode_value(&c.expr, octal_only),
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "into") => mode_value(&m.receiver, octal_only),
        _ => None,
    }
}

fn inside_umask(cx: &Cx<'_, '_>) -> bool {
    cx.ancestors().take(3).any(|a| {
        matches!(a, crate::rules::cx::Ancestor::Expr(Expr::Call(c))
            if matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "umask")))
    })
}

fn is_zero_mask(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => matches!(&l.lit, syn::Lit::Int(i) if i.base10_parse::<u32>().ok() == Some(0)),
        Expr::Call(c) => {
            // `Mode::empty()`, `Mode::from_bits_truncate(0)`
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "empty"))
                || c.args.first().is_some_and(is_zero_mask)
        }
        Expr::Cast(c) => is_zero_mask(&c.expr),
        _ => false,
    }
}
