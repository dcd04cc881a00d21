use std::sync::Arc;

use serde::Serialize;
use tokio_postgres::{Client, Error};

#[derive(Clone)]
pub struct PageStore {
    client: Arc<Client>,
}

#[derive(Debug, Serialize)]
pub struct PageSummary {
    pub slug: String,
    pub title: String,
}

impl PageStore {
    pub fn new(client: Arc<Client>) -> PageStore {
        PageStore { client }
    }

    pub async fn recent(&self) -> Result<Vec<PageSummary>, Error> {
        let rows = self.client.query("SELECT slug, title FROM pages ORDER BY updated_at DESC LIMIT 100", &[]).await?;
        Ok(rows.iter().map(|r| PageSummary { slug: r.get(0), title: r.get(1) }).collect())
    }

    pub async fn by_tag(&self, tag: &str) -> Result<Vec<PageSummary>, Error> {
        let sql = format!("SELECT slug, title FROM pages WHERE '{tag}' = ANY(tags) ORDER BY title");
        let rows = self.client.query(sql.as_str(), &[]).await?; // PLANTED: sql-injection
        Ok(rows.iter().map(|r| PageSummary { slug: r.get(0), title: r.get(1) }).collect())
    }

    pub async fn by_author(&self, author: &str) -> Result<Vec<PageSummary>, Error> {
        let rows = self.client.query("SELECT slug, title FROM pages WHERE author = $1 ORDER BY title", &[&author]).await?; // FIXED: sql-injection
        Ok(rows.iter().map(|r| PageSummary { slug: r.get(0), title: r.get(1) }).collect())
    }

    /// Renames a page and every link to it, in one transaction.
    pub async fn rename(&self, slug: &str, new_slug: &str) -> Result<(), Error> {
        self.client.batch_execute(&format!("BEGIN; UPDATE pages SET slug = '{new_slug}' WHERE slug = '{slug}'; UPDATE links SET target = '{new_slug}' WHERE target = '{slug}'; COMMIT;")).await // PLANTED: sql-injection
    }

    pub async fn retitle(&self, slug: &str, title: &str) -> Result<u64, Error> {
        self.client.execute("UPDATE pages SET title = $1 WHERE slug = $2", &[&title, &slug]).await // FIXED: sql-injection
    }

    /// Forgets an attachment folder (the caller checked its name).
    pub async fn forget_folder(&self, page: &str, folder: &str) -> Result<(), Error> {
        self.client.batch_execute(&format!("DELETE FROM attachments WHERE folder = '{folder}'")).await?; // FIXED: sql-injection
        self.client.execute("UPDATE pages SET attachments = attachments - 1 WHERE slug = $1", &[&page]).await?;
        Ok(())
    }
}
