use crate::rules::prelude::*;
use crate::syntax::exprs::bool_lit;
use syn::ExprMethodCall;

declare_rule! {
    /// ### What it does
    /// Flags TLS clients and connectors configured to accept invalid
    /// certificates or host names: `danger_accept_invalid_certs(true)` and
    /// `danger_accept_invalid_hostnames(true)` (reqwest, native-tls,
    /// tokio-native-tls, hyper-tls and other builders with these methods).
    ///
    /// ### Why is this bad?
    /// With verification off, anyone on the network path can present their
    /// own certificate and read or change the traffic (man-in-the-middle):
    /// credentials, tokens and data sent over "HTTPS" are exposed. When the
    /// flag comes from a variable (an `--insecure` option, a config value),
    /// the finding is reported at lower severity so the switch is reviewed.
    ///
    /// ### Example
    /// ```rust
    /// fn client() -> reqwest::Result<reqwest::Client> {
    ///     reqwest::Client::builder().danger_accept_invalid_certs(true).build()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// // Trust a private CA explicitly instead of disabling verification.
    /// fn client(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    ///     let ca = reqwest::Certificate::from_pem(ca_pem)?;
    ///     reqwest::Client::builder().add_root_certificate(ca).build()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-295: Improper Certificate Validation
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    pub TlsVerificationDisabled {
        id: "tls-verification-disabled",
        name: "TlsCertificateVerificationDisabled",
        summary: "TLS certificate or host name verification is disabled",
        severity: High,
        precision: VeryHigh,
        cwe: [295],
        owasp: [A07, A02],
        tags: ["tls", "crypto"],
    }
}

impl Rule for TlsVerificationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["danger_accept_invalid"],
            methods: &["danger_accept_invalid_certs", "danger_accept_invalid_hostnames"],
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        let what = if m.method == "danger_accept_invalid_certs" { "certificate" } else { "host name" };
        let help = "keep verification on; to trust a private CA, add it with `add_root_certificate` (reqwest) or `TlsConnector::builder().add_root_certificate` (native-tls)";
        match bool_lit(arg) {
            Some(false) => {}
            Some(true) => {
                cx.report_between(m.method.span(), m.paren_token.span.close(), format!("TLS {what} verification is disabled"))
                    .help(help);
            }
            None => {
                cx.report_between(
                    m.method.span(),
                    m.paren_token.span.close(),
                    format!("TLS {what} verification can be disabled at run time by `{}`", cx.file.snippet(arg.span())),
                )
                .severity(Severity::Medium)
                .help(help);
            }
        }
    }
}
