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
