//@ kind: bin-main
//@ config: [rule.panic-macro]
//@ config: allow-in-main = true
fn main() {
    panic!("usage: tool FILE");
}
