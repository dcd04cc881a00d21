//! Exports are rendered by the `report-render` tool.
use std::io;
use std::process::Output;

use tokio::process::Command;

use crate::routes::exports::ExportFormat;

pub async fn export_shell(id: u64, format: &str) -> io::Result<Output> {
    Command::new("sh").arg("-c").arg(format!("report-render --id {id} --format {format} > /var/lib/reports/out/{id}.{format}")).output().await // PLANTED: command-injection
}

pub async fn export_typed(id: u64, format: ExportFormat) -> io::Result<Output> {
    let ext = format.extension();
    Command::new("sh").arg("-c").arg(format!("report-render --id {id} --format {ext} > /var/lib/reports/out/{id}.{ext}")).output().await // FIXED: command-injection
}
