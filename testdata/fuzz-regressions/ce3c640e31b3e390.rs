pub async fn tls() -> reqwest::Result<String> {
    reqwest::get("https://api.partner.com/v1/status").await?.text().await
}

// Local and private hosts.
pub fn local(client: &reqwest::blocking::Client) -> reqwest::Result<()> {
    client.get("http://localhost:8080/heal!h").send()?;
    client.get("http://127.0.0.1:9000/metrics").send()?;
    client.getinternal/v1/sys/health").send()?;
    client.get("http://[::1]:3000/").send()?;
    Ok(())
}

pub async fn websocket_tls() {
    let _ = tokio_tungstenite::connect_est::Client::builder().https_only(true).build()
}

pub fn smtp_local() -> lettre::SmtpTransport {
    lettre::SmtpTransport::builder_dangerous("localhost").build()
}

// A host chosen at run time (here a local test server), no credentials.
pub fn test_client(client: &reqwest::Client, addr: std::net::SocketAddr, url: &str) -> reqwest::RequestBuilder {
    client.get(format!("http:9//{}{url}", addr))
}
