//! Syntax helpers of the secrets pack: literal values and where their
//! contents are in the source (for masking), wrappers around literals,
//! names literals are bound to, constants and locals defined elsewhere in
//! the file, and the crypto APIs whose arguments are keys, IVs, nonces
//! and salts.

use proc_macro2::Span;
use syn::visit::Visit;
use syn::{Expr, Lit};

use crate::rules::cx::Cx;
use crate::rules::file::FileCtx;
use crate::syntax::exprs::pat_ident;

/// A string-like literal's value as text (byte strings decoded as UTF-8,
/// lossily; `binary` when they are not UTF-8).
pub(crate) fn lit_value(lit: &Lit) -> Option<(String, bool)> {
    match lit {
        Lit::Str(s) => Some((s.value(), false)),
        Lit::ByteStr(b) => {
            let v = b.value();
            match String::from_utf8(v) {
                Ok(s) => Some((s, false)),
                Err(e) => Some((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
            }
        }
        Lit::CStr(c) => Some((c.value().to_string_lossy().into_owned(), false)),
        _ => None,
    }
}

/// A literal's source text (`"…"`, `r#"…"#`, `b"…"`), for cheap
/// prefilters: one allocation, no span lookup, no unescaping.
pub(crate) fn lit_source(lit: &Lit) -> String {
    match lit {
        Lit::Str(s) => s.token().to_string(),
        Lit::ByteStr(b) => b.token().to_string(),
        Lit::CStr(c) => c.token().to_string(),
        _ => String::new(),
    }
}

/// Byte range of a literal's contents (inside the quotes) in the file.
pub(crate) fn content_range(file: &FileCtx, span: Span) -> Option<(u32, u32)> {
    let (s, e) = file.byte_range(span)?;
    let text = file.text.get(s as usize..e as usize)?;
    let open = text.find('"')?;
    let close = text.rfind('"')?;
    (close > open).then_some((s + open as u32 + 1, s + close as u32))
}

/// Where `value[start..end]` is in the file, when the literal's source
/// text is its value verbatim (no escapes); otherwise the whole contents.
pub(crate) fn value_range(file: &FileCtx, span: Span, value: &str, start: usize, end: usize) -> Option<(u32, u32)> {
    let (cs, ce) = content_range(file, span)?;
    let raw = file.text.get(cs as usize..ce as usize)?;
    if raw == value && end <= value.len() {
        return Some((cs + start as u32, cs + end as u32));
    }
    // Escapes move offsets (`"machine h\n  password p"`): the secret's own
    // text, when it occurs once in the source, else the whole literal.
    let Some(secret) = value.get(start..end).filter(|s| !s.is_empty()) else { return Some((cs, ce)) };
    match raw.match_indices(secret).map(|(i, _)| i).collect::<Vec<_>>().as_slice() {
        [i] => Some((cs + *i as u32, cs + (*i + secret.len()) as u32)),
        _ => Some((cs, ce)),
    }
}

/// Calls and methods that only wrap or convert their argument.
fn is_wrapper_call(path: &syn::Path) -> bool {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let Some(last) = segs.last() else { return false };
    let ty = segs.len().checked_sub(2).map(|i| segs[i].as_str());
    match last.as_str() {
        "Some" | "Ok" | "from" | "from_static" | "from_str" | "from_maybe_shared" | "try_from" | "Borrowed"
        | "Owned" | "from_utf8" | "from_utf8_lossy" => true,
        "new" | "init" => ty.is_some_and(|t| {
            matches!(
                t,
                "String"
                    | "SecretString"
                    | "Secret"
                    | "SecretBox"
                    | "SecretVec"
                    | "SecretSlice"
                    | "Zeroizing"
                    | "Sensitive"
                    | "Protected"
                    | "Arc"
                    | "Rc"
                    | "Box"
                    | "Cow"
                    | "Password"
                    | "SensitiveString"
                    | "Redacted"
                    | "Masked"
            )
        }),
        _ => false,
    }
}

/// Strip references, parentheses and value-preserving conversions
/// (`"x".to_string()`, `String::from("x")`, `Some("x")`,
/// `SecretString::new("x".into())`, `HeaderValue::from_static("x")`).
pub(crate) fn strip_value_conversions(mut e: &Expr) -> &Expr {
    for _ in 0..16 {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            Expr::Reference(r) => &r.expr,
            Expr::MethodCall(m)
                if m.args.is_empty()
                    && matches!(
                        m.method.to_string().as_str(),
                        "to_string"
                            | "to_owned"
                            | "into"
                            | "as_bytes"
                            | "as_ref"
                            | "to_vec"
                            | "as_slice"
                            | "into_bytes"
                            | "as_str"
                            | "clone"
                            | "into_boxed_str"
                            | "into_boxed_slice"
                            | "try_into"
                            | "unwrap"
                            | "expect"
                            | "parse"
                    ) =>
            {
                &m.receiver
            }
            Expr::Call(c) if c.args.len() == 1 => match &*c.func {
                Expr::Path(p) if is_wrapper_call(&p.path) => &c.args[0],
                _ => return e,
            },
            _ => return e,
        };
    }
    e
}

/// The string-like literal an expression is, after `strip_value_conversions`.
pub(crate) fn string_lit(e: &Expr) -> Option<&Lit> {
    match strip_value_conversions(e) {
        Expr::Lit(l) if matches!(l.lit, Lit::Str(_) | Lit::ByteStr(_) | Lit::CStr(_)) => Some(&l.lit),
        _ => None,
    }
}

/// The name an expression reads or writes: `password`, `self.password`,
/// `cfg.auth.token`, `req.password()`, `PASSWORD`.
pub(crate) fn target_name(e: &Expr) -> Option<(String, Span)> {
    match e {
        Expr::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| (s.ident.to_string(), s.ident.span())),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(id) => Some((id.to_string(), id.span())),
            syn::Member::Unnamed(_) => None,
        },
        Expr::MethodCall(m) if m.args.is_empty() => Some((m.method.to_string(), m.method.span())),
        Expr::Paren(p) => target_name(&p.expr),
        Expr::Reference(r) => target_name(&r.expr),
        Expr::Unary(u) => target_name(&u.expr),
        _ => None,
    }
}

/// A literal bound to a name: `let name = "…"`, `const NAME: &str = "…"`,
/// `Struct { name: "…" }`, `x.name = "…"`, `("name", "…")`,
/// `map.insert("name", "…")`.
pub(crate) struct Named<'ast> {
    pub name: String,
    pub lit: &'ast Lit,
}

/// Named literals of an expression node (struct fields, assignments,
/// `(name, value)` tuples).
pub(crate) fn named_in_expr(e: &Expr) -> Vec<Named<'_>> {
    let mut out = Vec::new();
    match e {
        Expr::Struct(s) => {
            for f in &s.fields {
                if let (syn::Member::Named(id), Some(lit)) = (&f.member, string_lit(&f.expr)) {
                    out.push(Named { name: id.to_string(), lit });
                }
            }
        }
        Expr::Assign(a) => {
            if let Some(lit) = string_lit(&a.right)
                && let Some((name, _)) = target_name(&a.left)
            {
                out.push(Named { name, lit });
            }
        }
        Expr::Tuple(t) if t.elems.len() == 2 => {
            if let (Some(Lit::Str(k)), Some(lit)) = (string_lit(&t.elems[0]), string_lit(&t.elems[1])) {
                out.push(Named { name: k.value(), lit });
            }
        }
        _ => {}
    }
    out
}

/// Named literals of an item: `const`/`static` (and associated consts of
/// an `impl` or `trait`).
pub(crate) fn named_in_item(item: &syn::Item) -> Vec<Named<'_>> {
    let mut out = Vec::new();
    match item {
        syn::Item::Const(c) => {
            if let Some(lit) = string_lit(&c.expr) {
                out.push(Named { name: c.ident.to_string(), lit });
            }
        }
        syn::Item::Static(s) => {
            if let Some(lit) = string_lit(&s.expr) {
                out.push(Named { name: s.ident.to_string(), lit });
            }
        }
        syn::Item::Impl(i) => {
            for ii in &i.items {
                if let syn::ImplItem::Const(c) = ii
                    && let Some(lit) = string_lit(&c.expr)
                {
                    out.push(Named { name: c.ident.to_string(), lit });
                }
            }
        }
        syn::Item::Trait(t) => {
            for ti in &t.items {
                if let syn::TraitItem::Const(c) = ti
                    && let Some((_, e)) = &c.default
                    && let Some(lit) = string_lit(e)
                {
                    out.push(Named { name: c.ident.to_string(), lit });
                }
            }
        }
        _ => {}
    }
    out
}

/// The named literal of a `let` statement.
pub(crate) fn named_in_local(l: &syn::Local) -> Option<Named<'_>> {
    let (name, init) = bound_in_local(l)?;
    Some(Named { name, lit: string_lit(init)? })
}

/// The name a `let` binds and its initialiser (`let name = …;`, no
/// `else`).
pub(crate) fn bound_in_local(l: &syn::Local) -> Option<(String, &Expr)> {
    let id = pat_ident(&l.pat)?;
    let init = l.init.as_ref()?;
    if init.diverge.is_some() {
        return None;
    }
    Some((id.ident.to_string(), &init.expr))
}

/// A `const` or `static` item's name and value.
pub(crate) fn bound_in_item(item: &syn::Item) -> Option<(String, &Expr)> {
    match item {
        syn::Item::Const(c) => Some((c.ident.to_string(), &c.expr)),
        syn::Item::Static(s) => Some((s.ident.to_string(), &s.expr)),
        _ => None,
    }
}

/// A constant or static of this file (at any depth) and its value.
pub(crate) fn find_const<'ast>(root: &'ast syn::File, name: &str) -> Option<(&'ast syn::Ident, &'ast Expr)> {
    struct Finder<'n, 'ast> {
        name: &'n str,
        found: Option<(&'ast syn::Ident, &'ast Expr)>,
    }
    impl<'ast> Visit<'ast> for Finder<'_, 'ast> {
        fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
            if self.found.is_none() && c.ident == self.name {
                self.found = Some((&c.ident, &c.expr));
            }
        }
        fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
            if self.found.is_none() && s.ident == self.name && matches!(s.mutability, syn::StaticMutability::None) {
                self.found = Some((&s.ident, &s.expr));
            }
        }
        fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
            if self.found.is_none() && c.ident == self.name {
                self.found = Some((&c.ident, &c.expr));
            }
        }
        fn visit_expr(&mut self, e: &'ast Expr) {
            // Constants are items; expressions only matter for the items
            // in blocks, which `visit_block` reaches through statements.
            if self.found.is_none() && matches!(e, Expr::Block(_) | Expr::Closure(_) | Expr::Async(_) | Expr::Unsafe(_))
            {
                syn::visit::visit_expr(self, e);
            }
        }
    }
    let mut f = Finder { name, found: None };
    f.visit_file(root);
    f.found
}

/// The initializer of an immutable `let name = …;` in this function body
/// (none when the name is ever bound `mut`, or bound more than once).
pub(crate) fn find_local<'ast>(block: &'ast syn::Block, name: &str) -> Option<(&'ast syn::Ident, &'ast Expr)> {
    struct Finder<'n, 'ast> {
        name: &'n str,
        found: Vec<(&'ast syn::Ident, Option<&'ast Expr>, bool)>,
    }
    impl<'ast> Visit<'ast> for Finder<'_, 'ast> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let Some(id) = pat_ident(&l.pat)
                && id.ident == self.name
            {
                self.found.push((&id.ident, l.init.as_ref().map(|i| &*i.expr), id.mutability.is_some()));
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut f = Finder { name, found: Vec::new() };
    f.visit_block(block);
    match f.found.as_slice() {
        [(id, Some(e), false)] => Some((id, e)),
        _ => None,
    }
}

/// A constant value: where it is, and the range to mask.
#[derive(Debug, Clone)]
pub(crate) struct ConstValue {
    /// Byte range of the value expression (the finding's location).
    pub start: u32,
    pub end: u32,
    /// Byte range of the secret contents (masked in every output).
    pub mask: (u32, u32),
    /// The constant or local it was read from, if not written inline.
    pub binding: Option<(String, Span)>,
    /// The value as text, when it is a string literal.
    pub text: Option<String>,
    /// All bytes equal (e.g. `[0u8; 32]`).
    pub uniform: bool,
}

fn int_lit(e: &Expr) -> Option<u128> {
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => i.base10_parse::<u128>().ok(),
            Lit::Byte(b) => Some(u128::from(b.value())),
            _ => None,
        },
        Expr::Paren(p) => int_lit(&p.expr),
        Expr::Group(g) => int_lit(&g.expr),
        Expr::Cast(c) => int_lit(&c.expr),
        _ => None,
    }
}

/// Is this (peeled) expression a literal key: a string or byte string, an
/// array of integer literals, a repeat `[0u8; 32]`, or `hex!("…")`? If it
/// is a path, follow it to a constant of the file or an immutable local of
/// the enclosing function.
pub(crate) fn constant_bytes(cx: &Cx<'_, '_>, e: &Expr, depth: u32) -> Option<ConstValue> {
    if depth > 3 {
        return None;
    }
    let e = strip_key_wrappers(e)?;
    let file = cx.file;
    match e {
        Expr::Lit(l) => {
            let (text, _) = lit_value(&l.lit)?;
            if text.is_empty() {
                return None;
            }
            let (start, end) = file.byte_range(l.lit.span())?;
            let mask = content_range(file, l.lit.span()).unwrap_or((start, end));
            let uniform = text.bytes().all(|b| Some(b) == text.bytes().next());
            Some(ConstValue { start, end, mask, binding: None, text: Some(text), uniform })
        }
        Expr::Array(a) => {
            if a.elems.len() < 4 {
                return None;
            }
            let vals: Option<Vec<u128>> = a.elems.iter().map(int_lit).collect();
            let vals = vals?;
            let (start, open_end) = file.byte_range(a.bracket_token.span.open())?;
            let (close_start, end) = file.byte_range(a.bracket_token.span.close())?;
            let uniform = vals.iter().all(|v| Some(v) == vals.first());
            Some(ConstValue { start, end, mask: (open_end, close_start), binding: None, text: None, uniform })
        }
        Expr::Repeat(r) => {
            int_lit(&r.expr)?;
            let (start, open_end) = file.byte_range(r.bracket_token.span.open())?;
            let (close_start, end) = file.byte_range(r.bracket_token.span.close())?;
            Some(ConstValue { start, end, mask: (open_end, close_start), binding: None, text: None, uniform: true })
        }
        Expr::Macro(m) => {
            let name = crate::syntax::macros::macro_name(&m.mac);
            if !matches!(name.as_str(), "hex" | "hex_literal" | "base64" | "b64") {
                return None;
            }
            let lit: syn::LitStr = m.mac.parse_body().ok()?;
            let (start, end) = file.byte_range(lit.span())?;
            let mask = content_range(file, lit.span()).unwrap_or((start, end));
            let text = lit.value();
            if text.trim().is_empty() {
                return None;
            }
            Some(ConstValue { start, end, mask, binding: None, text: None, uniform: false })
        }
        Expr::Path(p) if p.qself.is_none() => {
            let seg = p.path.segments.last()?;
            let name = seg.ident.to_string();
            let local = if p.path.segments.len() == 1 {
                cx.enclosing_fn().and_then(|f| find_local(f.block, &name))
            } else {
                None
            };
            let (ident, init) = match local {
                Some(l) => l,
                None => find_const(cx.scope.root?, &name)?,
            };
            let mut v = constant_bytes(cx, init, depth + 1)?;
            v.binding = Some((ident.to_string(), ident.span()));
            Some(v)
        }
        _ => None,
    }
}

/// `strip_value_conversions`, plus the conversions crypto code wraps keys in
/// (`GenericArray::from_slice(x)` when it is not itself a checked call,
/// `&x[..]`, `x.into()`). Stops at calls that are crypto APIs themselves:
/// their own check reports them.
fn strip_key_wrappers(e: &Expr) -> Option<&Expr> {
    let mut e = strip_value_conversions(e);
    for _ in 0..8 {
        e = match e {
            Expr::Index(i) if matches!(&*i.index, Expr::Range(r) if r.start.is_none() && r.end.is_none()) => {
                strip_value_conversions(&i.expr)
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) if !call_roles(&p.path).is_empty() => return None,
                Expr::Path(p)
                    if c.args.len() == 1
                        && p.path.segments.last().is_some_and(|s| {
                            matches!(
                                s.ident.to_string().as_str(),
                                "from_slice" | "clone_from_slice" | "from_array" | "from_ref"
                            )
                        }) =>
                {
                    strip_value_conversions(&c.args[0])
                }
                _ => return Some(e),
            },
            _ => return Some(e),
        };
    }
    Some(e)
}

/// What a crypto API argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Key,
    PrivateKey,
    HmacKey,
    JwtSecret,
    CookieKey,
    KeyMaterial,
    Iv,
    Nonce,
    Salt,
    Password,
}

impl Role {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Key => "encryption key",
            Self::PrivateKey => "private key",
            Self::HmacKey => "HMAC key",
            Self::JwtSecret => "JWT signing secret",
            Self::CookieKey => "cookie signing key",
            Self::KeyMaterial => "key material",
            Self::Iv => "IV",
            Self::Nonce => "nonce",
            Self::Salt => "salt",
            Self::Password => "password",
        }
    }
}

#[rustfmt::skip]
const CIPHER_TYPES: &[&str] = &[
    "Aes128Gcm", "Aes256Gcm", "Aes128GcmSiv", "Aes256GcmSiv", "AesGcm", "AesGcmSiv", "Aes128SivAead",
    "Aes256SivAead", "ChaCha20Poly1305", "XChaCha20Poly1305", "ChaCha8Poly1305", "ChaCha12Poly1305", "ChaCha20",
    "XChaCha20", "Salsa20", "XSalsa20", "XSalsa20Poly1305", "SecretBox", "Aes128", "Aes192", "Aes256", "Aes128Ccm",
    "Aes256Ccm", "Eax", "Ocb3", "Cmac", "Pmac", "Poly1305", "Branca", "Fernet", "Camellia128", "Camellia256",
    "Twofish", "Blowfish", "Des", "TdesEde3",
];

/// Which arguments of a call are keys, IVs, nonces or salts, judged by the
/// written path (`Aes256Gcm::new_from_slice`, `EncodingKey::from_secret`,
/// `openssl::symm::encrypt`, `pbkdf2_hmac`).
pub(crate) fn call_roles(path: &syn::Path) -> Vec<(usize, Role)> {
    if !may_be_crypto_call(path) {
        return Vec::new();
    }
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let Some(last) = segs.last().map(String::as_str) else { return Vec::new() };
    let ty = segs.len().checked_sub(2).map_or("", |i| segs[i].as_str());
    let has = |s: &str| segs.iter().any(|x| x == s);
    match last {
        "new_from_slice" => vec![(0, Role::Key)],
        "new_from_slices" => vec![(0, Role::Key), (1, Role::Iv)],
        "from_slice" | "from_bytes" | "try_from_slice" | "try_from_bytes" => match ty {
            "Nonce" | "XNonce" => vec![(0, Role::Nonce)],
            "Iv" | "IV" => vec![(0, Role::Iv)],
            "Salt" => vec![(0, Role::Salt)],
            "HS256Key" | "HS384Key" | "HS512Key" => vec![(0, Role::JwtSecret)],
            "SigningKey" | "PrivateKey" | "StaticSecret" => vec![(0, Role::PrivateKey)],
            "SecretKey" => vec![(0, Role::Key)],
            "Key" if last == "from_slice" => vec![(0, Role::Key)],
            "Password" if has("pwhash") => vec![(0, Role::Password)],
            _ => Vec::new(),
        },
        "from_secret" | "from_base64_secret" if matches!(ty, "EncodingKey" | "DecodingKey") => {
            vec![(0, Role::JwtSecret)]
        }
        "new" => match ty {
            t if CIPHER_TYPES.contains(&t) => vec![(0, Role::Key)],
            "Hmac" | "SimpleHmac" => vec![(0, Role::HmacKey)],
            "UnboundKey" | "LessSafeKey" => vec![(1, Role::Key)],
            "Key" if has("hmac") => vec![(1, Role::HmacKey)],
            "Crypter" => vec![(2, Role::Key), (3, Role::Iv)],
            "Encryptor" | "Decryptor" if has("cbc") || has("ctr") || has("cfb_mode") || has("ofb") => {
                vec![(0, Role::Key), (1, Role::Iv)]
            }
            "Hkdf" | "SimpleHkdf" => vec![(1, Role::KeyMaterial)],
            _ => Vec::new(),
        },
        "new_with_secret" if ty == "Argon2" => vec![(0, Role::Key)],
        "from" if has("cookie") && ty == "Key" => vec![(0, Role::CookieKey)],
        "assume_unique_for_key" | "try_assume_unique_for_key" if ty == "Nonce" => vec![(0, Role::Nonce)],
        "encrypt" | "decrypt" | "encrypt_aead" | "decrypt_aead" | "cipher" if has("symm") => {
            vec![(1, Role::Key), (2, Role::Iv)]
        }
        "pbkdf2_hmac" | "pbkdf2" | "pbkdf2_hmac_array" | "pbkdf2_array" => vec![(0, Role::Password), (1, Role::Salt)],
        "derive" | "verify" if has("pbkdf2") => vec![(2, Role::Salt), (3, Role::Password)],
        "from_b64" | "encode_b64" if matches!(ty, "SaltString" | "Salt") => vec![(0, Role::Salt)],
        "hash_encoded" | "hash_raw" | "verify_raw" if has("argon2") => vec![(1, Role::Salt)],
        "scrypt" if has("scrypt") => vec![(0, Role::Password), (1, Role::Salt)],
        "hash_with_salt" => vec![(2, Role::Salt)],
        "keyed_hash" | "new_keyed" => vec![(0, Role::Key)],
        "with_user_passphrase" => vec![(0, Role::Password)],
        _ => Vec::new(),
    }
}

/// Types and modules that make a generic function name (`new`, `from`,
/// `from_slice`, `encrypt`, `derive`) a crypto API.
const QUALIFIERS: &[&str] = &[
    "Nonce",
    "XNonce",
    "Iv",
    "IV",
    "Salt",
    "HS256Key",
    "HS384Key",
    "HS512Key",
    "SigningKey",
    "PrivateKey",
    "StaticSecret",
    "SecretKey",
    "Key",
    "Password",
    "Hmac",
    "SimpleHmac",
    "UnboundKey",
    "LessSafeKey",
    "Crypter",
    "Encryptor",
    "Decryptor",
    "Hkdf",
    "SimpleHkdf",
    "Argon2",
    "SaltString",
    "EncodingKey",
    "DecodingKey",
    "symm",
    "pbkdf2",
    "argon2",
    "scrypt",
    "cookie",
    "hmac",
];

static QUALIFIER_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| QUALIFIERS.iter().chain(CIPHER_TYPES).copied().collect());

/// A cheap first look: could `call_roles` match? Specific names
/// (`new_from_slice`) always can; generic ones (`new`, `from`,
/// `encrypt`) only with a crypto type or module in the path.
fn may_be_crypto_call(path: &syn::Path) -> bool {
    let n = path.segments.len();
    let Some(last) = path.segments.last() else { return false };
    let last = last.ident.to_string();
    let generic = matches!(
        last.as_str(),
        "new"
            | "from"
            | "from_slice"
            | "from_bytes"
            | "try_from_slice"
            | "try_from_bytes"
            | "encrypt"
            | "decrypt"
            | "encrypt_aead"
            | "decrypt_aead"
            | "cipher"
            | "derive"
            | "verify"
            | "hash_encoded"
            | "hash_raw"
            | "verify_raw"
            | "scrypt"
            | "from_b64"
            | "encode_b64"
            | "from_secret"
            | "from_base64_secret"
            | "new_with_secret"
            | "assume_unique_for_key"
            | "try_assume_unique_for_key"
    );
    if !generic {
        return true;
    }
    n >= 2 && path.segments.iter().take(n - 1).any(|s| QUALIFIER_SET.contains(s.ident.to_string().as_str()))
}

/// Crypto methods by name: (argument index, role).
pub(crate) fn method_roles(method: &str) -> &'static [(usize, Role)] {
    match method {
        "hash_password_into" => &[(1, Role::Salt)],
        "new_from_slice" => &[(0, Role::Key)],
        _ => &[],
    }
}

/// Method names `method_roles` knows (for `Interests`).
pub(crate) const CRYPTO_METHODS: &[&str] = &["hash_password_into", "new_from_slice"];

/// Last path segments `call_roles` can match (for `Interests`).
#[rustfmt::skip]
pub(crate) const CRYPTO_CALLS: &[&str] = &[
    "new_from_slice", "new_from_slices", "from_slice", "from_bytes", "try_from_slice", "try_from_bytes",
    "from_secret", "from_base64_secret", "new", "new_with_secret", "from", "assume_unique_for_key",
    "try_assume_unique_for_key", "encrypt", "decrypt", "encrypt_aead", "decrypt_aead", "cipher", "pbkdf2_hmac",
    "pbkdf2", "pbkdf2_hmac_array", "pbkdf2_array", "derive", "verify", "from_b64", "encode_b64", "hash_encoded",
    "hash_raw", "verify_raw", "scrypt", "hash_with_salt", "keyed_hash", "new_keyed", "with_user_passphrase",
];

/// Crates whose APIs `call_roles` describes: a call is only trusted when
/// its path resolves into one of them, or the file uses one of them.
#[rustfmt::skip]
pub(crate) const CRYPTO_CRATES: &[&str] = &[
    "aes", "aes_gcm", "aes_gcm_siv", "aes_siv", "ccm", "eax", "ocb3", "chacha20", "chacha20poly1305",
    "xsalsa20poly1305", "crypto_secretbox", "salsa20", "cbc", "ctr", "cfb_mode", "ofb", "hmac", "cmac", "pmac",
    "poly1305", "ring", "aws_lc_rs", "orion", "openssl", "aead", "cipher", "crypto_common", "jsonwebtoken",
    "jwt_simple", "argon2", "rust_argon2", "pbkdf2", "scrypt", "bcrypt", "hkdf", "sodiumoxide", "age", "blake3",
    "des", "camellia", "twofish", "blowfish", "ed25519_dalek", "x25519_dalek", "p256", "p384", "k256", "secp256k1",
    "branca", "fernet", "cookie", "actix_web", "axum_extra", "tower_cookies", "tower_sessions", "rocket", "botan",
    "mbedtls", "boring", "rustls",
];

/// Is this call, as resolved through the file's imports, plausibly into a
/// crypto crate?
pub(crate) fn is_crypto_path(cx: &Cx<'_, '_>, path: &syn::Path) -> bool {
    let r = cx.resolve(path);
    if let Some(first) = r.segs.first()
        && CRYPTO_CRATES.contains(&first.as_str())
    {
        return true;
    }
    if r.via_import && r.segs.first().is_some_and(|f| f != "crate" && f != "self" && f != "super") {
        return false;
    }
    file_uses_crypto(cx.file)
}

/// The file mentions a crypto crate path (`aes_gcm::`, `use ring::…`).
pub(crate) fn file_uses_crypto(file: &FileCtx) -> bool {
    let text = file.text.as_bytes();
    CRYPTO_CRATES.iter().any(|c| {
        let pat = format!("{c}::");
        memchr::memmem::find_iter(text, pat.as_bytes())
            .any(|i| i == 0 || !(text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_'))
    })
}

/// Is the constant `name` passed to a crypto API somewhere in the file (so
/// `hardcoded-crypto-key` reports it)?
pub(crate) fn used_as_crypto_input(root: &syn::File, name: &str) -> bool {
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    fn names(e: &Expr, name: &str) -> bool {
        let mut e = strip_value_conversions(e);
        for _ in 0..8 {
            match e {
                Expr::Path(p) => return p.path.segments.last().is_some_and(|s| s.ident == name),
                Expr::Index(i) => e = strip_value_conversions(&i.expr),
                Expr::Call(c) if c.args.len() == 1 => e = strip_value_conversions(&c.args[0]),
                _ => return false,
            }
        }
        false
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            if let Expr::Path(p) = &*c.func {
                for (i, _) in call_roles(&p.path) {
                    if c.args.get(i).is_some_and(|a| names(a, self.name)) {
                        self.found = true;
                    }
                }
            }
            if !self.found {
                syn::visit::visit_expr_call(self, c);
            }
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            for (i, _) in method_roles(&m.method.to_string()) {
                if m.args.iter().nth(*i).is_some_and(|a| names(a, self.name)) {
                    self.found = true;
                }
            }
            if !self.found {
                syn::visit::visit_expr_method_call(self, m);
            }
        }
    }
    if !root.items.is_empty() {
        let mut f = Finder { name, found: false };
        f.visit_file(root);
        return f.found;
    }
    false
}

/// Methods that store a value under a name: `map.insert("password", "…")`,
/// `Command::env("API_TOKEN", "…")`, `.header("X-Api-Key", "…")`.
#[rustfmt::skip]
/// (`hardcoded-secret` listens to these and its joins: keep its `METHODS` a superset.)
pub(crate) const NAME_VALUE_METHODS: &[&str] = &[
    "insert", "header", "append", "set", "add", "env", "set_var", "param", "with", "entry", "set_header",
    "try_insert",
];

/// The named literal of a `name`/`value` method call whose name is a string
/// literal.
pub(crate) fn named_in_method(m: &syn::ExprMethodCall) -> Option<Named<'_>> {
    if m.args.len() != 2 || !NAME_VALUE_METHODS.contains(&m.method.to_string().as_str()) {
        return None;
    }
    let Some(Lit::Str(k)) = string_lit(&m.args[0]) else { return None };
    let lit = string_lit(&m.args[1])?;
    Some(Named { name: k.value(), lit })
}
