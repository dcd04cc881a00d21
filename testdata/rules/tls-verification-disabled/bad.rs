pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled[high]
        .build()
}

pub fn hostnames() -> native_tls::Result<native_tls::TlsConnector> {
    native_tls::TlsConnector::builder().danger_accept_invalid_hostnames(true).build() //~ tls-verification-disabled
}

// A flag of another origin than the user's explicit setting.
pub fn from_peer(hello: &[u8]) -> reqwest::Result<reqwest::blocking::Client> {
    let self_signed = hello.first() == Some(&1);
    reqwest::blocking::Client::builder()
        .danger_accept_invalid_certs(self_signed) //~ tls-verification-disabled[medium]
        .build()
}

// Turned off under a condition that is not the user's setting.
pub fn when_local(host: &str) -> reqwest::Result<reqwest::Client> {
    let mut b = reqwest::Client::builder();
    if host.ends_with(".local") {
        b = b.danger_accept_invalid_certs(true); //~ tls-verification-disabled[medium]
    }
    b.build()
}

pub enum Mode {
    Dev,
    Prod,
}
pub fn by_mode(mode: Mode) -> reqwest::ClientBuilder {
    let b = reqwest::Client::builder();
    match mode {
        Mode::Dev => b.danger_accept_invalid_certs(true), //~ tls-verification-disabled[medium]
        Mode::Prod => b,
    }
}

// A constant set to `true` is a literal by another name.
const ACCEPT_ANY: bool = true;
pub fn constant() -> reqwest::ClientBuilder {
    reqwest::Client::builder().danger_accept_invalid_certs(ACCEPT_ANY) //~ tls-verification-disabled[high]
}

// Host name verification switched by a value sent by the peer (issue 21).
pub fn hostname_from_peer(c: &openssl::ssl::SslConnector, sni_matches: bool) -> Result<openssl::ssl::ConnectConfiguration, openssl::error::ErrorStack> {
    Ok(c.configure()?.verify_hostname(sni_matches)) //~ tls-verification-disabled[medium]
}
