pub async fn tls() -> reqwest::Result<String> {
    reqwest::get("https://api.partner.com/v1/status").await?.text().await
}

// Local and private hosts.
pub fn local(client: &reqwest::blocking::Client) -> reqwest::Result<()> {
    client.get("http://localhost:8080/health").send()?;
    client.get("http://127.0.0.1:9000/metrics").send()?;
    client.get("http://10.0.3.7/").send()?;
    client.get("http://backend:8080/internal").send()?;
    client.get("http://169.254.169.254/latest/meta-data/").send()?;
    client.get("http://vault.service.internal/v1/sys/health").send()?;
    client.get("http://[::1]:3000/").send()?;
    Ok(())
}

pub async fn websocket_tls() {
    let _ = tokio_tungstenite::connect_async("wss://stream.acme.io/feed").await;
}

// A URL that is only an identifier (an XML namespace) is not a request.
pub const XMLNS: &str = "http://www.w3.org/2000/svg";

// Not a request: a map lookup that happens to hold URLs.
pub fn lookup(m: &std::collections::HashMap<String, u32>, key: &str) -> Option<u32> {
    m.get(key).copied()
}

// The base URL comes from configuration.
pub fn configured(client: &reqwest::blocking::Client, base: &str) -> reqwest::Result<reqwest::blocking::Response> {
    client.get(format!("{base}/status")).send()
}

pub fn https_on() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().https_only(true).build()
}

pub fn smtp_local() -> lettre::SmtpTransport {
    lettre::SmtpTransport::builder_dangerous("localhost").build()
}

// A host chosen at run time (here a local test server), no credentials.
pub fn test_client(client: &reqwest::Client, addr: std::net::SocketAddr, url: &str) -> reqwest::RequestBuilder {
    client.get(format!("http://{}{url}", addr))
}
