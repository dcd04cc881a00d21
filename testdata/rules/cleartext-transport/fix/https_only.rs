// `https_only(false)` is machine-applicable; the scheme upgrade is not.
pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().https_only(false).build()
}

pub fn with_credentials(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    client.post("http://api.partner.com/notify").bearer_auth(token).send()?;
    Ok(())
}
