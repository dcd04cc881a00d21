pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled[high]
        .build()
}

pub fn hostnames() -> native_tls::Result<native_tls::TlsConnector> {
    native_tls::TlsConnector::builder().danger_accept_invalid_hostnames(true).build() //~ tls-verification-disabled
}

pub fn from_flag(insecure: bool) -> reqwest::Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder()
        .danger_accept_invalid_certs(insecure) //~ tls-verification-disabled[medium]
        .build()
}

// Turned off only when a setting says so: reviewed like a variable.
pub fn when_configured(skip_verify: bool) -> reqwest::Result<reqwest::Client> {
    let mut b = reqwest::Client::builder();
    if skip_verify {
        b = b.danger_accept_invalid_certs(true); //~ tls-verification-disabled[medium]
    }
    b.build()
}
