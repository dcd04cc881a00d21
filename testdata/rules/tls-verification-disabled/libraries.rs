use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error, SignatureScheme};

// OpenSSL: verification mode NONE.
pub fn openssl_none() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut b = SslConnector::builder(SslMethod::tls())?;
    b.set_verify(SslVerifyMode::NONE); //~ tls-verification-disabled
    Ok(b.build())
}

// OpenSSL: a callback that accepts everything.
pub fn openssl_callback() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut b = SslConnector::builder(SslMethod::tls())?;
    b.set_verify_callback(SslVerifyMode::PEER, |_, _| true); //~ tls-verification-disabled
    Ok(b.build())
}

// OpenSSL: host name check off.
pub fn openssl_hostname(c: &SslConnector) -> Result<openssl::ssl::ConnectConfiguration, openssl::error::ErrorStack> {
    Ok(c.configure()?.verify_hostname(false)) //~ tls-verification-disabled
}

// tokio-native-tls / hyper-tls go through native-tls's builder.
pub fn tokio_native() -> native_tls::Result<tokio_native_tls::TlsConnector> {
    let inner = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled
        .build()?;
    Ok(tokio_native_tls::TlsConnector::from(inner))
}

// ureq 3.
pub fn ureq_agent() -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder().disable_verification(true).build(); //~ tls-verification-disabled
    ureq::Agent::config_builder().tls_config(tls).build().into()
}

// lettre.
pub fn smtp_tls(domain: String) -> Result<lettre::transport::smtp::client::TlsParameters, lettre::transport::smtp::Error> {
    lettre::transport::smtp::client::TlsParameters::builder(domain)
        .dangerous_accept_invalid_certs(true) //~ tls-verification-disabled
        .build()
}

// curl and isahc.
pub fn curl_easy(url: &str) -> Result<curl::easy::Easy, curl::Error> {
    let mut e = curl::easy::Easy::new();
    e.url(url)?;
    e.ssl_verify_peer(false)?; //~ tls-verification-disabled
    Ok(e)
}

pub fn isahc_client() -> Result<isahc::HttpClient, isahc::Error> {
    use isahc::config::{Configurable, SslOption};
    isahc::HttpClient::builder()
        .ssl_options(SslOption::DANGER_ACCEPT_INVALID_CERTS | SslOption::DANGER_ACCEPT_REVOKED_CERTS) //~ tls-verification-disabled
        .build()
}

// rustls (used by hyper-rustls, tokio-rustls, ureq 2): a verifier that
// accepts every certificate.
#[derive(Debug)]
pub struct NoVerifier;

impl ServerCertVerifier for NoVerifier { //~ tls-verification-disabled
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![SignatureScheme::ED25519]
    }
}

pub fn rustls_insecure() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .dangerous()
        .with_custom_certificate_verifier(std::sync::Arc::new(NoVerifier))
        .with_no_client_auth()
}

// A client-certificate verifier that lets anyone in.
pub struct AnyClient;
impl rustls::server::danger::ClientCertVerifier for AnyClient { //~ tls-verification-disabled
    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<rustls::server::danger::ClientCertVerified, Error> {
        let _ = (end_entity.len(), intermediates.len(), now);
        Ok(rustls::server::danger::ClientCertVerified::assertion())
    }
}

// hyper-tls wraps a native-tls connector.
pub fn hyper_tls_connector() -> Result<hyper_tls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>, native_tls::Error> {
    let tls = native_tls::TlsConnector::builder().danger_accept_invalid_hostnames(true).build()?; //~ tls-verification-disabled
    let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
    http.enforce_http(false);
    Ok(hyper_tls::HttpsConnector::from((http, tls.into())))
}

// hyper-rustls (and ureq 2) take a rustls config: the verifier above is what
// makes it insecure, wherever the config goes.
pub fn hyper_rustls_connector() -> hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector> {
    hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(rustls_insecure()).https_only().enable_http1().build()
}
