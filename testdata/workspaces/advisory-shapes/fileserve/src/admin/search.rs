//! File search pages.

use salvo::prelude::*;
use sqlx::{PgPool, Postgres, QueryBuilder};

/// `GET /admin/search?q=&sort=`: files whose name contains `q`.
#[handler]
pub async fn search(depot: &mut Depot, req: &mut Request, res: &mut Response) {
    let Ok(pool) = depot.obtain::<PgPool>() else {
        res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
        return;
    };
    let q = req.query::<String>("q").unwrap_or_default();
    let sort = req.query::<String>("sort").unwrap_or_else(|| "name".into());
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT name, size FROM files WHERE name ILIKE ");
    qb.push_bind(format!("%{q}%")); // FIXED: sql-injection
    qb.push(" ORDER BY ");
    qb.push(&sort); // PLANTED: sql-injection
    let rows: Vec<(String, i64)> = qb.build_query_as().fetch_all(pool).await.unwrap_or_default();
    if rows.is_empty() {
        res.render(Text::Html(format!("<p>No file matches <b>{q}</b>.</p>"))); // PLANTED: xss
        return;
    }
    let mut html = String::from("<ul>");
    for (name, size) in rows {
        html.push_str(&format!("<li>{} ({size} bytes)</li>", html_escape::encode_text(&name)));
    }
    html.push_str("</ul>");
    res.render(Text::Html(html)); // FIXED: xss
}

/// The `ORDER BY` column for a `sort` parameter: known columns only.
fn sort_column(sort: &str) -> &'static str {
    match sort {
        "size" => "size",
        "date" => "uploaded_at",
        _ => "name",
    }
}

/// `GET /admin/recent?owner=&sort=`: an owner's latest files.
#[handler]
pub async fn recent(depot: &mut Depot, req: &mut Request, res: &mut Response) {
    let Ok(pool) = depot.obtain::<PgPool>() else {
        res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
        return;
    };
    let owner = req.query::<String>("owner").unwrap_or_default();
    let sort = req.query::<String>("sort").unwrap_or_default();
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT name, size FROM files WHERE owner = ");
    qb.push_bind(owner.clone());
    qb.push(" ORDER BY ");
    qb.push(sort_column(&sort)); // FIXED: sql-injection
    qb.push(" DESC LIMIT 50");
    let rows: Vec<(String, i64)> = qb.build_query_as().fetch_all(pool).await.unwrap_or_default();
    res.render(Text::Html(format!("<h1>{} recent files of {}</h1>", rows.len(), html_escape::encode_text(&owner)))); // FIXED: xss
}
