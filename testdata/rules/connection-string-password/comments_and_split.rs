//! Connection strings in comments and split across literals: a password
//! pasted into a note, a doc example or a `concat!` is as leaked as one in
//! a single literal.

// Production, until the vault migration:
// DATABASE_URL=postgres://billing:Gh7kLq2vRt9x@db.prod.internal:5432/billing //~ connection-string-password[high]
pub fn connect() {}

/// Connects to the reporting replica, e.g.
/// ```text
/// mysql://reports:Xk9vQ2mLp7Rt@10.0.0.5/reports //~ connection-string-password
/// ```
pub fn replica() {}

/* the broker: amqps://worker:Lm3Hq8vRwZ@mq.prod.internal/%2f */ //~ connection-string-password
pub fn broker() {}

pub const SPLIT: &str = concat!("postgres://admin:", "Wd4rTq8zLp2m", "@db.prod.internal:5432/app"); //~ connection-string-password

pub fn cache_url() -> String {
    String::from("redis://:") + "Vq7rT2mZ9xK4q" + "@cache.prod.internal:6379/0" //~ connection-string-password
}

// Placeholders and local defaults stay quiet in comments too:
// DATABASE_URL=postgres://user:<password>@db.prod.internal/app
// postgres://postgres:postgres@localhost:5432/app, mysql://root:${MYSQL_PASSWORD}@db/app
pub fn documented() {}

// A template split across pieces is no password.
pub const TEMPLATE: &str = concat!("postgres://", "{user}", ":", "{password}", "@db.prod.internal/app");

#[cfg(test)]
mod tests {
    // The staging database of the integration tests (still a leak: one severity lower):
    // postgres://ci:Rz5Tq9vWk3Lm@staging-db.corp.internal/ci //~ connection-string-password[medium]
    #[test]
    fn t() {}
}
