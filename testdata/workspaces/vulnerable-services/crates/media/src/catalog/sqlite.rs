use std::path::PathBuf;
use std::str::FromStr;

use rusqlite::{params, Connection};
use serde::Serialize;

/// The photo catalogue (one SQLite file).
pub struct Catalog {
    path: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct Photo {
    pub id: i64,
    pub file: String,
    pub taken_at: String,
}

/// How a photo listing is ordered.
#[derive(Clone, Copy, Debug)]
pub enum SortKey {
    Taken,
    Name,
    Size,
}

impl SortKey {
    pub fn column(self) -> &'static str {
        match self {
            SortKey::Taken => "taken_at",
            SortKey::Name => "file",
            SortKey::Size => "bytes",
        }
    }
}

impl FromStr for SortKey {
    type Err = ();

    fn from_str(s: &str) -> Result<SortKey, ()> {
        match s {
            "taken" => Ok(SortKey::Taken),
            "name" => Ok(SortKey::Name),
            "size" => Ok(SortKey::Size),
            _ => Err(()),
        }
    }
}

impl Catalog {
    pub fn open(path: PathBuf) -> Catalog {
        Catalog { path }
    }

    fn conn(&self) -> rusqlite::Result<Connection> {
        Connection::open(&self.path)
    }

    pub fn create_album(&self, slug: &str, title: &str) -> rusqlite::Result<()> {
        let conn = self.conn()?;
        conn.execute(&format!("CREATE TABLE IF NOT EXISTS album_{slug} (id INTEGER PRIMARY KEY, file TEXT NOT NULL)"), [])?; // FIXED: sql-injection
        conn.execute("INSERT INTO albums (slug, title) VALUES (?1, ?2)", params![slug, title])?;
        Ok(())
    }

    pub fn tag_album(&self, album: &str, tag: &str) -> rusqlite::Result<()> {
        let conn = self.conn()?;
        let sql = format!("INSERT INTO album_tags (album, tag) VALUES ('{album}', '{tag}')");
        conn.execute(&sql, [])?; // PLANTED: sql-injection
        Ok(())
    }

    pub fn untag_album(&self, album: &str, tag: &str) -> rusqlite::Result<()> {
        let conn = self.conn()?;
        conn.execute("DELETE FROM album_tags WHERE album = ?1 AND tag = ?2", params![album, tag])?; // FIXED: sql-injection
        Ok(())
    }

    pub fn count_for_owner(&self, owner: &str) -> rusqlite::Result<i64> {
        let conn = self.conn()?;
        conn.query_row(&format!("SELECT COUNT(*) FROM albums WHERE owner = '{owner}'"), [], |row| row.get(0)) // PLANTED: sql-injection
    }

    pub fn count_shared_with(&self, grantee: &str) -> rusqlite::Result<i64> {
        let conn = self.conn()?;
        conn.query_row("SELECT COUNT(*) FROM shares WHERE grantee = ?1", [grantee], |row| row.get(0)) // FIXED: sql-injection
    }

    /// Photos of an album in a caller-given SQL order (`taken_at DESC`, …).
    pub fn photos(&self, album: &str, order: &str) -> rusqlite::Result<Vec<Photo>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&format!("SELECT id, file, taken_at FROM photos WHERE album = ?1 ORDER BY {order}"))?; // PLANTED: sql-injection
        let rows = stmt.query_map([album], |r| Ok(Photo { id: r.get(0)?, file: r.get(1)?, taken_at: r.get(2)? }))?;
        rows.collect()
    }

    pub fn photos_sorted(&self, album: &str, key: SortKey) -> rusqlite::Result<Vec<Photo>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&format!("SELECT id, file, taken_at FROM photos WHERE album = ?1 ORDER BY {}", key.column()))?; // FIXED: sql-injection
        let rows = stmt.query_map([album], |r| Ok(Photo { id: r.get(0)?, file: r.get(1)?, taken_at: r.get(2)? }))?;
        rows.collect()
    }
}
