//! The inventory as a human-readable table.

use std::io::Write;

use crate::inventory::Counts;
use crate::inventory::Inventory;
use crate::inventory::UnsafeLint;
use crate::util::escape;

// ---------------------------------------------------------------------------
// Human output

pub(crate) fn write_human(inv: &Inventory, only_unsafe: bool, w: &mut Vec<u8>) -> std::io::Result<()> {
    for n in &inv.notifications {
        writeln!(w, "{}", escape::line(&n.warning_line()))?;
    }
    if !inv.notifications.is_empty() {
        writeln!(w)?;
    }
    let header = [
        "PACKAGE",
        "VERSION",
        "SOURCE",
        "UNSAFE_CODE",
        "FILES",
        "BLOCKS",
        "DOCUMENTED",
        "FNS",
        "METHODS",
        "IMPLS",
        "TRAITS",
        "EXTERN",
        "TOTAL",
    ];
    let mut rows: Vec<[String; 13]> = Vec::new();
    for p in &inv.packages {
        if only_unsafe && p.stats.total == 0 {
            continue;
        }
        let s = &p.stats;
        rows.push([
            escape::line(&p.name).into_owned(),
            p.version.as_deref().map_or_else(|| "-".into(), |v| escape::line(v).into_owned()),
            p.source.as_str().to_string(),
            match p.unsafe_code {
                Some(UnsafeLint::Forbid) => "forbid".into(),
                Some(UnsafeLint::Deny) => "deny".into(),
                Some(UnsafeLint::Conditional) => "cfg".into(),
                None => "-".into(),
            },
            format!("{}/{}", p.files_with_unsafe, p.files),
            s.blocks.to_string(),
            documented(s),
            s.functions.to_string(),
            s.methods.to_string(),
            s.impls.to_string(),
            s.traits.to_string(),
            s.extern_blocks.to_string(),
            s.total.to_string(),
        ]);
    }
    let t = &inv.summary.stats;
    let totals = [
        "total".to_string(),
        String::new(),
        String::new(),
        format!("{} forbid", inv.summary.packages_forbidding_unsafe),
        format!("{}/{}", inv.summary.files_with_unsafe, inv.summary.files),
        t.blocks.to_string(),
        documented(t),
        t.functions.to_string(),
        t.methods.to_string(),
        t.impls.to_string(),
        t.traits.to_string(),
        t.extern_blocks.to_string(),
        t.total.to_string(),
    ];
    let mut widths = header.map(str::len);
    for r in rows.iter().chain(std::iter::once(&totals)) {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |w: &mut Vec<u8>, cells: &[&str]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            if i < 4 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
            s.push_str("  ");
        }
        writeln!(w, "{}", s.trim_end())
    };
    line(w, &header)?;
    for r in &rows {
        line(w, &r.each_ref().map(String::as_str))?;
    }
    line(w, &totals.each_ref().map(String::as_str))?;
    writeln!(
        w,
        "\n{} package(s): {} with unsafe code, {} forbid it.\nUNSAFE_CODE: `#![forbid/deny(unsafe_code)]` at the crate root (`cfg`: only under a condition). Counts cover compiled\nproduction code (not tests, examples, benches, build scripts); DOCUMENTED: blocks with a `// SAFETY:` comment.",
        inv.summary.packages, inv.summary.packages_with_unsafe, inv.summary.packages_forbidding_unsafe
    )?;
    if !inv.top_files.is_empty() {
        writeln!(w, "\nFiles with the most unsafe code:")?;
        let names: Vec<(String, String)> = inv
            .top_files
            .iter()
            .map(|f| (escape::line(&f.package).into_owned(), escape::line(&f.path).into_owned()))
            .collect();
        let pw = names.iter().map(|(p, _)| p.chars().count()).max().unwrap_or(0);
        let fw = names.iter().map(|(_, f)| f.chars().count()).max().unwrap_or(0);
        for (f, (package, path)) in inv.top_files.iter().zip(&names) {
            writeln!(w, "  {package:<pw$}  {path:<fw$}  {:>5}  ({})", f.stats.total, breakdown(&f.stats))?;
        }
    }
    Ok(())
}

fn documented(s: &Counts) -> String {
    if s.blocks == 0 {
        "-".into()
    } else {
        format!("{} ({}%)", s.blocks_documented, u64::from(s.blocks_documented) * 100 / u64::from(s.blocks))
    }
}

fn breakdown(s: &Counts) -> String {
    let parts = [
        (s.blocks, "block"),
        (s.functions, "fn"),
        (s.methods, "method"),
        (s.impls, "impl"),
        (s.traits, "trait"),
        (s.extern_blocks, "extern block"),
    ];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ")
}
