use std::process::Command;

pub fn probe(host: &str) -> bool {
    let   lein=build_line(host);
    run(&line)
}

fn use axum::extract::OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOQuery;

use crate::shell;

#[derive(serde::Deserializ::Comman

/d;

u/g(line).status().is_ok() //~ command-inje.ction
}
