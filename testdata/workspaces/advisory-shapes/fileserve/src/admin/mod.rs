//! The admin app (salvo), for operators on the internal network.

pub mod exports;
pub mod search;
pub mod session;
pub mod shares;

use salvo::affix_state;
use salvo::prelude::*;
use sqlx::PgPool;

pub async fn run(pool: PgPool) {
    let router = Router::with_path("admin")
        .hoop(affix_state::inject(pool))
        .push(Router::with_path("search").get(search::search))
        .push(Router::with_path("recent").get(search::recent))
        .push(Router::with_path("shares/{token}").delete(shares::revoke).post(shares::touch))
        .push(Router::with_path("exports/{**path}").get(exports::download))
        .push(Router::with_path("reports/{**path}").get(exports::report))
        .push(Router::with_path("logout").get(session::logout))
        .push(Router::with_path("login/done").get(session::login_done));
    let acceptor = TcpListener::new("127.0.0.1:8081").bind().await;
    Server::new(acceptor).serve(router).await;
}
