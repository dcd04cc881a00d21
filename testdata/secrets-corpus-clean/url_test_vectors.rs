// url-2.5.8 tests (the JSON vectors, as Rust literals): user info with
// percent-encoded and control characters, odd schemes, no real host.
pub const VECTORS: &[(&str, &str)] = &[
    ("javascript://:bowser@x/", "bowser"),
    ("http://&a:foo(b]c@d:2/", "foo(b%5Dc"),
    ("https://user:pass%5B%7F@foo/bar", "pass%5B%7F"),
    ("foo://joe:%20!%22$%&'()*+,-.%3A%3B%3C%3D%3E%40%5B%5C%5D%5E_%60%7B%7C%7D~@host/", "%20!%22$%&'()*+,-.%3A%3B"),
];

pub fn setters() -> Vec<(&'static str, &'static str)> {
    vec![("password", "%00%01%09%0A%0D%1F%20!%22%23$%&'()*+,-.%2F09"), ("username", "&a")]
}
