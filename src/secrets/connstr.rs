//! Passwords embedded in connection strings and URLs
//! (`postgres://user:pass@host/db`, `redis://:pass@host`,
//! `amqps://user:pass@host`, `smtps://user:pass@host`, JDBC/ODBC-style
//! `Password=…;` pairs).

use std::sync::LazyLock;

use regex::Regex;

use super::values;

static URL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b((?:[a-z][a-z0-9.+-]*:)?[a-z][a-z0-9.+-]*)://([^:/?#@\s"'`<>]*):([^@/\s"'`<>]+)@([^/?#\s"'`<>,;]+)"#,
    )
    .ok()
});

/// A password in a URL's query or `;` parameters (JDBC:
/// `jdbc:postgresql://h/db?user=u&password=p`,
/// `jdbc:sqlserver://h:1433;user=u;password=p`).
static URL_PARAM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b((?:jdbc:)?[a-z][a-z0-9+.-]*)://[^\s"'`<>?;]*[?;][^\s"'`<>]*?\b(?:password|passwd|pwd)=([^&;#\s"'`<>]{3,})"#).ok()
});

/// A libpq keyword/value connection string:
/// `host=db port=5432 user=app password=secret dbname=app`.
static LIBPQ: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(?i)(?:^|[\s"'])password\s*=\s*('(?:[^'\\]|\\.){3,}'|[^\s'"`]{3,})"#).ok());

static KEY_VALUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:^|;)\s*(?:password|pwd)\s*=\s*([^;"'\s]{3,}|"[^"]{3,}"|'[^']{3,}')\s*(?:;|$)"#).ok()
});

/// A password found in a connection string: its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConnHit {
    pub scheme: String,
    pub start: usize,
    pub end: usize,
    /// The URL's host is this machine or a throwaway container's name.
    pub local: bool,
}

/// Scheme names that commonly carry credentials; any other scheme still
/// counts when user and password are both present.
fn describe(scheme: &str) -> &'static str {
    let s = scheme.to_ascii_lowercase();
    let s = s.strip_prefix("jdbc:").unwrap_or(&s);
    match s {
        "postgres" | "postgresql" | "pgsql" => "PostgreSQL",
        "mysql" | "mysqlx" | "mariadb" => "MySQL",
        "mongodb" | "mongodb+srv" => "MongoDB",
        "redis" | "rediss" | "redis+sentinel" | "valkey" => "Redis",
        "amqp" | "amqps" => "AMQP",
        "smtp" | "smtps" | "submission" => "SMTP",
        "imap" | "imaps" | "pop3" | "pop3s" => "mail",
        "mssql" | "sqlserver" => "SQL Server",
        "ftp" | "ftps" | "sftp" => "FTP",
        "ldap" | "ldaps" => "LDAP",
        "http" | "https" | "ws" | "wss" => "HTTP",
        "nats" | "tls" => "NATS",
        "mqtt" | "mqtts" => "MQTT",
        "clickhouse" | "cockroachdb" | "couchdb" | "neo4j" | "neo4j+s" | "bolt" | "cassandra" | "influxdb" => {
            "database"
        }
        "oracle" | "db2" | "snowflake" | "sqlite" | "sqlite3" => "database",
        _ => "connection",
    }
}

/// Hosts that mean "this machine" or a throwaway container.
fn is_local_host(host: &str) -> bool {
    let h = host.rsplit_once(':').map_or(host, |(h, _)| h).trim_matches(['[', ']']).to_ascii_lowercase();
    matches!(
        h.as_str(),
        "localhost"
            | "127.0.0.1"
            | "::1"
            | "0.0.0.0"
            | "host.docker.internal"
            | "db"
            | "database"
            | "postgres"
            | "mysql"
            | "redis"
            | "mongo"
            | "mongodb"
            | "rabbitmq"
            | "example.com"
            | "example.org"
            | "example.net"
    ) || h.ends_with(".localhost")
        || is_documentation_host(&h)
}

/// The names reserved for documentation and tests (RFC 2606, RFC 6761):
/// no server behind them can hold a leaked password.
fn is_documentation_host(h: &str) -> bool {
    matches!(h, "example.com" | "example.org" | "example.net")
        || [".example.com", ".example.org", ".example.net", ".example", ".test", ".invalid"]
            .iter()
            .any(|s| h.ends_with(s))
}

/// Default passwords of database images and tutorials: hardcoded, but not
/// a leak when the server is a local throwaway.
const LOCAL_DEFAULTS: &[&str] = &[
    "postgres",
    "root",
    "mysql",
    "redis",
    "guest",
    "admin",
    "test",
    "example",
    "dev",
    "development",
    "pass",
    "password",
    "secret",
    "mongo",
    "mongodb",
    "rabbitmq",
    "changeme",
    "foobared",
    "sa",
    "docker",
    "local",
    "localdev",
    "mysecretpassword",
    "rootpassword",
    "Password123",
    "Password1",
    "hunter2",
    "pw",
    "pwd",
];

/// A password that is really a password (not a placeholder, a template
/// hole or the user name again).
fn real_password(user: &str, pw: &str, host: &str) -> bool {
    let p = pw.trim();
    // sast:allow(timing-unsafe-comparison): a placeholder check on a committed URL, not an authentication
    if p.is_empty() || values::is_placeholder(p) || p == user {
        return false;
    }
    // Optional parts in a syntax summary: `mysql://[user[:password]@]host`.
    if user.contains(['[', ']']) || p.ends_with(']') {
        return false;
    }
    let bare_host = host.rsplit_once(':').map_or(host, |(h, _)| h).trim_matches(['[', ']']).to_ascii_lowercase();
    if is_documentation_host(&bare_host) {
        return false;
    }
    // `:password`, `:pass` style and format holes already handled; a
    // percent-encoded template (`%7B%7Bpw%7D%7D`) too.
    if p.contains("%7B") || p.contains("%24") {
        return false;
    }
    if is_local_host(host) && LOCAL_DEFAULTS.iter().any(|d| d.eq_ignore_ascii_case(p)) {
        return false;
    }
    // Percent-encoded control characters: a URL-parser test vector.
    if p.contains("%0")
        || p.contains("%1")
        || p.contains("%7F")
        || p.contains("\\u")
        || p.contains("\\x")
        || p.matches('%').count() >= 3
    {
        return false;
    }
    // A host that is not a host name (`http://a:b@c:2/` test vectors).
    let h = host.rsplit_once(':').map_or(host, |(h, _)| h);
    if !host.is_empty() && (h.len() < 2 || !h.chars().any(|c| c.is_ascii_alphabetic()) && !h.contains('.')) {
        return false;
    }
    // A single-character or all-one-character password is a placeholder.
    p.chars().count() >= 3
}

/// Every `scheme://user:password@host` password in `text`, reported or
/// not (placeholders included).
pub(crate) fn url_passwords(text: &str) -> std::collections::HashSet<&str> {
    let mut out = std::collections::HashSet::new();
    if let Some(re) = URL.as_ref()
        && memchr::memmem::find(text.as_bytes(), b"://").is_some()
    {
        for c in re.captures_iter(text) {
            if let Some(pw) = c.get(3) {
                out.insert(pw.as_str());
            }
        }
    }
    out
}

/// Passwords in URLs and `Password=…` pairs in `text`.
pub(crate) fn find(text: &str) -> Vec<ConnHit> {
    let mut out = Vec::new();
    if let Some(re) = URL.as_ref()
        && memchr::memmem::find(text.as_bytes(), b"://").is_some()
    {
        for c in re.captures_iter(text) {
            let (Some(scheme), Some(user), Some(pw), Some(host)) = (c.get(1), c.get(2), c.get(3), c.get(4)) else {
                continue;
            };
            let sch = scheme.as_str().to_ascii_lowercase();
            if matches!(sch.as_str(), "javascript" | "data" | "file" | "about" | "blob" | "view-source") {
                continue;
            }
            if real_password(user.as_str(), pw.as_str(), host.as_str()) {
                out.push(ConnHit {
                    scheme: describe(scheme.as_str()).to_string(),
                    start: pw.start(),
                    end: pw.end(),
                    local: is_local_host(host.as_str()),
                });
            }
        }
    }
    if let Some(re) = URL_PARAM.as_ref()
        && memchr::memmem::find(text.as_bytes(), b"://").is_some()
    {
        for c in re.captures_iter(text) {
            let (Some(scheme), Some(pw)) = (c.get(1), c.get(2)) else { continue };
            let what = describe(scheme.as_str());
            if matches!(what, "connection" | "HTTP") || out.iter().any(|h| h.start <= pw.start() && pw.end() <= h.end) {
                continue;
            }
            if real_password("", pw.as_str(), "") {
                out.push(ConnHit { scheme: what.to_string(), start: pw.start(), end: pw.end(), local: false });
            }
        }
    }
    // A text with a `;` somewhere (a config file holding other settings)
    // is read line by line: a `;` in another setting says nothing about a
    // keyword/value string on its own line.
    if let Some(re) = LIBPQ.as_ref()
        && text.contains('=')
    {
        let units: Vec<(usize, &str)> = if text.contains(';') {
            let mut offset = 0;
            text.split_inclusive('\n')
                .map(|line| {
                    offset += line.len();
                    (offset - line.len(), line)
                })
                .collect()
        } else {
            vec![(0, text)]
        };
        for (at, line) in units {
            if line.contains(';') || !line.contains('=') {
                continue;
            }
            let lower = line.to_ascii_lowercase();
            let has = |k: &str| {
                lower.match_indices(k).any(|(i, _)| {
                    i == 0 || lower.as_bytes().get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'_')
                })
            };
            if !((has("host=") || has("hostaddr=") || has("dbname=")) && (has("user=") || has("dbname="))) {
                continue;
            }
            for c in re.captures_iter(line) {
                let Some(pw) = c.get(1) else { continue };
                let (s, e) = trim_quotes(line, pw.start(), pw.end());
                if real_password("", &line[s..e], "") {
                    out.push(ConnHit { scheme: "PostgreSQL".to_string(), start: at + s, end: at + e, local: false });
                }
            }
        }
    }
    if let Some(re) = KEY_VALUE.as_ref()
        && text.contains('=')
        && text.contains(';')
    {
        let lower = text.to_ascii_lowercase();
        if lower.contains("server=")
            || lower.contains("data source=")
            || lower.contains("host=")
            || lower.contains("uid=")
            || lower.contains("user id=")
        {
            for c in re.captures_iter(text) {
                let Some(pw) = c.get(1) else { continue };
                let (s, e) = trim_quotes(text, pw.start(), pw.end());
                if real_password("", &text[s..e], "") && !out.iter().any(|h| h.start < e && s < h.end) {
                    out.push(ConnHit { scheme: "connection".to_string(), start: s, end: e, local: false });
                }
            }
        }
    }
    out
}

fn trim_quotes(text: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &text[s..e];
    if t.len() >= 2 && (t.starts_with('"') && t.ends_with('"') || t.starts_with('\'') && t.ends_with('\'')) {
        (s + 1, e - 1)
    } else {
        (s, e)
    }
}

/// "PostgreSQL connection string" and the like.
pub(crate) fn what(hit: &ConnHit) -> String {
    match hit.scheme.as_str() {
        "connection" => "connection string".to_string(),
        "HTTP" => "URL".to_string(),
        s => format!("{s} connection string"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn finds_passwords_in_urls() {
        assert_eq!(pw("postgres://vault_admin:Xk8#mQ2vLp9wRz@db.internal:5432/vault"), ["Xk8#mQ2vLp9wRz"]); // sast:allow(connection-string-password): made-up test vector
        assert_eq!(pw("mongodb+srv://app:Tr0ub4dor3xq@cluster0.mongodb.net/test"), ["Tr0ub4dor3xq"]); // sast:allow(connection-string-password): made-up test vector
        assert_eq!(pw("redis://:Vq7rT2mZ9xK4@cache.prod.internal:6379/0"), ["Vq7rT2mZ9xK4"]); // sast:allow(connection-string-password): made-up test vector
        assert_eq!(pw("Server=sql.prod;Database=app;User Id=app;Password=Qm9vX2Zvb1;"), ["Qm9vX2Zvb1"]); // sast:allow(connection-string-password): made-up test vector
    }

    #[test]
    fn finds_jdbc_and_libpq_passwords() {
        let jdbc_pg = "jdbc:postgresql://db.prod.internal:5432/orders?user=svc&password=Nx7!qR2vKm&ssl=true"; // sast:allow(connection-string-password): made-up test vector
        let jdbc_mssql = "jdbc:sqlserver://sql.prod:1433;databaseName=orders;user=svc;password=Qz8*Lm3vR;encrypt=true"; // sast:allow(connection-string-password): made-up test vector
        let libpq = "host=db.prod.internal port=5432 dbname=orders user=svc password=Rv~9kQ2m sslmode=require"; // sast:allow(connection-string-password): made-up test vector
        let quoted = "host=db user=svc password='Rv 9kQ2m!x' dbname=app"; // sast:allow(connection-string-password): made-up test vector
        assert_eq!(pw(jdbc_pg), ["Nx7!qR2vKm"]);
        assert_eq!(pw(jdbc_mssql), ["Qz8*Lm3vR"]);
        assert_eq!(pw(libpq), ["Rv~9kQ2m"]);
        assert_eq!(pw(quoted), ["Rv 9kQ2m!x"]);
        // A config file with a `;` in another setting.
        let file = "DB_URL=jdbc:sqlserver://sql:1433;encrypt=true\nPG_DSN=host=db.prod.internal user=svc password=Rv~9kQ2m dbname=app\n"; // sast:allow(connection-string-password): made-up test vector
        assert_eq!(pw(file), ["Rv~9kQ2m"]);
        // Not connection strings: a web login URL, a form body.
        assert!(pw("https://example.com/login?user=a&password=Zq8vLm3xR").is_empty());
        assert!(pw("user=a password=Zq8vLm3xR").is_empty());
        assert!(pw("jdbc:postgresql://db/app?user=svc&password=${DB_PASSWORD}").is_empty());
    }

    #[test]
    fn skips_placeholders_and_local_defaults() {
        for t in [
            "postgres://postgres:postgres@localhost/db",
            "postgres://user:password@localhost:5432/app",
            "postgres://{}:{}@{}/{}",
            "mysql://root:${MYSQL_PASSWORD}@db/app",
            "amqp://guest:guest@localhost:5672",
            "postgres://user@localhost/db",
            "https://example.com/path?x=1",
            "postgres://app:<password>@db.prod/app",
            "mysql://[user[:password]@]host/database_name",
            "ftp://user1:secret1@example.com",
            "postgres://svc:Xk8mQ2vLp9wRz@db.staging.example.org/app",
            "redis://:foobared@127.0.0.1",
        ] {
            assert!(pw(t).is_empty(), "{t}");
        }
    }
}
