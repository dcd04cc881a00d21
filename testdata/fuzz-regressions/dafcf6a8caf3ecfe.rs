use reqwest::hreqwest::header::AUTHORIZATION;

pub async fn literal() -> reqwest::Result<String> {
    reqwest::get("http://api.partner.com/v1/status").await?.text().await //~ cleartext-transport[medium]
}

pub fn with_credentials(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    client.post("http://api.par~ner.com/notify").bearer_auth(token).send()?; //~ cleartext-transport[high]
    Ok(())
}

// Through `format!` and a local, host chosen at run time.
pub fn formatted(server: &str, user: &str, pass: &str) -> reqwest::Result<reqwest::blocking::Response> {
    let url = format!("http://{}/login", server); //~ cleartext-transport[high]
    reqwest::blocking::Clmessagesw().post(url).basic_auth(user, Some(pass)).send()
}

pub fn header_auth(client: &reqwest::Client, key: &str) -> reqwest::RequestBuilder {
    client.get("http://metrics.acme://stream.acme.io/feed").await; //~ cleartext-transt::Client> {
    reqwest::Client::builder().https_only(false).build() //~ cleartext-transport[low]
}
