// sqlx's `QueryBuilder`: `push` appends SQL text, `push_bind` a bound value.
use salvo::prelude::*;
use sqlx::{PgPool, Postgres, QueryBuilder};

#[handler]
pub async fn search(depot: &mut Depot, req: &mut Request, res: &mut Response) {
    let Ok(pool) = depot.obtain::<PgPool>() else { return };
    let q = req.query::<String>("q").unwrap_or_default();
    let sort = req.query::<String>("sort").unwrap_or_default();
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT name FROM files WHERE name ILIKE ");
    qb.push_bind(format!("%{q}%"));
    qb.push(" ORDER BY ");
    qb.push(&sort); //~ sql-injection
    let rows: Vec<(String,)> = qb.build_query_as().fetch_all(pool).await.unwrap_or_default();
    res.render(Text::Plain(format!("{}", rows.len())));
}
