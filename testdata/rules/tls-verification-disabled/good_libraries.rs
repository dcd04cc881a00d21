use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error, SignatureScheme};
use std::sync::Arc;

pub fn openssl_peer() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut b = SslConnector::builder(SslMethod::tls())?;
    b.set_verify(SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT);
    Ok(b.build())
}

pub fn curl_ok(url: &str) -> Result<curl::easy::Easy, curl::Error> {
    let mut e = curl::easy::Easy::new();
    e.url(url)?;
    e.ssl_verify_peer(true)?;
    Ok(e)
}

// A user setting plumbed through is not judged for `ssl_verify_host`.
pub fn curl_setting(e: &mut curl::easy::Easy, verify: bool) -> Result<(), curl::Error> {
    e.ssl_verify_host(verify)
}

// A verifier that pins a certificate and delegates the rest.
#[derive(Debug)]
pub struct Pinned {
    inner: Arc<WebPkiServerVerifier>,
    pin: Vec<u8>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        if end_entity.as_ref() != self.pin.as_slice() {
            return Err(Error::General("pin mismatch".into()));
        }
        self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &rustls::crypto::ring::default_provider().signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}
