pub fn own_line() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // The partner's certificate expired (ticket 41).
        .danger_accept_invalid_certs(true)
        .build()
}

pub fn inline() -> native_tls::Result<native_tls::TlsConnector> {
    native_tls::TlsConnector::builder().danger_accept_invalid_hostnames(true).build()
}

pub fn statement() -> reqwest::Result<reqwest::blocking::Client> {
    let mut b = reqwest::blocking::ClientBuilder::new();
    b = b.timeout(std::time::Duration::from_secs(5));
    let b = b.danger_accept_invalid_certs(true);
    b.build()
}

pub fn curl(easy: &mut curl::easy::Easy) -> Result<(), curl::Error> {
    easy.url("https://example.com/")?;
    easy.ssl_verify_peer(false)?;
    easy.perform()
}

pub fn openssl_client() -> Result<openssl::ssl::SslConnector, openssl::error::ErrorStack> {
    let mut b = openssl::ssl::SslConnector::builder(openssl::ssl::SslMethod::tls())?;
    b.set_verify(openssl::ssl::SslVerifyMode::NONE);
    Ok(b.build())
}

// A flag from a variable is the user's setting: no fix.
pub fn from_flag(insecure: bool) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build()
}
