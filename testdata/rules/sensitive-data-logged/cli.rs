//@ kind: bin
// A command-line tool's console is its user's terminal: showing the key the
// user just created, or the password they asked for, is the feature.
fn main() {
    let api_key = std::env::args().nth(1).unwrap_or_default();
    println!("your new API key: {api_key}");
    let password = std::env::args().nth(2).unwrap_or_default();
    eprintln!("{password}");
    print!("{}", password);
    // A log is still a log, in a CLI too.
    log::info!("created key {api_key}"); //~ sensitive-data-logged[high]
    // Debug output left behind is reported anywhere.
    dbg!(&password); //~ sensitive-data-logged[medium]
}
