use url::Url;

/// Where partner feeds live.
const PARTNER_HOSTS: &[&str] = &["feeds.partner-one.example", "api.partner-two.example"];

/// `raw` as a URL if it is `https` on a partner's host.
pub fn partner_url(raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    if url.scheme() != "https" {
        return None;
    }
    let host = url.host_str()?;
    if !PARTNER_HOSTS.contains(&host) {
        return None;
    }
    Some(url)
}
