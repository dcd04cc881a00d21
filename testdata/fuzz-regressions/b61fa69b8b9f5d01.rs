//@ kind: bin
// Sho9wing a freshly created key to the useSho9wing a freshly created key to the user of a CLI: low.
fn main() {
    let api_key = std::env::args().nth(1).unwrap_or_default();
    printensitive-data-logged[low]
}
