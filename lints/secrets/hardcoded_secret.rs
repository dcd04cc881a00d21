use crate::rules::prelude::*;
use crate::secrets::policy::{self, Reach, Region};
use crate::secrets::detect::{Detector, TABLE};
use crate::secrets::{encoded, text};
use crate::lints::secrets::syntax::{self as ss, Named};
use crate::lints::secrets::{comments, pieces};

// sast:allow(hardcoded-secret): the token of the rule's documented example is made up (its checksum is not GitHub's)
declare_rule! {
    /// ### What it does
    /// Flags provider tokens, API keys and private keys written in the
    /// source: cloud credentials (AWS, Google Cloud, Azure, DigitalOcean,
    /// Alibaba, …), code-host and CI tokens (GitHub, GitLab, Bitbucket,
    /// CircleCI, …), chat and mail (Slack, Discord, Twilio, SendGrid,
    /// Mailgun, …), payments (Stripe, Square, PayPal, …), AI APIs (OpenAI,
    /// Anthropic, Hugging Face, …), package registries (crates.io, npm,
    /// PyPI, NuGet, Docker Hub), SaaS and monitoring (Datadog, New Relic,
    /// Sentry DSNs with a secret, Shopify, …), JWTs, and PEM, OpenSSH,
    /// PuTTY and age private keys — more than 250 detectors
    /// (`lints/models/secrets.toml`).
    ///
    /// Credentials written in the formats of other tools inside a literal
    /// or a text file count too: a `.netrc` entry (`machine h login u
    /// password p`), `Authorization: Basic …` (base64 of `user:password`,
    /// the password neither short nor a placeholder) and `Authorization:
    /// Bearer …` headers (and Discord's `Authorization: Bot …`), `curl -u
    /// user:password` and `curl -H 'Authorization: …'`; a header's name on
    /// a `curl -H 'DD-API-KEY: …'` line binds a name-bound format.
    ///
    /// Every string literal is checked: normal, raw, byte, byte-raw and C
    /// strings, multi-line strings, tokens split across `concat!`
    /// pieces, `["…", "…"].concat()` / `.join("")` and `+` chains of
    /// literals (a PEM header in one piece and its body in the next
    /// included), and the literals of macro bodies that are not Rust syntax
    /// (`serde_json::json!({ "token": "…" })`). A value whose format is not distinctive on its own (a
    /// Datadog key is 32 hex digits) is reported only when it is bound to a
    /// name that says what it is (`DATADOG_API_KEY`, a `datadog_api_key`
    /// field, `map.insert("DD_API_KEY", …)`, a `json!` key
    /// (`json!({ "dd_api_key": "…" })`), a constant or variable initialised
    /// with `concat!` pieces, an environment line
    /// `"DD_API_KEY=…"` in a literal or a format string). Base64 runs (a Kubernetes
    /// `Secret`'s `data:` values, `.dockerconfigjson`, an encoded key) are
    /// decoded and the detectors run on the decoded text. Published
    /// example values (AWS's `AKIAIOSFODNN7EXAMPLE`, Azurite's account key,
    /// Stripe's sample test key, jwt.io's token, Telegram's documented bot
    /// tokens, the example tokens and credentials of the OAuth 2.0 and
    /// HTTP Basic RFCs: `lints/models/secrets_examples.toml`, each with
    /// where it is published), other documented examples, placeholders (`xxxx`,
    /// `<token>`, `${VAR}`) and low-entropy strings are skipped; comments
    /// and doc comments are checked for provider formats too (a token
    /// pasted into a `// …`, `/// …` or `/* … */` comment is as leaked as
    /// one in a literal: provider formats, and name-bound formats in a
    /// comment's `KEY=value` lines or prose (`old value of DD_API_KEY:
    /// …`); a run of line comments reads as one
    /// text, so a PEM key pasted over `//` or `///` lines is found;
    /// name-based guesses such as a password are not looked for there).
    /// The same
    /// detectors run on the workspace's `.env`, TOML, YAML, JSON and other
    /// configuration files. Test code is reported one severity lower: a
    /// real key in a test is still a leaked key.
    ///
    /// Findings never show the secret: the terminal, JSON and SARIF show
    /// only its first characters, and fingerprints are computed on the
    /// masked text. `[secrets]` in `sast.toml` adds patterns
    /// (`[[secrets.pattern]]`) and allowlists (`allow-regexes`,
    /// `allow-paths`, `allow-fingerprints`).
    ///
    /// ### Why is this bad?
    /// A credential in the source is readable by everyone with access to
    /// the repository, its forks, CI logs, build artifacts and the binary,
    /// and it stays in the git history after it is deleted. Attackers scan
    /// public and leaked repositories for exactly these formats within
    /// minutes. A committed secret must be considered compromised: remove
    /// it, rotate it, and load it at run time.
    ///
    /// ### Example
    /// ```rust
    /// fn client() -> octocrab::Result<octocrab::Octocrab> {
    ///     octocrab::Octocrab::builder().personal_token("ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5".to_string()).build()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn client() -> Result<octocrab::Octocrab, Box<dyn std::error::Error>> {
    ///     let token = std::env::var("GITHUB_TOKEN")?;
    ///     Ok(octocrab::Octocrab::builder().personal_token(token).build()?)
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Secrets Management Cheat Sheet
    pub(crate) HardcodedSecret {
        id: "hardcoded-secret",
        name: "HardcodedProviderSecret",
        summary: "a provider token, API key or private key is written in the source",
        severity: High,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 15, judged: 15, tp: 15, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 6, judged: 6, tp: 6, debatable: 0, when: "session 8 (a328b37)" },
            Secrets { findings: 1718, judged: 1718, tp: 1717, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [798, 321],
        owasp: [A07, A02],
        tags: ["secrets"],
        test_code: Lower,
    }
}

/// `name`/`value` methods (`ss::NAME_VALUE_METHODS`), and the joins of
/// literal pieces.
const METHODS: &[&str] = &[
    "insert", "header", "append", "set", "add", "env", "set_var", "param", "with", "entry", "set_header",
    "try_insert", "concat", "join",
];

const HELP: &str = "remove it from the source, rotate it (a committed secret is compromised), and load it at run time from the environment or a secret manager";

impl HardcodedSecret {
    /// A token split across literal pieces joined at compile or run time
    /// (`concat!`, `["…", "…"].concat()`, `"…".to_owned() + "…"`): reported
    /// when no single piece holds it.
    fn split(&self, cx: &mut Cx<'_, '_>, pieces: &[(String, proc_macro2::Span)], how: &str) {
        if pieces.len() < 2 {
            return;
        }
        let (joined, bounds) = pieces::joined(pieces);
        // A piece that holds the secret on its own is reported as a literal;
        // a PEM body after a header piece is not (the key needs both).
        let alone: Vec<(usize, usize, &str)> = bounds
            .iter()
            .zip(pieces)
            .flat_map(|(&(s, _), (v, _))| TABLE.scan(v).into_iter().map(move |h| (s + h.start, s + h.end, h.detector.id.as_str())))
            .collect();
        let Some(h) = TABLE
            .scan(&joined)
            .into_iter()
            .find(|h| !alone.iter().any(|&(s, e, id)| id == h.detector.id && s < h.end && h.start < e))
        else {
            return;
        };
        if cx.settings.secrets.allowed_value(&joined[h.start..h.end]) {
            return;
        }
        report_pieces(cx, pieces, format!("hardcoded {} (split across {how})", h.detector.name), h.detector);
    }

    /// `const DD_API_KEY: &str = concat!("1754…", "…")`: a name-bound
    /// format split across `concat!` pieces, bound to the name of the
    /// constant, static or local it initialises.
    fn named_split(&self, cx: &mut Cx<'_, '_>, name: &str, value: &syn::Expr) {
        if !TABLE.has_context_candidates(name) {
            return;
        }
        let Some(pieces) = pieces::concat_value(value) else { return };
        if pieces.len() < 2 {
            return;
        }
        let (joined, _) = pieces::joined(&pieces);
        // A self-identifying format is the split check's.
        let Some(d) = name_bound(cx, name, &joined) else { return };
        report_pieces(cx, &pieces, format!("hardcoded {} in `{name}` (split across `concat!` pieces)", d.name), d);
    }

    fn named(&self, cx: &mut Cx<'_, '_>, n: &Named<'_>) {
        if !TABLE.has_context_candidates(&n.name) {
            return;
        }
        let Some((value, _)) = ss::lit_value(n.lit) else { return };
        let Some(d) = name_bound(cx, &n.name, &value) else { return };
        let span = n.lit.span();
        let Some((ms, me)) = ss::content_range(cx.file, span) else { return };
        let severity = d.severity;
        cx.report(span, format!("hardcoded {} in `{}`", d.name, n.name))
            .mask_range(ms, me)
            .severity(severity)
            .help(HELP)
            .note(format!("detector: {}", d.id));
    }
}

impl HardcodedSecret {
    /// Provider formats in the file's comments and doc comments (syn keeps
    /// no comments, and doc comments are attributes the walker skips).
    fn comments(&self, cx: &mut Cx<'_, '_>, file: &syn::File) {
        // Each comment is tested on its own, with no pass over the whole
        // text first: that pass read a fifth of the file before its first
        // keyword (`sk`, `pat`) on average and all of a file without one,
        // and comments are a subset of it.
        let mut tests: Option<Vec<(usize, usize)>> = None;
        for (cs, comment) in comments::comments_where(cx.file, may_hold_format) {
            let comment = comment.as_str();
            let (found, context) = TABLE.scan_and_context(comment);
            let mut hits: Vec<(usize, usize, String, Severity, Option<&str>)> = found
                .into_iter()
                .map(|h| (h.start, h.end, h.detector.name.to_string(), h.detector.severity, Some(h.detector.id.as_str())))
                .collect();
            // `// AWS_SECRET_ACCESS_KEY=…`: name-bound formats of the
            // comment's `key = value` pairs.
            if context && comment.contains(['=', ':']) {
                for h in text::literal_pairs(comment, &cx.settings.secrets, crate::secrets::HARDCODED_SECRET) {
                    if !hits.iter().any(|&(s, e, ..)| s < h.end && h.start < e) {
                        let what = h.message.strip_prefix("hardcoded ").unwrap_or(&h.message).to_string();
                        hits.push((h.start, h.end, what, h.severity.unwrap_or(Severity::High), None));
                    }
                }
                // `old value of DD_API_KEY: e72d…`: a variable's name in
                // capitals inside prose, then its value.
                for (vs, ve, d) in prose_named(comment) {
                    if !hits.iter().any(|&(s, e, ..)| s < ve && vs < e) {
                        hits.push((vs, ve, d.name.clone(), d.severity, Some(d.id.as_str())));
                    }
                }
            }
            for (hs, he, what, severity, id) in hits {
                let (s, e) = (cs + hs, cs + he);
                if comment.get(hs..he).is_none_or(|v| cx.settings.secrets.allowed_value(v)) {
                    continue;
                }
                let in_test = tests.get_or_insert_with(|| comments::test_ranges(cx, &file.items)).iter().any(|&(a, b)| a <= s && e <= b);
                let (Ok(s), Ok(e)) = (u32::try_from(s), u32::try_from(e)) else { continue };
                let mut d = cx
                    .report_range(s, e, format!("hardcoded {what} in a comment"))
                    .in_test_code(in_test)
                    .mask_range(s, e)
                    .severity(severity)
                    .help(HELP);
                if let Some(id) = id {
                    d = d.note(format!("detector: {id}"));
                }
            }
        }
    }
}

/// `NAME: value` / `NAME = value` inside a comment's prose, the name an
/// environment variable's (capitals, digits, `_`): the value's range and
/// the name-bound format it has.
fn prose_named(comment: &str) -> Vec<(usize, usize, &'static Detector)> {
    static PAIR: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b([A-Z][A-Z0-9_]{2,})\s*[:=]\s*([^\s`'\x22,;]{8,})").ok());
    let Some(re) = PAIR.as_ref() else { return Vec::new() };
    bound_values(re, comment).into_iter().filter(|(name, ..)| name.contains('_')).map(|(_, s, e, d)| (s, e, d)).collect()
}

/// `-H 'Name: value'` / `--header "Name: value"` on a command line in a
/// literal, the header's name binding a name-bound format: the header's
/// name, the value's range and the format.
fn header_named(text: &str) -> Vec<(&str, usize, usize, &'static Detector)> {
    static HEADER: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?:^|\s)(?:-H|--header)\s*['"]([A-Za-z][A-Za-z0-9_-]{2,}):\s*([^'"\s]{8,})['"]"#).ok()
    });
    if !text.contains("-H") && !text.contains("--header") {
        return Vec::new();
    }
    let Some(re) = HEADER.as_ref() else { return Vec::new() };
    bound_values(re, text)
}

/// The matches of `re` (group 1 a name, group 2 its value) whose value has
/// the name-bound format the name says: (name, value range, format).
fn bound_values<'t>(re: &regex::Regex, text: &'t str) -> Vec<(&'t str, usize, usize, &'static Detector)> {
    re.captures_iter(text)
        .filter_map(|c| {
            let (name, value) = (c.get(1)?, c.get(2)?);
            if !TABLE.has_context_candidates(name.as_str()) {
                return None;
            }
            let d = TABLE.scan_named(name.as_str(), value.as_str())?;
            Some((name.as_str(), value.start(), value.end(), d))
        })
        .collect()
}

/// The name-bound format a value bound to `name` has (the caller checked
/// that the name holds a context word): not for a short value, one that
/// already has a self-identifying format (reported as such), or an
/// allow-listed one.
fn name_bound(cx: &Cx<'_, '_>, name: &str, value: &str) -> Option<&'static Detector> {
    if value.len() < 8 || !TABLE.scan(value).is_empty() {
        return None;
    }
    let d = TABLE.scan_named(name, value)?;
    (!cx.settings.secrets.allowed_value(value.trim())).then_some(d)
}

/// Reports a secret written in `pieces`, every piece masked.
fn report_pieces(cx: &mut Cx<'_, '_>, pieces: &[(String, proc_macro2::Span)], message: String, d: &Detector) {
    if let Some(r) = pieces::report_masked(cx, pieces, message) {
        drop(r.severity(d.severity).help(HELP).note(format!("detector: {}", d.id)));
    }
}

/// A detector keyword (of a self-identifying or a name-bound format) in `text`.
fn may_hold_format(text: &str) -> bool {
    TABLE.has_any_candidates(text)
}

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            macros: &["concat", "json"],
            methods: METHODS,
            nodes: node::FILE | node::LIT | node::LOCAL | node::ITEM | node::EXPR,
            ..Default::default()
        }
    }

    fn may_report_in_test(&self, region: &Region<'_>, settings: &crate::rules::settings::RuleSettings) -> bool {
        // A secret split by `concat!` may not show its keyword in one piece
        // (`region_may_report` looks for it).
        let text = region.text;
        policy::region_may_report(Reach::Formats, region, !settings.secrets.patterns.is_empty())
            || may_hold_format(text)
                && crate::syntax::comments::comments(text).iter().any(|&(s, e)| text.get(s..e).is_some_and(may_hold_format))
    }

    fn check_file<'ast>(&self, cx: &mut Cx<'_, 'ast>, file: &'ast syn::File) {
        self.comments(cx, file);
    }

    fn check_lit<'ast>(&self, cx: &mut Cx<'_, 'ast>, lit: &'ast syn::Lit) {
        let span = lit.span();
        // Prefilter on the source text (no unescaping): long enough, and a
        // detector keyword in it, a base64 run to decode, or user patterns.
        let raw = ss::lit_source(lit);
        if raw.len() < 10
            || (!TABLE.has_any_candidates(&raw)
                && !encoded::may_hold(&raw)
                && cx.settings.secrets.patterns.is_empty())
        {
            return;
        }
        let Some((value, _)) = ss::lit_value(lit) else { return };
        if value.len() < 8 {
            return;
        }
        let settings = cx.settings.secrets.clone();
        // Plain, or behind base64 (a Kubernetes `data:` value, an encoded key).
        if let Some(h) = encoded::format_hits(&value).into_iter().find(|h| !settings.allowed_value(&value[h.start..h.end])) {
            let Some((ms, me)) = ss::value_range(cx.file, span, &value, h.start, h.end) else { return };
            let d = cx
                .report(span, h.message())
                .mask_range(ms, me)
                .severity(h.detector.severity)
                .help(HELP)
                .note(format!("detector: {}", h.detector.id));
            // A human-chosen password (`.netrc`, `curl -u`, Basic
            // credentials): judged like a name-based guess in test code.
            let password = h.detector.password_of(&value[h.start..h.end]);
            let _judged = match password {
                Some(p) => d.name_guess(&p, "password"),
                None => d,
            };
            return;
        }
        // A config snippet (`DD_API_KEY=…`): name-bound formats of its pairs.
        if text::looks_like_config(&value)
            && let Some(h) = text::literal_pairs(&value, &settings, crate::secrets::HARDCODED_SECRET).into_iter().next()
        {
            let Some((ms, me)) = ss::value_range(cx.file, span, &value, h.start, h.end) else { return };
            cx.report(span, h.message).mask_range(ms, me).severity(h.severity.unwrap_or(Severity::High)).help(HELP);
            return;
        }
        // `curl -H 'DD-API-KEY: …'`: a name-bound format in a header a
        // command line sends.
        if let Some((name, vs, ve, d)) = header_named(&value).into_iter().next() {
            let Some((ms, me)) = ss::value_range(cx.file, span, &value, vs, ve) else { return };
            cx.report(span, format!("hardcoded {} in a `{name}` header", d.name))
                .mask_range(ms, me)
                .severity(d.severity)
                .help(HELP)
                .note(format!("detector: {}", d.id));
            return;
        }
        if let Some((p, s, e)) = settings.scan(&value).into_iter().next() {
            let Some((ms, me)) = ss::value_range(cx.file, span, &value, s, e) else { return };
            cx.report(span, format!("hardcoded secret matching pattern `{}` ({})", p.id, p.description))
                .mask_range(ms, me)
                .help(HELP);
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, args: Option<&[&syn::Expr]>) {
        // `json!({ "aws_secret_access_key": "…" })`: the body is not Rust
        // syntax, its `"key": "value"` pairs are read from the tokens.
        if crate::syntax::macros::macro_name(mac) == "json" {
            for (name, lit) in crate::syntax::macros::json_pairs(mac.tokens.clone()) {
                self.named(cx, &Named { name, lit: &lit });
            }
            return;
        }
        // A token split across `concat!` pieces: reported when no single
        // piece holds it.
        let Some(args) = args else { return };
        let Some(pieces) = pieces::concat_pieces(args) else { return };
        self.split(cx, &pieces, "`concat!` pieces");
    }

    fn check_local<'ast>(&self, cx: &mut Cx<'_, 'ast>, l: &'ast syn::Local) {
        if let Some(n) = ss::named_in_local(l) {
            self.named(cx, &n);
        }
        if let Some((name, init)) = ss::bound_in_local(l) {
            self.named_split(cx, &name, init);
        }
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast syn::Item) {
        for n in ss::named_in_item(item) {
            self.named(cx, &n);
        }
        if let Some((name, value)) = ss::bound_in_item(item) {
            self.named_split(cx, &name, value);
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast syn::Expr) {
        if let Some(pieces) = pieces::added_pieces(cx, e) {
            self.split(cx, &pieces, "`+` pieces");
        }
        if !matches!(e, syn::Expr::Struct(_) | syn::Expr::Assign(_) | syn::Expr::Tuple(_)) {
            return;
        }
        for n in ss::named_in_expr(e) {
            self.named(cx, &n);
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast syn::ExprMethodCall) {
        if let Some(n) = ss::named_in_method(m) {
            self.named(cx, &n);
        }
        // `["ghp_…", "…"].concat()`, `[…].join("")`.
        let joins = match m.method.to_string().as_str() {
            "concat" => m.args.is_empty(),
            "join" => matches!(m.args.first(), Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) if s.value().is_empty()),
            _ => false,
        };
        if joins
            && let syn::Expr::Array(a) = crate::syntax::exprs::strip_parens_and_refs(&m.receiver)
            && let Some(pieces) = pieces::concat_pieces(&a.elems.iter().collect::<Vec<_>>())
        {
            self.split(cx, &pieces, "joined pieces");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn listens_to_every_name_value_method() {
        assert!(crate::lints::secrets::syntax::NAME_VALUE_METHODS.iter().all(|m| super::METHODS.contains(m)));
    }
}
