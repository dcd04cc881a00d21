// sea-orm: a raw `Statement` takes the database backend first and the SQL
// text second; values passed beside the text are bound, not spliced.
use axum::extract::Query;
use sea_orm::{DatabaseBackend, Statement};

#[derive(serde::Deserialize)]
pub struct Filter {
    pub name: String,
}

pub async fn by_name(Query(f): Query<Filter>) -> Statement {
    Statement::from_string(DatabaseBackend::Postgres, format!("SELECT * FROM users WHERE name = '{}'", f.name)) //~ sql-injection
}

pub async fn by_name_values(Query(f): Query<Filter>) -> Statement {
    let sql = format!("SELECT * FROM users WHERE name = '{}'", f.name);
    Statement::from_sql_and_values(DatabaseBackend::Postgres, sql, []) //~ sql-injection
}

// The text is constant; the name is a bound value.
pub async fn by_name_bound(Query(f): Query<Filter>) -> Statement {
    Statement::from_sql_and_values(DatabaseBackend::Postgres, "SELECT * FROM users WHERE name = $1", [f.name.into()])
}
