//! `cargo sast lsp` driven over stdio like an editor, on a copy of the
//! demo: initialize; the planted cross-file SQL flow is published on
//! db.rs with its range and the steps in handlers.rs as related
//! information; editing handlers.rs (only that file is re-analysed) so the
//! value is constant clears db.rs; a quick fix is requested, applied
//! client-side, and the re-published list lacks the finding; the
//! suppression action is a snippet with the cursor at the reason; hover
//! shows the rule's docs; sast.toml changes are picked up, a broken one is
//! an error on it; shutdown + exit → 0, exit alone → 1. The whole stdout
//! parses as LSP frames (nothing else writes to it).

use std::io::{BufReader, BufWriter, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

use crate::common::demo_copy;

pub(crate) struct Client {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    rx: Receiver<Message>,
    next_id: i32,
    backlog: Vec<Notification>,
}

const TIMEOUT: Duration = Duration::from_secs(60);

pub(crate) fn uri(p: &Path) -> String {
    cargo_sast::file_uri(p)
}

impl Client {
    pub(crate) fn spawn(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cargo-sast"))
            .arg("lsp")
            .current_dir(dir)
            .env("CARGO_HOME", crate::common::NO_CARGO_HOME)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = BufWriter::new(child.stdin.take().unwrap());
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            // Every byte of stdout must be a frame: a read error panics the reader.
            while let Some(m) = Message::read(&mut r).expect("stdout holds only LSP frames") {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, rx, next_id: 0, backlog: Vec::new() }
    }

    fn send(&mut self, m: Message) {
        m.write(&mut self.stdin).unwrap();
        self.stdin.flush().unwrap();
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params).into());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.recv(deadline) {
                Message::Response(r) if r.id == id => return r.response_result.expect("a result"),
                Message::Response(_) => {}
                Message::Notification(n) => self.backlog.push(n),
                Message::Request(r) => self.send(Response::new_ok(r.id, Value::Null).into()),
            }
        }
    }

    fn recv(&mut self, deadline: Instant) -> Message {
        self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the server answers in time")
    }

    /// The next `publishDiagnostics` for `uri` satisfying `want`.
    pub(crate) fn diagnostics(&mut self, uri: &str, want: impl Fn(&Value) -> bool) -> Vec<Value> {
        let ok = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri && want(&n.params)
        };
        if let Some(i) = self.backlog.iter().position(&ok) {
            return self.backlog.remove(i).params["diagnostics"].as_array().unwrap().clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.recv(deadline) {
                Message::Notification(n) if ok(&n) => return n.params["diagnostics"].as_array().unwrap().clone(),
                Message::Notification(_) | Message::Response(_) => {}
                Message::Request(r) => self.send(Response::new_ok(r.id, Value::Null).into()),
            }
        }
    }

    pub(crate) fn initialize(&mut self, root: &Path) {
        let init = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri(root), "capabilities": {
                "general": { "positionEncodings": ["utf-16"] },
                "workspace": { "workspaceEdit": { "documentChanges": true, "snippetEditSupport": true } } } }),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 1);
        self.notify("initialized", json!({}));
    }

    fn wait(mut self) -> std::process::ExitStatus {
        drop(self.stdin);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub(crate) fn shutdown(mut self) -> std::process::ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }
}

/// Apply LSP text edits (UTF-16 positions; ASCII texts here) as an editor does.
fn apply(text: &str, edits: &[Value]) -> String {
    let off = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize
    };
    let mut v: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let new = e.get("newText").or_else(|| e.pointer("/snippet/value")).unwrap().as_str().unwrap().to_string();
            (off(&e["range"]["start"]), off(&e["range"]["end"]), new)
        })
        .collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, new) in v {
        out.replace_range(s..e, &new);
    }
    out
}

fn line_of(text: &str, needle: &str) -> u64 {
    text[..text.find(needle).unwrap()].matches('\n').count() as u64
}

#[test]
fn an_editor_session() {
    let d = demo_copy();
    let root = d.path().canonicalize().unwrap();
    let (db, handlers, auth) =
        (root.join("api/src/db.rs"), root.join("api/src/handlers.rs"), root.join("api/src/auth.rs"));
    let mut c = Client::spawn(&root);
    c.initialize(&root);

    // The cross-file flow, published for db.rs at start.
    let db_text = std::fs::read_to_string(&db).unwrap();
    let diags = c.diagnostics(&uri(&db), |p| p["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
    let sql = diags.iter().find(|d| d["code"] == "sql-injection").expect("sql-injection in db.rs").clone();
    assert_eq!(sql["source"], "cargo-sast");
    assert_eq!(sql["severity"], 1);
    assert_eq!(sql["range"]["start"]["line"], line_of(&db_text, "sqlx::query(&sql)"));
    let related = sql["relatedInformation"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == uri(&handlers) && r["message"].as_str().unwrap().starts_with("[1/")),
        "{related:?}"
    );

    // Hover on it: the rule's docs.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri(&db) }, "position": sql["range"]["start"] }),
    );
    assert!(h["contents"]["value"].as_str().unwrap().contains("### What it does"), "{h}");

    // Edit handlers.rs: the title no longer reaches the helper → db.rs clears.
    let h_text = std::fs::read_to_string(&handlers).unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri(&handlers), "languageId": "rust", "version": 1, "text": h_text } }),
    );
    c.diagnostics(&uri(&handlers), |p| p["version"] == 1);
    let fixed = h_text.replace("db::audit(&pool, &req.title).await;", "db::audit(&pool, \"report\").await;");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri(&handlers), "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let now = c.diagnostics(&uri(&db), |_| true);
    assert!(!now.iter().any(|d| d["code"] == "sql-injection"), "{now:?}");

    // A quick fix, applied as an editor applies it.
    let a_text = std::fs::read_to_string(&auth).unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri(&auth), "languageId": "rust", "version": 1, "text": a_text } }),
    );
    let diags = c.diagnostics(&uri(&auth), |p| p["version"] == 1);
    let tls = diags.iter().find(|d| d["code"] == "tls-verification-disabled").unwrap().clone();
    assert_eq!(tls["range"]["start"]["line"], line_of(&a_text, ".danger_accept_invalid_certs(true)"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&auth) }, "range": tls["range"], "context": { "diagnostics": [tls] } }),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true && a["title"].as_str().unwrap().contains("tls-verification-disabled"))
        .expect("a preferred fix");
    let edits = fix["edit"]["changes"][uri(&auth)].as_array().unwrap();
    let repaired = apply(&a_text, edits);
    assert!(!repaired.contains("danger_accept_invalid_certs"));
    let suppress = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress `tls-verification-disabled`"))
        .unwrap();
    let snippet = &suppress["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(snippet["snippet"]["value"], "        // sast:allow(tls-verification-disabled): ${0:reason}\n");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri(&auth), "version": 2 }, "contentChanges": [{ "text": repaired }] }),
    );
    let diags = c.diagnostics(&uri(&auth), |p| p["version"] == 2);
    assert!(!diags.iter().any(|d| d["code"] == "tls-verification-disabled"), "{diags:?}");
    assert!(diags.iter().any(|d| d["code"] == "insecure-cookie"), "{diags:?}");

    // sast.toml: a change is picked up; a broken one is an error on it.
    let toml = root.join("sast.toml");
    std::fs::write(&toml, "ignore = [\"insecure-cookie\"]\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&toml), "type": 1 }] }));
    let diags = c.diagnostics(&uri(&auth), |p| {
        p["version"] == 2 && !p["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "insecure-cookie")
    });
    assert!(diags.iter().any(|d| d["code"] == "jwt-validation-disabled"), "{diags:?}");
    std::fs::write(&toml, "ignore = [\"insecure-cookie\"]\nfail-on = 3\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&toml), "type": 2 }] }));
    let errs = c.diagnostics(&uri(&toml), |p| !p["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(errs[0]["severity"], 1);
    assert_eq!(errs[0]["range"]["start"]["line"], 1, "{errs:?}");

    assert!(c.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_an_error() {
    let d = demo_copy();
    let mut c = Client::spawn(d.path());
    c.initialize(d.path());
    c.notify("exit", Value::Null);
    assert_eq!(c.wait().code(), Some(1));
}
