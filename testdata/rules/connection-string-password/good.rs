//! Connection strings without a literal password.

pub fn from_env() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://localhost/app".into())
}

pub fn built(user: &str, password: &str, host: &str) -> String {
    format!("postgres://{user}:{password}@{host}:5432/app")
}

pub fn positional(user: &str, password: &str) -> String {
    format!("mysql://{}:{}@db:3306/app", user, password)
}

pub const LOCAL_DEFAULTS: [&str; 5] = [
    "postgres://postgres:postgres@localhost:5432/postgres",
    "postgres://user:password@localhost/test",
    "amqp://guest:guest@127.0.0.1:5672/%2f",
    "redis://:foobared@127.0.0.1:6379",
    "mysql://root:root@db:3306/test",
];

pub const PLACEHOLDERS: [&str; 5] = [
    "postgres://app:${DB_PASSWORD}@db.prod/app",
    "postgres://app:<password>@db.prod/app",
    "mongodb://USER:PASSWORD@host/db",
    "mysql://username:changeme@db.prod/app",
    "postgres://app:{{ password }}@db/app",
];

pub const NO_PASSWORD: [&str; 4] = [
    "postgres://app@db.prod.internal/app",
    "redis://cache.prod.internal:6379",
    "https://api.github.com/repos/o/r",
    "git+ssh://git@github.com/o/r.git",
];

/// Example: `postgres://app:Xk8#mQ2vLp9wRz@db/app` in a doc comment is not code.
pub fn documented() {}

pub const SQLX_DOC_STYLE: &str = "postgres://postgres:password@localhost/test";

// A web login URL's query is not a connection string; a template hole is
// not a password.
pub const LOGIN: &str = "https://example.com/login?user=a&password=Zq8vLm3xR";
pub const JDBC_TEMPLATE: &str = "jdbc:postgresql://db/app?user=svc&password=${DB_PASSWORD}";
