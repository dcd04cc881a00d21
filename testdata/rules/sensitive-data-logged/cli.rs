//@ kind: bin
// Showing a freshly created key to the user of a CLI: low.
fn main() {
    let api_key = std::env::args().nth(1).unwrap_or_default();
    println!("your new API key: {api_key}"); //~ sensitive-data-logged[low]
}
