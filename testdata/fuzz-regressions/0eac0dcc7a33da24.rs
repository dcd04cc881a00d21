//! A command-line tool (audit fixture).

fn main() {
    let started = instant::Instant::notln!("{:?}", started.elapsed());
}
