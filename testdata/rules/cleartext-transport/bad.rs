use reqwest::header::AUTHORIZATION;

pub async fn literal() -> reqwest::Result<String> {
    reqwest::get("http://api.partner.com/v1/status").await?.text().await //~ cleartext-transport[medium]
}

pub fn with_credentials(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    client.post("http://api.partner.com/notify").bearer_auth(token).send()?; //~ cleartext-transport[high]
    Ok(())
}

// Through `format!` and a local, host chosen at run time.
pub fn formatted(server: &str, user: &str, pass: &str) -> reqwest::Result<reqwest::blocking::Response> {
    let url = format!("http://{}/login", server); //~ cleartext-transport[high]
    reqwest::blocking::Client::new().post(url).basic_auth(user, Some(pass)).send()
}

pub fn header_auth(client: &reqwest::Client, key: &str) -> reqwest::RequestBuilder {
    client.get("http://metrics.acme.io/push").header(AUTHORIZATION, key) //~ cleartext-transport[high]
}

// ureq and hyper/http.
pub fn ureq_get() -> Result<ureq::Response, ureq::Error> {
    ureq::get("http://downloads.acme.io/latest.tar.gz").call() //~ cleartext-transport
}

pub fn http_request() -> http::Result<http::Request<()>> {
    http::Request::builder().uri("http://api.acme.io/items").body(()) //~ cleartext-transport
}

pub fn parsed_uri() -> Result<http::Uri, http::uri::InvalidUri> {
    let uri: http::Uri = "http://api.acme.io/".parse()?;
    Ok(uri)
}

pub fn static_uri() -> http::Uri {
    http::Uri::from_static("http://api.acme.io/") //~ cleartext-transport
}

// WebSockets and FTP.
pub async fn websocket() {
    let _ = tokio_tungstenite::connect_async("ws://stream.acme.io/feed").await; //~ cleartext-transport
}

pub fn curl_ftp(e: &mut curl::easy::Easy) -> Result<(), curl::Error> {
    e.url("ftp://files.acme.io/pub/data.csv") //~ cleartext-transport
}

// Credentials in the URL itself.
pub fn userinfo() -> Result<ureq::Response, ureq::Error> {
    ureq::get("http://admin:hunter2@192.0.2.10/api").call() //~ cleartext-transport[high]
}

// SMTP without TLS and HTTPS-only switched off.
pub fn smtp() -> lettre::SmtpTransport {
    lettre::SmtpTransport::builder_dangerous("smtp.acme.io").build() //~ cleartext-transport
}

pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().https_only(false).build() //~ cleartext-transport[low]
}
