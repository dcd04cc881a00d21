use crate::rules::prelude::*;
use crate::rules::chain;
use crate::rules::secret_names::{self, SecretKind};
use syn::{Expr, ExprMethodCall, ExprPath};

declare_rule! {
    /// ### What it does
    /// Flags passwords hashed with a fast, general-purpose hash: SHA-2
    /// (`sha2::Sha256`/`Sha512`, `ring::digest::SHA256`,
    /// `openssl::sha::sha256`, `MessageDigest::sha256()`), SHA-3, BLAKE2 and
    /// BLAKE3 — one-shot (`Sha256::digest(password)`), incremental
    /// (`hasher.update(password)`) or chained (`.chain_update(password)`).
    /// Not reported when the function also calls a password hashing function
    /// (pre-hashing before bcrypt is a known pattern). MD5 and SHA-1 are
    /// reported by `weak-hash`.
    ///
    /// ### Why is this bad?
    /// These hashes are designed to be fast: a GPU computes billions of
    /// SHA-256 digests per second, so a leaked table of salted SHA-256
    /// password digests is cracked almost as quickly as an unsalted one.
    /// Password hashing functions are deliberately slow and memory-hard, and
    /// their cost can grow with hardware.
    ///
    /// ### Example
    /// ```rust
    /// use sha2::{Digest, Sha256};
    /// fn hash_password(password: &str, salt: &[u8]) -> Vec<u8> {
    ///     let mut h = Sha256::new();
    ///     h.update(salt);
    ///     h.update(password.as_bytes());
    ///     h.finalize().to_vec()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// // argon2 (recommended): PHC string with a random salt.
    /// use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    /// fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    ///     let salt = SaltString::generate(&mut OsRng);
    ///     Ok(argon2::Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
    /// }
    /// // bcrypt: `bcrypt::hash(password, bcrypt::DEFAULT_COST)`;
    /// // scrypt: `scrypt::Scrypt.hash_password(password.as_bytes(), &salt)`;
    /// // PBKDF2: `pbkdf2::pbkdf2_hmac::<Sha256>(pw, salt, 600_000, &mut key)`,
    /// // `ring::pbkdf2::derive(PBKDF2_HMAC_SHA256, 600_000.try_into()?, ..)`,
    /// // `openssl::pkcs5::pbkdf2_hmac(pw, salt, 600_000, MessageDigest::sha256(), &mut key)`.
    /// ```
    ///
    /// ### References
    /// - CWE-916: Use of Password Hash With Insufficient Computational Effort
    /// - CWE-328: Use of Weak Hash
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Password Storage Cheat Sheet
    pub(crate) PasswordHashFast {
        id: "password-hash-fast",
        name: "PasswordHashedWithFastHash",
        summary: "a password is hashed with a fast general-purpose hash instead of a password hashing function",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 1, judged: 1, tp: 0, debatable: 1, when: "session 8 (a328b37)" },
        ],
        cwe: [916, 328],
        owasp: [A02],
        tags: ["crypto"],
    }
}

/// Crates of fast hashes.
const FAST_CRATES: &[&str] = &["sha2", "sha3", "blake2", "blake3", "ring", "aws_lc_rs", "openssl", "boring", "tiny_keccak", "crypto"];

/// Hasher types of those crates.
const FAST_TYPES: &[&str] = &[
    "Sha224", "Sha256", "Sha384", "Sha512", "Sha512_224", "Sha512_256", "Sha3_224", "Sha3_256", "Sha3_384", "Sha3_512",
    "Keccak256", "Keccak512", "Blake2b", "Blake2s", "Blake2b512", "Blake2s256", "Blake2bVar", "Hasher", "Keccak", "Sha3",
];

/// `ring::digest` algorithm constants.
const RING_ALGS: &[&str] = &["SHA256", "SHA384", "SHA512", "SHA512_256"];

/// Free functions that hash their argument.
const ONE_SHOT: &[&str] = &[
    "openssl::sha::sha224",
    "openssl::sha::sha256",
    "openssl::sha::sha384",
    "openssl::sha::sha512",
    "boring::sha::sha256",
    "boring::sha::sha512",
    "blake3::hash",
    "blake3::keyed_hash",
];

/// Calls that show the password also goes through a real password hash.
const KDF_HINTS: &[&str] = &[
    "bcrypt", "argon2", "Argon2", "scrypt", "Scrypt", "pbkdf2", "Pbkdf2", "hash_password", "hash_encoded", "hash_raw",
    "derive", "pbkdf2_hmac", "PasswordHasher", "hash_with_salt",
];

impl Rule for PasswordHashFast {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["pass", "pwd", "pw"],
            methods: &["update", "chain_update", "chain", "input", "input_str"],
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    /// One-shot hashes: `Sha256::digest(password)`, `sha256(password)`,
    /// `digest(&SHA256, password)`, `hash(MessageDigest::sha256(), pw)`.
    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Call(c) = e else { return };
        let Expr::Path(p) = &*c.func else { return };
        const NAMES: &[&str] = &["digest", "new_with_prefix", "hash", "sha224", "sha256", "sha384", "sha512", "keyed_hash"];
        if !p.path.segments.last().is_some_and(|s| NAMES.iter().any(|n| s.ident == n)) {
            return;
        }
        let Some(algo) = one_shot(cx, p, &c.args) else { return };
        let Some(arg) = c.args.iter().find_map(password_in) else { return };
        if uses_kdf(cx) {
            return;
        }
        let first = p.path.segments.first().map(|s| s.ident.span());
        let last = p.path.segments.last().map(|s| s.ident.span());
        if let (Some(a), Some(b)) = (first, last) {
            report(cx, a, b, &algo, &arg);
        }
    }

    /// Incremental hashing: `h.update(password)` where `h` is a fast hasher,
    /// or `Sha256::new().chain_update(password)`.
    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        let Some(pw) = password_in(arg) else { return };
        let chain = chain::down(m);
        let root = match chain::local_name(chain.root) {
            Some(name) => {
                let Some(f) = cx.enclosing_fn().copied() else { return };
                match chain::local_init(&f, &name, chain::start_pos(chain.root)).and_then(|l| l.init.as_ref()) {
                    Some(init) => &*init.expr,
                    None => return,
                }
            }
            None => chain.root,
        };
        let Some(algo) = hasher_ctor(cx, root) else { return };
        if uses_kdf(cx) {
            return;
        }
        report(cx, m.method.span(), m.paren_token.span.close(), &algo, &pw);
    }
}

fn report(cx: &mut Cx<'_, '_>, from: proc_macro2::Span, to: proc_macro2::Span, algo: &str, pw: &str) {
    cx.report_between(from, to, format!("password `{pw}` is hashed with {algo}, a fast hash"))
        .help("use a password hashing function: `argon2::Argon2::default().hash_password(..)`, `scrypt`, `bcrypt::hash(pw, DEFAULT_COST)`, or PBKDF2-HMAC-SHA256 with ≥ 600,000 iterations; verify with the same crate's `verify_password`");
}

/// The name of the password in an expression, if one is hashed.
fn password_in(e: &Expr) -> Option<String> {
    match secret_names::mention_in(e) {
        Some((SecretKind::Password, n)) => Some(n),
        _ => None,
    }
}

/// A one-shot hash call and its algorithm.
fn one_shot(cx: &Cx<'_, '_>, p: &ExprPath, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Option<String> {
    let r = cx.resolve(&p.path);
    if let Some(f) = ONE_SHOT.iter().find(|f| r.is(f)) {
        return Some(f.rsplit("::").next().unwrap_or(f).to_uppercase());
    }
    let segs = &p.path.segments;
    let last = segs.last()?.ident.to_string();
    // `Sha256::digest(pw)`
    if segs.len() >= 2 && matches!(last.as_str(), "digest" | "new_with_prefix") {
        let ty = segs[segs.len() - 2].ident.to_string();
        if FAST_TYPES.contains(&ty.as_str()) && ty != "Hasher" && from_fast_crate(cx, &r) {
            return Some(ty);
        }
    }
    // `digest(&SHA256, pw)`, `hash(MessageDigest::sha256(), pw)`
    if matches!(last.as_str(), "digest" | "hash") && args.len() == 2 {
        return algorithm_arg(cx, &args[0]);
    }
    None
}

/// The resolved path is from a fast-hash crate, or written without an import.
fn from_fast_crate(cx: &Cx<'_, '_>, r: &crate::syntax::paths::Resolved) -> bool {
    let _ = cx;
    !r.via_import || r.segs.first().is_some_and(|s| FAST_CRATES.contains(&s.as_str()))
}

/// `&digest::SHA256` / `MessageDigest::sha256()` as an algorithm argument.
fn algorithm_arg(cx: &Cx<'_, '_>, e: &Expr) -> Option<String> {
    match crate::syntax::exprs::strip_parens_and_refs(e) {
        Expr::Path(p) => {
            let last = p.path.segments.last()?.ident.to_string();
            let r = cx.resolve(&p.path);
            let ring = r.segs.first().is_some_and(|s| s == "ring" || s == "aws_lc_rs") || !r.via_import;
            (RING_ALGS.contains(&last.as_str()) && ring).then(|| last.replace('_', "-"))
        }
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let segs = &p.path.segments;
            let last = segs.last()?.ident.to_string();
            (segs.len() >= 2 && segs[segs.len() - 2].ident == "MessageDigest" && last.starts_with("sha") && last != "sha1")
                .then(|| last.to_uppercase())
        }
        _ => None,
    }
}

/// `Sha256::new()`, `Sha512::default()`, `blake3::Hasher::new()`,
/// `Context::new(&SHA256)`, `Hasher::new(MessageDigest::sha256())`.
fn hasher_ctor(cx: &Cx<'_, '_>, e: &Expr) -> Option<String> {
    let e = strip_try(e);
    let Expr::Call(c) = e else { return None };
    let Expr::Path(p) = &*c.func else { return None };
    let segs = &p.path.segments;
    if segs.len() < 2 {
        return None;
    }
    let last = segs.last()?.ident.to_string();
    if !matches!(last.as_str(), "new" | "default" | "new_with_prefix") {
        return None;
    }
    let ty = segs[segs.len() - 2].ident.to_string();
    let r = cx.resolve(&p.path);
    match ty.as_str() {
        "Hasher" if r.segs.first().is_some_and(|s| s == "blake3") => Some("BLAKE3".into()),
        "Hasher" | "Context" => c.args.first().and_then(|a| algorithm_arg(cx, a)),
        t if FAST_TYPES.contains(&t) && from_fast_crate(cx, &r) => Some(t.to_string()),
        _ => None,
    }
}

fn strip_try(e: &Expr) -> &Expr {
    match e {
        Expr::Try(t) => strip_try(&t.expr),
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "expect") => strip_try(&m.receiver),
        Expr::Paren(p) => strip_try(&p.expr),
        _ => e,
    }
}

/// The enclosing function also runs a password hashing function (the fast
/// hash is a pre-hash), or is itself part of a KDF.
fn uses_kdf(cx: &Cx<'_, '_>) -> bool {
    let Some(f) = cx.enclosing_fn() else { return false };
    let name = f.name();
    if ["bcrypt", "argon2", "scrypt", "pbkdf2", "hkdf"].iter().any(|k| name.contains(k)) {
        return true;
    }
    let mut hit = false;
    struct Find<'a> {
        hit: &'a mut bool,
    }
    impl<'ast> syn::visit::Visit<'ast> for Find<'_> {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            if p.segments.iter().any(|s| {
                let n = s.ident.to_string();
                KDF_HINTS.iter().any(|k| n == *k || n.starts_with(k))
            }) {
                *self.hit = true;
            }
            syn::visit::visit_path(self, p);
        }
        fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
            let n = m.method.to_string();
            if KDF_HINTS.contains(&n.as_str()) {
                *self.hit = true;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    syn::visit::Visit::visit_block(&mut Find { hit: &mut hit }, f.block);
    hit
}
