// Request data queued in a container field of `self` by one method — a
// `Vec`'s `push`, a map's `insert` or `entry(..).or_insert(..)`, a
// `VecDeque`'s `push_back`, `extend` — and run by a shell in another method
// of the same type.
use std::collections::{HashMap, VecDeque};
use std::process::Command;

use axum::extract::Path;

#[derive(Default)]
pub struct Runner {
    queue: Vec<String>,
    jobs: HashMap<u32, String>,
    named: HashMap<String, String>,
    pending: VecDeque<String>,
    batch: Vec<String>,
}

impl Runner {
    pub fn submit(&mut self, cmd: String) {
        self.queue.push(cmd);
    }

    pub fn schedule(&mut self, id: u32, cmd: String) {
        self.jobs.insert(id, cmd);
    }

    pub fn name(&mut self, name: &str, cmd: &str) {
        self.named.entry(name.to_string()).or_insert(cmd.to_string());
    }

    pub fn defer(&mut self, cmd: String) {
        self.pending.push_back(cmd);
    }

    pub fn add_all(&mut self, cmds: Vec<String>) {
        self.batch.extend(cmds);
    }

    pub fn run_queue(&self) {
        for c in &self.queue {
            let _ = Command::new("sh").arg("-c").arg(c).status(); //~ command-injection
        }
    }

    pub fn run_jobs(&self) {
        for c in self.jobs.values() {
            let _ = Command::new("sh").arg("-c").arg(c).status(); //~ command-injection
        }
    }

    pub fn run_named(&self, name: &str) {
        if let Some(c) = self.named.get(name) {
            let _ = Command::new("sh").arg("-c").arg(c).status(); //~ command-injection
        }
    }

    pub fn run_next(&mut self) {
        if let Some(c) = self.pending.pop_front() {
            let _ = Command::new("sh").arg("-c").arg(&c).status(); //~ command-injection
        }
    }

    pub fn run_batch(&self) {
        let line = self.batch.join(" && ");
        let _ = Command::new("sh").arg("-c").arg(&line).status(); //~ command-injection
    }
}

pub async fn enqueue(Path(cmd): Path<String>) {
    let mut r = Runner::default();
    r.submit(cmd.clone());
    r.schedule(1, cmd.clone());
    r.name("last", &cmd);
    r.defer(cmd.clone());
    r.add_all(vec![cmd]);
}

// The same shapes where the request picks only which fixed command is
// queued, or what it writes goes to a field no method runs.
#[derive(Default)]
pub struct FixedRunner {
    queue: Vec<String>,
    jobs: HashMap<u32, String>,
    notes: Vec<String>,
}

impl FixedRunner {
    pub fn submit(&mut self, fast: bool) {
        self.queue.push(if fast { "uptime".to_string() } else { "df -h".to_string() });
    }

    pub fn schedule(&mut self, id: u32) {
        self.jobs.insert(id, "date".to_string());
    }

    pub fn note(&mut self, text: String) {
        self.notes.push(text);
    }

    pub fn run_all(&self) {
        for c in self.queue.iter().chain(self.jobs.values()) {
            let _ = Command::new("sh").arg("-c").arg(c).status();
        }
    }
}

pub async fn enqueue_fixed(Path(flag): Path<String>) {
    let mut r = FixedRunner::default();
    r.submit(flag == "fast");
    r.schedule(7);
    r.note(flag);
    r.run_all();
}
