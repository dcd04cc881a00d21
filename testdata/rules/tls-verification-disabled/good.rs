pub fn client(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(ca_pem)?;
    reqwest::Client::builder().add_root_certificate(ca).danger_accept_invalid_certs(false).build()
}

// A method with the same name on a user type, but never disabling checks.
pub fn unrelated(b: Builder) -> Builder {
    b.danger_accept_invalid_certs(false)
}

pub struct Builder;
impl Builder {
    pub fn danger_accept_invalid_certs(self, _on: bool) -> Self {
        self
    }
}

// A library forwarding its own option under the same name: the caller decides.
pub struct TlsConfig {
    pub accept_invalid_certs: bool,
    pub hostname_verification: bool,
}
pub fn plumbing(config: &TlsConfig) -> native_tls::Result<native_tls::TlsConnector> {
    native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(config.accept_invalid_certs)
        .danger_accept_invalid_hostnames(!config.hostname_verification)
        .build()
}
