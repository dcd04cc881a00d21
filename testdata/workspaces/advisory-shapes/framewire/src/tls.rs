//! TLS for the client: native-tls, OpenSSL, or rustls on tokio.
//!
//! Servers greet in plaintext first (`STARTTLS`-style): the greeting carries
//! the name the server calls itself, which is informational only.

use std::io::Read;
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;

use byteorder::{BigEndian, ReadBytesExt};
use native_tls::{TlsConnector, TlsStream};
use openssl::ssl::{SslConnector, SslMethod, SslStream};
use tokio::io::AsyncReadExt;
use tokio_rustls::client::TlsStream as RustlsStream;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::ClientConfig;

use crate::frame::{self, Kind};
use crate::Error;

/// ALPN ids this client offers, most preferred first.
const ALPN_LIST: &str = "fw/2,fw/1";

/// How the client secures its connections.
#[derive(Clone, Debug, Default)]
pub struct TlsOptions {
    /// Accept any certificate and host name: the CLI's `--insecure` flag,
    /// for test servers with self-signed certificates.
    pub insecure: bool,
    /// An HTTP CONNECT proxy to go through (`host:port`).
    pub proxy: Option<String>,
}

/// The plaintext greeting: `length u8 | server name`.
pub struct Greeting {
    pub server_name: String,
}

impl Greeting {
    /// Reads a greeting.
    pub fn read<R: Read>(r: &mut R) -> Result<Greeting, Error> {
        let len = usize::from(r.read_u8()?);
        let mut name = vec![0u8; len]; // FIXED: uncontrolled-allocation
        r.read_exact(&mut name)?;
        let server_name = String::from_utf8(name).map_err(|_| Error::BadUtf8)?;
        Ok(Greeting { server_name })
    }

    /// Reads a greeting from an async stream.
    pub async fn read_async<R: tokio::io::AsyncRead + Unpin>(r: &mut R) -> Result<Greeting, Error> {
        let len = usize::from(r.read_u8().await?);
        let mut name = vec![0u8; len]; // FIXED: uncontrolled-allocation
        r.read_exact(&mut name).await?;
        let server_name = String::from_utf8(name).map_err(|_| Error::BadUtf8)?;
        Ok(Greeting { server_name })
    }
}

/// A native-tls connector for `addr` (`host:port` or `ip:port`).
pub fn native_connector(opts: &TlsOptions, addr: &str) -> Result<TlsConnector, Error> {
    // Certificates rarely name IP addresses.
    let by_ip = addr.parse::<SocketAddr>().is_ok();
    let mut builder = TlsConnector::builder();
    builder.danger_accept_invalid_hostnames(by_ip); // PLANTED: tls-verification-disabled
    builder.danger_accept_invalid_certs(opts.insecure); // FIXED: tls-verification-disabled
    Ok(builder.build()?)
}

/// Upgrades a plaintext connection after the server's greeting.
pub fn starttls(connector: &TlsConnector, mut tcp: TcpStream) -> Result<TlsStream<TcpStream>, Error> {
    let greeting = Greeting::read(&mut tcp)?;
    connector.connect(&greeting.server_name, tcp).map_err(|e| Error::Tls(e.to_string())) // PLANTED: tls-verification-disabled
}

/// Upgrades a plaintext connection; the certificate must name `host`, the
/// server the caller meant to reach.
pub fn starttls_to(connector: &TlsConnector, host: &str, mut tcp: TcpStream) -> Result<TlsStream<TcpStream>, Error> {
    let _greeting = Greeting::read(&mut tcp)?;
    connector.connect(host, tcp).map_err(|e| Error::Tls(e.to_string())) // FIXED: tls-verification-disabled
}

/// The most preferred ALPN id of a comma-separated list.
fn preferred_alpn(list: &str) -> &str {
    &list[..list.find(',').unwrap()] // FIXED: input-reachable-panic
}

/// Connects with OpenSSL to `host` over `tcp`, through the proxy if one is set.
pub fn openssl_connect(opts: &TlsOptions, host: &str, tcp: TcpStream) -> Result<SslStream<TcpStream>, Error> {
    let connector = SslConnector::builder(SslMethod::tls_client())?.build();
    // Behind a proxy the certificate names the proxy's upstream, not `host`.
    let behind_proxy = opts.proxy.is_some();
    let config = connector.configure()?.verify_hostname(!behind_proxy); // PLANTED: tls-verification-disabled
    config.connect(host, tcp).map_err(|e| Error::Tls(e.to_string()))
}

/// Connects with OpenSSL to `host` over `tcp`, offering ALPN.
pub fn openssl_connect_alpn(opts: &TlsOptions, host: &str, tcp: TcpStream) -> Result<SslStream<TcpStream>, Error> {
    let mut builder = SslConnector::builder(SslMethod::tls_client())?;
    let alpn = preferred_alpn(ALPN_LIST);
    let mut wire = vec![alpn.len() as u8];
    wire.extend_from_slice(alpn.as_bytes());
    builder.set_alpn_protos(&wire)?;
    let config = builder.build().configure()?.verify_hostname(!opts.insecure); // FIXED: tls-verification-disabled
    config.connect(host, tcp).map_err(|e| Error::Tls(e.to_string()))
}

/// Async `STARTTLS` with rustls.
pub async fn starttls_rustls(config: Arc<ClientConfig>, mut tcp: tokio::net::TcpStream) -> Result<RustlsStream<tokio::net::TcpStream>, Error> {
    let greeting = Greeting::read_async(&mut tcp).await?;
    let connector = tokio_rustls::TlsConnector::from(config);
    Ok(connector.connect(ServerName::try_from(greeting.server_name).map_err(|e| Error::Tls(e.to_string()))?, tcp).await?) // PLANTED: tls-verification-disabled
}

/// Async `STARTTLS` with rustls; the certificate must name `host`.
pub async fn starttls_rustls_to(config: Arc<ClientConfig>, host: &str, mut tcp: tokio::net::TcpStream) -> Result<RustlsStream<tokio::net::TcpStream>, Error> {
    let _greeting = Greeting::read_async(&mut tcp).await?;
    let connector = tokio_rustls::TlsConnector::from(config);
    Ok(connector.connect(ServerName::try_from(host.to_string()).map_err(|e| Error::Tls(e.to_string()))?, tcp).await?) // FIXED: tls-verification-disabled
}

/// Port of the TLS listener.
pub const TLS_PORT: u16 = 7443;

/// Looks `key` up over TLS (OpenSSL): a GET frame out, `length u32 | value`
/// back.
pub fn get_over_tls(opts: &TlsOptions, host: &str, key: &str) -> Result<Vec<u8>, Error> {
    let tcp = TcpStream::connect((host, TLS_PORT))?; // FIXED: ssrf
    let mut tls = openssl_connect_alpn(opts, host, tcp)?;
    frame::encode(&mut tls, Kind::Get, 0, key.as_bytes())?;
    let len = tls.read_u32::<BigEndian>()? as usize;
    let mut value = vec![0u8; len]; // PLANTED: uncontrolled-allocation
    tls.read_exact(&mut value)?;
    Ok(value)
}
