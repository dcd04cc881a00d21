//! `cargo sast lsp`: a language server over stdio (rust-analyzer's
//! `lsp-server` transport). Diagnostics on open, change and save: the
//! edited file is analysed from the editor's buffer and the crate-level
//! join re-runs over every file's facts kept in memory
//! (`engine::resident`), so a flow that crosses files appears or
//! disappears in the other file too; only URIs whose list changed are
//! published. Hover on a finding: the rule's documentation. Code actions:
//! the finding's fixes, and `// sast:allow(<id>): ` with the cursor at the
//! reason. `sast.toml` (and `Cargo.toml`) changes reload everything; a
//! broken config keeps the last good one and is shown as a diagnostic on
//! it.
//!
//! One thread owns the state. A forwarding thread queues the client's
//! messages without bound (lsp-server's stdio channel is a rendezvous
//! channel): notifications already queued are applied together (an edit
//! only records the text and marks the file) before one refresh that
//! analyses each marked file once — coalesced, never debounced. Nothing
//! but the transport writes to stdout.

mod convert;

use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

use super::ScanArgs;
use super::exit;
use crate::engine::outcome::Outcome;
use crate::engine::resident::Resident;

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// An open document: the editor's text, not the disk's.
struct Doc {
    version: i64,
    text: String,
}

struct Server {
    conn: Connection,
    inbox: Receiver<Message>,
    args: ScanArgs,
    /// The workspace folder (or the current directory).
    root: PathBuf,
    ws: Option<Resident>,
    outcome: Option<Outcome>,
    docs: HashMap<PathBuf, Doc>,
    /// Files to analyse again at the next refresh (from their open
    /// document, else from disk): a burst of edits costs one analysis.
    dirty: std::collections::BTreeSet<PathBuf>,
    /// What each URI was last given.
    published: HashMap<String, Value>,
    /// A configuration error: published on the config file.
    config_error: Option<(String, Value)>,
    snippets: bool,
    next_id: i32,
}

pub(super) fn cmd_lsp(a: &ScanArgs) -> u8 {
    let a = a.clone();
    // Deep (accepted) nesting needs the scan's stack size here too.
    let run = std::thread::Builder::new().stack_size(crate::engine::scan::WORKER_STACK).spawn(move || {
        let (conn, io) = Connection::stdio();
        let res = serve(conn, a);
        // Join the transport only after a clean shutdown: after an error
        // the reader may still wait on stdin.
        match res {
            Ok(()) => io.join().map_or(exit::FINDINGS, |()| exit::CLEAN),
            Err(e) => {
                super::output::eprint_error(&format!("lsp: {e}"));
                exit::FINDINGS
            }
        }
    });
    match run.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => exit::ERROR,
    }
}

fn serve(conn: Connection, args: ScanArgs) -> Res<()> {
    let (id, params) = conn.initialize_start()?;
    let snippets =
        params.pointer("/capabilities/workspace/workspaceEdit/snippetEditSupport") == Some(&Value::Bool(true));
    let folder = params
        .pointer("/workspaceFolders/0/uri")
        .or_else(|| params.get("rootUri"))
        .and_then(Value::as_str)
        .and_then(convert::path_of);
    let root = match folder {
        Some(r) => r,
        None => std::env::current_dir()?,
    };
    let caps = json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "hoverProvider": true,
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
    });
    conn.initialize_finish(
        id,
        json!({ "capabilities": caps, "serverInfo": { "name": "cargo-sast", "version": env!("CARGO_PKG_VERSION") } }),
    )?;
    let (tx, inbox) = channel();
    let from_client = conn.receiver.clone();
    std::thread::spawn(move || {
        for m in from_client {
            if tx.send(m).is_err() {
                break;
            }
        }
    });
    let mut s = Server {
        conn,
        inbox,
        args,
        root,
        ws: None,
        outcome: None,
        docs: HashMap::new(),
        dirty: Default::default(),
        published: HashMap::new(),
        config_error: None,
        snippets,
        next_id: 0,
    };
    s.reload();
    s.refresh()?;
    s.main_loop()
}

impl Server {
    fn main_loop(&mut self) -> Res<()> {
        let mut next: Option<Message> = None;
        loop {
            let msg = match next.take() {
                Some(m) => m,
                None => match self.inbox.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                },
            };
            match msg {
                Message::Request(req) if req.method == "shutdown" => {
                    self.conn.sender.send(Response::new_ok(req.id, ()).into())?;
                    for m in self.inbox.iter() {
                        match m {
                            Message::Notification(n) if n.method == "exit" => return Ok(()),
                            Message::Request(r) => {
                                let code = lsp_server::ErrorCode::InvalidRequest as i32;
                                self.conn.sender.send(Response::new_err(r.id, code, "shut down".into()).into())?;
                            }
                            _ => {}
                        }
                    }
                    return Ok(());
                }
                Message::Request(req) => {
                    let id = req.id.clone();
                    let resp = match catch_unwind(AssertUnwindSafe(|| self.on_request(req))) {
                        Ok(r) => r,
                        Err(_) => {
                            Response::new_err(id, lsp_server::ErrorCode::InternalError as i32, "internal error".into())
                        }
                    };
                    self.conn.sender.send(resp.into())?;
                }
                Message::Notification(n) if n.method == "exit" => return Err("exit before shutdown".into()),
                Message::Notification(n) => {
                    let mut changed = self.guarded(n);
                    // Coalesce what is already queued; stop at anything else.
                    while let Ok(m) = self.inbox.try_recv() {
                        match m {
                            Message::Notification(n) if n.method != "exit" => changed |= self.guarded(n),
                            other => {
                                next = Some(other);
                                break;
                            }
                        }
                    }
                    if changed {
                        self.refresh()?;
                    }
                }
                Message::Response(_) => {}
            }
        }
    }

    /// A notification handled under `catch_unwind`: a panic is logged and
    /// the server goes on. Whether the findings may have changed.
    fn guarded(&mut self, n: Notification) -> bool {
        let method = n.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.on_notification(n))) {
            Ok(Ok(changed)) => changed,
            Ok(Err(e)) => {
                self.log(&format!("{method}: {e}"));
                false
            }
            Err(_) => {
                self.log(&format!("internal error while handling {method} (please report it)"));
                false
            }
        }
    }

    fn log(&self, message: &str) {
        let _ = self
            .conn
            .sender
            .send(Notification::new("window/logMessage".into(), json!({ "type": 1, "message": message })).into());
    }

    fn on_notification(&mut self, n: Notification) -> Res<bool> {
        let p = &n.params;
        let path = || p.pointer("/textDocument/uri").and_then(Value::as_str).and_then(convert::path_of);
        match n.method.as_str() {
            "initialized" => {
                self.watch_files()?;
                Ok(false)
            }
            "textDocument/didOpen" | "textDocument/didChange" => {
                let Some(path) = path() else { return Ok(false) };
                let version = p.pointer("/textDocument/version").and_then(Value::as_i64).unwrap_or(0);
                let text = if n.method == "textDocument/didOpen" {
                    p.pointer("/textDocument/text").and_then(Value::as_str).map(str::to_string)
                } else {
                    self.changed_text(&path, p)
                };
                let Some(text) = text else { return Ok(false) };
                self.docs.insert(path.clone(), Doc { version, text });
                self.dirty.insert(path);
                Ok(true)
            }
            "textDocument/didSave" => Ok(path().is_some_and(|p| is_config(&p)) && self.reload()),
            "textDocument/didClose" => {
                let Some(path) = path() else { return Ok(false) };
                self.docs.remove(&path);
                self.dirty.insert(path);
                Ok(true)
            }
            "workspace/didChangeWatchedFiles" => {
                let changes: Vec<PathBuf> = p["changes"]
                    .as_array()
                    .map(|v| v.iter().filter_map(|c| c["uri"].as_str().and_then(convert::path_of)).collect())
                    .unwrap_or_default();
                if changes.iter().any(|c| is_config(c)) {
                    return Ok(self.reload());
                }
                let disk: Vec<PathBuf> = changes.into_iter().filter(|c| !self.docs.contains_key(c)).collect();
                self.dirty.extend(disk);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The document's text after a `didChange` (full text, or ranges
    /// applied in order).
    fn changed_text(&self, path: &Path, p: &Value) -> Option<String> {
        let mut text = self.docs.get(path).map(|d| d.text.clone()).unwrap_or_default();
        for c in p["contentChanges"].as_array()? {
            let new = c["text"].as_str()?;
            match c.get("range") {
                Some(r) => {
                    let at = |k: &str| {
                        convert::offset(
                            &text,
                            r[k]["line"].as_u64().unwrap_or(0),
                            r[k]["character"].as_u64().unwrap_or(0),
                        )
                    };
                    let (s, e) = (at("start"), at("end"));
                    text.replace_range(s..e.max(s), new);
                }
                None => text = new.to_string(),
            }
        }
        Some(text)
    }

    /// Ask the client to report changes of Rust files and configuration.
    fn watch_files(&mut self) -> Res<()> {
        let globs = ["**/*.rs", "**/sast.toml", "**/.sast.toml", "**/Cargo.toml"];
        let watchers: Vec<Value> = globs.iter().map(|g| json!({ "globPattern": g })).collect();
        self.next_id += 1;
        let req = Request::new(
            RequestId::from(self.next_id),
            "client/registerCapability".into(),
            json!({ "registrations": [{ "id": "cargo-sast-files", "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": { "watchers": watchers } }] }),
        );
        self.conn.sender.send(req.into())?;
        Ok(())
    }

    /// Discover, configure and analyse the workspace again; the open
    /// documents' texts are re-applied. A configuration error keeps the
    /// last good state. Always `true` (diagnostics may have changed).
    fn reload(&mut self) -> bool {
        // The workspace around the folder, as `cargo sast` run there sees it.
        let mut args = self.args.clone();
        args.paths.clear();
        match super::cmd_scan::load_resident(&args, &self.root) {
            Ok(ws) => {
                self.dirty.extend(self.docs.keys().cloned());
                self.ws = Some(ws);
                self.config_error = None;
            }
            Err(e) => {
                let line = e.text.get(..e.span.start).map_or(0, |t| t.matches('\n').count());
                let range =
                    json!({ "start": { "line": line, "character": 0 }, "end": { "line": line + 1, "character": 0 } });
                let message = crate::util::escape::line(&e.message).into_owned();
                let diag = json!({ "range": range, "severity": 1, "source": "cargo-sast", "message": message });
                self.config_error = Some((convert::uri_of(&e.path), diag));
            }
        }
        true
    }

    /// Join, then publish every URI whose diagnostics changed.
    fn refresh(&mut self) -> Res<()> {
        let Some(ws) = &mut self.ws else { return Ok(()) };
        for p in std::mem::take(&mut self.dirty) {
            ws.update(&p, self.docs.get(&p).map(|d| d.text.as_str()));
        }
        let outcome = ws.outcome();
        let root = ws.root().to_path_buf();
        let mut now: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for f in outcome.active() {
            now.entry(convert::uri_of(&root.join(&*f.location.path))).or_default().push(convert::diagnostic(&root, f));
        }
        if let Some((uri, d)) = &self.config_error {
            now.entry(uri.clone()).or_default().push(d.clone());
        }
        let stale: Vec<String> = self.published.keys().filter(|u| !now.contains_key(*u)).cloned().collect();
        for uri in stale {
            now.insert(uri, Vec::new());
        }
        // Open documents always get an answer for their version.
        for p in self.docs.keys() {
            now.entry(convert::uri_of(p)).or_default();
        }
        for (uri, diags) in now {
            let diags = Value::Array(diags);
            let version = convert::path_of(&uri).and_then(|p| self.docs.get(&p)).map(|d| d.version);
            if version.is_none() && self.published.get(&uri) == Some(&diags) {
                continue;
            }
            let params = json!({ "uri": uri, "version": version, "diagnostics": diags });
            self.conn.sender.send(Notification::new("textDocument/publishDiagnostics".into(), params).into())?;
            if diags.as_array().is_some_and(Vec::is_empty) {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri, diags);
            }
        }
        self.outcome = Some(outcome);
        Ok(())
    }

    fn on_request(&mut self, req: Request) -> Response {
        let p = &req.params;
        let path = p.pointer("/textDocument/uri").and_then(Value::as_str).and_then(convert::path_of);
        let result = match (req.method.as_str(), path) {
            ("textDocument/hover", Some(path)) => {
                let pos = &p["position"];
                let r = json!({ "start": pos, "end": pos });
                self.findings_at(&path, &r)
                    .first()
                    .map_or(Value::Null, |f| self.outcome.as_ref().map_or(Value::Null, |o| convert::hover(o, f)))
            }
            ("textDocument/codeAction", Some(path)) => {
                let text = self.docs.get(&path).map(|d| d.text.clone()).or_else(|| std::fs::read_to_string(&path).ok());
                let version = self.docs.get(&path).map(|d| d.version);
                let root = self.ws.as_ref().map_or(self.root.clone(), |w| w.root().to_path_buf());
                let actions: Vec<Value> = self
                    .findings_at(&path, &p["range"])
                    .iter()
                    .flat_map(|f| {
                        let line = text
                            .as_deref()
                            .and_then(|t| t.lines().nth((f.location.start.line as usize).saturating_sub(1)))
                            .unwrap_or("");
                        convert::actions(&root, f, line, self.snippets, version)
                    })
                    .collect();
                Value::Array(actions)
            }
            ("textDocument/hover" | "textDocument/codeAction", None) => Value::Null,
            _ => {
                let code = lsp_server::ErrorCode::MethodNotFound as i32;
                return Response::new_err(req.id, code, format!("unhandled method {}", req.method));
            }
        };
        Response::new_ok(req.id, result)
    }

    /// The reported findings of `path` that meet the LSP range `r`.
    fn findings_at(&self, path: &Path, r: &Value) -> Vec<crate::finding::Finding> {
        let (Some(o), Some(ws)) = (&self.outcome, &self.ws) else { return Vec::new() };
        let Ok(rel) = path.strip_prefix(ws.root()) else { return Vec::new() };
        let rel = rel.to_string_lossy().replace('\\', "/");
        o.active().filter(|f| *f.location.path == *rel && convert::overlaps(f, r)).cloned().collect()
    }
}

/// A change that reloads the configuration (and discovery).
fn is_config(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "sast.toml" || n == ".sast.toml" || n == "Cargo.toml")
}
