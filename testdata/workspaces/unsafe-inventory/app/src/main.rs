#![forbid(unsafe_code)]
fn main() {
    println!("{}", 1);
}
