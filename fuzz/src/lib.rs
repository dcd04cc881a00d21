//! Shared harness: run one input through everything a scan does to a file.
#![forbid(unsafe_code)]

use cargo_sast::Config;
use cargo_sast::FileKind;
use cargo_sast::{github, gitlab, human, json, sarif};

/// Every rule on, test code reported, every output format rendered.
pub fn check(text: &str) {
    let config = Config {
        select: Some(vec!["all".into()]),
        test_code: Some(cargo_sast::TestPolicy::Report),
        ..Default::default()
    };
    let text = text.to_string();
    // Like the scanner's workers: a large stack, panics are failures.
    let worker = std::thread::Builder::new().stack_size(cargo_sast::WORKER_STACK).spawn(move || {
        let outcome = cargo_sast::scan_source("fuzz.rs", &text, FileKind::Lib, false, &config);
        let mut sink = Vec::new();
        let _ = human::write(&outcome, human::HumanOptions::default(), &mut sink);
        let _ = json::write(&outcome, &mut sink);
        let _ = sarif::write(&outcome, &mut sink);
        let _ = github::write(&outcome, &mut sink);
        let _ = gitlab::write(&outcome, &mut sink);
    });
    if let Ok(handle) = worker
        && let Err(panic) = handle.join()
    {
        std::panic::resume_unwind(panic);
    }
}

/// Sample programs the structured target mutates.
pub const SEEDS: &[&str] = &[
    include_str!("../../testdata/workspaces/demo/api/src/handlers.rs"),
    include_str!("../../testdata/workspaces/demo/api/src/auth.rs"),
    include_str!("../../testdata/workspaces/demo/cli/src/main.rs"),
    include_str!("../../testdata/workspaces/demo/vault/src/buffer.rs"),
    include_str!("../../testdata/workspaces/demo/vault/src/crypto.rs"),
    include_str!("../../testdata/workspaces/vulnerable-service/src/repo/notes.rs"),
    include_str!("../../testdata/workspaces/vulnerable-service/src/routes/files.rs"),
    include_str!("../../testdata/workspaces/vulnerable-service/src/routes/share.rs"),
    include_str!("../../testdata/rules/command-injection/bad.rs"),
    include_str!("../../testdata/rules/sql-injection/good.rs"),
    include_str!("../../testdata/rules/unwrap-used/good.rs"),
    include_str!("../../testdata/rules/undocumented-unsafe/good.rs"),
    include_str!("../../testdata/rules/invalid-suppression/bad.rs"),
    include_str!("../../testdata/rules/unused-suppression/good.rs"),
];

/// Tokens the mutator splices in (one table, kept compact).
#[rustfmt::skip]
pub const VOCAB: &[&str] = &[
    "unsafe { ", "}", "{", "(", ")", "[", "]", "<", ">", "::", ".", ";", ",", "?", "&", "*", "!", "=", "==", "+", "|x| ",
    "fn f(x: &str) ", "async ", "let x = ", "match x { _ => 1 } ", "if x { 1 } else { 2 } ", ".unwrap()", ".expect(\"m\")",
    "format!(\"{x} {}\", y)", "println!(\"{}\", a)", "vec![0; n]", "Command::new(\"sh\").arg(\"-c\").arg(x)",
    "sqlx::query(&s)", "std::env::var(\"A\")", "#[cfg(test)] ", "#[test] ", "mod m { ", "impl T for U { ", "// sast:allow(unwrap-used): r\n",
    "// sast:allow(", "/* ", " */", "\"", "'", "r#\"", "\"#", "'a", "b\"x\"", "\u{feff}", "\r\n", "\n", "é", "😀", "\t", "macro_rules! m { () => {} }",
    "Query(q): Query<T>", "#[get(\"/\")] ", "self.", "Self::", "crate::", "super::", "as u8", ".await", "return ", "loop {} ",
];
