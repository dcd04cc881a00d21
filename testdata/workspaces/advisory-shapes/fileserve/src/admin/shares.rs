//! Share links (diesel, on the shares database).

use diesel::pg::PgConnection;
use diesel::sql_types::Text;
use diesel::{Connection, RunQueryDsl};
use salvo::prelude::*;

fn connect() -> Option<PgConnection> {
    let url = std::env::var("SHARES_DATABASE_URL").ok()?;
    PgConnection::establish(&url).ok()
}

/// `DELETE /admin/shares/{token}`: revokes a share link.
#[handler]
pub async fn revoke(req: &mut Request, res: &mut Response) {
    let token = req.param::<String>("token").unwrap_or_default();
    let done = tokio::task::spawn_blocking(move || {
        let mut conn = connect()?;
        diesel::sql_query(format!("DELETE FROM shares WHERE token = '{token}'")).execute(&mut conn).ok() // PLANTED: sql-injection
    })
    .await;
    res.status_code(if matches!(done, Ok(Some(_))) { StatusCode::NO_CONTENT } else { StatusCode::INTERNAL_SERVER_ERROR });
}

/// `POST /admin/shares/{token}`: counts a visit.
#[handler]
pub async fn touch(req: &mut Request, res: &mut Response) {
    let token = req.param::<String>("token").unwrap_or_default();
    let done = tokio::task::spawn_blocking(move || {
        let mut conn = connect()?;
        diesel::sql_query("UPDATE shares SET hits = hits + 1 WHERE token = $1").bind::<Text, _>(&token).execute(&mut conn).ok() // FIXED: sql-injection
    })
    .await;
    res.status_code(if matches!(done, Ok(Some(_))) { StatusCode::NO_CONTENT } else { StatusCode::INTERNAL_SERVER_ERROR });
}
