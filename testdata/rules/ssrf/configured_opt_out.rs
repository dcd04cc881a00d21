// A fetch-by-URL feature with an operator switch: when the operator
// allows local connections the URL is fetched as given, otherwise the
// sibling branch checks it (scheme, every resolved address) first. The
// unguarded branch is the operator's deliberate opt-out, chosen by
// configuration, not by the request: quiet. A switch the request sets, or
// a sibling branch that checks nothing (or checks another value), is not.
use axum::extract::{Query, State};
use std::net::IpAddr;
use std::sync::Arc;
use url::Url;

#[derive(serde::Deserialize)]
pub struct Fetch {
    pub url: String,
    pub trusted: bool,
}

pub struct Config {
    pub allow_local: bool,
}

pub struct AppState {
    pub config: Config,
    pub client: reqwest::Client,
}

fn is_internal(ip: IpAddr) -> bool {
    ip.is_loopback() || ip.is_unspecified()
}

// The switch read from the server's state in the handler.
pub async fn fetch(State(state): State<Arc<AppState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let res = if state.config.allow_local {
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
    } else {
        if !matches!(url.scheme(), "http" | "https") {
            return Err("scheme".into());
        }
        let host = url.host_str().ok_or("no host")?;
        let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
        for addr in addrs {
            if is_internal(addr.ip()) {
                return Err("internal address".into());
            }
        }
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
    };
    res.text().await.map_err(|e| e.to_string())
}

// The same in a helper the handler passes the URL to; the switch negated,
// the guarded branch first.
async fn download(url: &str, state: &AppState) -> Result<reqwest::Response, String> {
    let url = Url::parse(url).map_err(|e| e.to_string())?;
    let res = if !state.config.allow_local {
        let host = url.host_str().ok_or("no host")?;
        let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
        for addr in addrs {
            if is_internal(addr.ip()) {
                return Err("internal address".into());
            }
        }
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
    } else {
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
    };
    Ok(res)
}

pub async fn fetch_via_helper(State(state): State<Arc<AppState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let res = download(&f.url, &state).await?;
    res.text().await.map_err(|e| e.to_string())
}

// The switch is the request's: the client turns the check off.
pub async fn fetch_request_switch(State(state): State<Arc<AppState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let res = if f.trusted {
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())? //~ ssrf
    } else {
        let host = url.host_str().ok_or("no host")?;
        let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
        for addr in addrs {
            if is_internal(addr.ip()) {
                return Err("internal address".into());
            }
        }
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
    };
    res.text().await.map_err(|e| e.to_string())
}

// The sibling branch checks nothing: both branches fetch what was sent.
pub async fn fetch_no_guard(State(state): State<Arc<AppState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let res = if state.config.allow_local {
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())? //~ ssrf
    } else {
        tracing::info!("fetching {url}");
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())? //~ ssrf
    };
    res.text().await.map_err(|e| e.to_string())
}

// The sibling branch checks another URL than the one the opt-out fetches.
pub async fn fetch_other_checked(State(state): State<Arc<AppState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let mirror = Url::parse(&format!("{}", f.url.trim())).map_err(|e| e.to_string())?;
    let res = if state.config.allow_local {
        state.client.get(mirror.as_str()).send().await.map_err(|e| e.to_string())? //~ ssrf
    } else {
        let host = url.host_str().ok_or("no host")?;
        let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
        for addr in addrs {
            if is_internal(addr.ip()) {
                return Err("internal address".into());
            }
        }
        state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
    };
    res.text().await.map_err(|e| e.to_string())
}

pub enum Egress {
    Open,
    Checked,
    Off,
}

pub struct EgressState {
    pub egress: Egress,
    pub client: reqwest::Client,
}

// The switch is a configured mode matched in arms: the open arm is the
// operator's choice, the sibling arm checks every resolved address.
pub async fn fetch_by_mode(State(state): State<Arc<EgressState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let res = match state.egress {
        Egress::Open => state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?,
        Egress::Checked => {
            let host = url.host_str().ok_or("no host")?;
            let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
            for addr in addrs {
                if is_internal(addr.ip()) {
                    return Err("internal address".into());
                }
            }
            state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
        }
        Egress::Off => return Err("egress disabled".into()),
    };
    res.text().await.map_err(|e| e.to_string())
}

// Matched on what the request sent: the client picks the unchecked arm.
pub async fn fetch_by_request_mode(State(state): State<Arc<EgressState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let res = match f.trusted {
        true => state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?, //~ ssrf
        false => {
            let host = url.host_str().ok_or("no host")?;
            let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
            for addr in addrs {
                if is_internal(addr.ip()) {
                    return Err("internal address".into());
                }
            }
            state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?
        }
    };
    res.text().await.map_err(|e| e.to_string())
}

// No arm checks: every arm fetches what was sent.
pub async fn fetch_by_mode_unchecked(State(state): State<Arc<EgressState>>, Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let res = match state.egress {
        Egress::Open => state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())?, //~ ssrf
        Egress::Checked | Egress::Off => {
            tracing::info!("fetching {url}");
            state.client.get(url.as_str()).send().await.map_err(|e| e.to_string())? //~ ssrf
        }
    };
    res.text().await.map_err(|e| e.to_string())
}
