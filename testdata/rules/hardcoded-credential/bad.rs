//! Credentials identified by the names they are bound to and the APIs
//! they are passed to.
use std::collections::HashMap;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};

const DB_PASSWORD: &str = "Xk8#mQ2vLp9wRz"; //~ hardcoded-credential[high]
static ADMIN_PASSPHRASE: &str = "correct horse battery staple"; //~ hardcoded-credential
pub const SMTP_PASS: &str = "n7Wq!r4Tz2"; //~ hardcoded-credential

pub struct Config {
    pub user: String,
    pub password: String,
    pub api_key: String,
}

impl Config {
    const CLIENT_SECRET: &'static str = "Zr4v9QmT2xK8pLw3"; //~ hardcoded-credential

    pub fn production() -> Self {
        Config {
            user: "svc-backup".into(),
            password: "Tr0ub4dor&3xq".to_string(), //~ hardcoded-credential
            api_key: String::from("a9F3kQ7mZ2xV8pL4wR6tY1uB5nC0dE3h"), //~ hardcoded-credential
        }
    }
}

pub fn login(password: &str) -> bool {
    let master_password = "Vq7rT2mZ9xK4"; //~ hardcoded-credential
    password == "gW4!kP9zQe" || password == master_password //~ hardcoded-credential
}

pub fn assign(cfg: &mut Config) {
    cfg.password = "Lm3$Hq8vRw".into(); //~ hardcoded-credential
}

pub fn clients(client: &reqwest::Client) {
    let _ = client.get("https://api.internal/v1").basic_auth("deploy", Some("Pq8@Wm2rXz")); //~ hardcoded-credential
    let _ = client.get("https://api.internal/v1").bearer_auth("b7XkQ2mP9vLz4RwT8yN3cF6hJ1dG5sAe"); //~ hardcoded-credential
    let _ = client.get("https://api.internal/v1").header("X-Api-Key", "q4Lz8Wn2Xv6Rm9Tp3Ks7Jd1Hf5Gb0Yc"); //~ hardcoded-credential
}

pub fn headers() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer N3vQ8zL2kW7xR4mT9pY6cB1dF5hJ0sGa")); //~ hardcoded-credential
    h
}

pub fn sqlx_options() -> sqlx::postgres::PgConnectOptions {
    sqlx::postgres::PgConnectOptions::new().host("db.prod").username("app").password("Hn5%Xq2Lw8") //~ hardcoded-credential
}

const SERVICE_PW: &str = "Yt6&Bv3Nq9";

pub fn mail() -> lettre::transport::smtp::authentication::Credentials {
    lettre::transport::smtp::authentication::Credentials::new("mailer".into(), SERVICE_PW.into())
}
//~^^^^^ hardcoded-credential

pub fn maps() -> HashMap<&'static str, &'static str> {
    let mut m = HashMap::new();
    m.insert("client_secret", "Jq2Wv8Xk4Lm9Rz3T"); //~ hardcoded-credential
    m
}

pub fn query() -> [(&'static str, &'static str); 2] {
    [("user", "svc"), ("password", "Rk7#Vm2Qx9")] //~ hardcoded-credential
}

pub fn env() {
    std::env::set_var("API_TOKEN", "c8Vn3Qx7Lk2Wm9Rz4Tp6Yb1Hd5Jf0Gs"); //~ hardcoded-credential
}

pub fn bytes() -> &'static [u8] {
    let secret: &[u8] = b"Wz7Kq3Xm9Lp2Vr8T"; //~ hardcoded-credential
    secret
}

// `json!` bodies are not Rust syntax: their `"key": "value"` pairs count.
pub fn token_request() -> serde_json::Value {
    serde_json::json!({ "client_id": "svc", "client_secret": "f9Q2mX7vK3pL8wZ4", "nested": { "db_password": "Tr0ub4dor&3xq" } }) //~ hardcoded-credential hardcoded-credential
}

// Config snippets in literals: their `key = value` pairs count.
pub const DOTENV: &str = "DB_HOST=db.prod.internal\nDB_PASSWORD=Vq7#tR2mKx9LwZ4p\n"; //~ hardcoded-credential
pub const EXPORT: &str = "export API_TOKEN=c8Vn3Qx7Lk2Wm9Rz4Tp6Yb1Hd5Jf0Gs"; //~ hardcoded-credential
pub const NESTED_JSON: &str = r#"{"app": {"client_secret": "f9Q2mX7vK3pL8wZ4"}}"#; //~ hardcoded-credential

// A Kubernetes `data:` value wrapping a real password.
pub const K8S_SECRET: &str = "apiVersion: v1\nkind: Secret\ndata:\n  DB_PASSWORD: VHIwdWI0ZG9yJjN4cQ==\n"; //~ hardcoded-credential

pub struct LoginForm {
    pub password: String,
}

// The submitted password compared with a literal: a backdoor.
pub fn backdoor(form: &LoginForm) -> bool {
    form.password == "Zq8!vN3xLpW" //~ hardcoded-credential
}

// One environment-file line handed to a child process.
pub fn child_env() -> String {
    "DB_PASSWORD=Qv7!rTz2#mLp9wX".to_string() //~ hardcoded-credential
}

// A credential split across `concat!` pieces, bound to the name it initialises.
pub const REPLICA_DB_PASSWORD: &str = concat!("Quartz+Lemon", "+Falcon+5521"); //~ hardcoded-credential

pub fn split_token() -> &'static str {
    let api_key = concat!("Vx7Rk2PqLm9Zt4Nw", "8YbHc3JdFs6GaQe1"); //~ hardcoded-credential
    api_key
}
