use crate::rules::prelude::*;
use crate::syntax::exprs::strip_parens_and_refs;
use syn::{Expr, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags TLS configurations that allow SSL 3.0, TLS 1.0 or TLS 1.1:
    ///
    /// - native-tls (and tokio-native-tls, hyper-tls):
    ///   `min_protocol_version(Some(Protocol::Tlsv10))`, `Sslv3`, `Tlsv11`;
    /// - reqwest: `min_tls_version(tls::Version::TLS_1_0)`, and a
    ///   `max_tls_version` capped at TLS 1.0/1.1;
    /// - OpenSSL/BoringSSL: `set_min_proto_version(Some(SslVersion::TLS1))`,
    ///   `SSL3`, `TLS1_1`, a `set_max_proto_version` capped there, and
    ///   `SslMethod`/options that re-enable them
    ///   (`clear_options(SslOptions::NO_TLSV1)`).
    ///
    /// rustls never speaks these versions and is not affected.
    ///
    /// ### Why is this bad?
    /// SSL 3.0 (POODLE) and TLS 1.0/1.1 (BEAST, weak MAC and PRF
    /// constructions) are deprecated by RFC 8996. Allowing them lets a
    /// man-in-the-middle downgrade a connection to a protocol it can attack.
    ///
    /// ### Example
    /// ```rust
    /// fn connector() -> native_tls::Result<native_tls::TlsConnector> {
    ///     native_tls::TlsConnector::builder()
    ///         .min_protocol_version(Some(native_tls::Protocol::Tlsv10))
    ///         .build()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn connector() -> native_tls::Result<native_tls::TlsConnector> {
    ///     native_tls::TlsConnector::builder()
    ///         .min_protocol_version(Some(native_tls::Protocol::Tlsv12))
    ///         .build()
    /// }
    /// // reqwest: `.min_tls_version(reqwest::tls::Version::TLS_1_2)`;
    /// // OpenSSL: `builder.set_min_proto_version(Some(SslVersion::TLS1_2))`.
    /// ```
    ///
    /// ### Fix
    /// Machine-applicable (`cargo sast --fix`): an old minimum version becomes
    /// TLS 1.2 in the same enum (`Protocol::Tlsv10` → `Protocol::Tlsv12`,
    /// `Version::TLS_1_0` → `Version::TLS_1_2`, `SslVersion::TLS1` →
    /// `SslVersion::TLS1_2`), and a maximum capped below TLS 1.2 is removed
    /// (newer versions are then allowed). `clear_options(..)` that re-enables an
    /// old version is removed: machine-applicable when it clears only
    /// old-version flags (`NO_TLSV1`, …), maybe-incorrect (`--unsafe-fixes`)
    /// when it may clear other options too.
    ///
    /// ### References
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    /// - CWE-757: Selection of Less-Secure Algorithm During Negotiation ('Algorithm Downgrade')
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - RFC 8996: Deprecating TLS 1.0 and TLS 1.1
    pub(crate) OutdatedTlsVersion {
        id: "outdated-tls-version",
        name: "DeprecatedTlsProtocolVersion",
        summary: "a TLS configuration allows SSL 3.0, TLS 1.0 or TLS 1.1",
        severity: Medium,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [327, 757],
        owasp: [A02],
        tags: ["tls", "crypto"],
        fix: Mixed,
    }
}

/// Variant names of old protocol versions, by crate spelling.
fn old_version(name: &str) -> Option<&'static str> {
    Some(match name {
        "Sslv3" | "SSL3" | "SSLV3" => "SSL 3.0",
        "Sslv2" | "SSL2" => "SSL 2.0",
        "Tlsv10" | "TLS1" | "TLS_1_0" | "TLS1_0" | "TLSV1" => "TLS 1.0",
        "Tlsv11" | "TLS1_1" | "TLS_1_1" | "TLSV1_1" => "TLS 1.1",
        _ => return None,
    })
}

impl Rule for OutdatedTlsVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["protocol_version", "tls_version", "proto_version", "clear_options", "SslMethod"],
            methods: &[
                "min_protocol_version",
                "max_protocol_version",
                "min_tls_version",
                "max_tls_version",
                "set_min_proto_version",
                "set_max_proto_version",
                "clear_options",
            ],
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        let method = m.method.to_string();
        // `clear_options(SslOptions::NO_TLSV1 | ..)` re-enables a version.
        if method == "clear_options" {
            if let Some(v) = find_version(arg, true) {
                // Safe when the call clears nothing but old-version flags.
                let only_old = flags(arg).iter().all(|f| f.strip_prefix("NO_").is_some_and(|n| old_version(n).is_some()));
                let applicability = if only_old { Applicability::MachineApplicable } else { Applicability::MaybeIncorrect };
                cx.report_between(m.method.span(), m.paren_token.span.close(), format!("{v} is re-enabled"))
                    .help("keep `SslOptions::NO_SSLV3`, `NO_TLSV1` and `NO_TLSV1_1` set; use `set_min_proto_version(Some(SslVersion::TLS1_2))`")
                    .suggest_with("keep the old versions disabled (remove the call)", applicability, |f| {
                        [f.remove_method_call(m)]
                    });
            }
            return;
        }
        let Some(v) = find_version(arg, false) else { return };
        let max = method.starts_with("max") || method.starts_with("set_max");
        let (what, help) = if max {
            (format!("the highest TLS version allowed is {v}"), "do not cap the version below TLS 1.2; drop the maximum or set it to TLS 1.3")
        } else {
            (format!("{v} is allowed as the lowest TLS version"), "require TLS 1.2 or later: `Protocol::Tlsv12` (native-tls), `tls::Version::TLS_1_2` (reqwest), `SslVersion::TLS1_2` (OpenSSL)")
        };
        let d = cx.report_between(m.method.span(), m.paren_token.span.close(), what).help(help);
        if max {
            d.suggest_with("remove the cap: newer versions are allowed by default", Applicability::MachineApplicable, |f| {
                [f.remove_method_call(m)]
            });
        } else {
            let idents = version_idents(arg);
            d.suggest_with("require TLS 1.2", Applicability::MachineApplicable, |f| {
                idents.iter().map(|i| tls12_spelling(&i.to_string()).and_then(|new| f.replace_token(i.span(), &i.to_string(), new))).collect::<Vec<_>>()
            });
        }
    }
}

/// TLS 1.2 as the enum that names the old version spells it.
fn tls12_spelling(old: &str) -> Option<&'static str> {
    Some(match old {
        "Sslv2" | "Sslv3" | "Tlsv10" | "Tlsv11" => "Tlsv12",
        "SSL2" | "SSL3" | "TLS1" | "TLS1_0" | "TLS1_1" => "TLS1_2",
        "TLS_1_0" | "TLS_1_1" => "TLS_1_2",
        "SSLV3" | "TLSV1" | "TLSV1_1" => "TLSV1_2",
        _ => return None,
    })
}

/// The path segments naming an old version in a version argument.
fn version_idents(e: &Expr) -> Vec<&syn::Ident> {
    match strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.last().map(|s| &s.ident).filter(|i| old_version(&i.to_string()).is_some()).into_iter().collect(),
        Expr::Call(c) => c.args.iter().flat_map(version_idents).collect(),
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "into" | "unwrap") => version_idents(&m.receiver),
        _ => Vec::new(),
    }
}

/// The flags an options argument names (`NO_TLSV1 | NO_SSLV3`).
fn flags(e: &Expr) -> Vec<String> {
    match strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).into_iter().collect(),
        Expr::Binary(b) => {
            let mut v = flags(&b.left);
            v.extend(flags(&b.right));
            v
        }
        // Anything else may clear more than we can see.
        _ => vec![String::new()],
    }
}

/// An old version named in the argument (`Some(Protocol::Tlsv10)`,
/// `SslVersion::TLS1`, `NO_TLSV1 | NO_SSLV3`).
fn find_version(e: &Expr, options: bool) -> Option<&'static str> {
    match strip_parens_and_refs(e) {
        Expr::Path(p) => {
            let last = p.path.segments.last()?.ident.to_string();
            let name = if options { last.strip_prefix("NO_")? } else { last.as_str() };
            old_version(name)
        }
        Expr::Call(c) => c.args.iter().find_map(|a| find_version(a, options)),
        Expr::Binary(b) => find_version(&b.left, options).or_else(|| find_version(&b.right, options)),
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "into" | "unwrap") => find_version(&m.receiver, options),
        _ => None,
    }
}
