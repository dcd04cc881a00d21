//@ kind: bin-main
//@ config: [rule.unwrap-used]
//@ config: allow-in-main = true
//@ config: allow-expect = true
fn main() {
    let _ = std::env::var("PORT").unwrap();
    let _ = std::env::var("HOST").expect("HOST is set");
}

fn helper() -> String {
    std::env::var("X").expect("X is set")
}
