use std::sync::LazyLock;

use regex::Regex;
use sqlx::{Executor, SqlitePool};

use crate::handlers::events::Event;
use crate::router::HttpError;

/// Stream names: a lowercase letter, then lowercase letters, digits or `_`.
static STREAM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z][a-z0-9_]{0,31}$").expect("stream pattern"));

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    pub async fn connect(url: &str) -> Result<Store, sqlx::Error> {
        Ok(Store { pool: SqlitePool::connect(url).await? })
    }

    pub async fn append(&self, event: &Event) -> Result<(), sqlx::Error> {
        let q = format!(
            "INSERT INTO events (stream, kind, payload) VALUES ('{}', '{}', '{}')",
            event.stream, event.kind, event.payload
        );
        self.pool.execute(q.as_str()).await?; // PLANTED: sql-injection
        Ok(())
    }

    pub async fn append_bound(&self, event: &Event) -> Result<(), sqlx::Error> {
        let query = sqlx::query("INSERT INTO events (stream, kind, payload) VALUES (?1, ?2, ?3)");
        query.bind(&event.stream).bind(&event.kind).bind(event.payload.to_string()).execute(&self.pool).await?; // FIXED: sql-injection
        Ok(())
    }

    /// The last events of a stream (each stream has its own table).
    pub async fn tail(&self, stream: &str, limit: u32) -> Result<Vec<(i64, String)>, sqlx::Error> {
        let q = format!("SELECT id, payload FROM events_{stream} ORDER BY id DESC LIMIT {limit}");
        sqlx::query_as(&q).fetch_all(&self.pool).await // PLANTED: sql-injection
    }

    pub async fn tail_checked(&self, stream: &str, limit: u32) -> Result<Vec<(i64, String)>, HttpError> {
        let table = stream_table(stream).ok_or_else(HttpError::bad_request)?;
        let q = format!("SELECT id, payload FROM {table} ORDER BY id DESC LIMIT {limit}");
        Ok(sqlx::query_as(&q).fetch_all(&self.pool).await?) // FIXED: sql-injection
    }
}

/// The table of a stream, for well-formed stream names.
pub fn stream_table(stream: &str) -> Option<String> {
    if STREAM.is_match(stream) {
        Some(format!("events_{stream}"))
    } else {
        None
    }
}
