//! Names and values that look like credentials but are not.
use std::collections::HashMap;

// Names that describe a credential without holding one.
pub const PASSWORD_FIELD: &str = "password";
pub const TOKEN_URL: &str = "https://oauth2.googleapis.com/token";
pub const API_KEY_HEADER: &str = "X-Api-Key";
pub const PASSWORD_ENV: &str = "DATABASE_PASSWORD";
pub const SECRET_NAME: &str = "prod/db/credentials";
pub const PASSWORD_MIN_LEN: usize = 12;
pub const PUBLIC_KEY: &str = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
pub const CSRF_TOKEN: &str = "csrf_token";
pub const AUTH_SCHEME: &str = "Bearer";

/// A password like `Xk8#mQ2vLp9wRz` in a doc comment is an example.
pub fn prompt() -> &'static str {
    let password_prompt = "Enter your password:";
    password_prompt
}

// Placeholders, templates and examples.
pub fn placeholders() -> Vec<(&'static str, &'static str)> {
    let password = "changeme";
    let secret = "<your-secret-here>";
    let token = "${GITHUB_TOKEN}";
    let api_key = "your-api-key";
    let db_password = "xxxxxxxx";
    let auth_token = "{{ auth_token }}";
    let empty_password = "";
    vec![("password", password), ("secret", secret), ("token", token), ("api_key", api_key), ("db", db_password), ("auth", auth_token), ("empty", empty_password)]
}

// Values read at run time.
pub fn from_env() -> String {
    let password = std::env::var("DB_PASSWORD").unwrap_or_default();
    let token = std::fs::read_to_string("/run/secrets/token").unwrap_or_default();
    password + &token
}

// Lexers and parsers have tokens that are not credentials.
pub fn lexer() -> Vec<&'static str> {
    let token = "fn";
    let next_token = "=>";
    let eof_token = "<eof>";
    vec![token, next_token, eof_token]
}

// Lookup keys that repeat the name.
pub fn lookups(m: &HashMap<String, String>) -> Option<&String> {
    let key = "api_key";
    let mut h = HashMap::new();
    h.insert("password", "password");
    h.insert("token", "access_token");
    let _ = h;
    m.get(key)
}

pub fn comparisons(password: &str, token: &str) -> bool {
    password == "" || token == "Bearer" || password.len() < 8
}

pub fn formatted(user: &str, pw: &str) -> String {
    let auth = format!("{user}:{pw}");
    auth
}

pub struct Login {
    pub password: String,
    pub token_type: String,
}

pub fn login(pw: String) -> Login {
    Login { password: pw, token_type: "bearer".into() }
}

pub fn hashes() -> [&'static str; 2] {
    let password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$Zm9vYmFyYmF6";
    let token_sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    [password_hash, token_sha]
}

// Config snippets whose credentials are references or prose.
pub const DOTENV_TEMPLATE: &str = "DB_HOST=db.prod.internal\nDB_PASSWORD=${DB_PASSWORD}\n";
pub const HELP_TEXT: &str = "password: the password of the account\ntoken: your API token";
pub const SOPS: &str = "api_key: ENC[AES256_GCM,data:Tr0ub4dor,iv:x,tag:y,type:str]\n";

// Base64 values are judged by what they encode: a wrapped placeholder.
pub const K8S_PLACEHOLDER: &str = "apiVersion: v1\nkind: Secret\ndata:\n  DB_PASSWORD: Y2hhbmdlbWU=\n";

// The application's own configured password checked against the documented
// default, to warn the admin: not a way in.
pub struct Args {
    pub admin_password: String,
}

pub static ARGS: std::sync::LazyLock<Args> = std::sync::LazyLock::new(|| Args { admin_password: std::env::var("ADMIN_PASSWORD").unwrap_or_default() });

pub fn default_login_warning() -> Option<&'static str> {
    (*ARGS.admin_password == "m1cr0b1nX7").then_some("you are using the default admin password; change it")
}

// Pieces of a placeholder, or of a value whose name says nothing secret.
pub const ADMIN_PASSWORD_DEFAULT: &str = concat!("change", "me");
pub const BANNER: &str = concat!("Quartz+Lemon", "+Falcon+5521");
