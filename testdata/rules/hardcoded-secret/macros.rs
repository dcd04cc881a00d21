//! Literals in macro bodies that are not Rust syntax (`json!`) are still
//! checked.

pub fn body() -> serde_json::Value {
    serde_json::json!({ "github_token": "ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5", "region": "eu-west-1" }) //~ hardcoded-secret
}

pub fn pgp() -> &'static str {
    "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQPGn15QVKhQGvt9UGQt8Va3H7XJ0KSChezV1fCp33m+QD0cgt96QLiZdP54qG7N\nKJP1+ckAyI+06DoAdzRX094zL8qF1ZQj5K2J70JEZ8Q+UtD6fXE5U12f6Tykk/92\npBObnaLgPSfPQtfZHOfk9o6XEBlulYfP1RID9HDaNoVbAy7JOLDdI/tIpam+xgHy\n=9UQ1\n-----END PGP PRIVATE KEY BLOCK-----" //~ hardcoded-secret
}
