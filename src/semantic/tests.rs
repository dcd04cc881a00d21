//! End-to-end tests of the semantic model: small crates of several files,
//! extracted and inferred per file (as workers do), then joined.

use super::index::CrateIndex;
use super::models::Models;
use super::ops::Target;
use super::path::Name;
use super::stats::CallStats;
use super::ty::Ty;
use super::walk::{CallFact, infer_file};
use super::{FileSem, SymPath};

/// A crate: (module path, source) per file.
pub(super) struct TestCrate {
    files: Vec<(Vec<Name>, FileSem, Vec<CallFact>)>,
}

pub(super) fn krate(files: &[(&str, &str)]) -> TestCrate {
    let models = Models::get();
    let files = files
        .iter()
        .map(|(module, src)| {
            let file: syn::File = syn::parse_str(src).unwrap_or_else(|e| panic!("{module}: {e}"));
            let sem = FileSem::build_with(&file, models);
            let calls = infer_file(&file, &sem.items, &sem.scope, models);
            let module: Vec<Name> = module.split("::").filter(|s| !s.is_empty()).map(Name::from).collect();
            (module, sem, calls)
        })
        .collect();
    TestCrate { files }
}

/// A resolved call, for assertions.
#[derive(Debug)]
pub(super) struct Resolved {
    pub name: String,
    pub target: String,
    pub recv: String,
}

impl TestCrate {
    pub(super) fn resolve(&self) -> Vec<Resolved> {
        let models = Models::get();
        let entries: Vec<(Vec<Name>, &super::FileItems)> =
            self.files.iter().map(|(m, s, _)| (m.clone(), &s.items)).collect();
        let index = CrateIndex::build(&entries, Default::default(), models);
        let mut out = Vec::new();
        for (i, (_, _, calls)) in self.files.iter().enumerate() {
            for c in calls {
                let (t, recv) = index.resolve_call(i as u32, c);
                let target = match &t {
                    Target::Fn(f) => index.fn_path(*f).map(|p| p.to_string()).unwrap_or_default(),
                    Target::Ctor(p) => format!("ctor {p}"),
                    Target::Extern(e) => e.to_string(),
                    Target::Local(n) => format!("local {n}"),
                    Target::Later => "later".into(),
                    Target::Unresolved => "?".into(),
                };
                out.push(Resolved {
                    name: c.name.to_string(),
                    target,
                    recv: recv.map(|r| r.to_string()).unwrap_or_default(),
                });
            }
        }
        out
    }

    pub(super) fn stats(&self) -> CallStats {
        let models = Models::get();
        let entries: Vec<(Vec<Name>, &super::FileItems)> =
            self.files.iter().map(|(m, s, _)| (m.clone(), &s.items)).collect();
        let index = CrateIndex::build(&entries, Default::default(), models);
        let mut st = CallStats::default();
        for (i, (_, _, calls)) in self.files.iter().enumerate() {
            for c in calls {
                let (t, recv) = index.resolve_call(i as u32, c);
                let known = recv.as_ref().is_some_and(|r| index.type_known(r));
                st.add(c, &t, recv.as_ref(), known);
            }
        }
        st
    }
}

/// The target of the (first) call named `name`.
pub(super) fn target_of(rs: &[Resolved], name: &str) -> String {
    rs.iter().find(|r| r.name == name).map(|r| r.target.clone()).unwrap_or_else(|| format!("<no call {name}>"))
}

fn targets_of(rs: &[Resolved], name: &str) -> Vec<String> {
    rs.iter().filter(|r| r.name == name).map(|r| r.target.clone()).collect()
}

fn recv_of(rs: &[Resolved], name: &str) -> String {
    rs.iter().find(|r| r.name == name).map(|r| r.recv.clone()).unwrap_or_else(|| format!("<no call {name}>"))
}

#[test]
fn sqlx_pool_connection_executes_through_the_executor_trait() {
    let c = krate(&[(
        "",
        r#"
        use sqlx::{MySqlPool, Executor};
        async fn run(url: &str, q: String) -> sqlx::Result<()> {
            let pool = MySqlPool::connect(url).await?;
            let mut conn = pool.acquire().await?;
            conn.execute(q.as_str()).await?;
            Ok(())
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "connect"), "sqlx::Pool::connect");
    assert_eq!(target_of(&rs, "acquire"), "sqlx::Pool::acquire");
    assert_eq!(recv_of(&rs, "execute"), "sqlx::pool::PoolConnection<sqlx::MySql>");
    assert_eq!(target_of(&rs, "execute"), "sqlx::Executor::execute");
    assert_eq!(target_of(&rs, "as_str"), "std::string::String::as_str");
}

#[test]
fn executor_resolves_through_the_trait_in_scope_when_the_receiver_is_unknown() {
    let c = krate(&[(
        "",
        r#"
        use sqlx::Executor;
        async fn run(conn: Wrapper, q: &str) { conn.get().execute(q).await; }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "execute"), "sqlx::Executor::execute");
    let c = krate(&[("", "async fn run(conn: Wrapper, q: &str) { conn.get().execute(q).await; }")]);
    assert_eq!(target_of(&c.resolve(), "execute"), "?", "no trait in scope, no guess");
}

#[test]
fn reqwest_response_text() {
    let c = krate(&[(
        "",
        r#"
        async fn fetch(u: &str) -> reqwest::Result<String> {
            let body = reqwest::get(u).await?.text().await?;
            Ok(body)
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "get"), "reqwest::get");
    assert_eq!(target_of(&rs, "text"), "reqwest::Response::text");
    assert_eq!(target_of(&rs, "Ok"), "ctor std::result::Result::Ok");
}

#[test]
fn std_path_is_not_axum_path() {
    let c = krate(&[(
        "",
        r#"
        use std::path::Path;
        async fn load(dir: &Path) { std::fs::read_to_string(dir.join("x")); }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(recv_of(&rs, "join"), "&std::path::Path");
    assert_eq!(target_of(&rs, "join"), "std::path::Path::join");
    assert_eq!(target_of(&rs, "read_to_string"), "std::fs::read_to_string");
    let c = krate(&[(
        "",
        r#"
        use axum::extract::Path;
        async fn show(Path(id): Path<String>) { id.len(); }
        "#,
    )]);
    assert_eq!(recv_of(&c.resolve(), "len"), "std::string::String");
}

#[test]
fn fields_and_fns_of_other_files() {
    let c = krate(&[
        ("", "mod db; mod api; pub use db::Store;"),
        (
            "db",
            r#"
            pub struct Store { pub client: reqwest::Client, pub(crate) name: String }
            impl Store {
                pub fn new() -> Self { Store { client: reqwest::Client::new(), name: String::new() } }
                pub fn fetch(&self, url: &str) -> reqwest::RequestBuilder { self.client.get(url) }
            }
            pub fn client() -> reqwest::Client { reqwest::Client::new() }
            "#,
        ),
        (
            "api",
            r#"
            use crate::Store;
            use super::db;
            fn go(s: &Store) {
                s.client.post("u");
                s.fetch("v").send();
                db::client().delete("w");
                let st = Store::new();
                st.name.len();
            }
            "#,
        ),
    ]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "post"), "reqwest::Client::post");
    assert_eq!(target_of(&rs, "fetch"), "crate::db::Store::fetch");
    assert_eq!(target_of(&rs, "send"), "reqwest::RequestBuilder::send");
    assert_eq!(target_of(&rs, "client"), "crate::db::client");
    assert_eq!(target_of(&rs, "delete"), "reqwest::Client::delete");
    assert!(targets_of(&rs, "new").contains(&"crate::db::Store::new".to_string()), "{rs:?}");
    assert_eq!(recv_of(&rs, "len"), "std::string::String");
    assert_eq!(targets_of(&rs, "get"), vec!["reqwest::Client::get"]);
}

#[test]
fn closures_iterators_and_patterns() {
    let c = krate(&[(
        "",
        r#"
        use std::collections::HashMap;
        struct User { name: String, tags: Vec<String> }
        enum Msg { Text(String), Quit }
        fn f(users: Vec<User>, m: Msg, map: HashMap<String, User>) {
            let names: Vec<String> = users.iter().map(|u| u.name.clone()).collect();
            for u in &users { u.tags.first(); }
            users.iter().filter(|u| u.name.is_empty()).count();
            if let Msg::Text(t) = m { t.trim(); }
            for (k, v) in &map { k.as_str(); v.tags.len(); }
            let total = names.iter().fold(0usize, |acc, n| acc + n.len());
            let by_len = |s: &str| s.to_uppercase();
            by_len("x");
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "clone"), "std::clone::Clone::clone");
    assert_eq!(recv_of(&rs, "clone"), "std::string::String");
    assert_eq!(target_of(&rs, "first"), "slice::first");
    assert_eq!(recv_of(&rs, "is_empty"), "std::string::String");
    assert_eq!(recv_of(&rs, "trim"), "std::string::String");
    assert_eq!(recv_of(&rs, "as_str"), "&std::string::String");
    assert_eq!(target_of(&rs, "to_uppercase"), "str::to_uppercase");
    assert_eq!(target_of(&rs, "by_len"), "local by_len");
    assert_eq!(targets_of(&rs, "len"), vec!["std::vec::Vec::len", "std::string::String::len"]);
    assert_eq!(recv_of(&rs, "count"), "impl std::iter::Iterator<Item = &crate::User>");
    assert_eq!(target_of(&rs, "fold"), "std::iter::Iterator::fold");
}

#[test]
fn generic_params_resolve_to_their_bounds() {
    let c = krate(&[(
        "",
        r#"
        use std::io::Read;
        fn slurp<R: Read>(mut r: R) -> String { let mut s = String::new(); r.read_to_string(&mut s); s }
        fn show(x: impl std::fmt::Display) -> String { x.to_string() }
        fn make<T: Default>() -> T { T::default() }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "read_to_string"), "std::io::Read::read_to_string");
    assert_eq!(target_of(&rs, "to_string"), "std::string::ToString::to_string");
    assert_eq!(target_of(&rs, "default"), "std::default::Default::default");
}

#[test]
fn glob_imports_and_prelude_fallback() {
    let c = krate(&[
        ("", "mod a; mod b;"),
        ("a", "pub struct Thing; impl Thing { pub fn go(&self) -> Option<u8> { Some(1) } }"),
        (
            "b",
            r#"
            use super::a::*;
            fn f(t: Thing) -> Result<u8, ()> { let x = t.go(); Ok(x.unwrap()) }
            mod tests { use super::*; fn g() { f(Thing).unwrap(); } }
            "#,
        ),
    ]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "go"), "crate::a::Thing::go");
    assert_eq!(target_of(&rs, "Ok"), "ctor std::result::Result::Ok");
    assert_eq!(target_of(&rs, "Some"), "ctor std::option::Option::Some");
    assert_eq!(targets_of(&rs, "unwrap"), vec!["std::option::Option::unwrap", "std::result::Result::unwrap"]);
    assert_eq!(target_of(&rs, "f"), "crate::b::f");
}

#[test]
fn stats_count_calls_and_receivers() {
    let c = krate(&[("", "fn f(s: String, x: Foo) { s.len(); x.bar(); g(); } fn g() {}")]);
    let st = c.stats();
    assert_eq!(st.calls, 3);
    assert_eq!(st.resolved, 2);
    assert_eq!(st.method_calls, 2);
    assert_eq!(st.recv_known, 1);
}

#[test]
fn unresolved_paths_stay_symbolic_until_the_join() {
    let c = krate(&[("", "fn f() { helper::run(); }")]);
    let (_, _, calls) = &c.files[0];
    assert!(matches!(&calls[0].target, Target::Unresolved | Target::Later), "{calls:?}");
    let _ = SymPath::Crate(Default::default());
    let _ = Ty::Unknown;
}

#[test]
fn self_constructors_and_consts() {
    let c = krate(&[
        ("", "mod h; mod b;"),
        ("h", "pub struct H(pub u8);"),
        (
            "b",
            r#"
            use super::*;
            use crate::h::H;
            pub struct W(u8);
            impl W { pub const ZERO: Self = Self(0); }
            impl From<u8> for H { fn from(v: u8) -> Self { if v > 0 { let r = Self(v); r } else { Self(0) } } }
            "#,
        ),
    ]);
    let rs = c.resolve();
    assert_eq!(targets_of(&rs, "Self"), vec!["ctor crate::b::W", "ctor crate::h::H", "ctor crate::h::H"], "{rs:?}");
}

#[test]
fn re_export_chains_across_files_and_glob_cycles() {
    let c = krate(&[
        ("", "mod a; mod b; mod c; pub use a::api::*;"),
        ("a", "pub mod api { pub use super::inner::run; } mod inner { pub fn run() -> String { String::new() } }"),
        // Two modules that glob-import each other: resolution must stop.
        ("b", "pub use crate::c::*; pub fn only_b() {}"),
        ("c", "pub use crate::b::*; fn f() { missing(); only_b(); crate::run().len(); super::a::api::run(); }"),
    ]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "missing"), "?");
    assert_eq!(target_of(&rs, "only_b"), "crate::b::only_b");
    assert_eq!(targets_of(&rs, "run"), vec!["crate::a::inner::run", "crate::a::inner::run"]);
    assert_eq!(target_of(&rs, "len"), "std::string::String::len");
}

#[test]
fn enum_variants_and_matches_across_files() {
    let c = krate(&[
        ("", "mod cmd; mod run;"),
        ("cmd", "pub enum Command { Run { path: std::path::PathBuf }, Fetch(reqwest::Url), Quit }"),
        (
            "run",
            r#"
            use crate::cmd::Command;
            fn exec(c: Command) {
                match c {
                    Command::Run { path } => { path.exists(); }
                    Command::Fetch(url) => { url.host_str(); }
                    Command::Quit => {}
                }
                let again = Command::Fetch(reqwest::Url::parse("x").unwrap());
            }
            "#,
        ),
    ]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "exists"), "std::path::Path::exists");
    assert_eq!(target_of(&rs, "host_str"), "url::Url::host_str");
    assert_eq!(target_of(&rs, "Fetch"), "ctor crate::cmd::Command::Fetch");
    assert_eq!(target_of(&rs, "parse"), "url::Url::parse");
}

#[test]
fn block_level_uses_are_scoped_to_their_block() {
    let c = krate(&[(
        "",
        r#"
        fn f(r: R, b: B) {
            { use std::io::Read; r.bytes(); }
            b.bytes();
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(targets_of(&rs, "bytes"), vec!["std::io::Read::bytes", "?"]);
}

#[test]
fn workspace_crates_are_other_crates() {
    let models = Models::get();
    let file: syn::File = syn::parse_str("use core_lib::db::run; fn f() { run(); }").unwrap_or_else(|e| panic!("{e}"));
    let sem = FileSem::build_with(&file, models);
    let calls = infer_file(&file, &sem.items, &sem.scope, models);
    let mut externs = rustc_hash::FxHashMap::default();
    externs.insert(Name::from("core_lib"), Name::from("core-lib"));
    let index = CrateIndex::build(&[(Vec::new(), &sem.items)], externs, models);
    let d = index.resolve_sym(0, &SymPath::Extern("core_lib::db::run".into()));
    assert_eq!(d, super::index::Look::Found(super::index::Def::OtherCrate("core-lib::db::run".into())));
    let (t, _) = index.resolve_call(0, &calls[0]);
    assert_eq!(t, Target::Unresolved, "not an external model either");
    // A renamed dependency the models know resolves to the real crate.
    let file: syn::File = syn::parse_str("fn f(u: &str) { http_client::get(u); }").unwrap_or_else(|e| panic!("{e}"));
    let sem = FileSem::build_with(&file, models);
    let calls = infer_file(&file, &sem.items, &sem.scope, models);
    let mut externs = rustc_hash::FxHashMap::default();
    externs.insert(Name::from("http_client"), Name::from("reqwest"));
    let index = CrateIndex::build(&[(Vec::new(), &sem.items)], externs, models);
    assert_eq!(index.resolve_call(0, &calls[0]).0, Target::Extern("reqwest::get".into()));
}

#[test]
fn generic_constructors_take_their_arguments_types() {
    let c = krate(&[(
        "",
        r#"
        use std::sync::{Arc, Mutex};
        use std::collections::HashMap;
        fn f(name: String) {
            let shared = Arc::new(Mutex::new(HashMap::<String, u32>::new()));
            shared.lock().unwrap().insert(name.clone(), 1);
            let old = std::mem::take(&mut name.clone());
            old.len();
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(
        recv_of(&rs, "lock"),
        "std::sync::Arc<std::sync::Mutex<std::collections::HashMap<std::string::String, u32, std::hash::RandomState>>>"
    );
    assert_eq!(target_of(&rs, "lock"), "std::sync::Mutex::lock");
    assert_eq!(target_of(&rs, "insert"), "std::collections::HashMap::insert");
    assert_eq!(recv_of(&rs, "len"), "std::string::String");
}

#[test]
fn aliases_impls_and_namespaces() {
    let c = krate(&[
        ("", "mod offset; mod dsl; mod functions;"),
        ("functions", "pub fn select() {}"),
        (
            "offset",
            r#"
            pub type Mapped<T> = Outcome<T>;
            pub enum Outcome<T> { Single(T), None }
            impl<T> Mapped<T> { pub fn unwrap(self) -> T { todo!() } }
            pub type Res = std::io::Result<String>;
            "#,
        ),
        (
            "dsl",
            r#"
            pub use crate::functions::select;
            #[allow(non_camel_case_types)]
            pub type select = crate::offset::Outcome<u8>;
            fn f(m: crate::offset::Mapped<String>, s: select, r: crate::offset::Res) {
                m.unwrap().len();
                crate::offset::Mapped::Single(1u8);
                select();
                s.unwrap();
                r.unwrap().len();
            }
            "#,
        ),
    ]);
    let rs = c.resolve();
    assert_eq!(
        targets_of(&rs, "unwrap"),
        vec!["crate::offset::Outcome::unwrap", "crate::offset::Outcome::unwrap", "std::result::Result::unwrap"]
    );
    assert_eq!(targets_of(&rs, "len"), vec!["std::string::String::len", "std::string::String::len"]);
    assert_eq!(target_of(&rs, "Single"), "ctor crate::offset::Outcome::Single");
    assert_eq!(target_of(&rs, "select"), "crate::functions::select");
}

#[test]
fn item_macros_declaring_items_are_seen() {
    let src = r#"
        pin_project! { pub struct Sized<S> { #[pin] stream: S, size: u64 } }
        impl<S> Sized<S> { pub fn new(size: u64, stream: S) -> Self { Sized { stream, size } } }
        fn f() { Sized::new(1, ()).size.count_ones(); }
        thread_local! { static X: u8 = 1; }
    "#;
    let file: syn::File = syn::parse_str(src).unwrap_or_else(|e| panic!("{e}"));
    let expanded = super::items::expand_item_macros(&file);
    assert!(expanded.as_ref().is_some_and(|f| f.items.iter().any(|i| matches!(i, syn::Item::Struct(_)))));
    let models = Models::get();
    let file = expanded.unwrap_or(file);
    let sem = FileSem::build_with(&file, models);
    let calls = infer_file(&file, &sem.items, &sem.scope, models);
    let index = CrateIndex::build(&[(Vec::new(), &sem.items)], Default::default(), models);
    let targets: Vec<Target> = calls.iter().map(|c| index.resolve_call(0, c).0).collect();
    assert!(targets.contains(&Target::Extern("u64::count_ones".into())), "{targets:?}");
    let none: syn::File = syn::parse_str("fn f() {}").unwrap_or_else(|e| panic!("{e}"));
    assert!(super::items::expand_item_macros(&none).is_none());
}

#[test]
fn associated_fns_from_derives_and_traits() {
    let c = krate(&[
        ("", "mod t; mod u;"),
        (
            "t",
            "#[derive(Default, Clone)] pub struct Opts { pub n: u8 } pub trait Named { fn name() -> String { String::new() } } impl Named for Opts {}",
        ),
        (
            "u",
            "use crate::t::{Opts, Named}; fn f() { let o = Opts::default(); o.n.count_ones(); Opts::name().len(); Opts::clone(&o); }",
        ),
    ]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "default"), "std::default::Default::default");
    assert_eq!(target_of(&rs, "count_ones"), "u8::count_ones");
    assert_eq!(target_of(&rs, "name"), "crate::t::Named::name");
    assert_eq!(target_of(&rs, "len"), "std::string::String::len");
    assert_eq!(target_of(&rs, "clone"), "std::clone::Clone::clone");
}

#[test]
fn an_evaluator_drives_inference_statement_by_statement() {
    let src = r#"
        fn f(s: String, items: Vec<(String, u32)>) {
            let n = s.len();
            let s = n;
            s.count_ones();
            for (name, count) in items { name.trim(); count.pow(2); }
        }
    "#;
    let file: syn::File = syn::parse_str(src).unwrap_or_else(|e| panic!("{e}"));
    let models = Models::get();
    let sem = FileSem::build_with(&file, models);
    let index = sem.index(models);
    let mut inf = super::Infer::new(&index, &sem.scope, 0);
    let syn::Item::Fn(f) = &file.items[0] else { panic!("not a fn") };
    inf.begin_fn(&f.sig, &f.block, super::Owner::Free);
    assert_eq!(inf.local("s").map(|t| t.to_string()), Some("std::string::String".into()));
    let stmts = &f.block.stmts;
    let syn::Stmt::Local(l0) = &stmts[0] else { panic!("let") };
    inf.bind_let(l0);
    assert_eq!(inf.local("n").map(|t| t.to_string()), Some("usize".into()));
    let syn::Stmt::Local(l1) = &stmts[1] else { panic!("let") };
    inf.bind_let(l1);
    assert_eq!(inf.local("s").map(|t| t.to_string()), Some("usize".into()), "shadowing follows evaluation order");
    let syn::Stmt::Expr(e2, _) = &stmts[2] else { panic!("expr") };
    let call = inf.call(e2).unwrap_or_else(|| panic!("a call"));
    assert_eq!(call.target, Target::Extern("usize::count_ones".into()));
    assert_eq!(call.recv.map(|t| t.to_string()), Some("usize".into()));
    // A `for` loop: the evaluator binds the pattern to the item type.
    let syn::Stmt::Expr(syn::Expr::ForLoop(fl), _) = &stmts[3] else { panic!("for") };
    let item = inf.item_of(&fl.expr);
    inf.push_frame();
    inf.bind_pat(&fl.pat, item);
    assert_eq!(inf.local("name").map(|t| t.to_string()), Some("std::string::String".into()));
    assert_eq!(inf.local("count").map(|t| t.to_string()), Some("u32".into()));
    inf.pop_frame();
    assert_eq!(inf.local("name"), None);
}

#[test]
fn blanket_extension_traits_of_the_crate() {
    let c = krate(&[
        ("", "mod ext; mod user;"),
        (
            "ext",
            "pub trait Shout { fn shout(&self) -> String; fn whisper(&self) -> String { String::new() } } impl<T: AsRef<str>> Shout for T { fn shout(&self) -> String { String::new() } }",
        ),
        ("user", "use crate::ext::Shout; fn f(s: String) { s.shout().len(); s.whisper(); }"),
    ]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "shout"), "crate::ext::Shout::shout");
    assert_eq!(target_of(&rs, "whisper"), "crate::ext::Shout::whisper");
    assert_eq!(target_of(&rs, "len"), "std::string::String::len");
}

#[test]
fn macros_with_a_value() {
    let c = krate(&[(
        "",
        r#"
        use std::fmt::Write as _;
        use std::task::{Poll, ready};
        fn f(p: Poll<String>, out: &mut String) -> Poll<()> {
            let s = ready!(p);
            s.len();
            write!(out, "{}", 1).unwrap();
            let v = vec![1u8, 2];
            v.len();
            format!("{s}").len();
            Poll::Ready(())
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(
        targets_of(&rs, "len"),
        vec!["std::string::String::len", "std::vec::Vec::len", "std::string::String::len"]
    );
    assert_eq!(target_of(&rs, "unwrap"), "std::result::Result::unwrap");
    assert_eq!(target_of(&rs, "Ready"), "ctor std::task::Poll::Ready");
}

#[test]
fn public_fields_of_std_types() {
    let c = krate(&[(
        "",
        r#"
        use std::process::Command;
        use std::num::Wrapping;
        fn f() {
            let out = Command::new("ls").output().unwrap();
            out.stdout.len();
            String::from_utf8_lossy(&out.stderr).len();
            let w = Wrapping(3u8);
            w.0.count_ones();
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(targets_of(&rs, "len"), vec!["std::vec::Vec::len", "str::len"]);
    assert_eq!(target_of(&rs, "Wrapping"), "ctor std::num::Wrapping");
    assert_eq!(target_of(&rs, "count_ones"), "u8::count_ones");
}

#[test]
fn web_app_shapes() {
    let c = krate(&[(
        "",
        r#"
        use axum::{Router, routing::{get, post}, response::Html, extract::Query};
        use clap::Parser;
        #[derive(Parser)]
        struct Cli { path: String }
        async fn page(Query(q): Query<std::collections::HashMap<String, String>>) -> Html<String> {
            Html(html_escape::encode_text(q.get("x").map(String::as_str).unwrap_or("")).to_string())
        }
        #[tokio::main]
        async fn main() {
            let cli = Cli::parse();
            cli.path.len();
            let app = Router::new().route("/", get(page)).route("/p", post(page));
            let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
            axum::serve(listener, app).await.unwrap();
        }
        "#,
    )]);
    let rs = c.resolve();
    assert_eq!(target_of(&rs, "parse"), "clap::Parser::parse");
    assert_eq!(target_of(&rs, "len"), "std::string::String::len");
    assert_eq!(target_of(&rs, "route"), "axum::Router::route");
    assert_eq!(target_of(&rs, "post"), "axum::routing::post");
    assert_eq!(target_of(&rs, "encode_text"), "html_escape::encode_text");
    assert_eq!(target_of(&rs, "Html"), "ctor axum::response::Html");
    assert_eq!(target_of(&rs, "serve"), "axum::serve");
    assert_eq!(targets_of(&rs, "unwrap"), vec!["std::result::Result::unwrap", "std::result::Result::unwrap"]);
    assert_eq!(target_of(&rs, "get"), "std::collections::HashMap::get");
}

/// The file's free functions.
fn free_fns(file: &syn::File) -> Vec<&syn::ItemFn> {
    file.items.iter().filter_map(|i| if let syn::Item::Fn(f) = i { Some(f) } else { None }).collect()
}

/// Each function's calls as one fresh whole-body inference records them.
fn whole_calls(index: &CrateIndex, sem: &FileSem, fns: &[&syn::ItemFn]) -> Vec<Vec<CallFact>> {
    use super::infer::{Infer, Owner};
    fns.iter()
        .map(|f| super::walk::infer_fn(&mut Infer::new(index, &sem.scope, 0), &f.sig, &f.block, Owner::Free))
        .collect()
}

/// The taint engine infers a file's bodies one at a time, handing the
/// scopes' trait lookups from one to the next: the calls come out as a
/// fresh inference of each body gives them, and the caches are used.
#[test]
fn scope_caches_handed_between_bodies_change_nothing() {
    use super::ScopeCaches;
    use super::infer::{Infer, Owner};
    use super::walk::infer_fn;
    let src = r#"
        use std::io::Read;
        use std::fmt::Write as _;
        trait Greet { fn hi(&self) -> String; }
        struct S;
        impl Greet for S { fn hi(&self) -> String { String::new() } }
        fn a(s: S, mut f: std::fs::File, t: other::Thing) { let mut b = String::new(); f.read_to_string(&mut b).ok(); s.hi().len(); t.hi(); t.read_to_string(&mut b); }
        fn b(s: S, t: other::Thing) { use std::io::Write; let mut v: Vec<u8> = Vec::new(); v.write_all(b"x").ok(); s.hi().len(); t.write_all(b"y"); t.hi(); }
        fn c(x: &str, s: S, t: other::Thing) { x.trim().to_string(); s.hi(); t.hi().len(); t.read_to_string(x); }
    "#;
    let file: syn::File = syn::parse_str(src).unwrap();
    let models = Models::get();
    let sem = FileSem::build_with(&file, models);
    let index = CrateIndex::partial(&sem.items, models);
    let fns = free_fns(&file);
    assert_eq!(fns.len(), 3);
    let fresh = whole_calls(&index, &sem, &fns);
    let mut caches = ScopeCaches::default();
    let mut handed = Vec::new();
    for f in &fns {
        let mut inf = Infer::new(&index, &sem.scope, 0).with_scope_caches(std::mem::take(&mut caches));
        handed.push(infer_fn(&mut inf, &f.sig, &f.block, Owner::Free));
        caches = inf.take_scope_caches();
    }
    assert_eq!(fresh, handed);
    assert!(fresh.iter().all(|calls| !calls.is_empty()));
    assert!(!caches.is_empty(), "no trait lookup was cached");
}

/// The taint engine infers a body a statement at a time, as far as its
/// questions reach, and may step two bodies in turn (the file's caches
/// going to whichever steps): each statement's calls are those a
/// whole-body inference records, in the same order.
#[test]
fn bodies_inferred_in_steps_give_the_whole_walks_calls() {
    use super::infer::{Infer, Owner};
    use super::walk::FnWalk;
    let src = r#"
        use std::io::Read;
        struct S;
        impl S { fn hi(&self) -> String { String::new() } }
        fn a(s: S, mut f: std::fs::File) { let mut b = String::new(); f.read_to_string(&mut b).ok(); let n = s.hi(); if let Some(c) = n.chars().next() { c.is_alphabetic(); } n.len() }
        fn b(v: Vec<String>) -> usize { use std::io::Write; let mut out: Vec<u8> = Vec::new(); out.write_all(b"x").ok(); let w = v.iter().map(|s| s.trim().len()).sum::<usize>(); format!("{}", w.count_ones()).len() }
    "#;
    let file: syn::File = syn::parse_str(src).unwrap();
    let models = Models::get();
    let sem = FileSem::build_with(&file, models);
    let index = CrateIndex::partial(&sem.items, models);
    let fns = free_fns(&file);
    let whole = whole_calls(&index, &sem, &fns);
    let mut walks: Vec<FnWalk<'_>> =
        fns.iter().map(|f| FnWalk::new(Infer::new(&index, &sem.scope, 0), &f.sig, &f.block, Owner::Free)).collect();
    let mut stepped = vec![Vec::new(); fns.len()];
    let mut caches = super::ScopeCaches::default();
    let mut steps = 0;
    for _ in 0..8 {
        for (w, out) in walks.iter_mut().zip(&mut stepped) {
            w.infer_mut().put_scope_caches(std::mem::take(&mut caches));
            steps += usize::from(w.step(out));
            caches = w.infer_mut().take_scope_caches();
        }
    }
    assert!(steps >= 8, "{steps} statements stepped");
    assert_eq!(whole, stepped);
    assert!(whole.iter().all(|calls| calls.len() >= 5));
}
