//! The measure of the semantic model (issue 13) over a directory of crates:
//! the share of call expressions resolved (to a fn, method or constructor
//! of the crate's item index, or to a fn or method of a type model), the
//! share of method-call receivers with a known type, the misses by cause
//! and name, and the time per million lines.
//!
//!     cargo run --release --example semantic_stats -- /work/bench-corpus/vendor
//!     cargo run --release --example semantic_stats -- DIR --per-crate --top 60
//!     cargo run --release --example semantic_stats -- DIR --crate tokio --unresolved
//!
//! Each subdirectory with a `Cargo.toml` is a package; its library and
//! binary targets are crates, and a crate's code is the files its root
//! reaches through `mod` declarations (`#[path]` honoured). Files are
//! processed as the scan does: parsed, their items extracted and their
//! bodies inferred one file at a time (the syntax tree dropped after), then
//! each crate is joined (item index, deferred types and calls resolved).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cargo_sast::semantic::stats::CallStats;
use cargo_sast::semantic::{CallFact, CrateIndex, FileSem, Models, Name, Target};
use rayon::prelude::*;

#[derive(Default)]
struct Out {
    stats: CallStats,
    files: u64,
    lines: u64,
    parse: Duration,
    extract: Duration,
    infer: Duration,
    join: Duration,
    unparsed: u64,
    unresolved: Vec<String>,
}

struct Opts {
    per_crate: bool,
    top: usize,
    only: Option<String>,
    unresolved: bool,
    resolved: bool,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut opts = Opts { per_crate: false, top: 40, only: None, unresolved: false, resolved: false };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--per-crate" => opts.per_crate = true,
            "--unresolved" => opts.unresolved = true,
            "--resolved" => opts.resolved = true,
            "--top" => opts.top = args.next().and_then(|n| n.parse().ok()).unwrap_or(40),
            "--crate" => opts.only = args.next(),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: semantic_stats DIR [--per-crate] [--top N] [--crate NAME] [--unresolved] [--resolved]");
        std::process::exit(2);
    };
    let mut pkgs: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("Cargo.toml").is_file()).collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    if dir.join("Cargo.toml").is_file() {
        pkgs.push(dir.clone());
    }
    pkgs.sort();
    if let Some(o) = &opts.only {
        pkgs.retain(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(o.as_str())));
    }
    let _ = Models::get();
    let wall = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().stack_size(cargo_sast::WORKER_STACK).build();
    let run = || pkgs.par_iter().map(|p| (p.clone(), package(p, &opts))).collect::<Vec<_>>();
    let results = match pool {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    };
    let wall = wall.elapsed();
    let mut total = Out::default();
    for (p, o) in &results {
        if opts.per_crate && o.stats.calls > 0 {
            let s = &o.stats;
            println!(
                "{:<40} {:>7} calls {:>5.1}% resolved  receivers {:>5.1}% known",
                p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                s.calls,
                CallStats::pct(s.resolved, s.calls),
                CallStats::pct(s.recv_known, s.method_calls)
            );
        }
        if opts.unresolved || opts.resolved {
            for u in &o.unresolved {
                println!("{u}");
            }
        }
        total.stats.merge(&o.stats);
        total.files += o.files;
        total.lines += o.lines;
        total.parse += o.parse;
        total.extract += o.extract;
        total.infer += o.infer;
        total.join += o.join;
        total.unparsed += o.unparsed;
    }
    report(&total, results.len(), wall, opts.top);
}

fn report(t: &Out, pkgs: usize, wall: Duration, top: usize) {
    let s = &t.stats;
    let pct = CallStats::pct;
    println!(
        "== semantic model over {pkgs} packages: {} files, {} lines ({} files not parsed)",
        t.files, t.lines, t.unparsed
    );
    println!(
        "call expressions:        {:>9}  resolved {:>5.1}%  ({} resolved)",
        s.calls,
        pct(s.resolved, s.calls),
        s.resolved
    );
    println!("  fn calls (by path):    {:>9}  resolved {:>5.1}%", s.fn_calls, pct(s.fn_resolved, s.fn_calls));
    println!(
        "  method calls:          {:>9}  resolved {:>5.1}%",
        s.method_calls,
        pct(s.method_resolved, s.method_calls)
    );
    println!(
        "  outside macro args:    {:>9}  resolved {:>5.1}%",
        s.calls - s.in_macro,
        pct(s.resolved - s.in_macro_resolved, s.calls - s.in_macro)
    );
    println!("  inside macro args:     {:>9}  resolved {:>5.1}%", s.in_macro, pct(s.in_macro_resolved, s.in_macro));
    println!("method receivers with a known type: {:>5.1}%", pct(s.recv_known, s.method_calls));
    println!(
        "resolved to: crate fns/methods {:.1}%, constructors {:.1}%, type models {:.1}% (of which trait in scope, receiver unknown: {:.1}%)",
        pct(s.to_crate, s.calls),
        pct(s.to_ctor, s.calls),
        pct(s.to_model, s.calls),
        pct(s.via_scope_trait, s.calls)
    );
    println!(
        "unresolved: receiver type unknown {:.1}%, receiver known but no model/method {:.1}%, paths {:.1}%, closures/fn pointers {:.1}%",
        pct(s.miss_unknown_recv, s.calls),
        pct(s.miss_known_recv, s.calls),
        pct(s.miss_path, s.calls),
        pct(s.miss_local, s.calls)
    );
    let mloc = t.lines as f64 / 1e6;
    let per = |d: Duration| if mloc > 0.0 { d.as_secs_f64() / mloc } else { 0.0 };
    let model = t.extract + t.infer + t.join;
    println!(
        "time (CPU, summed over threads): parse {:.2}s, extract {:.2}s, infer {:.2}s, index+join {:.2}s; wall {:.2}s",
        t.parse.as_secs_f64(),
        t.extract.as_secs_f64(),
        t.infer.as_secs_f64(),
        t.join.as_secs_f64(),
        wall.as_secs_f64()
    );
    println!(
        "per million lines: semantic model (extract+infer+index+join) {:.2}s, parse {:.2}s ({:.2}× parse)",
        per(model),
        per(t.parse),
        if t.parse.is_zero() { 0.0 } else { model.as_secs_f64() / t.parse.as_secs_f64() }
    );
    println!("most frequent unresolved calls:");
    for (k, n) in s.top_missing(top) {
        println!("  {n:>7}  {k}");
    }
}

/// The crate roots of a package: its library and binaries.
fn roots(pkg: &Path) -> Vec<PathBuf> {
    let manifest = std::fs::read_to_string(pkg.join("Cargo.toml")).unwrap_or_default();
    let doc: toml::Table = toml::from_str(&manifest).unwrap_or_default();
    let mut out = Vec::new();
    let lib = doc.get("lib").and_then(|l| l.get("path")).and_then(|p| p.as_str()).map(|p| pkg.join(p));
    out.push(lib.unwrap_or_else(|| pkg.join("src/lib.rs")));
    if let Some(bins) = doc.get("bin").and_then(|b| b.as_array()) {
        for b in bins {
            if let Some(p) = b.get("path").and_then(|p| p.as_str()) {
                out.push(pkg.join(p));
            }
        }
    }
    out.push(pkg.join("src/main.rs"));
    if let Ok(rd) = std::fs::read_dir(pkg.join("src/bin")) {
        let mut bins: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        bins.sort();
        for b in bins {
            if b.extension().is_some_and(|x| x == "rs") {
                out.push(b);
            } else if b.join("main.rs").is_file() {
                out.push(b.join("main.rs"));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| p.is_file() && seen.insert(p.clone()));
    out
}

fn package(pkg: &Path, opts: &Opts) -> Out {
    let mut out = Out::default();
    let models = Models::get();
    for root in roots(pkg) {
        // Worker phase, one file at a time: items and calls, owned.
        let mut files: Vec<(PathBuf, Vec<Name>, FileSem, Vec<CallFact>)> = Vec::new();
        let mut queue: Vec<(PathBuf, Vec<Name>, bool)> = vec![(root.clone(), Vec::new(), true)];
        let mut seen = std::collections::HashSet::new();
        while let Some((path, module, is_root)) = queue.pop() {
            if !seen.insert(path.clone()) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            out.lines += text.lines().count() as u64;
            out.files += 1;
            let t0 = Instant::now();
            let parsed = syn::parse_file(&text);
            out.parse += t0.elapsed();
            let Ok(file) = parsed else {
                out.unparsed += 1;
                proc_macro2::extra::invalidate_current_thread_spans();
                continue;
            };
            let t1 = Instant::now();
            let expanded = cargo_sast::semantic::items::expand_item_macros(&file);
            let file = expanded.unwrap_or(file);
            let sem = FileSem::build_with(&file, models);
            out.extract += t1.elapsed();
            let t2 = Instant::now();
            let calls = cargo_sast::semantic::walk::infer_file(&file, &sem.items, &sem.scope, models);
            out.infer += t2.elapsed();
            drop(file);
            proc_macro2::extra::invalidate_current_thread_spans();
            for m in &sem.items.modules {
                if m.path.iter().any(|s| s.starts_with('{')) {
                    continue;
                }
                for d in &m.mods {
                    let child = cargo_sast::ChildMod {
                        name: d.name.to_string(),
                        path_attr: d.path_attr.clone(),
                        cfg_paths: Vec::new(),
                        is_test: false,
                        inline_parents: m.path.iter().map(|s| s.to_string()).collect(),
                    };
                    for cand in cargo_sast::module_candidates(&path, is_root, &child) {
                        if cand.is_file() {
                            let mut mp = module.clone();
                            mp.extend(m.path.iter().cloned());
                            mp.push(d.name.clone());
                            queue.push((cand, mp, false));
                            break;
                        }
                    }
                }
            }
            files.push((path, module, sem, calls));
        }
        // Join: the crate's index; deferred calls resolved.
        let t3 = Instant::now();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let entries: Vec<(Vec<Name>, &cargo_sast::semantic::FileItems)> =
            files.iter().map(|(_, m, s, _)| (m.clone(), &s.items)).collect();
        let index = CrateIndex::build(&entries, Default::default(), models);
        let mut stats = CallStats::default();
        for (i, (path, _, _, calls)) in files.iter().enumerate() {
            for c in calls {
                let (target, recv) = index.resolve_call(i as u32, c);
                let known = recv.as_ref().is_some_and(|r| index.type_known(r));
                stats.add(c, &target, recv.as_ref(), known);
                let show = if target.is_resolved() { opts.resolved } else { opts.unresolved };
                if show && !matches!(target, Target::Local(_)) {
                    let to = match &target {
                        Target::Fn(f) => index.fn_path(*f).map(|p| p.to_string()).unwrap_or_default(),
                        Target::Ctor(p) => format!("ctor {p}"),
                        Target::Extern(e) => e.to_string(),
                        _ => "?".into(),
                    };
                    out.unresolved.push(format!(
                        "{}:{}: {}{} (receiver: {}) -> {to}{}",
                        path.display(),
                        c.pos.0,
                        if c.is_method { "." } else { "" },
                        c.name,
                        recv.map(|r| r.to_string()).unwrap_or_else(|| "-".into()),
                        if c.via_scope_trait { " [trait in scope]" } else { "" }
                    ));
                }
            }
        }
        out.join += t3.elapsed();
        out.stats.merge(&stats);
    }
    out
}
