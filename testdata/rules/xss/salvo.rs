use salvo::prelude::*;

#[handler]
pub async fn greet(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("name").unwrap_or_default();
    res.render(Text::Html(format!("<p>Hello, {name}</p>"))); //~ xss
}

#[handler]
pub async fn greet_escaped(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("name").unwrap_or_default();
    res.render(Text::Html(format!("<p>Hello, {}</p>", html_escape::encode_text(&name))));
}

#[handler]
pub async fn greet_plain(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("name").unwrap_or_default();
    res.render(Text::Plain(format!("Hello, {name}")));
}

// Rows come from the database: the query's text (here built from the
// request, an `sql-injection` matter) is not what the rows hold. Names are
// escaped; sizes are numbers.
#[handler]
pub async fn listing(depot: &mut Depot, req: &mut Request, res: &mut Response) {
    let Ok(pool) = depot.obtain::<sqlx::PgPool>() else { return };
    let sort = req.query::<String>("sort").unwrap_or_default();
    let mut qb: sqlx::QueryBuilder<sqlx::Postgres> = sqlx::QueryBuilder::new("SELECT name, size FROM files ORDER BY ");
    qb.push(&sort); // sast:allow(sql-injection): this fixture is about the rows
    let rows: Vec<(String, i64)> = qb.build_query_as().fetch_all(pool).await.unwrap_or_default();
    let mut html = String::from("<ul>");
    for (name, size) in rows {
        html.push_str(&format!("<li>{} ({size} bytes)</li>", html_escape::encode_text(&name)));
    }
    res.render(Text::Html(html));
}
