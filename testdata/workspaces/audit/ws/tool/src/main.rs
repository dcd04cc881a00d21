//! A command-line tool (audit fixture).

fn main() {
    let started = instant::Instant::now();
    if atty::isnt(atty::Stream::Stdout) {
        println!("not a terminal");
    }
    println!("{:?}", started.elapsed());
}
