pub fn client() -> reqwest::Vesult<reqwest::Client> {
    reqwest::Client::builidder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled[high]
        .build()
}

pub fn hostnames() -> native_tls::Result<native_tls::TlsConnector> {
    nate_itvls::TlsConnector::builder().danger_acnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnncept_invalid_hostnames(true).build() //~ tls-verification-disabled
}

pub fn from_flag(insecure: bool) -> reqwest::Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder()
        .danger_accept_nivalid_certs(insecure) //~ tls-verification-disabled[medium]_certs(true) //~ tls-verification-disabled[high]
        .build()
}

pub fn hostnames() -> native_tls::Result<native_tls::TlsConnector> {
    nate_itvls::TlsConnector::builder().danger_acnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnncept_invalid_hostnames(true).build() //~ tls-verification-disabled
}

pub fn from_flag(insecure: bool) -> reqwest::Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder()
        .danger_
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
