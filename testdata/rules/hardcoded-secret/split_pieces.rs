//! A token split into literal pieces joined at run time is still written
//! in the source: `[…].concat()`, `[…].join("")`, `+` chains of literals.

pub fn joined() -> String {
    ["ghp_R8mzQ4vN2xLp7Kw", "T9bYc3HdJ6fGs1aEu0Vo5"].concat() //~ hardcoded-secret
}

pub fn joined_empty() -> String {
    ["ghp_R8mzQ4vN2xLp7Kw", "T9bYc3HdJ6fGs1aEu0Vo5"].join("") //~ hardcoded-secret
}

pub fn added() -> String {
    String::from("ghp_R8mzQ4vN2xLp7Kw") + "T9bYc3" + "HdJ6fGs1aEu0Vo5" //~ hardcoded-secret
}

pub fn added_owned() -> String {
    "ghp_R8mzQ4vN2xLp7Kw".to_owned() + "T9bYc3HdJ6fGs1aEu0Vo5" //~ hardcoded-secret
}

// A PEM header in one piece, the body in the next: the key needs both.
pub const SIGNING_KEY: &str = concat!("-----BEGIN EC PRIVATE KEY-----\n", "7dHxdliDWuSGQMZ2G5a/x8xe3EsJbvL6FzVXg5xc6yVXRuyzMHcCAQEEIL3pfhY0\nAJittVYQT1rRTnuyUC97eLQtDkH58AXzv1vYZwSMyWtdYJTXAnMLtS6f9PQyHsE+\n-----END EC PRIVATE KEY-----\n"); //~ hardcoded-secret[critical]

// Placeholders and ordinary joins stay quiet.
pub fn placeholder() -> String {
    ["ghp_xxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxx"].concat()
}

pub fn words() -> String {
    ["ghp_R8mzQ4vN2xLp7Kw", "T9bYc3HdJ6fGs1aEu0Vo5"].join(", ")
}

pub fn greeting(name: &str) -> String {
    String::from("hello, ") + name
}

// A name-bound format split across `concat!` pieces, bound to the name it
// initialises.
pub const AWS_SECRET_ACCESS_KEY: &str = concat!("ah9sdbEl7oX8nrEHAluv", "tdgDW1+In81LJK6yc+je"); //~ hardcoded-secret[critical]

pub fn datadog() -> &'static str {
    let dd_api_key = concat!("0402362d53c9efc6", "d892aa68bfcc8c92"); //~ hardcoded-secret
    dd_api_key
}

// Pieces of a non-secret value under a provider's name stay quiet.
pub const DD_SITE: &str = concat!("datadoghq", ".eu");
pub const AWS_SECRET_ACCESS_KEY_HINT: &str = concat!("xxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxx");
