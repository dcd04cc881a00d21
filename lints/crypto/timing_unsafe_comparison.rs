use crate::rules::prelude::*;
use crate::rules::chain;
use crate::syntax::exprs::{is_const_name, strip_parens_and_refs};
use crate::rules::secret_names::{self, SecretKind};
use syn::{BinOp, Expr, ExprBinary};

declare_rule! {
    /// ### What it does
    /// Flags `==` and `!=` between a secret and another value computed at
    /// run time: passwords, tokens, API keys, secrets, MACs and signatures
    /// (by name: `expected_token`, `req.api_key`, `hmac`, `signature`), and
    /// values derived from them in the same function
    /// (`let digest = Md5::digest(password)` … `format!("{digest:x}") == stored`).
    ///
    /// Not reported: comparisons with literals (also dereferenced:
    /// `password == *""`), constants, `None` or enum variants
    /// (`token == Token::Comma`), lengths and emptiness checks — an
    /// emptiness test leaks nothing; a password and its confirmation;
    /// a value and its own normalised form (`fixed.to_string() != old_token`
    /// where `fixed` was made from `old_token`: both sides are the same
    /// stored value, no guess is checked); the result of decrypting with a
    /// password (`decrypt(data, &password)`: the plaintext, not a value
    /// that reveals the password); `PartialEq`/`Ord` implementations, and a
    /// bare `token` in parser code.
    ///
    /// ### Why is this bad?
    /// `==` on strings and slices stops at the first differing byte, so the
    /// time it takes tells an attacker how many leading bytes of their guess
    /// are right. With enough measurements a MAC, an API key or a session
    /// token is recovered byte by byte.
    ///
    /// ### Known problems
    /// Secrets are recognised by name: a secret held in a variable named
    /// `expected` or `value` is missed unless it was derived from a named
    /// one in the same function. Before emptiness tests, normalised forms
    /// and decryption results were left out it had 12 findings on the
    /// real-world benchmark, 42% true (today's figures: the Precision line
    /// above).
    ///
    /// ### Example
    /// ```rust
    /// fn authorized(provided: &str, api_key: &str) -> bool {
    ///     provided == api_key
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use subtle::ConstantTimeEq;
    /// fn authorized(provided: &str, api_key: &str) -> bool {
    ///     provided.as_bytes().ct_eq(api_key.as_bytes()).into()
    /// }
    /// // MACs: `mac.verify_slice(&tag)` (RustCrypto `hmac`),
    /// // `ring::hmac::verify(&key, msg, tag)`, `openssl::memcmp::eq(a, b)`;
    /// // passwords: the password hashing crate's `verify_password`.
    /// ```
    ///
    /// ### References
    /// - CWE-208: Observable Timing Discrepancy
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    pub(crate) TimingUnsafeComparison {
        id: "timing-unsafe-comparison",
        name: "NonConstantTimeSecretComparison",
        summary: "a secret is compared with `==`, which leaks through timing how much of it matches",
        severity: Medium,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 5, judged: 5, tp: 5, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [208],
        owasp: [A02, A07],
        tags: ["crypto", "auth"],
    }
}

/// Heads that denote a MAC or signature (compared on verification).
const MAC_HEADS: &[&str] = &["mac", "hmac", "signature"];


/// Qualifiers of a value that is typed twice by the user.
const CONFIRM_WORDS: &[&str] =
    &["confirm", "confirmation", "confirmed", "repeat", "repeated", "retype", "again", "verify", "new", "old", "previous", "second"];

impl Rule for TimingUnsafeComparison {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["pass", "token", "secret", "key", "mac", "signature", "sig", "credential", "jwt", "otp", "digest"],
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Binary(b) = e else { return };
        if !matches!(b.op, BinOp::Eq(_) | BinOp::Ne(_)) {
            return;
        }
        if in_eq_impl(cx) {
            return;
        }
        let (l, r) = (&*b.left, &*b.right);
        if trivial(l) || trivial(r) || constant(l) || constant(r) || same_field(l, r) {
            return;
        }
        // `fixed.to_string() != old_token` with `fixed` made from `old_token`.
        if derived_from(cx, l, r) || derived_from(cx, r, l) {
            return;
        }
        // A bare `token` counts only in authentication code that is not a parser.
        let auth_fn = cx.enclosing_fn().is_some_and(|f| secret_names::is_auth_context(&f.name()));
        let no_bare = !auth_fn || secret_names::looks_like_parser(cx.file);
        let ls = secret_side(cx, l, no_bare, 0);
        let rs = secret_side(cx, r, no_bare, 0);
        let Some(s) = ls.as_ref().or(rs.as_ref()) else { return };
        // `password == password_confirmation`, `new_password != old_password`
        if s.kind == Some(SecretKind::Password)
            && [l, r].iter().any(|x| plain_name(x).is_some_and(|n| is_confirmation(&n)))
        {
            return;
        }
        report(cx, b, s);
    }
}

fn report(cx: &mut Cx<'_, '_>, b: &ExprBinary, s: &Side) {
    let what = match s.kind {
        Some(k) => k.describe(),
        None => "a MAC or signature",
    };
    let how = match &s.via {
        Some(local) => format!("`{local}`, derived from {what} (`{}`),", s.name),
        None => format!("{what} (`{}`)", s.name),
    };
    let op = if matches!(b.op, BinOp::Eq(_)) { "==" } else { "!=" };
    cx.report(b.op.span(), format!("{how} is compared with `{op}`, which is not constant-time"))
        .help("compare secrets in constant time: `subtle::ConstantTimeEq` (`a.ct_eq(b).into()`), `constant_time_eq::constant_time_eq`, `openssl::memcmp::eq`; verify MACs with `Mac::verify_slice` or `ring::hmac::verify`, passwords with the hashing crate's `verify_password`");
}

struct Side {
    name: String,
    /// `None`: a MAC or signature.
    kind: Option<SecretKind>,
    /// The local the secret reached the comparison through, if derived.
    via: Option<String>,
}

/// Values that are not secrets to compare: literals, `None`, enum variants,
/// lengths, booleans.
fn trivial(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Lit(_) => true,
        // `*""`
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => matches!(strip_parens_and_refs(&u.expr), Expr::Lit(_)),
        Expr::Path(p) => {
            let last = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            // `None`, `Token::Comma`, `Kind::Ident`: CamelCase paths.
            last.starts_with(|c: char| c.is_uppercase()) && !is_const_name(&last)
        }
        Expr::Call(c) => {
            // `Some(Token::Eof)`, `Kind::Other(..)`
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with(|c: char| c.is_uppercase())))
                && c.args.iter().all(trivial)
        }
        Expr::MethodCall(m) => matches!(
            m.method.to_string().as_str(),
            "len" | "is_empty" | "is_some" | "is_none" | "count" | "kind" | "type_id" | "discriminant" | "capacity"
        ),
        Expr::Macro(m) => m.mac.path.is_ident("vec") && m.mac.tokens.is_empty(),
        Expr::Array(a) => a.elems.is_empty(),
        _ => false,
    }
}

/// A value fixed in the source: a literal (also sliced), a `SCREAMING_CASE`
/// constant. Comparing with a constant is a format or magic-number check,
/// not a secret comparison (a hard-coded secret is another rule's finding).
fn constant(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Lit(_) => true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => constant(&u.expr),
        Expr::Index(i) => constant(&i.expr),
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| is_const_name(&s.ident.to_string())),
        Expr::Call(c) => c.args.iter().all(constant) && !c.args.is_empty(),
        Expr::MethodCall(m) => m.args.is_empty() && constant(&m.receiver),
        _ => false,
    }
}

/// `a.session_id == b.session_id`: the same field of two values (structural).
fn same_field(l: &Expr, r: &Expr) -> bool {
    match (strip_parens_and_refs(l), strip_parens_and_refs(r)) {
        (Expr::Field(a), Expr::Field(b)) => a.member == b.member,
        _ => false,
    }
}

/// `a` is (a preserving chain on) a local whose value was computed from the
/// local `b` is: the comparison checks a value against its own transformed
/// form, not an attacker's guess against a secret. (A field of another
/// value — `msg.signature` beside a MAC computed over `msg` — is not.)
fn derived_from(cx: &Cx<'_, '_>, a: &Expr, b: &Expr) -> bool {
    let Some(f) = cx.enclosing_fn() else { return false };
    let (Some(local), Some(other)) = (preserved_local(a), preserved_local(b)) else { return false };
    if local == other {
        return false;
    }
    chain::binding_value(f, &local, chain::start_pos(a)).is_some_and(|init| {
        let init = quote::quote!(#init);
        chain::mentions_ident(&init, &other)
    })
}

/// The local a side is, through value-preserving calls: `fixed` in
/// `fixed.to_string()`, `&fixed`, `fixed.as_str()`.
fn preserved_local(e: &Expr) -> Option<String> {
    match strip_parens_and_refs(e) {
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "to_string" | "as_str" | "as_ref" | "as_bytes" | "to_owned" | "clone" | "trim" | "to_lowercase"
                ) =>
        {
            preserved_local(&m.receiver)
        }
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => preserved_local(&u.expr),
        Expr::Path(p) if p.path.segments.len() == 1 && p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    }
}

/// `decrypt(data, &password)`, `cipher.decrypt(nonce, ct)`: the value is a
/// plaintext the secret unlocked, not a function of the secret an attacker
/// could learn about by timing.
fn is_decryption(e: &Expr) -> bool {
    let name = match strip_parens_and_refs(e) {
        Expr::Try(t) => return is_decryption(&t.expr),
        Expr::Await(a) => return is_decryption(&a.base),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
            _ => return false,
        },
        Expr::MethodCall(m) => {
            let n = m.method.to_string();
            if matches!(n.as_str(), "unwrap" | "expect" | "map_err" | "ok" | "unwrap_or_default") {
                return is_decryption(&m.receiver);
            }
            n
        }
        _ => return false,
    };
    secret_names::words(&name).iter().any(|w| matches!(w.as_str(), "decrypt" | "decipher" | "unseal" | "decrypted"))
}

/// Is this side of the comparison a secret, and which?
fn secret_side(cx: &Cx<'_, '_>, e: &Expr, parser: bool, depth: u8) -> Option<Side> {
    if depth > 2 {
        return None;
    }
    let e = strip_parens_and_refs(e);
    match e {
        Expr::Index(i) => secret_side(cx, &i.expr, parser, depth),
        Expr::Unary(u) => secret_side(cx, &u.expr, parser, depth),
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if matches!(
                name.as_str(),
                "as_bytes" | "as_str" | "as_ref" | "as_slice" | "to_string" | "to_owned" | "clone" | "to_vec" | "trim"
                    | "deref" | "expose_secret" | "unwrap" | "expect" | "unwrap_or_default" | "into_bytes" | "as_deref"
                    | "to_lowercase" | "into_inner" | "finalize" | "into_bytes_vec" | "secret"
            ) {
                return secret_side(cx, &m.receiver, parser, depth);
            }
            // `req.api_key()`, `token.signature()`
            if m.args.is_empty() {
                return by_name(&name, parser);
            }
            None
        }
        Expr::Path(p) => {
            let name = p.path.segments.last()?.ident.to_string();
            if let Some(s) = by_name(&name, parser) {
                return Some(s);
            }
            // A local derived from a secret: `let digest = hash(password)`.
            if p.path.segments.len() == 1 && !is_const_name(&name) {
                return local_side(cx, &name, chain::start_pos(e), parser, depth);
            }
            None
        }
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => by_name(&n.to_string(), parser),
            syn::Member::Unnamed(_) => None,
        },
        Expr::Call(c) => {
            // `compute_hmac(..)`, `expected_signature(..)`
            let Expr::Path(p) = &*c.func else { return None };
            let name = p.path.segments.last()?.ident.to_string();
            let w = secret_names::words(&name);
            let head = w.last().map(String::as_str).unwrap_or("");
            if MAC_HEADS.contains(&head) {
                return Some(Side { name, kind: None, via: None });
            }
            if matches!(name.as_str(), "from_utf8" | "from_utf8_lossy" | "encode" | "from") && c.args.len() == 1 {
                return secret_side(cx, &c.args[0], parser, depth + 1);
            }
            None
        }
        Expr::Macro(m) if m.mac.path.is_ident("format") => {
            for a in crate::syntax::macros::parse_args_cached(&m.mac).iter() {
                if let Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &a.expr {
                    for ph in crate::syntax::macros::format_placeholders(&s.value()) {
                        if let crate::syntax::macros::Placeholder::Name(n) = ph {
                            // An inline capture: a name, or a local bound before the macro.
                            if let Some(side) = by_name(&n, parser) {
                                return Some(side);
                            }
                            let at = m.mac.path.segments.first().map(|x| chain::span_pos(x.ident.span()));
                            if let Some(side) = local_side(cx, &n, at, parser, depth + 1) {
                                return Some(side);
                            }
                        }
                    }
                } else if let Some(side) = secret_side(cx, &a.expr, parser, depth + 1) {
                    return Some(side);
                }
            }
            None
        }
        _ => None,
    }
}

/// A local whose value (bound before byte `before`) is a secret or derived
/// from one: `let digest = Md5::digest(password)`.
fn local_side(cx: &Cx<'_, '_>, name: &str, before: Option<chain::SrcPos>, parser: bool, depth: u8) -> Option<Side> {
    let f = cx.enclosing_fn()?;
    let init = chain::binding_value(f, name, before)?;
    if is_decryption(init) {
        return None;
    }
    if let Some(side) = secret_side(cx, init, parser, depth + 1) {
        return Some(Side { via: Some(name.to_string()), ..side });
    }
    match secret_names::mention_in(init) {
        Some((k, n)) if matches!(k, SecretKind::Password | SecretKind::Secret | SecretKind::Key) => {
            Some(Side { name: n, kind: Some(k), via: Some(name.to_string()) })
        }
        _ => None,
    }
}

fn by_name(name: &str, parser: bool) -> Option<Side> {
    if let Some(k) = secret_names::classify(name) {
        return Some(Side { name: name.to_string(), kind: Some(k), via: None });
    }
    let w = secret_names::words(name);
    let head = w.last().map(String::as_str).unwrap_or("");
    if MAC_HEADS.contains(&head) && !w.iter().any(|x| matches!(x.as_str(), "len" | "size" | "algorithm" | "alg" | "scheme" | "type" | "kind")) {
        return Some(Side { name: name.to_string(), kind: None, via: None });
    }
    if !parser && secret_names::is_bare_token(name) {
        return Some(Side { name: name.to_string(), kind: Some(SecretKind::Token), via: None });
    }
    None
}

/// The last identifier of a path, field or argument-less method call.
fn plain_name(e: &Expr) -> Option<String> {
    match strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => Some(n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        Expr::MethodCall(m) => plain_name(&m.receiver),
        _ => None,
    }
}

fn is_confirmation(name: &str) -> bool {
    secret_names::words(name).iter().any(|w| CONFIRM_WORDS.contains(&w.as_str()))
}

/// Inside `impl PartialEq`/`PartialOrd`/`Ord`/`Hash` or an `eq`/`cmp` method.
fn in_eq_impl(cx: &Cx<'_, '_>) -> bool {
    if cx.enclosing_fn().is_some_and(|f| matches!(f.name().as_str(), "eq" | "ne" | "cmp" | "partial_cmp" | "hash")) {
        return true;
    }
    cx.scope.impls.last().is_some_and(|i| {
        i.trait_.as_ref().is_some_and(|(p, _)| {
            p.segments.last().is_some_and(|s| matches!(s.ident.to_string().as_str(), "PartialEq" | "Eq" | "PartialOrd" | "Ord"))
        })
    })
}
