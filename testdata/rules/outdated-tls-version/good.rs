use native_tls::{Protocol, TlsConnector};
use openssl::ssl::{SslAcceptor, SslMethod, SslOptions, SslVersion};

pub fn native() -> native_tls::Result<TlsConnector> {
    TlsConnector::builder().min_protocol_version(Some(Protocol::Tlsv12)).build()
}

pub fn reqwest_ok() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .min_tls_version(reqwest::tls::Version::TLS_1_2)
        .max_tls_version(reqwest::tls::Version::TLS_1_3)
        .build()
}

pub fn openssl_server() -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut b = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls())?;
    b.set_min_proto_version(Some(SslVersion::TLS1_2))?;
    b.clear_options(SslOptions::NO_TICKET);
    Ok(b.build())
}

// From configuration: not judged.
pub fn configured(v: Option<Protocol>) -> native_tls::Result<TlsConnector> {
    TlsConnector::builder().min_protocol_version(v).build()
}
