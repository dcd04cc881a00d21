//@ unsafe-fixes
// The peer may not serve TLS: maybe-incorrect. A URL with a port keeps
// its scheme (the TLS port differs).
pub fn with_credentials(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    client.post("http://api.partner.com/notify").bearer_auth(token).send()?;
    client.post("http://api.partner.com:8080/notify").bearer_auth(token).send()?;
    Ok(())
}
