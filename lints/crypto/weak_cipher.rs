use crate::rules::prelude::*;
use crate::rules::chain;
use crate::syntax::exprs::strip_parens_and_refs;
use syn::{Expr, ExprMethodCall, ExprPath};

declare_rule! {
    /// ### What it does
    /// Flags broken or misused ciphers:
    ///
    /// - DES, Triple DES, RC4, RC2, Blowfish, CAST5 and IDEA — RustCrypto
    ///   (`des::Des`, `des::TdesEde3`, `rc4::Rc4`, `rc2::Rc2`,
    ///   `blowfish::Blowfish`, …), OpenSSL/BoringSSL
    ///   (`Cipher::des_ede3_cbc()`, `Cipher::rc4()`, `Cipher::bf_cbc()`, …);
    /// - ECB mode: `ecb::Encryptor`, `block_modes::Ecb`,
    ///   `Cipher::aes_128_ecb()` and friends;
    /// - a raw AES block cipher used directly (`Aes128::new(key)` then
    ///   `encrypt_block`), which is ECB by hand;
    /// - CBC without authentication, where visible: `cbc::Encryptor` or
    ///   `Cipher::aes_*_cbc()` in a file that computes no MAC (low severity).
    ///
    /// ### Why is this bad?
    /// DES's 56-bit key is brute-forced in hours; 3DES and Blowfish have
    /// 64-bit blocks (Sweet32); RC4's keystream is biased. ECB encrypts
    /// equal blocks to equal ciphertext, so the structure of the data shows
    /// through. CBC without a MAC is malleable and, with a padding oracle,
    /// decryptable.
    ///
    /// ### Example
    /// ```rust
    /// use des::cipher::{BlockEncrypt, KeyInit};
    /// fn seal(block: &mut [u8; 8], key: &[u8; 8]) {
    ///     let cipher = des::Des::new(key.into());
    ///     cipher.encrypt_block(block.into());
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// // An AEAD: AES-GCM or ChaCha20-Poly1305 (RustCrypto `aes-gcm`,
    /// // `chacha20poly1305`; `ring::aead::AES_256_GCM`;
    /// // `openssl::symm::Cipher::aes_256_gcm()` with `encrypt_aead`).
    /// use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
    /// fn seal(key: &[u8; 32], plaintext: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    ///     let cipher = aes_gcm::Aes256Gcm::new(key.into());
    ///     let nonce = aes_gcm::Aes256Gcm::generate_nonce(&mut OsRng);
    ///     let mut out = nonce.to_vec();
    ///     out.extend(cipher.encrypt(&nonce, plaintext)?);
    ///     Ok(out)
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    /// - CWE-326: Inadequate Encryption Strength
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    pub(crate) WeakCipher {
        id: "weak-cipher",
        name: "BrokenOrMisusedCipher",
        summary: "a broken cipher, ECB mode, a raw block cipher or unauthenticated CBC is used",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [327, 326],
        owasp: [A02],
        tags: ["crypto"],
    }
}

/// RustCrypto crates and types of broken ciphers.
const WEAK_TYPES: &[(&str, &str, &str)] = &[
    ("des", "Des", "DES"),
    ("des", "TdesEde2", "Triple DES"),
    ("des", "TdesEde3", "Triple DES"),
    ("des", "TdesEee2", "Triple DES"),
    ("des", "TdesEee3", "Triple DES"),
    ("rc4", "Rc4", "RC4"),
    ("rc2", "Rc2", "RC2"),
    ("blowfish", "Blowfish", "Blowfish"),
    ("blowfish", "BlowfishLE", "Blowfish"),
    ("cast5", "Cast5", "CAST5"),
    ("idea", "Idea", "IDEA"),
    ("crypto", "Blowfish", "Blowfish"),
    ("crypto", "Rc4", "RC4"),
];

/// Mode types that are ECB.
const ECB_TYPES: &[(&str, &str)] = &[("ecb", "Encryptor"), ("ecb", "Decryptor"), ("block_modes", "Ecb")];

/// Raw AES block ciphers.
const AES_TYPES: &[&str] = &["Aes128", "Aes192", "Aes256", "Aes128Enc", "Aes192Enc", "Aes256Enc", "Aes128Dec", "Aes256Dec"];

impl Rule for WeakCipher {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            // Crate paths (`use des::Des;`), not bare words: "des" is in every
            // `Deserialize`.
            keywords: &["des::", "Cipher::", "rc4::", "rc2::", "blowfish::", "cast5::", "idea::", "ecb::", "block_modes", "Aes", "cbc::"],
            methods: &["encrypt_block", "encrypt_blocks", "encrypt_block_mut", "encrypt_par_blocks", "encrypt_block_b2b"],
            nodes: node::EXPR | node::ITEM,
            ..Default::default()
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Path(p) = e else { return };
        if !may_name_cipher(p) {
            return;
        }
        if let Some((what, sev, help)) = classify_path(cx, p) {
            let first = p.path.segments.first().map(|s| s.ident.span());
            let last = p.path.segments.last().map(|s| s.ident.span());
            if let (Some(a), Some(b)) = (first, last) {
                cx.report_between(a, b, what).severity(sev).help(help);
            }
        }
    }

    /// `type Aes128Ecb = Ecb<Aes128, Pkcs7>;`
    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Type(t) = item else { return };
        let syn::Type::Path(tp) = &*t.ty else { return };
        let r = cx.resolve(&tp.path);
        if let Some((_, ty)) = ECB_TYPES.iter().find(|(c, ty)| r.segs.first().is_some_and(|s| s == c) && r.last() == *ty) {
            cx.report(t.ident.span(), format!("`{}` is ECB mode (`{ty}`)", t.ident)).help(AEAD_HELP);
            return;
        }
        if let Some(name) = weak_generic(cx, &tp.path) {
            cx.report(t.ident.span(), format!("`{}` uses {name}", t.ident)).help(AEAD_HELP);
        }
    }

    /// `cipher.encrypt_block(..)` on a raw AES cipher.
    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let recv = strip_parens_and_refs(&m.receiver);
        let ctor = match chain::local_name(recv) {
            Some(_) => match chain::init_of(cx, recv) {
                Some(init) => init,
                None => return self.check_param_type(cx, m, recv),
            },
            None => recv,
        };
        if let Some(ty) = aes_ctor(cx, ctor) {
            cx.report_between(m.method.span(), m.paren_token.span.close(), format!("raw block cipher `{ty}` used directly (ECB)"))
                .help(AEAD_HELP);
        }
    }
}

const AEAD_HELP: &str = "use an AEAD: `aes_gcm::Aes256Gcm` or `chacha20poly1305::ChaCha20Poly1305` (RustCrypto), `ring::aead::AES_256_GCM`, or `openssl::symm::Cipher::aes_256_gcm()` with `encrypt_aead`";

impl WeakCipher {
    /// `fn f(cipher: &Aes128) { cipher.encrypt_block(..) }`
    fn check_param_type<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall, recv: &Expr) {
        let Some(name) = chain::local_name(recv) else { return };
        let Some(f) = cx.enclosing_fn() else { return };
        let ty = f.sig.inputs.iter().find_map(|a| match a {
            syn::FnArg::Typed(t) if chain::pat_name(&t.pat).as_deref() == Some(&name) => {
                crate::rules::web::type_name(&t.ty)
            }
            _ => None,
        });
        if let Some(ty) = ty
            && AES_TYPES.contains(&ty.as_str())
        {
            cx.report_between(m.method.span(), m.paren_token.span.close(), format!("raw block cipher `{ty}` used directly (ECB)"))
                .help(AEAD_HELP);
        }
    }
}

/// `Aes128::new(..)`, `Aes256::new_from_slice(..)?`, `aes::Aes128::new(..)`.
fn aes_ctor(cx: &Cx<'_, '_>, e: &Expr) -> Option<String> {
    let mut e = strip_parens_and_refs(e);
    loop {
        e = match e {
            Expr::Try(t) => &t.expr,
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "expect") => &m.receiver,
            _ => break,
        };
    }
    let Expr::Call(c) = e else { return None };
    let Expr::Path(p) = &*c.func else { return None };
    let segs = &p.path.segments;
    if segs.len() < 2 {
        return None;
    }
    let ty = segs[segs.len() - 2].ident.to_string();
    if !AES_TYPES.contains(&ty.as_str()) {
        return None;
    }
    let r = cx.resolve(&p.path);
    (!r.via_import || r.segs.first().is_some_and(|s| s == "aes")).then_some(ty)
}

/// A broken-cipher type named in a path's generic arguments
/// (`cbc::Encryptor::<Des>::new`).
fn weak_generic(cx: &Cx<'_, '_>, p: &syn::Path) -> Option<&'static str> {
    for s in &p.segments {
        if let syn::PathArguments::AngleBracketed(a) = &s.arguments {
            for g in &a.args {
                if let syn::GenericArgument::Type(syn::Type::Path(tp)) = g
                    && let Some(name) = weak_type(cx, &tp.path)
                {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// A RustCrypto broken-cipher type.
fn weak_type(cx: &Cx<'_, '_>, p: &syn::Path) -> Option<&'static str> {
    let r = cx.resolve(p);
    let last = r.last();
    let (krate, _, name) = WEAK_TYPES.iter().find(|(_, ty, _)| *ty == last)?;
    let root = r.segs.first().map(String::as_str).unwrap_or("");
    let ok = if r.via_import || p.segments.len() > 1 {
        root == *krate || (root == "crypto" && r.segs.iter().any(|s| s.eq_ignore_ascii_case(name)))
    } else {
        cx.file.imports.has_glob(krate)
    };
    ok.then_some(*name)
}

/// Cheap syntactic filter before name resolution (no allocation).
fn may_name_cipher(p: &ExprPath) -> bool {
    const NAMES: &[&str] = &[
        "Cipher", "Des", "TdesEde2", "TdesEde3", "TdesEee2", "TdesEee3", "Rc4", "Rc2", "Blowfish", "BlowfishLE", "Cast5",
        "Idea", "Encryptor", "Decryptor", "Ecb",
    ];
    p.path.segments.len() >= 2
        && p.path.segments.iter().any(|s| {
            NAMES.iter().any(|n| s.ident == n) || matches!(s.arguments, syn::PathArguments::AngleBracketed(_))
        })
}

/// What a path expression names, if it is a weak cipher or mode.
fn classify_path(cx: &Cx<'_, '_>, p: &ExprPath) -> Option<(String, Severity, &'static str)> {
    let segs = &p.path.segments;
    let last = segs.last()?.ident.to_string();
    // `Cipher::des_ede3_cbc()`, `Cipher::aes_128_ecb()` (OpenSSL/BoringSSL).
    if segs.len() >= 2 && segs[segs.len() - 2].ident == "Cipher" {
        let r = cx.resolve(&p.path);
        let ours = !r.via_import || matches!(r.segs.first().map(String::as_str), Some("openssl" | "boring"));
        if !ours {
            return None;
        }
        let weak = [("des", "DES"), ("rc4", "RC4"), ("rc2", "RC2"), ("bf_", "Blowfish"), ("cast5", "CAST5"), ("idea", "IDEA")]
            .iter()
            .find(|(prefix, _)| last.starts_with(prefix));
        if let Some((_, name)) = weak {
            let name = if last.starts_with("des_ede") { "Triple DES" } else { name };
            return Some((format!("{name} is a broken cipher (`Cipher::{last}`)"), Severity::High, AEAD_HELP));
        }
        if last.ends_with("_ecb") {
            return Some((format!("ECB mode (`Cipher::{last}`) leaks the structure of the plaintext"), Severity::High, AEAD_HELP));
        }
        if last.ends_with("_cbc") && !authenticates(cx) {
            return Some((
                format!("CBC mode (`Cipher::{last}`) without a MAC in this file: ciphertext can be tampered with"),
                Severity::Low,
                "prefer an AEAD (`Cipher::aes_256_gcm()` with `encrypt_aead`); otherwise encrypt-then-MAC with HMAC-SHA-256 and verify before decrypting",
            ));
        }
        return None;
    }
    if segs.len() < 2 {
        return None;
    }
    // `Des::new(..)`, `des::TdesEde3::new_from_slice(..)`, `Rc4::new(..)`.
    let ty_path = syn::Path { leading_colon: p.path.leading_colon, segments: segs.iter().take(segs.len() - 1).cloned().collect() };
    if let Some(name) = weak_type(cx, &ty_path) {
        let written = segs[segs.len() - 2].ident.to_string();
        return Some((format!("{name} is a broken cipher (`{written}`)"), Severity::High, AEAD_HELP));
    }
    // `ecb::Encryptor::<Aes128>::new(..)`, `Ecb::<Aes128, Pkcs7>::new_from_slices(..)`
    let r = cx.resolve(&ty_path);
    if ECB_TYPES.iter().any(|(c, ty)| r.segs.first().is_some_and(|s| s == c) && r.last() == *ty) {
        return Some(("ECB mode leaks the structure of the plaintext".to_string(), Severity::High, AEAD_HELP));
    }
    // `cbc::Encryptor::<Des>::new(..)`
    if let Some(name) = weak_generic(cx, &p.path) {
        return Some((format!("{name} is a broken cipher"), Severity::High, AEAD_HELP));
    }
    // `cbc::Encryptor::<Aes256>::new(..)` without a MAC in sight.
    if r.segs.first().is_some_and(|s| s == "cbc") && r.last() == "Encryptor" && !authenticates(cx) {
        return Some((
            "CBC mode without a MAC in this file: ciphertext can be tampered with".to_string(),
            Severity::Low,
            "prefer an AEAD (`aes_gcm::Aes256Gcm`); otherwise encrypt-then-MAC with `hmac::Hmac<Sha256>` and verify before decrypting",
        ));
    }
    None
}

/// The file computes a MAC or uses an AEAD somewhere.
fn authenticates(cx: &Cx<'_, '_>) -> bool {
    cx.file.text_contains_any(&["Hmac", "hmac", "Mac", "Signer", "sign(", "Poly1305", "Gcm", "gcm", "aead"])
}
