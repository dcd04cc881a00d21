use crate::rules::prelude::*;
use crate::rules::{OptionKind, RuleOption};
use crate::rules::chain::{self, Dest, NodeId};
use crate::syntax::paths::Resolved;
use crate::rules::secret_names::{self, SecretKind};
use syn::{Expr, ExprMethodCall, ExprPath};

declare_rule! {
    /// ### What it does
    /// Flags MD5 and SHA-1, whichever crate provides them: RustCrypto's
    /// `md-5` and `sha1`/`sha-1` (`Md5`, `Sha1`), the `md5` crate
    /// (`md5::compute`, `md5::Context`), `sha1_smol`, rust-crypto,
    /// `crypto-hash` (`Algorithm::MD5`/`SHA1`),
    /// `ring::digest::SHA1_FOR_LEGACY_USE_ONLY` (and aws-lc-rs), OpenSSL and
    /// BoringSSL (`MessageDigest::md5()`/`sha1()`, `openssl::sha::sha1`).
    /// Also flags `std::hash::Hasher` implementations (`DefaultHasher`,
    /// SipHash, FxHash, aHash, FNV) used to hash a password or to make a
    /// token, key or MAC: they are not cryptographic at all.
    ///
    /// Like CodeQL's "use of a broken or weak cryptographic hashing
    /// algorithm on sensitive data", it reports by default only where
    /// security depends on the hash (**high**): what is hashed is sensitive
    /// by name (a password, secret, token, key or credential), or the
    /// digest is made into a key, token, MAC or signature. A broken hash
    /// that a signature scheme uses only when the peer asks for it — one
    /// branch of an `if`/`match` whose other branches use SHA-2, SHA-3 or
    /// BLAKE (SSH's legacy `ssh-rsa`) — is the peer's choice and is not
    /// reported by default.
    ///
    /// With the option `sensitive-data-only = false` it reports every use:
    /// **medium** in functions about signing, verifying, encryption or
    /// authentication, **low** otherwise (most such uses are identifiers
    /// and checksums), and negotiated fallbacks at their severity.
    ///
    /// Never reported: uses that name a non-security purpose (ETag,
    /// checksum, cache key, content-addressing, UUID v3/v5, Gravatar) and
    /// hashes a protocol mandates (the WebSocket accept key; HTTP and SIP
    /// Digest authentication, whose `realm` and `nonce` give it away);
    /// HMAC-SHA1 and PBKDF2-HMAC-SHA1 (HMAC does not rely on collision
    /// resistance). Password hashing with a fast hash, weak or not, is
    /// also `password-hash-fast`'s finding.
    ///
    /// ### Why is this bad?
    /// Practical collision attacks exist for both MD5 and SHA-1 (chosen-prefix
    /// collisions, SHAttered): an attacker can make two different inputs
    /// with the same digest, which breaks signatures, integrity checks and
    /// anything that treats the digest as an identity. For passwords they
    /// are worse still: they are fast, so leaked digests are cracked at
    /// billions of guesses per second.
    ///
    /// ### Known problems
    /// Sensitivity is read from names: a password in a variable called
    /// `input` is missed unless it was bound from a named one. Before the
    /// default was limited to sensitive data and protocol-mandated uses
    /// were left out it had 5 findings on the real-world benchmark: 4
    /// debatable (MD5 in HTTP Digest authentication) and 1 false (a
    /// negotiated `ssh-rsa` signature). On the bench corpus its 2 findings
    /// are protocol-mandated password hashes (PostgreSQL's md5 and MySQL's
    /// native authentication), judged debatable.
    ///
    /// ### Example
    /// ```rust
    /// use md5::{Digest, Md5};
    /// fn password_digest(password: &str) -> Vec<u8> {
    ///     Md5::digest(password.as_bytes()).to_vec()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// // Passwords: a password hashing function (argon2, scrypt, bcrypt).
    /// use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    /// fn password_digest(password: &str) -> Result<String, argon2::password_hash::Error> {
    ///     let salt = SaltString::generate(&mut OsRng);
    ///     Ok(argon2::Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
    /// }
    /// // Integrity and identifiers: SHA-256 (`sha2::Sha256::digest(data)`),
    /// // `ring::digest::digest(&ring::digest::SHA256, data)`,
    /// // `openssl::hash::hash(MessageDigest::sha256(), data)` or BLAKE3.
    /// ```
    ///
    /// ### References
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    /// - CWE-328: Use of Weak Hash
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Password Storage Cheat Sheet
    pub(crate) WeakHash {
        id: "weak-hash",
        name: "BrokenHashFunction",
        summary: "MD5, SHA-1 or a non-cryptographic hasher is used where security depends on it",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 2, judged: 2, tp: 0, debatable: 2, when: "session 8 (a328b37)" },
        ],
        cwe: [327, 328],
        owasp: [A02],
        tags: ["crypto"],
        options: [RuleOption {
            name: "sensitive-data-only",
            kind: OptionKind::Bool,
            default: "true",
            doc: "report only hashes of sensitive data and digests used as keys, tokens, MACs or signatures; `false` reports every use of MD5 or SHA-1",
        }],
    }
}

/// Crate roots that provide MD5/SHA-1 types named `Md5`/`Sha1`.
const HASH_CRATES: &[&str] =
    &["md5", "md_5", "sha1", "sha_1", "sha1_smol", "openssl", "boring", "crypto", "sha1collisiondetection"];

/// Words in a binding or function name that say the digest is not used for
/// security.
const BENIGN_WORDS: &[&str] = &[
    "etag", "checksum", "checksums", "cache", "cached", "dedup", "dedupe", "uuid", "guid", "websocket", "ws", "accept",
    "gravatar", "content", "fingerprint", "shard", "bucket", "partition", "crc", "legacy", "compat", "md5sum",
    "sha1sum", "git", "oid", "object", "blob", "integrity", "filename", "file", "path", "url", "key_for", "cid",
];

impl Rule for WeakHash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["Md5", "md5", "Sha1", "sha1", "SHA1", "MD5", "Hasher", "SipHash"],
            methods: &["finish"],
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Path(p) = e else { return };
        if !may_name_weak_hash(p) {
            return;
        }
        let Some(algo) = weak_algorithm(cx, p) else { return };
        // Only the path that names the function (`Md5::digest` in
        // `Md5::digest(x)`, `MessageDigest::md5` in `MessageDigest::md5()`),
        // and paths used as values (`&SHA1_FOR_LEGACY_USE_ONLY`).
        let own_call = parent_call(cx, e);
        // An algorithm selector (`MessageDigest::md5()`,
        // `&SHA1_FOR_LEGACY_USE_ONLY`, `Algorithm::MD5`): what is hashed and
        // where the digest goes are the business of the call it is passed to.
        let (call, up) = if is_selector(p) {
            let skip = usize::from(own_call.is_some());
            let outer = cx.ancestors().enumerate().skip(skip).find_map(|(i, a)| match a {
                crate::rules::cx::Ancestor::Expr(Expr::Call(c)) => Some((i, Some(c), NodeId::of(c), callee_name(&c.func))),
                crate::rules::cx::Ancestor::Expr(Expr::MethodCall(m)) => Some((i, None, NodeId::of(m), m.method.to_string())),
                _ => None,
            });
            // Outside a function (a `static` alias, a macro table) or only
            // wrapped (`Some(&SHA1)` in a name → algorithm lookup): not a use.
            if cx.enclosing_fn().is_none() {
                return;
            }
            match outer {
                // `let md = MessageDigest::sha1();`
                None => {
                    let up = up_from_path(cx, p, own_call);
                    if !matches!(up.dest, Some(Dest::Let(..))) {
                        return;
                    }
                    (own_call, up)
                }
                Some((_, _, _, name)) if matches!(name.as_str(), "Some" | "Ok" | "Box" | "Arc") => return,
                Some((_, _, _, name)) if name.contains("hmac") || name.contains("pbkdf2") || name == "Hmac" => return,
                Some((i, c, id, _)) => (c, chain::up_at(cx, id, i + 1)),
            }
        } else {
            (own_call, up_from_path(cx, p, own_call))
        };
        // `SigningKey::<Sha1>::new(rsa_key)`: the arguments of a type the
        // hash only parameterises are not what is hashed.
        let input = input_of(cx, if parameterises(p) { None } else { call }, &up);
        let dest = up.dest.clone();
        if is_benign(cx, dest.as_ref()) {
            return;
        }
        let secret_out = dest.as_ref().and_then(|d| secret_output(d.name()));
        let every_use = !cx.opt_bool("sensitive-data-only");
        let (sev, why) = match (&input, &secret_out) {
            (Some((k, name)), _) => (Severity::High, format!(" to hash {} (`{name}`)", k.describe())),
            // A legacy algorithm the peer may ask for beside stronger ones.
            (None, Some(_)) if !every_use && negotiated(cx) => return,
            (None, Some(name)) => (Severity::High, format!(" to make `{name}`")),
            (None, None) if !every_use => return,
            (None, None) if security_context(cx) => (Severity::Medium, " in security-related code".to_string()),
            // Most remaining uses are identifiers and checksums: worth
            // knowing about, rarely a vulnerability.
            (None, None) => (Severity::Low, String::new()),
        };
        let help = if matches!(input, Some((SecretKind::Password, _))) {
            "hash passwords with a password hashing function: `argon2::Argon2::default().hash_password(..)`, `scrypt`, `bcrypt::hash(pw, DEFAULT_COST)` or PBKDF2 with ≥ 600,000 iterations"
        } else {
            "use SHA-256 or better (`sha2::Sha256`, `ring::digest::SHA256`, `MessageDigest::sha256()`, BLAKE3); for MACs use HMAC-SHA-256; for passwords use argon2, scrypt or bcrypt"
        };
        let first = p.path.segments.first().map(|s| s.ident.span());
        let last = p.path.segments.last().map(|s| s.ident.span());
        if let (Some(a), Some(b)) = (first, last) {
            cx.report_between(a, b, format!("{algo} is a broken hash function{why}")).severity(sev).help(help);
        }
    }

    /// `DefaultHasher`-style hashers: reported at `finish()` when they hash
    /// a password or make a secret.
    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if !m.args.is_empty() {
            return;
        }
        let Some(name) = chain::local_name(&m.receiver) else { return };
        let Some(f) = cx.enclosing_fn().copied() else { return };
        let Some(init) = chain::local_init(&f, &name, None).and_then(|l| l.init.as_ref()) else { return };
        let Some(hasher) = std_hasher(cx, &init.expr) else { return };
        // What was fed to it: `x.hash(&mut h)`, `h.write(x)`, `h.write_str(x)`.
        let mut input = None;
        for c in chain::calls_on(f.block, &name) {
            if c.method.to_string().starts_with("write") {
                input = input.or_else(|| c.args.first().and_then(secret_names::mention_in));
            }
        }
        input = input.or_else(|| hashed_into(f.block, &name));
        let up = chain::up(cx, NodeId::of(m));
        let out = up.dest.as_ref().and_then(|d| secret_output(d.name()));
        let why = match (&input, &out) {
            (Some((k, n)), _) => format!("hashes {} (`{n}`)", k.describe()),
            (None, Some(n)) => format!("makes `{n}`"),
            (None, None) => return,
        };
        cx.report_between(m.method.span(), m.paren_token.span.close(), format!("`{hasher}` is not a cryptographic hash but {why}"))
            .severity(Severity::High)
            .help("use a password hashing function (argon2, scrypt, bcrypt) for passwords, `rand::rngs::OsRng` for tokens, HMAC-SHA-256 for MACs");
    }
}

/// Cheap syntactic filter before name resolution (no allocation): a segment
/// with a relevant name, a turbofish, or a `<T as Trait>` path.
fn may_name_weak_hash(p: &ExprPath) -> bool {
    const NAMES: &[&str] = &[
        "Md5", "Sha1", "Md5Core", "Sha1Core", "compute", "Context", "sha1", "md5", "SHA1_FOR_LEGACY_USE_ONLY",
        "MessageDigest", "Algorithm",
    ];
    p.qself.is_some()
        || p.path.segments.iter().any(|s| {
            NAMES.iter().any(|n| s.ident == n) || matches!(s.arguments, syn::PathArguments::AngleBracketed(_))
        })
}

/// The algorithm a path names, if it is MD5 or SHA-1.
fn weak_algorithm(cx: &Cx<'_, '_>, p: &ExprPath) -> Option<&'static str> {
    // `<Md5 as Digest>::digest`
    if let Some(q) = &p.qself
        && let syn::Type::Path(tp) = &*q.ty
    {
        return type_algorithm(cx, &cx.resolve(&tp.path), &tp.path);
    }
    let segs = &p.path.segments;
    let last = segs.last()?.ident.to_string();
    if last == "SHA1_FOR_LEGACY_USE_ONLY" {
        return Some("SHA-1");
    }
    let r = cx.resolve(&p.path);
    // `md5::compute(..)`, `md5::Context::new()` (the `md5` crate).
    if r.segs.first().is_some_and(|s| s == "md5")
        && (r.is("md5::compute") || r.segs.get(1).is_some_and(|s| s == "Context"))
        && !defines_locally(cx, "compute")
    {
        return Some("MD5");
    }
    // `openssl::sha::sha1(..)`
    if r.is("openssl::sha::sha1") || r.is("boring::sha::sha1") {
        return Some("SHA-1");
    }
    // `MessageDigest::md5()` / `MessageDigest::sha1()`
    if segs.len() >= 2 && segs[segs.len() - 2].ident == "MessageDigest" {
        let root_ok = !r.via_import || matches!(r.segs.first().map(String::as_str), Some("openssl" | "boring"));
        if root_ok {
            match last.as_str() {
                "md5" => return Some("MD5"),
                "sha1" => return Some("SHA-1"),
                _ => {}
            }
        }
    }
    // `crypto_hash::Algorithm::MD5`
    if r.segs.first().is_some_and(|s| s == "crypto_hash") && segs.len() >= 2 && segs[segs.len() - 2].ident == "Algorithm" {
        match last.as_str() {
            "MD5" => return Some("MD5"),
            "SHA1" => return Some("SHA-1"),
            _ => {}
        }
    }
    // `Md5::new()`, `sha1::Sha1::digest(..)`, `Sha1::from(..)`: a type
    // segment followed by an associated function.
    if segs.len() >= 2 {
        let ty_path = syn::Path {
            leading_colon: p.path.leading_colon,
            segments: segs.iter().take(segs.len() - 1).cloned().collect(),
        };
        if let Some(a) = type_algorithm(cx, &cx.resolve(&ty_path), &ty_path) {
            return Some(a);
        }
    }
    // Turbofish: `Hasher::<Md5>::new()` (not HMAC, not PBKDF2).
    // HMAC, HKDF, PBKDF2, RSA-OAEP and RSA-PSS do not rely on collision resistance.
    let keyed = |s: &syn::PathSegment| {
        let n = s.ident.to_string();
        matches!(n.as_str(), "Hmac" | "SimpleHmac" | "Hkdf" | "SimpleHkdf" | "Oaep" | "Pss" | "BlindedSigningKey") || n.starts_with("pbkdf2")
    };
    if !segs.iter().any(keyed) {
        for s in segs {
            if let syn::PathArguments::AngleBracketed(a) = &s.arguments {
                for g in &a.args {
                    if let syn::GenericArgument::Type(syn::Type::Path(tp)) = g
                        && let Some(a) = type_algorithm(cx, &cx.resolve(&tp.path), &tp.path)
                    {
                        return Some(a);
                    }
                }
            }
        }
    }
    None
}

/// `Md5`/`Sha1` (and their `*Core` types) from a hashing crate.
fn type_algorithm(cx: &Cx<'_, '_>, r: &Resolved, written: &syn::Path) -> Option<&'static str> {
    let name = r.last();
    let algo = match name {
        "Md5" | "Md5Core" => "MD5",
        "Sha1" | "Sha1Core" | "Sha1Smol" => "SHA-1",
        _ => return None,
    };
    if r.via_import {
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        return HASH_CRATES.contains(&root).then_some(algo);
    }
    // Written without an import: `md5::Md5` (crate path) or a bare `Md5`
    // brought in by a glob; not a type of this file's own.
    let root = written.segments.first().map(|s| s.ident.to_string()).unwrap_or_default();
    if written.segments.len() > 1 {
        return HASH_CRATES.contains(&root.as_str()).then_some(algo);
    }
    let glob = HASH_CRATES.iter().any(|c| cx.file.imports.has_glob(c));
    (glob && !defines_locally(cx, name)).then_some(algo)
}

/// The file defines an item of this name itself.
fn defines_locally(cx: &Cx<'_, '_>, name: &str) -> bool {
    [format!("struct {name}"), format!("type {name}"), format!("fn {name}("), format!("enum {name}")]
        .iter()
        .any(|p| cx.file.text_contains(p))
}

/// Where the value of the path (or of the call it is the function of) goes.
fn up_from_path<'ast>(cx: &Cx<'_, 'ast>, p: &'ast ExprPath, own_call: Option<&'ast syn::ExprCall>) -> chain::Up<'ast> {
    match own_call {
        Some(c) => chain::up_at(cx, NodeId::of(c), 1),
        None => chain::up(cx, NodeId::of(p)),
    }
}

/// The weak hash is only a type argument of another type's function
/// (`SigningKey::<Sha1>::new(key)`, `Pkcs1v15Sign::new::<Sha1>()`), not a
/// hash type's own (`Sha1::digest(data)`, `<Md5 as Digest>::digest(data)`).
fn parameterises(p: &ExprPath) -> bool {
    p.qself.is_none()
        && p.path.segments.iter().any(|s| matches!(s.arguments, syn::PathArguments::AngleBracketed(_)))
        && !p.path.segments.iter().any(|s| {
            let n = s.ident.to_string().to_ascii_lowercase();
            n.starts_with("md5") || n.starts_with("sha1")
        })
}

/// Inside an `if`/`match` whose other branches use a strong hash: the
/// broken one is a compatibility choice of the peer (`ssh-rsa` beside
/// `rsa-sha2-256`), not the program's.
fn negotiated(cx: &Cx<'_, '_>) -> bool {
    const STRONG: &[&str] = &["Sha256", "Sha384", "Sha512", "sha256", "sha384", "sha512", "SHA256", "SHA384", "SHA512", "Sha3_256", "Sha3_512", "Blake2b", "Blake2s", "blake3", "Blake3"];
    cx.ancestors().any(|a| {
        let crate::rules::cx::Ancestor::Expr(e @ (Expr::If(_) | Expr::Match(_))) = a else { return false };
        let text = cx.file.snippet(e.span());
        STRONG.iter().any(|s| text.contains(s))
    })
}

/// Paths that select an algorithm rather than hash.
fn is_selector(p: &ExprPath) -> bool {
    let segs = &p.path.segments;
    let last = segs.last().map(|s| s.ident.to_string()).unwrap_or_default();
    let prev = if segs.len() >= 2 { segs[segs.len() - 2].ident.to_string() } else { String::new() };
    last == "SHA1_FOR_LEGACY_USE_ONLY" || prev == "MessageDigest" || prev == "Algorithm"
}

fn callee_name(e: &Expr) -> String {
    match e {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The call whose function is this path (`Md5::digest` in `Md5::digest(x)`).
fn parent_call<'ast>(cx: &Cx<'_, 'ast>, e: &'ast Expr) -> Option<&'ast syn::ExprCall> {
    match cx.ancestors().next() {
        Some(crate::rules::cx::Ancestor::Expr(Expr::Call(c))) if std::ptr::eq(&*c.func, e) => Some(c),
        _ => None,
    }
}

/// A password-like value among what is hashed: the call's arguments, the
/// `update`/`chain_update` calls of the chain, or of the local the hasher
/// is bound to.
fn input_of<'ast>(
    cx: &Cx<'_, 'ast>,
    call: Option<&'ast syn::ExprCall>,
    up: &chain::Up<'ast>,
) -> Option<(SecretKind, String)> {
    let feeds = |m: &ExprMethodCall| {
        matches!(m.method.to_string().as_str(), "update" | "chain_update" | "chain" | "input" | "consume" | "write_all")
    };
    let secretish = |r: &Option<(SecretKind, String)>| r.as_ref().is_some_and(|(k, _)| *k != SecretKind::Code);
    if let Some(c) = call {
        for a in &c.args {
            let r = secret_names::mention_in(a);
            if secretish(&r) {
                return r;
            }
        }
    }
    for m in up.calls.iter().filter(|m| feeds(m)) {
        if let Some(a) = m.args.first() {
            let r = secret_names::mention_in(a);
            if secretish(&r) {
                return r;
            }
        }
    }
    if let Some(Dest::Let(name, _)) = &up.dest
        && let Some(f) = cx.enclosing_fn()
    {
        for m in chain::calls_on(f.block, name).into_iter().filter(|m| feeds(m)) {
            if let Some(a) = m.args.first() {
                let r = secret_names::mention_in(a);
                if secretish(&r) {
                    return r;
                }
            }
        }
    }
    None
}

/// The digest is bound to or returned as a key, token, MAC or signature.
fn secret_output(name: &str) -> Option<String> {
    let w = secret_names::words(name);
    let head = w.last().map_or("", String::as_str);
    let out = secret_names::classify(name).is_some()
        || secret_names::is_unpredictable_value(name)
        || matches!(head, "mac" | "hmac" | "signature" | "sig" | "key" | "secret")
        || w.iter().any(|x| matches!(x.as_str(), "sign" | "token" | "signature"));
    out.then(|| name.to_string())
}

/// The enclosing function's name says it signs, verifies, authenticates or
/// encrypts.
fn security_context(cx: &Cx<'_, '_>) -> bool {
    cx.enclosing_fn().is_some_and(|f| {
        secret_names::words(&f.name()).iter().any(|w| SECURITY_WORDS.contains(&w.as_str()))
            || secret_names::is_auth_context(&f.name())
    })
}

/// Words of function names about security.
const SECURITY_WORDS: &[&str] = &[
    "sign", "signature", "signed", "verify", "mac", "hmac", "encrypt", "decrypt", "crypt", "cipher", "secure", "integrity",
    "cert", "certificate", "password", "passwd", "secret", "key", "kdf", "derive", "nonce", "otp", "challenge",
];

/// The binding or the enclosing function says the digest is not used for
/// security.
fn is_benign(cx: &Cx<'_, '_>, dest: Option<&Dest<'_>>) -> bool {
    let benign = |n: &str| secret_names::words(n).iter().any(|w| BENIGN_WORDS.contains(&w.as_str()));
    if dest.is_some_and(|d| benign(d.name())) || cx.enclosing_fn().is_some_and(|f| benign(&f.name())) {
        return true;
    }
    // The file is about a protocol that mandates MD5/SHA-1 for identifiers
    // (`ws.rs`, `websocket/`, `uuid/`), or the function computes the
    // WebSocket accept key (RFC 6455's GUID).
    let path_benign = cx.file.path.split(['/', '\\', '.', '-', '_']).any(|w| PATH_BENIGN.contains(&w.to_ascii_lowercase().as_str()));
    if path_benign {
        return true;
    }
    // HTTP (RFC 2617/7616) and SIP Digest authentication: MD5 over
    // `user:realm:password` and the server's nonce, as the protocol says.
    cx.enclosing_fn().is_some_and(|f| {
        let block = f.block;
        let text = quote::quote!(#block).to_string();
        let lower = text.to_ascii_lowercase();
        text.contains("258EAFA5")
            || text.contains("WS_GUID")
            || text.contains("WEBSOCKET_GUID")
            || (lower.contains("realm") && lower.contains("nonce"))
    })
}

/// File path words of protocols that mandate MD5/SHA-1 as identifiers.
const PATH_BENIGN: &[&str] = &["ws", "websocket", "websockets", "uuid", "etag", "gravatar", "git"];

/// `DefaultHasher::new()`, `SipHasher::new()`, `FxHasher::default()`, …
fn std_hasher(cx: &Cx<'_, '_>, e: &Expr) -> Option<String> {
    let Expr::Call(c) = crate::syntax::exprs::strip_parens_and_refs(e) else { return None };
    let Expr::Path(p) = &*c.func else { return None };
    let segs = &p.path.segments;
    if segs.len() < 2 {
        return None;
    }
    let ty = segs[segs.len() - 2].ident.to_string();
    let known = matches!(
        ty.as_str(),
        "DefaultHasher" | "SipHasher" | "SipHasher13" | "SipHasher24" | "FxHasher" | "AHasher" | "FnvHasher" | "XxHash64" | "Xxh3"
    );
    if !known {
        return None;
    }
    let r = cx.resolve(&p.path);
    (!defines_locally(cx, &ty) && (r.via_import || segs.len() == 2 || r.segs.first().is_some_and(|s| s == "std")))
        .then_some(ty)
}

/// `x.hash(&mut h)` where `x` is password-like.
fn hashed_into(block: &syn::Block, hasher: &str) -> Option<(SecretKind, String)> {
    use syn::visit::Visit;
    struct Find<'n> {
        hasher: &'n str,
        hit: Option<(SecretKind, String)>,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
            if self.hit.is_none()
                && m.method == "hash"
                && m.args.len() == 1
                && chain::local_name(&m.args[0]).as_deref() == Some(self.hasher)
            {
                self.hit = secret_names::mention_in(&m.receiver);
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut f = Find { hasher, hit: None };
    f.visit_block(block);
    f.hit
}
