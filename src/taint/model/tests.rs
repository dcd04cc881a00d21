//! The models' parsing and lookups.

use super::*;

#[test]
fn builtin_models_load() {
    let m = Models::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(m.fn_sources.contains_key("std::env::var"));
    assert!(m.fn_sinks.contains_key("sqlx::query"));
    assert!(m.extractors.contains_key("axum::extract::Query"));
    assert!(!m.extractors.contains_key("std::path::Path"));
    assert!(m.line_safe_types.contains("http::Uri") && m.line_safe_types.contains("http::HeaderValue"));
    assert!(m.line_safe_methods.contains("lines"));
    assert!(m.decoder_fns.contains("urlencoding::decode") && m.decoder_methods.contains("decode_utf8"));
    assert!(m.decoder_types.contains("headers::authorization::Basic"));
}

#[test]
fn user_models_are_checked() {
    let mut m = Models::default();
    let e = m
        .load_str(
            Path::new("sast.toml"),
            "[taint]\n[[taint.sink]]\nrule = \"sql-injection\"\nmethodz = [\"raw\"]\n",
            &["taint"],
        )
        .unwrap_err();
    assert_eq!(e.line_col().0, 4);
    assert!(e.message.contains("unknown key `methodz`"), "{}", e.message);
    m.load_str(
        Path::new("sast.toml"),
        "[[taint.sink]]\nrule = \"sql-injection\"\nmethods = [\"raw\"]\nreceiver-types = [\"mydb::Db\"]\n",
        &["taint"],
    )
    .unwrap();
    assert_eq!(m.method_sinks["raw"][0].0, vec!["mydb::Db".to_string()]);
    let e = m
        .load_str(
            Path::new("sast.toml"),
            "[[taint.source]]\nkind = \"network\"\ntypes = [\"my::Stream\"]\nrules = [\"sql-injektion\"]\n",
            &["taint"],
        )
        .unwrap_err();
    assert!(e.message.contains("unknown rule `sql-injektion`"), "{}", e.message);
}

#[test]
fn method_names_are_tied_to_the_crates_that_can_give_their_paths() {
    let m = Models::builtin().unwrap_or_else(|e| panic!("{e}"));
    // `bytes`: reqwest's response only (a crate whose models lead to
    // reqwest's types counts too).
    let bytes = m.method_path_crates("bytes").unwrap_or_else(|| panic!("`bytes` is asked everywhere"));
    assert!(bytes.iter().any(|c| c == "reqwest"), "{bytes:?}");
    assert!(!bytes.iter().any(|c| c == "std"), "{bytes:?}");
    // std's paths (`Path::join`, `File::open`), and names no model ends with.
    assert_eq!(m.method_path_crates("join"), None);
    assert_eq!(m.method_path_crates("open"), None);
    assert_eq!(m.method_path_crates("no_such_method"), None);
    // The models of `axum` spell `http`'s types (`axum::http`).
    let leading = crate::semantic::Models::get().crates_leading_to();
    assert!(leading["http"].contains("axum"), "{:?}", leading["http"]);
    assert!(leading["reqwest"].contains("reqwest"));
    assert!(!leading["reqwest"].contains("std"));
}

#[test]
fn stream_types_and_index_sinks_load() {
    let m = Models::builtin().unwrap_or_else(|e| panic!("{e}"));
    let tcp = &m.type_sources["std::net::TcpStream"];
    assert_eq!(tcp.kind, SourceKind::Network);
    assert!(tcp.rules.iter().any(|r| r == "uncontrolled-allocation"));
    assert!(m.index_sinks.iter().any(|s| s.rule == "input-reachable-panic" && s.any_shape));
    let reads = &m.method_sources["read_u32"];
    assert!(reads.iter().any(|(_, s)| s.shape == crate::taint::Shape::Number));
}
