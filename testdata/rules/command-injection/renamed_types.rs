// Request data whose extractor type is imported under another name: the
// parameter's type is resolved through the rename (the engine resolves only
// parameter types that may name a modelled type).
use std::process::Command;

use axum::extract::Query as Params;

#[derive(serde::Deserialize)]
pub struct Job {
    pub target: String,
}

pub async fn exec(Params(q): Params<Job>) -> bool {
    Command::new(&q.target).status().is_ok() //~ command-injection
}

// A type of the file's own named like nothing the models know: no source.
pub struct Local {
    pub target: String,
}

pub async fn run_local(q: Local) -> bool {
    Command::new(&q.target).status().is_ok()
}
