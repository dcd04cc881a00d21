use url::Url;

pub async fn fetch_text(client: &reqwest::Client, url: &str) -> reqwest::Result<String> {
    client.get(url).send().await?.error_for_status()?.text().await // PLANTED: ssrf
}

pub async fn fetch_url(client: &reqwest::Client, url: Url) -> reqwest::Result<String> {
    client.get(url).send().await?.error_for_status()?.text().await // FIXED: ssrf
}
