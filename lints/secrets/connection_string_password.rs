use crate::rules::prelude::*;
use crate::secrets::policy::{self, Reach};
use crate::lints::secrets::syntax as ss;
use crate::secrets::{connstr, detect::TABLE, encoded};

declare_rule! {
    /// ### What it does
    /// Flags passwords embedded in connection strings and URLs written in
    /// the source: `postgres://user:password@host/db`, `mysql://`,
    /// `mongodb://` and `mongodb+srv://`, `redis://:password@`, `amqp://`,
    /// `smtp://`/`smtps://`, `ldap://`, `ftp://`, `https://user:pass@…`,
    /// `Password=…;` in ADO.NET/ODBC-style strings, JDBC parameters
    /// (`jdbc:postgresql://h/db?user=u&password=…`,
    /// `jdbc:sqlserver://h:1433;user=u;password=…`) and libpq keyword
    /// strings (`host=h user=u password=… dbname=d`), also behind base64
    /// (a Kubernetes `Secret`'s `data:` values, in a literal or a
    /// manifest file). The same check runs on `.env`, TOML, YAML and other
    /// configuration files of the workspace, `.git-credentials` lines
    /// (`https://user:token@host`) included. Test code is reported one
    /// severity lower.
    ///
    /// Template holes (`{}`, `{password}`, `${DB_PASSWORD}`), placeholders
    /// (`<password>`, `changeme`), a password equal to the user name, and
    /// the default passwords of local throwaway servers
    /// (`postgres://postgres:postgres@localhost`) are not reported. Only
    /// the password is masked in reports.
    ///
    /// ### Why is this bad?
    /// The connection string carries the database's (or broker's, or mail
    /// server's) password to everyone who can read the repository, the
    /// binary or the logs that print the URL. Database credentials in
    /// source are among the most exploited leaks.
    ///
    /// ### Example
    /// ```rust
    /// async fn pool() -> Result<sqlx::PgPool, sqlx::Error> {
    ///     sqlx::PgPool::connect("postgres://app:Xk8mQ2vLp9wRz@db.internal:5432/app").await
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// async fn pool() -> Result<sqlx::PgPool, Box<dyn std::error::Error>> {
    ///     let url = std::env::var("DATABASE_URL")?;
    ///     Ok(sqlx::PgPool::connect(&url).await?)
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-259: Use of Hard-coded Password
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    pub(crate) ConnectionStringPassword {
        id: "connection-string-password",
        name: "PasswordInConnectionString",
        summary: "a connection string or URL in the source contains a password",
        severity: High,
        precision: High,
        cwe: [798, 259],
        owasp: [A07],
        tags: ["secrets"],
        test_code: Lower,
    }
}

const HELP: &str = "keep the password out of the URL: read the connection string (or just the password) from the environment or a secret manager, and rotate the committed one";

impl ConnectionStringPassword {
    /// A manifest in a literal whose `data:` values are base64 (a
    /// Kubernetes `Secret`): connection strings behind the encoding.
    fn encoded(&self, cx: &mut Cx<'_, '_>, lit: &syn::Lit) {
        let Some((value, _)) = ss::lit_value(lit) else { return };
        for (s, e, what) in encoded::connection_strings(&value) {
            if cx.settings.secrets.allowed_value(&value[s..e]) {
                continue;
            }
            let span = lit.span();
            let Some((ms, me)) = ss::value_range(cx.file, span, &value, s, e) else { return };
            cx.report(span, format!("password in a {what} (base64-encoded)")).mask_range(ms, me).help(HELP);
            return;
        }
    }
}

impl Rule for ConnectionStringPassword {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["://", "assword=", "ASSWORD=", "wd=", "WD=", "data:"],
            nodes: node::LIT,
            ..Default::default()
        }
    }

    fn may_report_in_test(&self, text: &str, _settings: &crate::rules::settings::RuleSettings) -> bool {
        policy::region_may_report(Reach::ConnectionStrings, text, false)
    }

    fn check_lit<'ast>(&self, cx: &mut Cx<'_, 'ast>, lit: &'ast syn::Lit) {
        let raw = ss::lit_source(lit);
        if raw.len() >= 40 && raw.contains("data:") && encoded::may_hold(&raw) {
            self.encoded(cx, lit);
        }
        let raw = raw.as_bytes();
        if raw.len() < 12
            || !(memchr::memmem::find(raw, b"://").is_some()
                || memchr::memchr(b'=', raw).is_some_and(|_| memchr::memchr(b';', raw).is_some())
                || memchr::memmem::find(raw, b"assword=").is_some()
                || memchr::memmem::find(raw, b"ASSWORD=").is_some())
        {
            return;
        }
        let Some((value, _)) = ss::lit_value(lit) else { return };
        if value.len() < 10 {
            return;
        }
        let Some(h) = connstr::find(&value).into_iter().next() else { return };
        // A provider format inside the URL (a Sentry DSN with its secret,
        // a Slack webhook) is `hardcoded-secret`'s.
        if TABLE.scan(&value).iter().any(|t| t.start < h.end && h.start < t.end) {
            return;
        }
        if cx.settings.secrets.allowed_value(&value[h.start..h.end]) {
            return;
        }
        let span = lit.span();
        let Some((ms, me)) = ss::value_range(cx.file, span, &value, h.start, h.end) else { return };
        cx.report(span, format!("password in a {}", connstr::what(&h)))
            .mask_range(ms, me)
            .help(HELP);
    }
}
