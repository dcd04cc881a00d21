//! The routes, as warp filters; the handlers are in `handlers`.
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;

use warp::Filter;

use crate::config::GatewayConfig;
use crate::handlers::{assets, avatars, pages, proxy};

pub fn routes(client: reqwest::Client, config: Arc<GatewayConfig>) -> impl Filter<Extract = (impl warp::Reply,), Error = warp::Rejection> + Clone {
    let fetch = warp::path!("proxy")
        .and(warp::get())
        .and(warp::query::<proxy::ProxyQuery>())
        .and(with_client(client.clone()))
        .and_then(proxy::forward);
    let partner = warp::path!("proxy" / "partner")
        .and(warp::get())
        .and(warp::query::<proxy::ProxyQuery>())
        .and(with_client(client.clone()))
        .and_then(proxy::forward_partner);
    let auth_health = warp::path!("health" / "auth")
        .and(with_client(client.clone()))
        .and(with_config(config.clone()))
        .and_then(proxy::auth_health);
    let asset = warp::path("assets").and(warp::path::tail()).and_then(assets::serve);
    let doc = warp::path("docs").and(warp::path::tail()).and_then(assets::docs);
    let hello = warp::path!("hello").and(warp::query::<HashMap<String, String>>()).map(pages::hello);
    let hello_escaped = warp::path!("hello" / "escaped").and(warp::query::<HashMap<String, String>>()).map(pages::hello_escaped);
    let go = warp::path!("go").and(warp::query::<HashMap<String, String>>()).and_then(pages::go);
    let go_local = warp::path!("go" / "local").and(warp::query::<HashMap<String, String>>()).and_then(pages::go_local);
    let avatar = warp::path!("avatars" / String / "refresh")
        .and(warp::post())
        .and(with_client(client))
        .and(with_config(config))
        .and_then(avatars::refresh);

    fetch
        .or(partner)
        .or(auth_health)
        .or(asset)
        .or(doc)
        .or(hello_escaped)
        .or(hello)
        .or(go_local)
        .or(go)
        .or(avatar)
}

fn with_client(client: reqwest::Client) -> impl Filter<Extract = (reqwest::Client,), Error = Infallible> + Clone {
    warp::any().map(move || client.clone())
}

fn with_config(config: Arc<GatewayConfig>) -> impl Filter<Extract = (Arc<GatewayConfig>,), Error = Infallible> + Clone {
    warp::any().map(move || config.clone())
}
