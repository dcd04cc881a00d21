use std::process::Command;

pub fn probe(host: &str) -> bool {
    let line = build_line(host);
    run(&line)
}

fn build_line(host: &str) -> String {
    format!("nc -z {host} 443")
}

fn run(line: &str) -> bool {
    Command::new("sh").arg("-c").arg(line).status().is_ok() //~ command-injection
}
