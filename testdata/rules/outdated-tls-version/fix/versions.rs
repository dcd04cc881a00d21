use native_tls::{Protocol, TlsConnector};
use openssl::ssl::{SslAcceptor, SslMethod, SslOptions, SslVersion};

pub fn native() -> native_tls::Result<TlsConnector> {
    TlsConnector::builder()
        .min_protocol_version(Some(Protocol::Tlsv10))
        .build()
}

pub fn reqwest_min() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().min_tls_version(reqwest::tls::Version::TLS_1_1).build()
}

pub fn reqwest_capped() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .max_tls_version(reqwest::tls::Version::TLS_1_0)
        .build()
}

pub fn openssl_server() -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut b = SslAcceptor::mozilla_intermediate(SslMethod::tls())?;
    b.set_min_proto_version(Some(SslVersion::TLS1))?;
    b.clear_options(SslOptions::NO_TLSV1_1);
    Ok(b.build())
}
