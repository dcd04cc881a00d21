// reqwest-0.13.5/src/async_impl/request.rs tests: RFC 7617's example
// credentials; schannel-0.1.30/src/cert_store.rs tests: a PFX test
// password; security-framework-3.7.0/src/os/macos/passwords.rs tests.
#[cfg(test)]
mod tests {
    #[test]
    fn basic_auth_sensitive_header() {
        let client = reqwest::Client::new();
        let req = client.get("https://localhost").basic_auth("Aladdin", Some("open sesame")).build().unwrap();
        let _ = req;
    }

    #[test]
    fn pfx_import() {
        let store = PfxImportOptions::new().include_extended_properties(true).password("mypass").import(b"");
        let _ = store;
    }

    #[test]
    fn round_trip() {
        let password = String::from("deadbeef").into_bytes();
        let _ = password;
    }
}
