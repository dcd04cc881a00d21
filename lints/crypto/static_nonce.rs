use crate::rules::prelude::*;
use crate::rules::chain;
use crate::syntax::exprs::{is_const_name, strip_parens_and_refs};
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags encryption with a nonce or IV fixed in the source: a literal
    /// (`Nonce::from_slice(b"unique nonce")`, `&[0u8; 12]`), a constant, a
    /// `Default::default()` nonce, or a local that is set once and never
    /// changed (a "counter" that is never incremented). Covered: RustCrypto
    /// AEADs (`aes-gcm`, `chacha20poly1305`, `aes-gcm-siv`: `encrypt`,
    /// `encrypt_in_place`, `encrypt_in_place_detached`), RustCrypto modes
    /// and stream ciphers (`cbc::Encryptor::new(key, iv)`,
    /// `ctr::Ctr128BE::new`, `ChaCha20::new(key, nonce)`), ring
    /// (`Nonce::assume_unique_for_key`), OpenSSL (`symm::encrypt`,
    /// `encrypt_aead`, `Crypter::new` with a constant IV).
    ///
    /// ### Why is this bad?
    /// A nonce may be used once per key. Two GCM or ChaCha20-Poly1305
    /// messages under the same key and nonce reveal the XOR of the
    /// plaintexts and let an attacker forge tags; CTR and stream ciphers
    /// leak the same way, and CBC with a fixed IV shows which messages share
    /// a prefix.
    ///
    /// ### Example
    /// ```rust
    /// use aes_gcm::aead::{Aead, KeyInit};
    /// use aes_gcm::{Aes256Gcm, Nonce};
    /// fn seal(key: &[u8; 32], msg: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    ///     let cipher = Aes256Gcm::new(key.into());
    ///     cipher.encrypt(Nonce::from_slice(b"unique nonce"), msg)
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
    /// use aes_gcm::Aes256Gcm;
    /// fn seal(key: &[u8; 32], msg: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    ///     let cipher = Aes256Gcm::new(key.into());
    ///     let nonce = Aes256Gcm::generate_nonce(&mut OsRng); // store it with the ciphertext
    ///     let mut out = nonce.to_vec();
    ///     out.extend(cipher.encrypt(&nonce, msg)?);
    ///     Ok(out)
    /// }
    /// // ring: a `NonceSequence` that increments a counter per message;
    /// // OpenSSL: `openssl::rand::rand_bytes(&mut iv)` for every message.
    /// ```
    ///
    /// ### References
    /// - CWE-323: Reusing a Nonce, Key Pair in Encryption
    /// - CWE-329: Generation of Predictable IV with CBC Mode
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    pub(crate) StaticNonce {
        id: "static-nonce",
        name: "ConstantNonceOrIv",
        summary: "a nonce or IV is constant, so it is reused for every message",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [323, 329],
        owasp: [A02],
        tags: ["crypto"],
    }
}

impl Rule for StaticNonce {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["Nonce", "nonce", "Crypter", "encrypt", "Encrypt", "ChaCha", "Salsa", "Ctr"],
            methods: &["encrypt", "encrypt_in_place", "encrypt_in_place_detached", "encrypt_to_vec"],
            calls: &["assume_unique_for_key", "try_assume_unique_for_key", "encrypt", "encrypt_aead", "new", "new_from_slices"],
            ..Default::default()
        }
    }

    /// AEAD `cipher.encrypt(nonce, msg)` and friends: the nonce is the first
    /// argument.
    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let expected = match m.method.to_string().as_str() {
            "encrypt" | "encrypt_to_vec" => 2,
            _ => 3,
        };
        if m.args.len() != expected {
            return;
        }
        let nonce = &m.args[0];
        if !nonce_shaped(nonce) {
            return;
        }
        if let Some(why) = constant_nonce(cx, nonce, 0) {
            report(cx, nonce, &why, "AEAD nonce");
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let last = r.last().to_string();
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        let args: Vec<&Expr> = c.args.iter().collect();
        let (arg, what) = match last.as_str() {
            // ring: Nonce::assume_unique_for_key([0u8; 12])
            "assume_unique_for_key" | "try_assume_unique_for_key" if !args.is_empty() => (args[0], "nonce"),
            // openssl::symm::encrypt(cipher, key, Some(iv), data)
            "encrypt" | "encrypt_aead" if matches!(root, "openssl" | "boring" | "symm") && args.len() >= 4 => {
                (args[2], "IV")
            }
            // Crypter::new(cipher, Mode::Encrypt, key, Some(iv))
            "new" if r.segs.iter().any(|s| s == "Crypter") && args.len() == 4 && mentions(args[1], "Encrypt") => {
                (args[3], "IV")
            }
            // cbc::Encryptor::<Aes128>::new(key, iv), ctr::Ctr128BE::new(key, iv),
            // ChaCha20::new(key, nonce), new_from_slices(key, iv)
            "new" | "new_from_slices" if args.len() == 2 && is_mode_or_stream(&r) => (args[1], "IV"),
            _ => return,
        };
        if let Some(why) = constant_nonce(cx, arg, 0) {
            report(cx, arg, &why, what);
        }
    }
}

fn report(cx: &mut Cx<'_, '_>, arg: &Expr, why: &str, what: &str) {
    cx.report(arg.span(), format!("constant {what}: {why}; it is reused for every message"))
        .help("generate a fresh nonce per message from a CSPRNG (`Aes256Gcm::generate_nonce(&mut OsRng)`, `openssl::rand::rand_bytes`) or a per-key counter (ring `NonceSequence`), and send it with the ciphertext");
}

/// RustCrypto block modes and stream ciphers constructed with `(key, iv)`.
fn is_mode_or_stream(r: &crate::syntax::paths::Resolved) -> bool {
    let root = r.segs.first().map(String::as_str).unwrap_or("");
    let ty = if r.segs.len() >= 2 { r.segs[r.segs.len() - 2].as_str() } else { "" };
    matches!(root, "cbc" | "ctr" | "cfb_mode" | "ofb" | "cfb8" | "chacha20" | "salsa20")
        && (ty.starts_with("Ctr")
            || matches!(ty, "Encryptor" | "BufEncryptor" | "ChaCha20" | "XChaCha20" | "ChaCha8" | "ChaCha12" | "Salsa20" | "XSalsa20" | "Ofb"))
}

fn mentions(e: &Expr, word: &str) -> bool {
    matches!(strip_parens_and_refs(e), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == word))
}

/// The argument looks like a nonce: built with a nonce type, or named like one.
fn nonce_shaped(e: &Expr) -> bool {
    let e = strip_parens_and_refs(e);
    match e {
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => p.path.segments.iter().any(|s| {
                let n = s.ident.to_string();
                n.contains("Nonce") || n == "GenericArray" || n == "Array"
            }),
            _ => false,
        },
        Expr::MethodCall(m) => m.method == "into" || nonce_shaped(&m.receiver),
        Expr::Path(_) => chain::local_name(e).is_some_and(|n| is_nonce_name(&n))
            || e_path_last(e).is_some_and(|n| is_const_name(&n) && is_nonce_name(&n.to_lowercase())),
        _ => false,
    }
}

fn e_path_last(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn is_nonce_name(n: &str) -> bool {
    let w = crate::rules::secret_names::words(n);
    w.iter().any(|x| matches!(x.as_str(), "nonce" | "iv"))
}

/// Why the nonce is constant, if it is.
fn constant_nonce(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> Option<String> {
    if depth > 3 {
        return None;
    }
    let e = strip_parens_and_refs(e);
    match e {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::ByteStr(_) | syn::Lit::Str(_) => Some("a literal".into()),
            _ => None,
        },
        Expr::Array(a) if !a.elems.is_empty() && a.elems.iter().all(is_lit) => Some("a literal array".into()),
        Expr::Repeat(r) if is_lit(&r.expr) => Some("a literal array".into()),
        Expr::Path(p) => {
            let name = p.path.segments.last()?.ident.to_string();
            if p.path.segments.len() == 1 && !is_const_name(&name) {
                // A local: constant if initialised with a constant and never changed.
                let f = cx.enclosing_fn()?;
                let local = chain::local_init(f, &name, chain::start_pos(e))?;
                let init = local.init.as_ref()?;
                let why = constant_nonce(cx, &init.expr, depth + 1)?;
                if chain::is_reassigned(f.block, &name) {
                    return None;
                }
                Some(format!("`{name}` is {why} and never changes"))
            } else if is_const_name(&name) {
                Some(format!("the constant `{name}`"))
            } else {
                None
            }
        }
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let last = p.path.segments.last()?.ident.to_string();
            match last.as_str() {
                "default" if c.args.is_empty() => Some("`default()` (all zeros)".into()),
                "Some" | "from_slice" | "clone_from_slice" | "from" | "from_array" | "try_from" | "assume_unique_for_key"
                | "try_assume_unique_for_key" | "new"
                    if c.args.len() == 1 =>
                {
                    constant_nonce(cx, &c.args[0], depth + 1)
                }
                _ => None,
            }
        }
        Expr::MethodCall(m) if m.args.is_empty() && matches!(m.method.to_string().as_str(), "into" | "as_ref" | "as_slice" | "try_into" | "unwrap" | "clone" | "to_vec") => {
            constant_nonce(cx, &m.receiver, depth + 1)
        }
        _ => None,
    }
}

fn is_lit(e: &Expr) -> bool {
    matches!(strip_parens_and_refs(e), Expr::Lit(_))
}
