//! The language server's keystroke latency: drives `cargo-sast lsp` over
//! stdio like an editor — open a file, then N `didChange` notifications
//! (full text, a trailing comment that differs each time, no debounce),
//! timing each from the send to the `publishDiagnostics` of that version.
//! Then a burst of 20 changes sent at once, timed to the last version's
//! diagnostics (queued changes are coalesced into one analysis).
//!
//!   cargo run --release --example lspbench -- BIN WORKSPACE FILE [N]
//!
//! `benches/lsp.sh` runs it on a file of the demo and on a 2,000-line file
//! of the bench corpus.

use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn uri(p: &Path) -> String {
    cargo_sast::file_uri(p)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bin, ws, file, rest @ ..] = args.as_slice() else {
        return Err("usage: lspbench BIN WORKSPACE FILE [N]".into());
    };
    let n: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(200);
    let ws = PathBuf::from(ws).canonicalize()?;
    let file = ws.join(file);
    let text = std::fs::read_to_string(&file)?;
    let u = uri(&file);
    let mut child =
        Command::new(bin).arg("lsp").current_dir(&ws).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
    let mut stdin = BufWriter::new(child.stdin.take().ok_or("stdin")?);
    let stdout = child.stdout.take().ok_or("stdout")?;
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        while let Ok(Some(m)) = Message::read(&mut r) {
            if tx.send((Instant::now(), m)).is_err() {
                break;
            }
        }
    });
    let mut send = |m: Message| -> std::io::Result<()> {
        m.write(&mut stdin)?;
        stdin.flush()
    };
    let wait = |want: &dyn Fn(&Message) -> bool| -> Result<(Instant, Message), Box<dyn std::error::Error>> {
        loop {
            let (t, m) = rx.recv_timeout(Duration::from_secs(600))?;
            if want(&m) {
                return Ok((t, m));
            }
        }
    };
    let t0 = Instant::now();
    send(
        Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({ "processId": null, "rootUri": uri(&ws), "capabilities": {} }),
        )
        .into(),
    )?;
    wait(&|m| matches!(m, Message::Response(r) if r.id == RequestId::from(1)))?;
    send(Notification::new("initialized".into(), json!({})).into())?;
    let published = |version: i64| {
        let u = u.clone();
        move |m: &Message| matches!(m, Message::Notification(x) if x.method == "textDocument/publishDiagnostics" && x.params["uri"] == u.as_str() && x.params["version"] == version)
    };
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({ "textDocument": { "uri": u, "languageId": "rust", "version": 0, "text": text } }),
        )
        .into(),
    )?;
    let (_, first) = wait(&published(0))?;
    let found = match &first {
        Message::Notification(x) => x.params["diagnostics"].as_array().map_or(0, Vec::len),
        _ => 0,
    };
    println!(
        "{}: {} lines, {} diagnostics; ready (initial scan) after {:.0} ms",
        file.strip_prefix(&ws).unwrap_or(&file).display(),
        text.lines().count(),
        found,
        t0.elapsed().as_secs_f64() * 1e3
    );
    let change = |v: i64| {
        Notification::new(
            "textDocument/didChange".into(),
            json!({ "textDocument": { "uri": u, "version": v }, "contentChanges": [{ "text": format!("{text}\n// edit {v}\n") }] }),
        )
    };
    let mut times = Vec::with_capacity(n);
    for v in 1..=n as i64 {
        let t = Instant::now();
        send(change(v).into())?;
        let (at, _) = wait(&published(v))?;
        times.push(at - t);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let q = |f: f64| ms(times[((times.len() - 1) as f64 * f).round() as usize]);
    println!(
        "didChange → publishDiagnostics, n={n}: min {:.1}  median {:.1}  p95 {:.1}  max {:.1} ms",
        q(0.0),
        q(0.5),
        q(0.95),
        q(1.0)
    );
    let base = n as i64;
    let t = Instant::now();
    for v in base + 1..=base + 20 {
        send(change(v).into())?;
    }
    // Count the refreshes the burst cost: one publish of the file each.
    let mut refreshes = 0;
    let last = published(base + 20);
    let at = loop {
        let (at, m) = rx.recv_timeout(Duration::from_secs(600))?;
        if matches!(&m, Message::Notification(x) if x.method == "textDocument/publishDiagnostics" && x.params["uri"] == u.as_str())
        {
            refreshes += 1;
        }
        if last(&m) {
            break at;
        }
    };
    println!("burst of 20 didChange → diagnostics of the last: {:.1} ms ({refreshes} refreshes)", ms(at - t));
    send(Request::new(RequestId::from(2), "shutdown".into(), Value::Null).into())?;
    let _ = wait(&|m| matches!(m, Message::Response(r) if r.id == RequestId::from(2)));
    send(Notification::new("exit".into(), Value::Null).into())?;
    child.wait()?;
    Ok(())
}
