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

// The user's explicit insecure setting: their choice, like `curl -k`.
pub fn from_flag(insecure: bool) -> reqwest::Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder().danger_accept_invalid_certs(insecure).build()
}

pub struct Opts {
    pub skip_hostname_verification: bool,
    pub accept_invalid_certs: bool,
}
pub fn from_options(opts: &Opts) -> reqwest::ClientBuilder {
    let b = reqwest::Client::builder();
    let b = match opts.skip_hostname_verification {
        true => b.danger_accept_invalid_hostnames(true),
        false => b,
    };
    if opts.accept_invalid_certs {
        return b.danger_accept_invalid_certs(true);
    }
    b
}

pub enum Verify {
    Yes,
    No,
}
pub fn from_cli(verify: Verify) -> reqwest::ClientBuilder {
    let b = reqwest::Client::builder();
    match verify {
        Verify::Yes => b,
        Verify::No => b.danger_accept_invalid_certs(true),
    }
}

pub fn skip_configured(skip_verify: bool) -> reqwest::Result<reqwest::Client> {
    let mut b = reqwest::Client::builder();
    if skip_verify {
        b = b.danger_accept_invalid_certs(true);
    }
    b.build()
}

pub fn curl_from_settings(e: &mut curl::easy::Easy, tls_verify: bool) -> Result<(), curl::Error> {
    let insecure = !tls_verify;
    e.ssl_verify_peer(!insecure)?;
    e.ssl_verify_host(tls_verify)
}

const ACCEPT_ANY: bool = false;
pub fn constant_off() -> reqwest::ClientBuilder {
    reqwest::Client::builder().danger_accept_invalid_certs(ACCEPT_ANY)
}
