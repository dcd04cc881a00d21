//! Attribute helpers: test code (`#[cfg(test)]`, `#[test]` and friends),
//! lint levels (`#[allow(clippy::…)]`), `#[path]`.

use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

/// `#[cfg(P)]` where P implies `test` (`test`, `all(test, …)`).
pub(crate) fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            // Most `cfg`s name no `test` at all (`feature = "std"`): no parse.
            && matches!(&a.meta, Meta::List(l) if mentions_test(&l.tokens))
            && a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .is_ok_and(|list| list.len() == 1 && list.iter().all(implies_test))
    })
}

/// The identifier `test` anywhere in these tokens (what a predicate that
/// implies `test` must spell).
fn mentions_test(tokens: &proc_macro2::TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == "test",
        proc_macro2::TokenTree::Group(g) => mentions_test(&g.stream()),
        _ => false,
    })
}

fn implies_test(meta: &Meta) -> bool {
    match meta {
        Meta::Path(p) => p.is_ident("test"),
        Meta::List(l) if l.path.is_ident("all") => l
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .is_ok_and(|list| list.iter().any(implies_test)),
        _ => false,
    }
}

/// Items for a crate's tests and its users' tests, not its API: under a
/// `cfg` that names `test` or a feature named for tests (`any(test,
/// feature = "test-util")`, `feature = "testing"`), or `#[doc(hidden)]`.
pub(crate) fn is_test_support(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        if a.path().is_ident("doc") {
            // A doc comment (`#[doc = "…"]`) is no list: no parse, no error.
            return matches!(&a.meta, Meta::List(l) if l.parse_args::<syn::Ident>().is_ok_and(|i| i == "hidden"));
        }
        cfg_names_test(a)
    })
}

/// `#[cfg(..)]` whose predicate names `test` or a test feature.
fn cfg_names_test(a: &Attribute) -> bool {
    a.path().is_ident("cfg")
        && a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .is_ok_and(|list| list.iter().any(names_test))
}

/// A cfg predicate that mentions `test` or a test feature anywhere but
/// under `not(..)`.
fn names_test(meta: &Meta) -> bool {
    match meta {
        Meta::Path(p) => p.is_ident("test"),
        Meta::NameValue(nv) if nv.path.is_ident("feature") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => is_test_support_name(&s.value()),
            _ => false,
        },
        Meta::List(l) if !l.path.is_ident("not") => l
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .is_ok_and(|list| list.iter().any(names_test)),
        _ => false,
    }
}

/// A module for tests that other cfgs may also compile: named for test
/// support and declared under a `cfg` that names `test` or a test feature
/// (`#[cfg(any(test, feature = "__private"))] pub mod test_helpers;`).
/// `#[doc(hidden)]` alone does not make a module test code.
pub(crate) fn is_test_support_mod(attrs: &[Attribute], name: &str) -> bool {
    !attrs.is_empty() && is_test_support_name(name) && attrs.iter().any(cfg_names_test)
}

/// A module or feature named for test support: `test_helpers`,
/// `testing`, `test-util`, `fixtures`, `mocks`, `fuzz_bridge`, …
pub(crate) fn is_test_support_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('-', "_");
    matches!(n.as_str(), "test" | "tests" | "testing" | "testutil" | "testutils" | "fixtures" | "mock" | "mocks")
        || n.starts_with("test_")
        || n.ends_with("_test")
        || n.ends_with("_tests")
        || n.ends_with("_testing")
        || n.starts_with("mock_")
        || n.starts_with("fuzz")
}

/// Test-harness attributes on functions: `#[test]`, `#[tokio::test]`,
/// `#[rstest]`, `#[test_case(..)]`, `#[bench]`, …
pub(crate) fn is_test_fn(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let Some(last) = a.path().segments.last() else {
            return false;
        };
        let name = last.ident.to_string();
        matches!(
            name.as_str(),
            "test" | "bench" | "rstest" | "test_case" | "test_matrix" | "quickcheck" | "proptest" | "wasm_bindgen_test"
        ) || (name.ends_with("_test") && a.path().segments.len() > 1)
    })
}

/// Lint names (`clippy::unwrap_used`, `unsafe_code`, …) at `allow` or
/// `expect` level in these attributes.
pub(crate) fn allowed_lints(attrs: &[Attribute]) -> Vec<String> {
    lints_at(attrs, &["allow", "expect"])
}

/// Lint names at the given levels (`forbid`, `deny`, …).
pub(crate) fn lints_at(attrs: &[Attribute], levels: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs {
        if !levels.iter().any(|l| a.path().is_ident(l)) {
            continue;
        }
        if let Ok(list) = a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
            for m in list {
                if let Meta::Path(p) = m {
                    let name: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
                    out.push(name.join("::"));
                }
            }
        }
    }
    out
}

/// The value of `#[path = "..."]`, if any.
pub(crate) fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// Lints set at one of `levels` inside `#[cfg_attr(<predicate>, <level>(..))]`:
/// `(lint, predicate_is_not_test)`. `cfg_attr(not(test), forbid(x))`
/// applies to all production code.
pub(crate) fn cfg_attr_lints(attrs: &[Attribute], levels: &[&str]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for a in attrs {
        if !a.path().is_ident("cfg_attr") {
            continue;
        }
        let Ok(list) = a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else { continue };
        let mut items = list.iter();
        let Some(pred) = items.next() else { continue };
        let not_test = matches!(pred, Meta::List(l) if l.path.is_ident("not") && l.tokens.to_string().trim() == "test");
        for m in items {
            let Meta::List(l) = m else { continue };
            if !levels.iter().any(|lv| l.path.is_ident(lv)) {
                continue;
            }
            if let Ok(lints) = l.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated) {
                for p in lints {
                    let name: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
                    out.push((name.join("::"), not_test));
                }
            }
        }
    }
    out
}

/// The paths of `#[cfg_attr(<predicate>, path = "...")]` attributes.
pub(crate) fn cfg_attr_paths(attrs: &[Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs {
        if !a.path().is_ident("cfg_attr") {
            continue;
        }
        let Ok(list) = a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else { continue };
        for m in list.iter().skip(1) {
            if let Meta::NameValue(nv) = m
                && nv.path.is_ident("path")
                && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value
            {
                out.push(s.value());
            }
        }
    }
    out
}

/// Concatenated `#[doc]` text of these attributes (the doc comments too
/// when the parse kept them: see `FileCtx::docs`).
pub(crate) fn doc_text(attrs: &[Attribute]) -> String {
    let mut out = String::new();
    for a in attrs {
        if let Meta::NameValue(nv) = &a.meta
            && nv.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value
        {
            out.push_str(&s.value());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(src: &str) -> Vec<Attribute> {
        let item: syn::ItemFn = syn::parse_str(&format!("{src} fn f() {{}}")).unwrap();
        item.attrs
    }

    #[test]
    fn recognises_test_code() {
        assert!(is_cfg_test(&attrs("#[cfg(test)]")));
        assert!(is_cfg_test(&attrs("#[cfg(all(test, feature = \"x\"))]")));
        assert!(!is_cfg_test(&attrs("#[cfg(not(test))]")));
        assert!(!is_cfg_test(&attrs("#[cfg(any(test, feature = \"x\"))]")));
        assert!(is_cfg_test(&attrs("#[cfg(all(unix, all(test)))]")));
        assert!(!is_cfg_test(&attrs("#[cfg(feature = \"test\")]")));
        assert!(!is_cfg_test(&attrs("#[cfg(r#test)]")));
        assert!(!is_cfg_test(&attrs("#[cfg = \"test\"]")));
        assert!(is_test_fn(&attrs("#[test]")));
        assert!(is_test_fn(&attrs("#[tokio::test(flavor = \"multi_thread\")]")));
        assert!(is_test_fn(&attrs("#[sqlx::test]")));
        assert!(!is_test_fn(&attrs("#[inline]")));
        let any = attrs("#[cfg(any(test, feature = \"__private\"))]");
        assert!(is_test_support_mod(&any, "test_helpers"));
        assert!(!is_test_support_mod(&any, "routing"));
        assert!(!is_test_support_mod(&attrs("#[cfg(any(not(test), feature = \"x\"))]"), "test_helpers"));
        assert!(!is_test_support_mod(&attrs("#[cfg(feature = \"full\")]"), "test_helpers"));
        assert!(!is_test_support_mod(&attrs("#[doc(hidden)]"), "test_helpers"));
    }

    #[test]
    fn test_support_and_doc_lines() {
        assert!(is_test_support(&attrs("/// Docs.\n#[doc(hidden)]")));
        assert!(!is_test_support(&attrs("/// hidden\n#[doc = \"hidden\"]")));
        assert!(!is_test_support(&attrs("#[doc(alias = \"x\")]")));
        let a = attrs("/// Does it.\n///\n/// # Panics\n/** block\n # Errors */\n#[doc = \"\"]\n#[inline]");
        assert_eq!(doc_text(&a), " Does it.\n\n # Panics\n block\n # Errors \n\n");
        assert_eq!(doc_text(&attrs("#[doc = r\"\n  # Panics\t\"]")), "\n  # Panics\t\n");
    }

    #[test]
    fn reads_cfg_attr_lints() {
        let a = attrs(
            "#[cfg_attr(not(test), forbid(unsafe_code))] #[cfg_attr(feature = \"simd\", deny(unsafe_code, missing_docs))]",
        );
        assert_eq!(
            cfg_attr_lints(&a, &["forbid", "deny"]),
            vec![
                ("unsafe_code".to_string(), true),
                ("unsafe_code".to_string(), false),
                ("missing_docs".to_string(), false)
            ]
        );
    }

    #[test]
    fn reads_cfg_attr_paths() {
        let a = attrs("#[cfg_attr(unix, path = \"sys/unix.rs\")] #[cfg_attr(windows, path = \"sys/windows.rs\")]");
        assert_eq!(cfg_attr_paths(&a), vec!["sys/unix.rs", "sys/windows.rs"]);
    }

    #[test]
    fn reads_lint_levels() {
        let a = attrs("#[allow(clippy::unwrap_used, dead_code)] #[expect(clippy::expect_used)]");
        assert_eq!(allowed_lints(&a), vec!["clippy::unwrap_used", "dead_code", "clippy::expect_used"]);
    }
}
