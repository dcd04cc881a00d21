use syn::{Expr, ExprCall, ExprMethodCall};

use crate::rules::prelude::*;
use crate::secrets::claimed_by_format;
use crate::lints::secrets::syntax::{self as ss, ConstValue, Role};

declare_rule! {
    /// ### What it does
    /// Flags literal keys, IVs, nonces and salts passed to cryptographic
    /// APIs: `Key::from_slice(b"…")`, `Aes256Gcm::new_from_slice(&KEY)`,
    /// `ChaCha20Poly1305::new(…)`, `Nonce::from_slice(b"unique nonce")`,
    /// `Hmac::<Sha256>::new_from_slice(b"…")`, `ring::aead::UnboundKey::new`,
    /// `ring::hmac::Key::new`, `Nonce::assume_unique_for_key([0; 12])`,
    /// `openssl::symm::encrypt(cipher, key, iv, …)`, `Crypter::new`,
    /// cbc/ctr `Encryptor::new(key, iv)`, `jsonwebtoken::EncodingKey::
    /// from_secret(b"…")`, orion `SecretKey::from_slice`, pbkdf2, scrypt,
    /// argon2 and bcrypt salts (`SaltString::from_b64("…")`,
    /// `pbkdf2_hmac(pw, b"salt", …)`, `hash_password_into(pw, SALT, …)`),
    /// HKDF input key material, blake3 keyed hashing, ed25519/x25519 secret
    /// keys, cookie signing keys, age passphrases.
    ///
    /// The value may be written inline or come from a `const`/`static`
    /// anywhere in the file or an immutable local of the function; it may
    /// be a string, a byte string, an array of byte literals, a repeat
    /// expression (`[0u8; 32]`) or `hex!("…")`. The finding points at the
    /// value, with a label where it is used, and masks it. Keys built at
    /// run time (from a KDF, a random generator, a file, the environment)
    /// are not reported, nor are `let mut` buffers filled later.
    ///
    /// Test code is not reported (`test-code` policy `skip`): a key that
    /// reaches a cipher in a test is a known-answer test vector, published
    /// with the algorithm. A leaked key in a test is still found by its
    /// format (`hardcoded-secret`) or by the credential name it is bound to
    /// (`hardcoded-credential`).
    ///
    /// ### Why is this bad?
    /// A key in the source is known to everyone who can read the
    /// repository or the binary: it protects nothing, cannot be rotated
    /// without a release, and is the same in every deployment. A constant
    /// nonce or IV repeats with every message, which breaks AES-GCM and
    /// ChaCha20-Poly1305 completely (keystream reuse, forged tags) and
    /// leaks plaintext patterns in CBC. A constant salt lets one
    /// precomputed table attack every password hash at once.
    ///
    /// ### Example
    /// ```rust
    /// use aes_gcm::{Aes256Gcm, KeyInit};
    ///
    /// const MASTER_KEY: [u8; 32] = [0x4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, 0x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a,
    ///     0x19, 0x8c, 0x33, 0xe7, 0x50, 0xaa, 0x04, 0x6d, 0x9e, 0x21, 0xbf, 0x78, 0xc2, 0x5d, 0x13, 0xf6];
    ///
    /// fn cipher() -> Aes256Gcm {
    ///     Aes256Gcm::new_from_slice(&MASTER_KEY).expect("32-byte key")
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use aes_gcm::{Aes256Gcm, KeyInit};
    ///
    /// // The key comes from a key management service or a secret store at
    /// // run time, never from the source.
    /// fn cipher(key: &[u8; 32]) -> Aes256Gcm {
    ///     Aes256Gcm::new_from_slice(key).expect("32-byte key")
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-329: Generation of Predictable IV with CBC Mode
    /// - CWE-323: Reusing a Nonce, Key Pair in Encryption
    /// - CWE-760: Use of a One-Way Hash with a Predictable Salt
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    pub(crate) HardcodedCryptoKey {
        id: "hardcoded-crypto-key",
        name: "HardcodedCryptographicValue",
        summary: "a literal key, IV, nonce or salt is passed to a cryptographic API",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Secrets { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [321, 798, 329, 323, 760],
        owasp: [A02, A07],
        tags: ["secrets", "crypto"],
        test_code: Skip,
    }
}

fn help(role: Role) -> &'static str {
    match role {
        Role::Nonce | Role::Iv => {
            "generate a fresh random nonce/IV for every message (`Aes256Gcm::generate_nonce(&mut OsRng)`, `OsRng.fill_bytes`) and send it with the ciphertext"
        }
        Role::Salt => "generate a random salt per password (`SaltString::generate(&mut OsRng)`) and store it with the hash",
        Role::Password => "take the password from the user or a secret store at run time",
        _ => "load the key at run time from a key management service, a secret store or the environment (or derive it with a KDF from such a secret), and rotate the committed one",
    }
}

fn severity(role: Role) -> Severity {
    match role {
        Role::Salt | Role::Iv => Severity::Medium,
        _ => Severity::High,
    }
}

impl HardcodedCryptoKey {
    fn check_arg(&self, cx: &mut Cx<'_, '_>, arg: &Expr, role: Role, api: &str, at: proc_macro2::Span) {
        let Some(v): Option<ConstValue> = ss::constant_bytes(cx, arg, 0) else { return };
        if let Some(t) = &v.text {
            let name = v.binding.as_ref().map(|(n, _)| n.as_str());
            if claimed_by_format(name, t) || cx.settings.secrets.allowed_value(t) {
                return;
            }
            if role == Role::Password && crate::secrets::values::is_placeholder(t) {
                return;
            }
        }
        let what = role.describe();
        let message = match &v.binding {
            Some((name, _)) => format!("hardcoded {what} `{name}`"),
            None => format!("hardcoded {what}"),
        };
        let mut d = cx
            .report_range(v.start, v.end, message)
            .mask_range(v.mask.0, v.mask.1)
            .severity(severity(role))
            .label(at, format!("used as the {what} of `{api}`"))
            .help(help(role));
        if v.uniform && matches!(role, Role::Key | Role::HmacKey | Role::JwtSecret | Role::PrivateKey) {
            d = d.note("every byte of this key is the same: it is a placeholder that must not reach production");
        }
        drop(d);
    }
}

impl Rule for HardcodedCryptoKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: ss::CRYPTO_CALLS,
            methods: ss::CRYPTO_METHODS,
            ..Default::default()
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let roles = ss::call_roles(callee);
        if roles.is_empty() || !ss::is_crypto_path(cx, callee) {
            return;
        }
        let api: Vec<String> = callee.segments.iter().rev().take(2).map(|s| s.ident.to_string()).collect();
        let api = api.into_iter().rev().collect::<Vec<_>>().join("::");
        let at = callee.segments.last().map_or_else(proc_macro2::Span::call_site, |s| s.ident.span());
        for (i, role) in roles {
            if let Some(arg) = c.args.iter().nth(i) {
                self.check_arg(cx, arg, role, &api, at);
            }
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let method = m.method.to_string();
        let roles = ss::method_roles(&method);
        if roles.is_empty() || !ss::file_uses_crypto(cx.file) {
            return;
        }
        for &(i, role) in roles {
            if let Some(arg) = m.args.iter().nth(i) {
                self.check_arg(cx, arg, role, &method, m.method.span());
            }
        }
    }
}
