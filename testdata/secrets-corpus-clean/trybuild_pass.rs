// actix-web-codegen, displaydoc, pin-project, tracing-attributes tests;
// proptest-1.12.0/src/lib.rs docs: trybuild's `pass` takes a path glob.
//@ kind: test
#[test]
fn compile_tests() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/*.rs");
    t.pass("tests/trybuild/simple.rs");
    t.compile_fail("tests/ui/*.rs");
}
