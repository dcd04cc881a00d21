//! Private keys, JWTs, and every kind of string literal.

const RSA_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----\nn0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPMEiOe\nnnEgIQD43wE1xjf1+yrfKkpQ9jKK4K2gNC7w97Ay9/fkYkwFXGoq7yVDEFRN0ZqW\nAJittVYQT1rRTnuyUC97eLQtDkH58AXzv1vYZwSMyWtdYJTXAnMLtS6f9PQyHsE+\n7dHxdliDWuSGQMZ2G5a/x8xe3EsJbvL6FzVXg5xc6yVXRuyz\n-----END RSA PRIVATE KEY-----\n"; //~ hardcoded-secret[critical]

const PKCS8_KEY: &str = r"-----BEGIN PRIVATE KEY-----
n0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPMEiOe
nnEgIQD43wE1xjf1+yrfKkpQ9jKK4K2gNC7w97Ay9/fkYkwFXGoq7yVDEFRN0ZqW
AJittVYQT1rRTnuyUC97eLQtDkH58AXzv1vYZwSMyWtdYJTXAnMLtS6f9PQyHsE+
7dHxdliDWuSGQMZ2G5a/x8xe3EsJbvL6FzVXg5xc6yVXRuyz
-----END PRIVATE KEY-----";
//~^^^^^^ hardcoded-secret[critical]

const OPENSSH_KEY: &[u8] = b"-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAixdPr1FOLcwUoCa4sE//eym4DBT8mYjsZwg8vZhY00B0pmslDv
rqowjNflXWNSH7u5DzIaHlyWkbK29fJg/Ya0skdOz/ntor+YV09XywulF6Rkp4Z+YlHGDS
/Yj1LaDvf95WLhZ9RYPIjN6AXBDJy8ZbsZapCMJOXY+0q0fVfEPF+7C3S/TyV6YtlNoCeY
zGQFOrRnZJ
-----END OPENSSH PRIVATE KEY-----";
//~^^^^^^ hardcoded-secret

const AGE_IDENTITY: &str = "AGE-SECRET-KEY-1JGWRC8GUYDUY3QXDWMLN8WGLHLPG63GZCZ62KA7L6W5K7M8PPVUG456943"; //~ hardcoded-secret[critical]

fn session() -> &'static str {
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.TSJS0Sw5UQsvzU9Kk1v1MIdzu4xCxf8CvgroOx9ye17" //~ hardcoded-secret
}

fn byte_string() -> &'static [u8] {
    b"xoxp-61111182137-65639533144-069639529920-mCOmd1aRxYqFFFeCJeR3ulLZHcY4KeOb" //~ hardcoded-secret
}

fn raw_byte_string() -> &'static [u8] {
    br#"{"token": "ghu_Ku0g0hE3512aI5pMD2bSpywhcWhTmEurox7K"}"# //~ hardcoded-secret
}

fn c_string() -> &'static std::ffi::CStr {
    c"ghs_DLnpm7l4mhULyOEbR4r7MEnaobIVB75jjy63" //~ hardcoded-secret
}

fn continued() -> &'static str {
    "glpat-\
     qlvIgSuqmxP1IQSxlWBU"
//~^^ hardcoded-secret
}

fn split() -> &'static str {
    concat!("ghp_", "wyQNeLnpT5xawz8r", "2A3hS1Jx9cJNtgsIGv8L") //~ hardcoded-secret
}

fn in_a_macro() {
    let client = build!(token = "npm_kFpZvdkR8HJsqZjh6CehHiqVXxrd2C827oQ7"); //~ hardcoded-secret
    let _ = client;
}
