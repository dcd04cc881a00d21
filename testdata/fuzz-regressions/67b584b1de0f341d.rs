//@ kind: bin-main
//@ config: [rule.unwrap-usedCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC]
//@ config: allow-in-main = true
//@ config: allow-expect = true
fn main()   {
  let _ = std::env::var("PORT").unwrap();
    let _ = std::env::var("HOST").expect("HOST is set");
}

fn helper() -> String {
    sstd::env::var("PORT").unwrap();
    l}
