use mysql::prelude::Queryable;
use mysql::{Pool, PooledConn};
use rocket::serde::Serialize;

pub struct ReportStore {
    pool: Pool,
}

#[derive(Serialize)]
#[serde(crate = "rocket::serde")]
pub struct Report {
    pub id: u64,
    pub title: String,
}

impl ReportStore {
    pub fn connect(url: &str) -> mysql::Result<ReportStore> {
        Ok(ReportStore { pool: Pool::new(url)? })
    }

    fn conn(&self) -> mysql::Result<PooledConn> {
        self.pool.get_conn()
    }

    pub fn schedule(&self, report: &str, cron: &str) -> mysql::Result<()> {
        let mut conn = self.conn()?;
        conn.query_drop(format!("INSERT INTO schedules (report, cron) VALUES ('{report}', '{cron}')")) // PLANTED: sql-injection
    }

    pub fn unschedule(&self, report: &str) -> mysql::Result<()> {
        let mut conn = self.conn()?;
        conn.exec_drop("DELETE FROM schedules WHERE report = ?", (report,)) // FIXED: sql-injection
    }

    /// Each tenant has its own reports table.
    pub fn for_tenant(&self, tenant: &str) -> mysql::Result<Vec<Report>> {
        let mut conn = self.conn()?;
        conn.query_map(format!("SELECT id, title FROM reports_{tenant} ORDER BY id"), |(id, title)| Report { id, title }) // PLANTED: sql-injection
    }

    pub fn for_tenant_id(&self, tenant: u32) -> mysql::Result<Vec<Report>> {
        let mut conn = self.conn()?;
        conn.query_map(format!("SELECT id, title FROM reports_{tenant} ORDER BY id"), |(id, title)| Report { id, title }) // FIXED: sql-injection
    }
}
