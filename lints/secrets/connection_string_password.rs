use crate::rules::prelude::*;
use crate::secrets::policy::{self, Reach, Region};
use crate::lints::secrets::syntax as ss;
use crate::lints::secrets::{comments, pieces};
use crate::secrets::{connstr, detect::TABLE, encoded};

// sast:allow(connection-string-password): the password of the rule's documented example is made up
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
    /// (`https://user:token@host`) included, and in comments and doc
    /// comments (a `// DATABASE_URL=…` note, a doc example), where a URL
    /// to this machine or a container (`localhost`, `db`) reads as an
    /// example of the syntax. A string split across `concat!` pieces or a
    /// `+` chain of literals is read joined. Test code is reported one
    /// severity lower.
    ///
    /// Template holes (`{}`, `{password}`, `${DB_PASSWORD}`), placeholders
    /// (`<password>`, `changeme`), a password equal to the user name, and
    /// the default passwords of local throwaway servers
    /// (`postgres://postgres:postgres@localhost`), hosts reserved for
    /// documentation (`example.com`, `*.test`, RFC 2606) and syntax
    /// summaries (`mysql://[user[:password]@]host`) are not reported. Only
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
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Secrets { findings: 317, judged: 317, tp: 316, debatable: 0, when: "session 8 (a328b37)" },
        ],
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

impl ConnectionStringPassword {
    /// Connection strings in comments and doc comments: a password pasted
    /// into a `// DATABASE_URL=…` note or a doc example is as leaked as
    /// one in a literal.
    fn comments(&self, cx: &mut Cx<'_, '_>, file: &syn::File) {
        if !in_comment_may_hold(&cx.file.text) {
            return;
        }
        let mut tests: Option<Vec<(usize, usize)>> = None;
        for (cs, comment) in comments::comments_where(cx.file, in_comment_may_hold) {
            // A comment's URL to this machine or a container is an example
            // of the syntax, not a deployment's credentials.
            for h in own_hits(&comment).into_iter().filter(|h| !h.local) {
                if cx.settings.secrets.allowed_value(&comment[h.start..h.end]) {
                    continue;
                }
                let (s, e) = (cs + h.start, cs + h.end);
                let in_test = tests.get_or_insert_with(|| comments::test_ranges(cx, &file.items)).iter().any(|&(a, b)| a <= s && e <= b);
                let (Ok(s), Ok(e)) = (u32::try_from(s), u32::try_from(e)) else { continue };
                cx.report_range(s, e, format!("password in a {} in a comment", connstr::what(&h)))
                    .in_test_code(in_test)
                    .mask_range(s, e)
                    .help(HELP);
            }
        }
    }

    /// A connection string split across `concat!` pieces or a `+` chain of
    /// literals, reported when no single piece holds the password's URL.
    fn split(&self, cx: &mut Cx<'_, '_>, pieces: &[(String, proc_macro2::Span)], how: &str) {
        if pieces.len() < 2 {
            return;
        }
        let (joined, bounds) = pieces::joined(pieces);
        if !may_hold(&joined) {
            return;
        }
        // A piece that holds the whole connection string is reported on its own.
        if pieces.iter().any(|(v, _)| !connstr::find(v).is_empty()) {
            return;
        }
        let Some(h) = own_hits(&joined).into_iter().next() else { return };
        if cx.settings.secrets.allowed_value(&joined[h.start..h.end]) {
            return;
        }
        let (Some((_, first)), Some((_, last))) = (pieces.first(), pieces.last()) else { return };
        let masks: Vec<(u32, u32)> = bounds
            .iter()
            .zip(pieces)
            .filter(|((s, e), _)| *s < h.end && h.start < *e)
            .filter_map(|(_, (_, sp))| ss::content_range(cx.file, *sp))
            .collect();
        let mut d = cx.report_between(*first, *last, format!("password in a {} (split across {how})", connstr::what(&h))).help(HELP);
        for (s, e) in masks {
            d = d.mask_range(s, e);
        }
    }
}

/// The connection-string passwords in `text` that are this rule's: not
/// inside a provider format (a Sentry DSN's secret, a Slack webhook),
/// which is `hardcoded-secret`'s. The text is scanned for those once.
fn own_hits(text: &str) -> Vec<connstr::ConnHit> {
    let hits = connstr::find(text);
    if hits.is_empty() {
        return hits;
    }
    let provider = TABLE.scan(text);
    hits.into_iter().filter(|h| !provider.iter().any(|t| t.start < h.end && h.start < t.end)).collect()
}

/// What a connection string in a comment needs: a URL with credentials
/// (`://` and `@`) or a password pair; a comment's plain links have
/// neither.
fn in_comment_may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    let [url, assword, upper, wd, upper_wd, ..] = &*FINDERS;
    memchr::memchr(b'@', b).is_some() && url.find(b).is_some()
        || assword.find(b).is_some()
        || upper.find(b).is_some()
        || wd.find(b).is_some()
        || upper_wd.find(b).is_some()
}

/// What a connection string needs somewhere in the text.
fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    let [url, .., assword_eq, upper_eq] = &*FINDERS;
    url.find(b).is_some()
        || assword_eq.find(b).is_some()
        || upper_eq.find(b).is_some()
        || memchr::memchr(b'=', b).is_some_and(|_| memchr::memchr(b';', b).is_some())
}

/// The searchers of the prefilters' needles, built once (`memmem::find`
/// builds one per call, and they run per comment and per literal).
static FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 7]> = std::sync::LazyLock::new(|| {
    [&b"://"[..], b"assword", b"ASSWORD", b"wd=", b"WD=", b"assword=", b"ASSWORD="].map(memchr::memmem::Finder::new)
});

impl Rule for ConnectionStringPassword {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["://", "assword=", "ASSWORD=", "wd=", "WD=", "data:"],
            macros: &["concat"],
            nodes: node::FILE | node::LIT | node::EXPR,
            ..Default::default()
        }
    }

    fn may_report_in_test(&self, region: &Region<'_>, _settings: &crate::rules::settings::RuleSettings) -> bool {
        policy::region_may_report(Reach::ConnectionStrings, region, false)
    }

    fn check_file<'ast>(&self, cx: &mut Cx<'_, 'ast>, file: &'ast syn::File) {
        self.comments(cx, file);
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, _mac: &'ast syn::Macro, args: Option<&[&syn::Expr]>) {
        let Some(pieces) = args.and_then(pieces::concat_pieces) else { return };
        self.split(cx, &pieces, "`concat!` pieces");
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast syn::Expr) {
        if let Some(pieces) = pieces::added_pieces(cx, e) {
            self.split(cx, &pieces, "`+` pieces");
        }
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
