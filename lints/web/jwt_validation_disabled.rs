use crate::rules::prelude::*;
use crate::syntax::exprs::{bool_lit, strip_parens_and_refs};
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags JSON Web Token validation that is switched off or weakened:
    ///
    /// - jsonwebtoken: `Validation::insecure_disable_signature_validation()`,
    ///   `dangerous_insecure_decode`/`dangerous_unsafe_decode` (≤ 8) and
    ///   `dangerous::insecure_decode` (10), `validate_exp = false` (as an
    ///   assignment or in a `Validation { .. }` literal), emptied
    ///   `required_spec_claims` (so `exp` is optional), and
    ///   `Validation::new(header.alg)` — the algorithm taken from the token
    ///   itself;
    /// - josekit: `decode_unsecured` / `encode_unsecured`;
    /// - the `none` algorithm (`SignatureAlgorithm::None` in biscuit and
    ///   other JWT crates).
    ///
    /// ### Why is this bad?
    /// Without signature validation anyone can mint a token with any
    /// claims — any user, any role. Without expiry a stolen token works
    /// forever. Taking the algorithm from the token's header allows
    /// algorithm confusion: an attacker signs an HS256 token with your
    /// public RSA key as the HMAC secret.
    ///
    /// ### Example
    /// ```rust
    /// use jsonwebtoken::{decode, DecodingKey, Validation};
    /// fn claims(token: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<serde_json::Value> {
    ///     let mut validation = Validation::default();
    ///     validation.validate_exp = false;
    ///     Ok(decode::<serde_json::Value>(token, key, &validation)?.claims)
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
    /// fn claims(token: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<serde_json::Value> {
    ///     // Fix the algorithm you issue tokens with; keep `exp` required and checked.
    ///     let mut validation = Validation::new(Algorithm::RS256);
    ///     validation.set_audience(&["my-api"]);
    ///     Ok(decode::<serde_json::Value>(token, key, &validation)?.claims)
    /// }
    /// ```
    ///
    /// ### Fix
    /// Machine-applicable (`cargo sast --fix`): `validate_exp = false` becomes
    /// `true` (jsonwebtoken's default; the flip, unlike removing the line, keeps
    /// `let mut validation` used), and
    /// `validation.insecure_disable_signature_validation();`,
    /// `required_spec_claims.clear();`, `set_required_spec_claims(&[]);` and
    /// `required_spec_claims = HashSet::new();` are removed, which restores the
    /// defaults (signature checked, `exp` required). `Validation::new(header.alg)`
    /// gets an editor snippet `Validation::new(Algorithm::RS256)` with the
    /// algorithm to fill in (never applied by `--fix`). The undecoded or
    /// unsigned APIs get no fix: they need a key.
    ///
    /// ### References
    /// - CWE-347: Improper Verification of Cryptographic Signature
    /// - CWE-613: Insufficient Session Expiration
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    pub(crate) JwtValidationDisabled {
        id: "jwt-validation-disabled",
        name: "JwtValidationWeakened",
        summary: "JWT signature, algorithm or expiry validation is disabled",
        severity: High,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [347, 613],
        owasp: [A02, A07],
        tags: ["auth", "crypto"],
        fix: Safe,
    }
}

/// Crates that provide JWTs.
const JWT_CRATES: &[&str] =
    &["jsonwebtoken", "jwt", "biscuit", "josekit", "frank_jwt", "jwt_simple", "jsonwebtokens", "alcoholic_jwt", "jwt_compact"];

impl Rule for JwtValidationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &[
                "validate_exp",
                "insecure_disable_signature_validation",
                "insecure_decode",
                "dangerous_unsafe_decode",
                "required_spec_claims",
                "decode_unsecured",
                "encode_unsecured",
                "Validation",
                "Algorithm::None",
            ],
            methods: &["insecure_disable_signature_validation", "clear", "set_required_spec_claims"],
            calls: &[
                "dangerous_insecure_decode",
                "dangerous_insecure_decode_with_validation",
                "dangerous_unsafe_decode",
                "insecure_decode",
                "decode_unsecured",
                "encode_unsecured",
                "new",
            ],
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        let (msg, sev) = match name.as_str() {
            "insecure_disable_signature_validation" => ("JWT signature validation is disabled", Severity::Critical),
            // `validation.required_spec_claims.clear()`
            "clear" if field_is(&m.receiver, "required_spec_claims") => {
                ("no JWT claim is required: tokens without `exp` are accepted", Severity::Medium)
            }
            // `validation.set_required_spec_claims::<&str>(&[])`
            "set_required_spec_claims" if m.args.first().is_some_and(is_empty_list) => {
                ("no JWT claim is required: tokens without `exp` are accepted", Severity::Medium)
            }
            _ => return,
        };
        cx.report_between(m.method.span(), m.paren_token.span.close(), msg).severity(sev).help(HELP).suggest_with(
            "remove the statement: `Validation::default()` checks the signature and requires `exp`",
            Applicability::MachineApplicable,
            |f| [f.remove_method_call(m)],
        );
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let last = r.last();
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        let from_jwt_crate = JWT_CRATES.contains(&root) || (!r.via_import && callee.segments.len() == 1);
        let msg = match last {
            "dangerous_insecure_decode" | "dangerous_insecure_decode_with_validation" | "dangerous_unsafe_decode" => {
                "the JWT is decoded without verifying its signature"
            }
            "insecure_decode" if root == "jsonwebtoken" || r.segs.iter().any(|s| s == "dangerous") => {
                "the JWT is decoded without verifying its signature"
            }
            "decode_unsecured" | "encode_unsecured" if from_jwt_crate || root == "josekit" => "an unsecured JWT (`alg: none`) is used",
            // `Validation::new(header.alg)`
            "new" if r.segs.len() >= 2
                && r.segs[r.segs.len() - 2] == "Validation"
                && (root == "jsonwebtoken" || !r.via_import)
                && c.args.first().is_some_and(is_alg_from_token) =>
            {
                "the JWT algorithm is taken from the token's own header (algorithm confusion)"
            }
            _ => return,
        };
        let Some(first) = callee.segments.first() else { return };
        let alg = c.args.first().filter(|a| last == "new" && is_alg_from_token(a));
        let d = cx.report_between(first.ident.span(), c.paren_token.span.close(), msg).help(HELP);
        if let Some(alg) = alg {
            // The algorithm is the user's to name: an editor snippet.
            d.suggest_with("name the algorithm your keys use", Applicability::HasPlaceholders, |f| {
                f.byte_range(alg.span()).map(|(s, e)| f.edit(s, e, "Algorithm::${1:RS256}"))
            });
        }
    }

    /// `validation.validate_exp = false;`, `Validation { validate_exp: false, .. }`,
    /// `validation.required_spec_claims = HashSet::new();`, `SignatureAlgorithm::None`.
    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        match e {
            Expr::Assign(a) => {
                let Expr::Field(f) = &*a.left else { return };
                let syn::Member::Named(n) = &f.member else { return };
                if n == "validate_exp" && bool_lit(&a.right) == Some(false) {
                    cx.report(a.span(), "JWT expiry (`exp`) is not validated: a stolen token never expires")
                        .help(HELP)
                        .suggest_with(EXP_FIX, Applicability::MachineApplicable, |f| [f.flip_bool_expr(&a.right)]);
                } else if n == "required_spec_claims" && is_empty_set(&a.right) {
                    cx.report(a.span(), "no JWT claim is required: tokens without `exp` are accepted")
                        .severity(Severity::Medium)
                        .help(HELP)
                        .suggest_with(
                            "remove the assignment: `exp` is required by default",
                            Applicability::MachineApplicable,
                            |f| [f.remove_expr_stmt(e)],
                        );
                }
            }
            Expr::Struct(s) => {
                if s.path.segments.last().is_none_or(|x| x.ident != "Validation") {
                    return;
                }
                for f in &s.fields {
                    if matches!(&f.member, syn::Member::Named(n) if n == "validate_exp") && bool_lit(&f.expr) == Some(false) {
                        cx.report(f.span(), "JWT expiry (`exp`) is not validated: a stolen token never expires")
                            .help(HELP)
                            .suggest_with(EXP_FIX, Applicability::MachineApplicable, |file| [file.flip_bool_expr(&f.expr)]);
                    }
                }
            }
            Expr::Path(p) => {
                let segs = &p.path.segments;
                if segs.len() < 2 || segs.last().is_none_or(|s| s.ident != "None") {
                    return;
                }
                let ty = segs[segs.len() - 2].ident.to_string();
                if !matches!(ty.as_str(), "SignatureAlgorithm" | "Algorithm") {
                    return;
                }
                let r = cx.resolve(&p.path);
                if r.segs.first().is_some_and(|s| JWT_CRATES.contains(&s.as_str())) {
                    cx.report_between(segs[0].ident.span(), segs[segs.len() - 1].ident.span(), "the JWT `none` algorithm accepts unsigned tokens")
                        .help(HELP);
                }
            }
            _ => {}
        }
    }
}

const HELP: &str = "verify every token: a fixed algorithm (`Validation::new(Algorithm::RS256)`), the signature, and `exp` (the `Validation::default()` settings); decode headers only with `decode_header` to pick a key";

/// `validate_exp = true` is jsonwebtoken's default; flipping (rather than
/// removing) the assignment keeps `let mut validation` used.
const EXP_FIX: &str = "validate `exp` (`validate_exp = true`)";

fn field_is(e: &Expr, name: &str) -> bool {
    matches!(strip_parens_and_refs(e), Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == name))
}

/// `&[]`, `&[] as &[&str]`, `Vec::new()`.
fn is_empty_list(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Array(a) => a.elems.is_empty(),
        Expr::Cast(c) => is_empty_list(&c.expr),
        Expr::Call(c) => c.args.is_empty() && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "new")),
        _ => false,
    }
}

/// `HashSet::new()`, `Default::default()`.
fn is_empty_set(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Call(c) => {
            c.args.is_empty()
                && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "new" || s.ident == "default"))
        }
        _ => false,
    }
}

/// `header.alg`, `decode_header(token)?.alg`.
fn is_alg_from_token(e: &Expr) -> bool {
    matches!(strip_parens_and_refs(e), Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == "alg"))
}
