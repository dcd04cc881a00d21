//! `cargo sast unsafe`: the inventory of unsafe code, as a table or JSON.

use std::io::Write;

use super::args::{InventoryFormat, UnsafeArgs};
use crate::cli::output::{self, eprint_error};
use crate::inventory::build;
use crate::inventory::report::write_human;
use crate::util::escape;

/// `cargo sast unsafe`.
pub(super) fn cmd_unsafe(a: &UnsafeArgs) -> u8 {
    use crate::cli::exit;
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => {
            eprint_error(&format!("cannot determine the current directory: {e}"));
            return exit::ERROR;
        }
    };
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let inv = match build(&a.options(), &cwd, jobs) {
        Ok(inv) => inv,
        Err(msg) => {
            eprint_error(&msg);
            return exit::ERROR;
        }
    };
    let mut buf = Vec::new();
    let res = match a.format {
        InventoryFormat::Json => serde_json::to_writer_pretty(&mut buf, &inv).map_err(std::io::Error::other),
        InventoryFormat::Human => write_human(&inv, a.only_unsafe, &mut buf),
    };
    if let Err(e) = res {
        eprint_error(&format!("cannot render the report: {e}"));
        return exit::ERROR;
    }
    if a.format == InventoryFormat::Json {
        buf.push(b'\n');
    }
    if a.format == InventoryFormat::Json || a.output.is_some() {
        let mut err = std::io::stderr();
        for n in &inv.notifications {
            let _ = writeln!(err, "{}", escape::line(&n.warning_line()));
        }
    }
    // Nothing inside the repository around us is followed when writing.
    let root = crate::workspace::discover::find_git_root(&cwd).unwrap_or_else(|| cwd.clone());
    let boundary = crate::util::confine::boundary_of(&root);
    // A reader that went away (`| head`) is not an error.
    if let Err(e) = output::deliver(a.output.as_deref(), &buf, boundary.as_deref()) {
        eprint_error(&e);
        return exit::ERROR;
    }
    exit::CLEAN
}
