//! The join opens a file's bodies only for its questions, once, and
//! goes on without them when they do not open.
#![cfg(test)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Bodies, Join, Unit};
use crate::engine::cache::codec::{unpack_bodies, unpack_heads};
use crate::engine::facts::{FileInput, Limits, Summaries};
use crate::engine::ruleset::RuleSet;
use crate::workspace::FileKind;

const MAIN: &str = "mod run;\nmod math;\n\nfn main() {\n    let a = std::env::args().nth(1).unwrap_or_default();\n    \
                    run::launch(&a);\n    println!(\"{}\", math::twice(2));\n}\n";
const RUN: &str =
    "pub fn launch(a: &str) {\n    let _ = std::process::Command::new(\"sh\").arg(\"-c\").arg(a).status();\n}\n";
const MATH: &str = "pub fn twice(n: u32) -> u32 {\n    let m = n.wrapping_mul(2);\n    m\n}\n";

/// The files' units, each with an opener that counts its calls (and
/// fails for the file named `broken`).
fn files(broken: Option<&str>) -> (Vec<Unit>, Vec<Arc<AtomicUsize>>) {
    let set = RuleSet::new(crate::config::resolve::resolve_rules(&Default::default(), &Default::default()));
    let mut units = Vec::new();
    let mut opened = Vec::new();
    for (path, module, text) in
        [("src/main.rs", vec![], MAIN), ("src/run.rs", vec!["run"], RUN), ("src/math.rs", vec!["math"], MATH)]
    {
        let input = FileInput {
            path: path.into(),
            kind: FileKind::Bin,
            package: None,
            is_bin_root: path == "src/main.rs",
            edition: None,
            macros: Vec::new(),
        };
        let mut facts = crate::engine::inputs::rust::analyze_text(&input, text.to_string(), &set, &Limits::default());
        facts.pack();
        let Summaries::Packed(block) = std::mem::take(&mut facts.summaries) else { panic!("{path}: not packed") };
        let heads = unpack_heads(&facts.path, &block).expect("heads open");
        assert!(!heads.is_empty(), "{path} keeps a summary");
        let calls = Arc::new(AtomicUsize::new(0));
        let (count, fails, file) = (calls.clone(), broken == Some(path), facts.path.clone());
        let open = move || {
            count.fetch_add(1, Ordering::Relaxed);
            if fails { None } else { unpack_bodies(&file, &block) }
        };
        let module = module.into_iter().map(String::from).collect();
        units.push(Unit::new("app".into(), module, heads, Bodies::Later(Box::new(open)), Vec::new()));
        opened.push(calls);
    }
    (units, opened)
}

fn run(units: &[Unit]) -> Vec<crate::taint::TaintHit> {
    Join::new(units, Default::default()).run()
}

#[test]
fn only_the_files_a_question_reaches_are_opened_and_each_once() {
    let (units, opened) = files(None);
    let hits = run(&units);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].sink.rule, "command-injection");
    let calls: Vec<usize> = opened.iter().map(|c| c.load(Ordering::Relaxed)).collect();
    // `main` (the argument's origin) and `run` (the sink); not `math`.
    assert_eq!(calls, [1, 1, 0]);
    assert!(units.iter().all(|u| !u.failed()));
}

#[test]
fn a_file_whose_bodies_do_not_open_is_marked_and_the_rest_goes_on() {
    // The caller's bodies: the sink is still asked about, its origin lost.
    let (units, opened) = files(Some("src/main.rs"));
    assert!(run(&units).is_empty());
    let failed: Vec<bool> = units.iter().map(Unit::failed).collect();
    assert_eq!(failed, [true, false, false]);
    assert_eq!(opened[0].load(Ordering::Relaxed), 1, "tried once");
    // The sink's own file: nothing to ask about, nothing found.
    let (units, _) = files(Some("src/run.rs"));
    assert!(run(&units).is_empty());
    assert_eq!(units.iter().map(Unit::failed).collect::<Vec<_>>(), [false, true, false]);
}
