// Request data written through a view of shared state — a lock guard, a
// `RefCell` borrow, a map entry — or sent down a channel, then read back
// and run by a shell.
use std::cell::RefCell;
use std::collections::HashMap;
use std::process::Command;
use std::rc::Rc;
use std::sync::{Arc, Mutex, mpsc};

use axum::extract::{Path, State};

pub async fn queue_locked(State(jobs): State<Arc<Mutex<Vec<String>>>>, Path(cmd): Path<String>) -> bool {
    jobs.lock().unwrap().push(cmd);
    let next = jobs.lock().unwrap()[0].clone();
    Command::new("sh").arg("-c").arg(&next).status().is_ok() //~ command-injection
}

pub async fn queue_borrowed(Path(cmd): Path<String>) -> bool {
    let line = Rc::new(RefCell::new(String::from("echo ")));
    line.borrow_mut().push_str(&cmd);
    let run = line.borrow().clone();
    Command::new("sh").arg("-c").arg(&run).status().is_ok() //~ command-injection
}

pub async fn queue_by_entry(Path(cmd): Path<String>) -> bool {
    let mut by_user: HashMap<&str, Vec<String>> = HashMap::new();
    by_user.entry("me").or_default().push(cmd);
    let all = by_user.get("me").map(|v| v.join(";")).unwrap_or_default();
    Command::new("sh").arg("-c").arg(&all).status().is_ok() //~ command-injection
}

pub async fn queue_sent(Path(cmd): Path<String>) -> bool {
    let (tx, rx) = mpsc::channel::<String>();
    let worker = tx.clone();
    std::thread::spawn(move || {
        let _ = worker.send(cmd);
    });
    drop(tx);
    let line = rx.recv().unwrap_or_default();
    Command::new("sh").arg("-c").arg(&line).status().is_ok() //~ command-injection
}

// The locked list holds fixed commands only: the request picks one by index.
pub async fn queue_fixed(State(jobs): State<Arc<Mutex<Vec<String>>>>, Path(i): Path<usize>) -> bool {
    jobs.lock().unwrap().push("uptime".to_string());
    let next = jobs.lock().unwrap().get(i % 2).cloned().unwrap_or_default();
    Command::new("sh").arg("-c").arg(&next).status().is_ok()
}

// What goes down the channel is a number.
pub async fn queue_sent_number(Path(n): Path<u32>) -> bool {
    let (tx, rx) = mpsc::channel::<String>();
    let _ = tx.send(format!("sleep {n}"));
    let line = rx.recv().unwrap_or_default();
    Command::new("sh").arg("-c").arg(&line).status().is_ok()
}

// A worker thread started first, fed afterwards: what is sent later still
// reaches the loop over the receiving end.
pub async fn worker_fed_later(Path(cmd): Path<String>) -> bool {
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in rx {
            let _ = Command::new("sh").arg("-c").arg(&line).status(); //~ command-injection
        }
    });
    tx.send(cmd).is_ok()
}

// The worker runs fixed commands only.
pub async fn worker_fed_fixed(Path(n): Path<u8>) -> bool {
    let (tx, rx) = mpsc::channel::<u8>();
    std::thread::spawn(move || {
        for i in rx {
            let _ = Command::new("sh").arg("-c").arg(if i > 3 { "uptime" } else { "date" }).status();
        }
    });
    tx.send(n).is_ok()
}
