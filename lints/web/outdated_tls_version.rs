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
        cwe: [327, 757],
        owasp: [A02],
        tags: ["tls", "crypto"],
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
                cx.report_between(m.method.span(), m.paren_token.span.close(), format!("{v} is re-enabled"))
                    .help("keep `SslOptions::NO_SSLV3`, `NO_TLSV1` and `NO_TLSV1_1` set; use `set_min_proto_version(Some(SslVersion::TLS1_2))`");
            }
            return;
        }
        let Some(v) = find_version(arg, false) else { return };
        let (what, help) = if method.starts_with("max") || method.starts_with("set_max") {
            (format!("the highest TLS version allowed is {v}"), "do not cap the version below TLS 1.2; drop the maximum or set it to TLS 1.3")
        } else {
            (format!("{v} is allowed as the lowest TLS version"), "require TLS 1.2 or later: `Protocol::Tlsv12` (native-tls), `tls::Version::TLS_1_2` (reqwest), `SslVersion::TLS1_2` (OpenSSL)")
        };
        cx.report_between(m.method.span(), m.paren_token.span.close(), what).help(help);
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
