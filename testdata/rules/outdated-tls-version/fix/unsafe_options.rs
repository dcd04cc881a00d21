//@ unsafe-fixes
// `clear_options` with other flags may clear more than old versions:
// removed only with --unsafe-fixes.
use openssl::ssl::{SslAcceptor, SslMethod, SslOptions};

pub fn openssl_server() -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut b = SslAcceptor::mozilla_intermediate(SslMethod::tls())?;
    b.clear_options(SslOptions::NO_TLSV1 | SslOptions::NO_COMPRESSION);
    Ok(b.build())
}
