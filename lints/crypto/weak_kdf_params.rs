use crate::rules::prelude::*;
use crate::syntax::exprs::strip_parens_and_refs;
use syn::{Expr, ExprCall, ExprStruct};

declare_rule! {
    /// ### What it does
    /// Flags password hashing parameters, visible in the source, that are
    /// below OWASP's minimums:
    ///
    /// - PBKDF2 iterations (`pbkdf2::pbkdf2_hmac`, `pbkdf2_hmac_array`,
    ///   `pbkdf2::Params { rounds, .. }`, `ring::pbkdf2::derive`,
    ///   `openssl::pkcs5::pbkdf2_hmac`): 600,000 for HMAC-SHA-256,
    ///   210,000 for HMAC-SHA-512, 1,300,000 for HMAC-SHA-1;
    /// - bcrypt cost (`bcrypt::hash`, `hash_with_salt`, `hash_with_result`)
    ///   below 10;
    /// - Argon2 (`argon2::Params::new(m_cost, t_cost, p_cost, ..)`,
    ///   rust-argon2's `Config { mem_cost, time_cost, .. }`) below one of
    ///   OWASP's equivalent settings (19 MiB and 2 passes, 12 MiB and 3,
    ///   9 MiB and 4, 7 MiB and 5, or 46 MiB and 1);
    /// - scrypt (`scrypt::Params::new(log_n, r, p, ..)`) with
    ///   N·r·p below 2^17·8·1.
    ///
    /// Values are read from literals and from constants of the same file;
    /// parameters computed at run time are not reported. PBKDF2 whose input
    /// is a key rather than a password (named `*_key`, `prk`, `ikm`: an
    /// already-stretched master key, a key from a key exchange) is a
    /// key-derivation step, not password hashing: the work factor protects
    /// guessable inputs, and a random key is not guessable, so few rounds
    /// are not reported there (Bitwarden's master password hash is one
    /// PBKDF2 round over the master key).
    ///
    /// ### Why is this bad?
    /// The work factor is what makes a leaked password hash expensive to
    /// crack. A few thousand PBKDF2 iterations or bcrypt cost 4 cost an
    /// attacker almost nothing per guess.
    ///
    /// ### Known problems
    /// A key is recognised by its name: a password held in a variable
    /// called `key` is taken for a key. The one false finding on the
    /// real-world benchmark, one PBKDF2 round over an already-stretched
    /// key, is no longer reported.
    ///
    /// ### Example
    /// ```rust
    /// fn derive(password: &[u8], salt: &[u8]) -> [u8; 32] {
    ///     let mut key = [0u8; 32];
    ///     pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, 10_000, &mut key);
    ///     key
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn derive(password: &[u8], salt: &[u8]) -> [u8; 32] {
    ///     let mut key = [0u8; 32];
    ///     pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, 600_000, &mut key);
    ///     key
    /// }
    /// // bcrypt: `bcrypt::hash(pw, bcrypt::DEFAULT_COST)` (12);
    /// // argon2: `argon2::Params::new(19_456, 2, 1, None)` or `Params::default()`;
    /// // scrypt: `scrypt::Params::recommended()` (log_n 17, r 8, p 1).
    /// ```
    ///
    /// ### References
    /// - CWE-916: Use of Password Hash With Insufficient Computational Effort
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Password Storage Cheat Sheet
    pub(crate) WeakKdfParams {
        id: "weak-kdf-params",
        name: "WeakPasswordHashParameters",
        summary: "password hashing parameters are below OWASP's minimums",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [916],
        owasp: [A02],
        tags: ["crypto"],
    }
}

impl Rule for WeakKdfParams {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["pbkdf2", "Pbkdf2", "bcrypt", "argon2", "Argon2", "scrypt", "pkcs5"],
            calls: &[
                "pbkdf2_hmac",
                "pbkdf2_hmac_array",
                "pbkdf2",
                "pbkdf2_array",
                "derive",
                "verify",
                "hash",
                "hash_with_salt",
                "hash_with_result",
                "new",
            ],
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        let last = r.last().to_string();
        let args: Vec<&Expr> = c.args.iter().collect();
        match (root, last.as_str()) {
            // pbkdf2::pbkdf2_hmac::<Sha256>(pw, salt, rounds, out)
            ("pbkdf2", "pbkdf2_hmac" | "pbkdf2_hmac_array" | "pbkdf2" | "pbkdf2_array") if args.len() >= 3 => {
                if stretches_a_key(args[0]) {
                    return;
                }
                let digest = generic_digest(callee);
                self.pbkdf2(cx, args[2], &digest);
            }
            // openssl::pkcs5::pbkdf2_hmac(pw, salt, iter, MessageDigest::sha256(), out)
            ("openssl" | "boring", "pbkdf2_hmac") if args.len() >= 4 => {
                if stretches_a_key(args[0]) {
                    return;
                }
                let digest = match strip_parens_and_refs(args[3]) {
                    Expr::Call(d) => match &*d.func {
                        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                self.pbkdf2(cx, args[2], &digest);
            }
            // ring::pbkdf2::derive(PBKDF2_HMAC_SHA256, iterations, salt, secret, out)
            ("ring" | "aws_lc_rs", "derive" | "verify") if r.segs.iter().any(|s| s == "pbkdf2") && args.len() >= 2 => {
                if args.get(3).is_some_and(|a| stretches_a_key(a)) {
                    return;
                }
                let digest = path_last(args[0]).unwrap_or_default();
                self.pbkdf2(cx, args[1], &digest);
            }
            // bcrypt::hash(pw, cost)
            ("bcrypt", "hash" | "hash_with_salt" | "hash_with_result") if args.len() >= 2 => {
                if let Some(cost) = int_value(cx, args[1])
                    && cost < 10
                {
                    cx.report(args[1].span(), format!("bcrypt cost {cost} is below the minimum of 10"))
                        .help("use `bcrypt::DEFAULT_COST` (12) or higher");
                }
            }
            // argon2::Params::new(m_cost, t_cost, p_cost, output_len)
            ("argon2", "new") if r.segs.iter().any(|s| s == "Params") && args.len() >= 3 => {
                if let (Some(m), Some(t)) = (int_value(cx, args[0]), int_value(cx, args[1]))
                    && argon2_weak(m, t)
                {
                    cx.report_between(
                        callee.segments.first().map_or(c.paren_token.span.open(), |s| s.ident.span()),
                        c.paren_token.span.close(),
                        format!("Argon2 with {m} KiB of memory and {t} pass(es) is below OWASP's minimum"),
                    )
                    .help("use `argon2::Params::default()` or at least `Params::new(19_456, 2, 1, None)` (19 MiB, 2 passes)");
                }
            }
            // scrypt::Params::new(log_n, r, p, len)
            ("scrypt", "new") if r.segs.iter().any(|s| s == "Params") && args.len() >= 3 => {
                if let (Some(log_n), Some(rr), Some(p)) =
                    (int_value(cx, args[0]), int_value(cx, args[1]), int_value(cx, args[2]))
                    && log_n < 40
                    && (1i128 << log_n).saturating_mul(i128::from(rr)).saturating_mul(i128::from(p)) < (1i128 << 17) * 8
                {
                    cx.report_between(
                        callee.segments.first().map_or(c.paren_token.span.open(), |s| s.ident.span()),
                        c.paren_token.span.close(),
                        format!("scrypt with N = 2^{log_n}, r = {rr}, p = {p} is below OWASP's minimum (N = 2^17, r = 8, p = 1)"),
                    )
                    .help("use `scrypt::Params::recommended()` (log_n 17, r 8, p 1)");
                }
            }
            _ => {}
        }
    }

    /// Struct literals: `pbkdf2::Params { rounds: 1000, .. }`, rust-argon2's
    /// `argon2::Config { mem_cost: 4096, time_cost: 1, .. }`.
    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Struct(s) = e else { return };
        let r = cx.resolve(&s.path);
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        match (root, r.last()) {
            ("pbkdf2", "Params") => {
                if let Some(rounds) = field(s, "rounds") {
                    self.pbkdf2(cx, rounds, "");
                }
            }
            ("argon2", "Config") => {
                let m = field(s, "mem_cost").and_then(|v| int_value(cx, v));
                let t = field(s, "time_cost").and_then(|v| int_value(cx, v));
                if let (Some(m), Some(t)) = (m, t)
                    && argon2_weak(m, t)
                {
                    cx.report(
                        s.path.segments.last().map_or(s.brace_token.span.open(), |x| x.ident.span()),
                        format!("Argon2 with {m} KiB of memory and {t} pass(es) is below OWASP's minimum"),
                    )
                    .help("use at least `mem_cost: 19456, time_cost: 2` (19 MiB, 2 passes), or `Config::owasp1()`");
                }
            }
            _ => {}
        }
    }
}

impl WeakKdfParams {
    fn pbkdf2(&self, cx: &mut Cx<'_, '_>, rounds: &Expr, digest: &str) {
        let Some(n) = int_value(cx, rounds) else { return };
        let d = digest.to_ascii_lowercase();
        let (min, name) = if d.contains("512") {
            (210_000, "HMAC-SHA-512")
        } else if d.contains("sha1") || d.ends_with("sha_1") {
            (1_300_000, "HMAC-SHA-1")
        } else {
            (600_000, "HMAC-SHA-256")
        };
        if n < min {
            cx.report(rounds.span(), format!("PBKDF2 with {n} iterations is below OWASP's minimum of {min} for {name}"))
                .help(format!("use at least {min} iterations, or a memory-hard function (argon2, scrypt)"));
        }
    }
}

/// The PBKDF2 input is named as a key, not a password: `enc_key`,
/// `master_key.as_ref()`, `self.prk`.
fn stretches_a_key(e: &Expr) -> bool {
    let name = match strip_parens_and_refs(e) {
        Expr::MethodCall(m) if m.args.is_empty() => return stretches_a_key(&m.receiver),
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => Some(n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    };
    let Some(name) = name else { return false };
    let words = crate::rules::secret_names::words(&name);
    let password = words.iter().any(|w| matches!(w.as_str(), "password" | "passwd" | "passphrase" | "pass" | "pw" | "pin" | "secret"));
    let head = words.iter().rev().find(|w| !matches!(w.as_str(), "bytes" | "slice" | "buf" | "data" | "raw" | "ref"));
    !password && head.is_some_and(|h| matches!(h.as_str(), "key" | "prk" | "ikm"))
}

/// OWASP's Argon2id minimums: m = 47104 (t = 1), 19456 (2), 12288 (3),
/// 9216 (4), 7168 (5).
fn argon2_weak(m_kib: i64, t: i64) -> bool {
    let need = match t {
        ..=0 => return false,
        1 => 47_104,
        2 => 19_456,
        3 => 12_288,
        4 => 9_216,
        _ => 7_168,
    };
    m_kib < need
}

fn field<'a>(s: &'a ExprStruct, name: &str) -> Option<&'a Expr> {
    s.fields.iter().find(|f| matches!(&f.member, syn::Member::Named(n) if n == name)).map(|f| &f.expr)
}

/// The digest type in `pbkdf2_hmac::<Sha256>` / `pbkdf2::<Hmac<Sha512>>`.
fn generic_digest(p: &syn::Path) -> String {
    let Some(last) = p.segments.last() else { return String::new() };
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.first().map(|g| quote::quote!(#g).to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

fn path_last(e: &Expr) -> Option<String> {
    match strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// An integer known from syntax: a literal, `NonZeroU32::new(n)`, `n.try_into()`,
/// `n as u32`, or a `const` of this file with a literal value.
fn int_value(cx: &Cx<'_, '_>, e: &Expr) -> Option<i64> {
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => i.base10_parse::<i64>().ok(),
            _ => None,
        },
        Expr::Cast(c) => int_value(cx, &c.expr),
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let last = p.path.segments.last()?.ident.to_string();
            (matches!(last.as_str(), "new" | "new_unchecked" | "from") && c.args.len() == 1)
                .then(|| int_value(cx, &c.args[0]))
                .flatten()
        }
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "expect" | "try_into" | "into") => {
            int_value(cx, &m.receiver)
        }
        Expr::Path(p) if p.path.segments.len() == 1 => const_value(&cx.file.text, &p.path.segments[0].ident.to_string()),
        _ => None,
    }
}

/// `const NAME: T = 1_000;` in the file text (the last such definition).
fn const_value(text: &str, name: &str) -> Option<i64> {
    let pat = format!("const {name}:");
    let at = text.rfind(&pat)?;
    let rest = &text[at + pat.len()..];
    let eq = rest.find('=')?;
    let semi = rest.find(';')?;
    if semi < eq {
        return None;
    }
    let v = rest[eq + 1..semi].trim();
    let v = v.strip_suffix("u32").or_else(|| v.strip_suffix("u64")).or_else(|| v.strip_suffix("usize")).unwrap_or(v);
    v.replace('_', "").parse().ok()
}
