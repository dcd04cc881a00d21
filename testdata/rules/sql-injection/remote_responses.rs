// HTTP client responses are untrusted: another server wrote them.
use sqlx::MySqlPool;

#[derive(serde::Deserialize)]
pub struct Item {
    pub sku: String,
}

pub async fn sync(pool: &MySqlPool, url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let items: Vec<Item> = reqwest::get(url).await?.json().await?;
    for item in items.iter() {
        let q = format!("DELETE FROM products WHERE sku = '{}'", item.sku);
        sqlx::query(&q).execute(pool).await?; //~ sql-injection
    }
    let text = reqwest::get(url).await?.text().await?;
    for line in text.lines() {
        let q = format!("DELETE FROM products WHERE sku = '{line}'");
        sqlx::query(&q).execute(pool).await?; //~ sql-injection
    }
    Ok(())
}

pub fn sync_blocking(conn: &rusqlite::Connection, url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let body = ureq::get(url).call()?.into_string()?;
    conn.execute(&format!("DELETE FROM flags WHERE name = '{body}'"), [])?; //~ sql-injection
    Ok(())
}
