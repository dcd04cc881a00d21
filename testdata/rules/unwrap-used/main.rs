//@ kind: bin-main
// In a binary's `main`, a panic is a startup failure: low.
fn main() {
    let port: u16 = std::env::var("PORT").unwrap().parse().unwrap(); //~ unwrap-used[low] unwrap-used[low]
    helper(port);
}

fn helper(p: u16) -> u16 {
    std::env::args().nth(1).unwrap().parse::<u16>().unwrap_or(p) //~ unwrap-used[medium]
}
