//! The places a value is written: Rust code (issue 14's list: literals,
//! consts, struct fields, `format!`/`concat!`, config snippets inside
//! literals, Kubernetes manifests, curl commands, HTTP headers) and
//! configuration files. Each renders one case as lines.

use crate::encode;
use crate::values::Shape;

/// One value to plant, and what real code calls it.
pub(crate) struct Val<'a> {
    pub text: &'a str,
    /// `GITHUB_TOKEN`-style name (env variable, const).
    pub name: &'a str,
    pub shape: Shape,
    pub header: Option<&'a str>,
    pub needs_name: bool,
    /// `credential` for name-based guesses (passwords, in-house keys).
    pub family: &'a str,
    /// The kind's id (`github-pat`, `placeholder-changeme`, …).
    pub kind: &'a str,
    pub secret: bool,
}

impl Val<'_> {
    /// `github_token`: the field / key form of the name.
    fn field(&self) -> String {
        self.name.to_ascii_lowercase()
    }

    fn konst(&self) -> String {
        self.name.to_ascii_uppercase()
    }

    fn multiline(&self) -> bool {
        self.shape == Shape::Multiline
    }

    /// The value as one line, with line breaks written `\n`.
    fn one_line(&self) -> String {
        self.text.replace('\n', "\\n")
    }
}

pub(crate) const RUST: &[&str] = &[
    "const",
    "let",
    "struct-field",
    "call-arg",
    "format-arg",
    "format-inline",
    "concat-split",
    "config-kv-literal",
    "export-literal",
    "yaml-literal",
    "json-literal",
    "json-macro",
    "toml-literal",
    "k8s-secret-base64",
    "k8s-secret-stringdata",
    "header-method",
    "http-request-literal",
    "curl-literal",
    "map-insert",
    "env-method",
    "builder-method",
    "netrc-literal",
    "git-credentials-literal",
    "line-comment",
    "doc-comment",
    "block-comment",
];

pub(crate) const TEXT: &[&str] = &[
    "dotenv-file",
    "yaml-file",
    "toml-file",
    "json-file",
    "k8s-secret-file",
    "compose-file",
    "properties-file",
    "key-file",
    "netrc-file",
    "git-credentials-file",
];

/// Comments: provider formats and name-bound formats (`// AWS_SECRET_ACCESS_KEY=…`)
/// are looked for there, name-based guesses (a password) are not.
fn is_comment(ctx: &str) -> bool {
    matches!(ctx, "line-comment" | "doc-comment" | "block-comment")
}

/// A value for a credential slot (a `.netrc` password, a URL's userinfo):
/// a secret, or a non-secret that is a placeholder or a test value (a
/// commit hash in a password slot is a password).
fn slot_fits(v: &Val<'_>) -> bool {
    v.secret || v.kind.starts_with("placeholder") || v.kind.starts_with("test-")
}

/// A value a URL's userinfo takes unescaped (RFC 3986 unreserved characters).
fn url_safe(v: &str) -> bool {
    v.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~'))
}

/// Does this context make sense for this value?
pub(crate) fn applies(ctx: &str, v: &Val<'_>) -> bool {
    let nameless = matches!(ctx, "call-arg" | "format-arg");
    if nameless && v.needs_name {
        return false;
    }
    if is_comment(ctx) {
        return !v.multiline() && v.family != "credential";
    }
    match ctx {
        "format-inline" | "config-kv-literal" | "export-literal" | "map-insert" | "env-method" | "dotenv-file"
        | "compose-file" | "properties-file" => !v.multiline() || ctx == "dotenv-file",
        // netrc(5): `password string`, a word without blanks or quotes.
        // Whatever fills the password slot is a credential, so the
        // non-secrets planted there are placeholders and test values only.
        "netrc-literal" | "netrc-file" => {
            slot_fits(v)
                && matches!(v.shape, Shape::Password | Shape::Token)
                && !v.text.contains(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                && (v.shape == Shape::Password || !v.needs_name)
        }
        // git-credential-store: `https://user:password@host`, one per line.
        "git-credentials-literal" | "git-credentials-file" => {
            slot_fits(v) && matches!(v.shape, Shape::Password | Shape::Token) && url_safe(v.text) && !v.text.is_empty()
        }
        "header-method" | "http-request-literal" | "curl-literal" | "builder-method" => match v.shape {
            Shape::Password => true,
            Shape::Token => !v.needs_name || v.header.is_some(),
            _ => false,
        },
        "key-file" => v.multiline(),
        _ => true,
    }
}

/// The file a text context writes its cases to (relative to the prod or
/// test-data directory); `key-file` writes one file per case.
pub(crate) fn text_file(ctx: &str, case: usize, v: &Val<'_>) -> String {
    match ctx {
        "dotenv-file" => "app.env".into(),
        "yaml-file" => "app.yaml".into(),
        "toml-file" => "app.toml".into(),
        "json-file" => "app.json".into(),
        "k8s-secret-file" => "secrets.yaml".into(),
        "compose-file" => "docker-compose.yml".into(),
        "properties-file" => "application.properties".into(),
        "netrc-file" => ".netrc".into(),
        "git-credentials-file" => ".git-credentials".into(),
        _ if v.text.trim_start().starts_with('{') => format!("keys/case_{case}.json"),
        _ => format!("keys/case_{case}.key"),
    }
}

/// First and last lines of a text context's file.
pub(crate) fn text_frame(ctx: &str) -> (Vec<String>, Vec<String>) {
    match ctx {
        "json-file" => (vec!["{".into()], vec![r#"  "end": {}"#.into(), "}".into()]),
        "compose-file" => (vec!["services:".into()], Vec::new()),
        _ => (Vec::new(), Vec::new()),
    }
}

fn rust_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A raw string literal's lines: `r##"` + the text + `"##`, the text's
/// lines kept as they are.
fn raw_lines(prefix: &str, text: &str, suffix: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let last = lines.len() - 1;
    lines[0] = format!("{prefix}r##\"{}", lines[0]);
    lines[last] = format!("{}\"##{suffix}", lines[last]);
    lines
}

fn json_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

/// `key: value` in YAML at `indent`, a block scalar for several lines.
fn yaml_pair(indent: &str, key: &str, v: &str) -> Vec<String> {
    if v.contains('\n') {
        let mut out = vec![format!("{indent}{key}: |")];
        out.extend(v.lines().map(|l| format!("{indent}  {l}")));
        return out;
    }
    let special = v.starts_with(['{', '[', '$', '*', '&', '!', '%', '@', '<']) || v.contains(" #") || v.contains(": ");
    if special { vec![format!("{indent}{key}: '{v}'")] } else { vec![format!("{indent}{key}: {v}")] }
}

fn toml_pair(key: &str, v: &str) -> Vec<String> {
    if v.contains('\n') {
        let mut out = vec![format!("{key} = \"\"\"")];
        out.extend(v.lines().map(str::to_string));
        out.push("\"\"\"".into());
        return out;
    }
    vec![format!("{key} = {}", json_str(v))]
}

fn b64(s: &str) -> String {
    encode::base64(s.as_bytes())
}

/// How an HTTP request carries the value: (header name, header value).
fn auth_header(v: &Val<'_>) -> (String, String) {
    match (v.shape, v.header) {
        (Shape::Password, _) => ("Authorization".into(), format!("Basic {}", b64(&format!("deploy-bot:{}", v.text)))),
        (_, Some(h)) => (h.to_string(), v.text.to_string()),
        _ if v.name.starts_with("DISCORD") => ("Authorization".into(), format!("Bot {}", v.text)),
        _ => ("Authorization".into(), format!("Bearer {}", v.text)),
    }
}

/// The lines inside `mod case_N { … }` (indented by the caller).
pub(crate) fn rust(ctx: &str, v: &Val<'_>) -> Vec<String> {
    let (f, k, lit) = (v.field(), v.konst(), rust_str(v.text));
    let one = v.one_line();
    match ctx {
        "const" => vec![format!("pub const {k}: &str = {lit};")],
        "let" => vec![
            "pub fn run() {".into(),
            format!("    let {f} = {lit};"),
            format!("    crate::connect({f});"),
            "}".into(),
        ],
        "struct-field" => vec![
            "pub fn settings() -> crate::Settings {".into(),
            "    crate::Settings {".into(),
            format!("        {f}: {lit}.to_string(),"),
            "        region: \"eu-west-1\".to_string(),".into(),
            "    }".into(),
            "}".into(),
        ],
        "call-arg" => vec![
            "pub fn client() -> crate::ApiClient {".into(),
            format!("    crate::ApiClient::new({lit})"),
            "}".into(),
        ],
        "format-arg" => vec![
            "pub fn credential(scheme: &str) -> String {".into(),
            format!("    format!(\"{{}} {{}}\", scheme, {lit})"),
            "}".into(),
        ],
        "format-inline" => {
            let escaped =
                rust_str(&format!("{k}={} # rendered for {{}}", v.text.replace('{', "{{").replace('}', "}}")));
            vec!["pub fn env_line(env: &str) -> String {".into(), format!("    format!({escaped}, env)"), "}".into()]
        }
        "concat-split" => {
            let at =
                if v.multiline() { v.text.find('\n').map_or(v.text.len() / 2, |i| i + 1) } else { v.text.len() / 2 };
            let (a, b) = v.text.split_at(at);
            vec![format!("pub const {k}: &str = concat!({}, {});", rust_str(a), rust_str(b))]
        }
        "config-kv-literal" => vec![format!(
            "pub const DEFAULTS: &str = {};",
            rust_str(&format!("{k} = \"{one}\"\nlog_level = \"info\"\n"))
        )],
        "export-literal" => vec![format!(
            "pub const SETUP_SH: &str = {};",
            rust_str(&format!("export {k}={one}\n./deploy.sh --env prod\n"))
        )],
        "yaml-literal" => {
            let mut doc = vec!["service:".to_string()];
            doc.extend(yaml_pair("  ", &f, v.text));
            doc.push("  port: 8080".into());
            raw_lines("pub const CONFIG_YAML: &str = ", &doc.join("\n"), ";")
        }
        "json-literal" => raw_lines(
            "pub const CONFIG_JSON: &str = ",
            &format!("{{\"{f}\": {}, \"region\": \"eu-west-1\"}}", json_str(v.text)),
            ";",
        ),
        "json-macro" => vec![
            "pub fn body() -> serde_json::Value {".into(),
            format!("    serde_json::json!({{ \"{f}\": {}, \"region\": \"eu-west-1\" }})", rust_str(v.text)),
            "}".into(),
        ],
        "toml-literal" => {
            let mut doc = vec!["[service]".to_string()];
            doc.extend(toml_pair(&f, v.text));
            doc.push("port = 8080".into());
            raw_lines("pub const CONFIG_TOML: &str = ", &doc.join("\n"), ";")
        }
        "k8s-secret-base64" | "k8s-secret-stringdata" => {
            let mut doc: Vec<String> =
                ["apiVersion: v1", "kind: Secret", "metadata:", "  name: app-secrets", "type: Opaque"]
                    .map(String::from)
                    .to_vec();
            if ctx == "k8s-secret-base64" {
                doc.push("data:".into());
                doc.push(format!("  {k}: {}", b64(v.text)));
            } else {
                doc.push("stringData:".into());
                doc.extend(yaml_pair("  ", &k, v.text));
            }
            raw_lines("pub const MANIFEST: &str = ", &doc.join("\n"), ";")
        }
        "line-comment" => vec![format!("// {k}={one}"), "pub fn deploy() {}".into()],
        "doc-comment" => vec![
            "/// Deploys the service. For a local run:".into(),
            "///".into(),
            format!("/// `export {k}={one}`"),
            "pub fn deploy() {}".into(),
        ],
        "block-comment" => vec![format!("/* old value of {k}: {one} */"), "pub fn deploy() {}".into()],
        "netrc-literal" => vec![format!(
            "pub const NETRC: &str = {};",
            rust_str(&format!("machine api.corp.internal\n  login deploy-bot\n  password {}\n", v.text))
        )],
        "git-credentials-literal" => vec![format!(
            "pub const GIT_CREDENTIALS: &str = {};",
            rust_str(&format!("https://deploy-bot:{}@git.corp.internal\n", v.text))
        )],
        _ => rust_calls(ctx, v),
    }
}

/// The contexts of `rust` that put the value into an API call (headers,
/// requests, builders, maps, environments of started programs).
fn rust_calls(ctx: &str, v: &Val<'_>) -> Vec<String> {
    let (k, lit) = (v.konst(), rust_str(v.text));
    match ctx {
        "header-method" => {
            let (h, hv) = auth_header(v);
            vec![
                "pub fn request(c: &reqwest::Client) -> reqwest::RequestBuilder {".into(),
                format!("    c.get(\"https://api.corp.internal/v1/me\").header({}, {})", rust_str(&h), rust_str(&hv)),
                "}".into(),
            ]
        }
        "http-request-literal" => {
            let (h, hv) = auth_header(v);
            let req = format!("GET /v1/me HTTP/1.1\r\nHost: api.corp.internal\r\n{h}: {hv}\r\n\r\n");
            vec![format!("pub const REQUEST: &str = {};", rust_str(&req))]
        }
        "curl-literal" => {
            let cmd = if v.shape == Shape::Password {
                format!("curl -sS -u deploy-bot:{} https://artifacts.corp.internal/upload", v.text)
            } else {
                let (h, hv) = auth_header(v);
                format!("curl -sS -H '{h}: {hv}' https://api.corp.internal/v1/me")
            };
            vec![format!("pub const SNIPPET: &str = {};", rust_str(&cmd))]
        }
        "map-insert" => vec![
            "pub fn env() -> std::collections::HashMap<&'static str, &'static str> {".into(),
            "    let mut m = std::collections::HashMap::new();".into(),
            format!("    m.insert({}, {lit});", rust_str(&k)),
            "    m".into(),
            "}".into(),
        ],
        "env-method" => vec![
            "pub fn command() -> std::process::Command {".into(),
            "    let mut c = std::process::Command::new(\"deploy\");".into(),
            format!("    c.env({}, {lit});", rust_str(&k)),
            "    c".into(),
            "}".into(),
        ],
        "builder-method" if v.shape == Shape::Password => vec![
            "pub fn options() -> sqlx::postgres::PgConnectOptions {".into(),
            format!(
                "    sqlx::postgres::PgConnectOptions::new().host(\"db-prod.internal\").username(\"orders_svc\").password({lit})"
            ),
            "}".into(),
        ],
        "builder-method" => vec![
            "pub fn request(c: &reqwest::Client) -> reqwest::RequestBuilder {".into(),
            format!("    c.get(\"https://api.corp.internal/v1/me\").bearer_auth({lit})"),
            "}".into(),
        ],
        _ => vec![format!("// unknown context {ctx}")],
    }
}

/// The lines of one case in a text context's file.
pub(crate) fn text(ctx: &str, case: usize, v: &Val<'_>) -> Vec<String> {
    let (f, k) = (v.field(), v.konst());
    match ctx {
        "dotenv-file" if v.multiline() => vec![format!("{k}=\"{}\"", v.one_line())],
        "dotenv-file" => vec![format!("{k}={}", v.text)],
        "yaml-file" => {
            let mut out = vec![format!("case_{case}:")];
            out.extend(yaml_pair("  ", &f, v.text));
            out
        }
        "toml-file" => {
            let mut out = vec![format!("[case_{case}]")];
            out.extend(toml_pair(&f, v.text));
            out
        }
        "json-file" => vec![format!("  \"case_{case}\": {{\"{f}\": {}}},", json_str(v.text))],
        "k8s-secret-file" => vec![
            "---".into(),
            "apiVersion: v1".into(),
            "kind: Secret".into(),
            "metadata:".into(),
            format!("  name: case-{case}"),
            "data:".into(),
            format!("  {k}: {}", b64(v.text)),
        ],
        "compose-file" => vec![format!("  app_{case}:"), "    environment:".into(), format!("      - {k}={}", v.text)],
        "properties-file" => vec![format!("case{case}.{}={}", f.replace('_', "."), v.one_line())],
        "netrc-file" => vec![format!("machine host-{case}.corp.internal login deploy-bot password {}", v.text)],
        "git-credentials-file" => vec![format!("https://deploy-bot:{}@git-{case}.corp.internal", v.text)],
        _ => v.text.lines().map(str::to_string).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(text: &str, shape: Shape) -> Val<'_> {
        Val {
            text,
            name: "DB_PASSWORD",
            shape,
            header: None,
            needs_name: true,
            family: "credential",
            kind: "password",
            secret: true,
        }
    }

    #[test]
    fn literals_escape_and_raw_strings_keep_lines() {
        assert_eq!(rust_str("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(raw_lines("x = ", "a\nb", ";"), ["x = r##\"a", "b\"##;"]);
    }

    #[test]
    fn contexts_that_need_a_name_skip_bare_values() {
        let v = val("Granite-7731", Shape::Password);
        assert!(!applies("call-arg", &v) && applies("curl-literal", &v) && !applies("key-file", &v));
        let pem = val("-----BEGIN X-----\nAAAA\n-----END X-----", Shape::Multiline);
        assert!(applies("key-file", &pem) && !applies("export-literal", &pem) && applies("dotenv-file", &pem));
    }

    #[test]
    fn passwords_travel_as_basic_credentials() {
        let v = val("Granite-7731", Shape::Password);
        let (h, hv) = auth_header(&v);
        assert_eq!(h, "Authorization");
        assert_eq!(hv, format!("Basic {}", encode::base64(b"deploy-bot:Granite-7731")));
    }
}
