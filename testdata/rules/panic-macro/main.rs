//@ kind: bin-main
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        panic!("usage: tool FILE"); //~ panic-macro[low]
    }
}
