use native_tls::{Protocol, TlsConnector};
use openssl::ssl::{SslAcceptor, SslMethod, SslOptions, SslVersion};

pub fn native() -> native_tls::Result<TlsConnector> {
    TlsConnector::builder()
        .min_protocol_version(Some(Protocol::Tlsv10)) //~ outdated-tls-version
        .build()
}

pub fn native_sslv3() -> native_tls::Result<TlsConnector> {
    TlsConnector::builder().min_protocol_version(Some(Protocol::Sslv3)).build() //~ outdated-tls-version
}

pub fn reqwest_min() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .min_tls_version(reqwest::tls::Version::TLS_1_1) //~ outdated-tls-version
        .build()
}

pub fn reqwest_capped() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .max_tls_version(reqwest::tls::Version::TLS_1_0) //~ outdated-tls-version
        .build()
}

pub fn openssl_server() -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut b = SslAcceptor::mozilla_intermediate(SslMethod::tls())?;
    b.set_min_proto_version(Some(SslVersion::TLS1))?; //~ outdated-tls-version
    b.clear_options(SslOptions::NO_TLSV1_1); //~ outdated-tls-version
    Ok(b.build())
}
