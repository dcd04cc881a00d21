mod handlers;
mod shell;

fn main() {}
