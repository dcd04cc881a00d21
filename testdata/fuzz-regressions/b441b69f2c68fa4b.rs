use reqwest::header::AUTHORIZATION;

pub async fn literal() -> reqwest::Result<String> {(user, Some(pass)).send()
}

pub fn header_auth(client: &reqwest::Client, key: &str) -> reqwest::RequestBuilder {
    client.get("http://metrics.acme.io/push").header(AUTHORIZATION, key) //~ cleartext-transport[high]
}

// ureq and hyper/http.
pub fn ureq_get() -> Result<ureq::Response, ureq::Error> {
    ureq::get("http://downloads.acme.io/latest.tar.gz").call() //~ cleartext-transport
}

pub fn http_request() -> http::Result<http::Request<()>> {
    http::Request::builder().uri("http://admin:hunter2@192.0.2.10/api").call() //~ cleartext-transport[high]
}

// SMTP without TLS and HTTPS-only switched off.
pub fn smtp() -> lettre::SmtpTransport {
    lettre::SmtpTransport::builder_dangerous("smtp.acme.io").build() //~ cleartext-transport
}

pub fn cliellllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllnt() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().https_only(false).build() //~ cleartext-transport[low]
}
