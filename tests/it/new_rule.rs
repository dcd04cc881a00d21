//! `cargo xtask new-rule`: the rule file, its registration line and its
//! fixtures, on a copy of the repository's catalog.

use std::path::Path;

#[path = "../../xtask/new_rule.rs"]
#[allow(dead_code)]
mod scaffold;

use crate::common::root;

/// A temporary repository with the real `lints/mod.rs` and one family.
fn catalog_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("lints/crypto")).unwrap();
    std::fs::create_dir_all(dir.path().join("testdata/rules")).unwrap();
    std::fs::copy(root().join("lints/mod.rs"), dir.path().join("lints/mod.rs")).unwrap();
    dir
}

fn family_block<'a>(mod_rs: &'a str, family: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = mod_rs.lines().collect();
    let open = lines.iter().position(|l| l.trim() == format!("{family} {{")).unwrap();
    let close = (open..lines.len()).find(|&i| lines[i].trim() == "}").unwrap();
    lines[open + 1..close].iter().map(|l| l.trim()).collect()
}

#[test]
fn scaffolds_the_file_the_registration_and_the_fixtures() {
    let dir = catalog_copy();
    let d = dir.path();
    let created = scaffold::scaffold(d, "crypto", "weak-mac-length").unwrap();
    assert_eq!(created.rule_file, "lints/crypto/weak_mac_length.rs");

    // The registration line, in order within its family.
    let mod_rs = std::fs::read_to_string(d.join("lints/mod.rs")).unwrap();
    let block = family_block(&mod_rs, "crypto");
    assert!(block.contains(&"weak_mac_length::WeakMacLength,"), "{block:?}");
    let mut sorted = block.clone();
    sorted.sort_unstable();
    assert_eq!(block, sorted);
    assert_eq!(
        mod_rs.lines().count(),
        std::fs::read_to_string(root().join("lints/mod.rs")).unwrap().lines().count() + 1
    );
    syn::parse_file(&mod_rs).unwrap();

    // The rule file parses and declares the rule with every doc section.
    let rule = std::fs::read_to_string(d.join(&created.rule_file)).unwrap();
    syn::parse_file(&rule).unwrap();
    assert!(rule.contains("id: \"weak-mac-length\"") && rule.contains("impl Rule for WeakMacLength"));
    for section in ["What it does", "Why is this bad?", "Example", "Use instead", "References"] {
        assert!(rule.contains(&format!("/// ### {section}")), "{section}");
    }

    // Fixtures: a bad one with a mark, a good one without.
    let bad = std::fs::read_to_string(d.join("testdata/rules/weak-mac-length/bad.rs")).unwrap();
    let good = std::fs::read_to_string(d.join("testdata/rules/weak-mac-length/good.rs")).unwrap();
    assert!(bad.contains("//~ weak-mac-length"));
    assert!(!good.contains("//~"));
}

#[test]
fn refuses_what_would_break_the_catalog() {
    let dir = catalog_copy();
    let d = dir.path();
    let before = std::fs::read_to_string(d.join("lints/mod.rs")).unwrap();
    // An id that is taken (rule ids are stable forever), an unknown family, a bad id.
    let taken = scaffold::scaffold(d, "crypto", "weak-hash").unwrap_err();
    assert!(taken.contains("already registered"), "{taken}");
    let family = scaffold::scaffold(d, "nope", "brand-new").unwrap_err();
    assert!(family.contains("no family `nope`") && family.contains("crypto"), "{family}");
    assert!(scaffold::scaffold(d, "crypto", "Bad_Id").unwrap_err().contains("kebab-case"));
    assert_eq!(std::fs::read_to_string(d.join("lints/mod.rs")).unwrap(), before, "nothing written on refusal");
    assert!(!Path::new(&d.join("testdata/rules/brand-new")).exists());
}

#[test]
fn names_follow_the_id() {
    assert_eq!(scaffold::module_name("sql-injection"), "sql_injection");
    assert_eq!(scaffold::type_name("sql-injection"), "SqlInjection");
}
