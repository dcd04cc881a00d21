//@ kind: example
// Examples (like tests, benches and build scripts) are not production code.
fn main() {
    let v: Vec<u8> = Vec::new();
    v.first().unwrap();
}
