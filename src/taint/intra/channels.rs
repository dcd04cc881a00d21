//! Channels: `let (tx, rx) = mpsc::channel();` — what is sent on `tx`
//! comes out of `rx`. The two ends are peers: a write into one (a `send`)
//! is a write into the other, so `rx.recv()` carries what was sent.

use std::rc::Rc;

use syn::visit::Visit;
use syn::{Expr, ExprClosure, Pat};

use super::{FnAnalysis, Taint, pat_name};

/// Constructors of a channel's two ends, by their path's last segment
/// (std and tokio `mpsc::channel`/`unbounded_channel`, crossbeam's and
/// flume's `unbounded`/`bounded`, async-channel's, `sync_channel`).
fn is_channel_ctor(init: &Expr) -> bool {
    let mut e = init;
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Try(t) => &t.expr,
            Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => &m.receiver,
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return false };
                let segs = &p.path.segments;
                // A path of at least two segments (`mpsc::channel`, `flume::unbounded`):
                // a bare `channel()` may be the crate's own function.
                return segs.len() >= 2
                    && segs.last().is_some_and(|s| {
                        matches!(
                            s.ident.to_string().as_str(),
                            "channel" | "sync_channel" | "unbounded_channel" | "unbounded" | "bounded"
                        )
                    });
            }
            _ => return false,
        };
    }
}

/// Methods that put a value into a channel through its sending end.
pub(super) fn is_send(name: &str) -> bool {
    matches!(name, "send" | "try_send" | "blocking_send" | "send_blocking" | "send_timeout" | "unbounded_send")
}

impl FnAnalysis<'_> {
    /// `let (tx, rx) = mpsc::channel()`: make the two ends peers; `let tx2
    /// = tx.clone()`: the clone shares the peer.
    pub(super) fn note_channel(&mut self, pat: &Pat, init: &Expr) {
        if let Pat::Tuple(t) = pat
            && t.elems.len() == 2
            && is_channel_ctor(init)
            && let (Some(a), Some(b)) = (pat_name(&t.elems[0]), pat_name(&t.elems[1]))
        {
            self.hints.entry(a.clone()).or_default().peer = Some(b.clone());
            self.hints.entry(b).or_default().peer = Some(a);
            return;
        }
        if let Some(name) = pat_name(pat)
            && let Expr::MethodCall(m) = init
            && m.method == "clone"
            && let Expr::Path(p) = &*m.receiver
            && let Some(src) = p.path.get_ident()
            && let Some(peer) = self.peer_of(&src.to_string())
        {
            self.hints.entry(name).or_default().peer = Some(peer);
        }
    }

    /// The other end of a channel end, if `name` is one.
    pub(super) fn peer_of(&self, name: &str) -> Option<String> {
        self.hints.get(name).and_then(|h| h.peer.clone())
    }

    /// Channel ends that carry taint now (what a closure sent on them
    /// stays sent after it: `thread::spawn(move || tx.send(x))`).
    pub(super) fn channel_taint(&self) -> Vec<(String, Taint)> {
        if !self.hints.values().any(|h| h.peer.is_some()) {
            return Vec::new();
        }
        self.hints
            .iter()
            .filter(|(_, h)| h.peer.is_some())
            .filter_map(|(n, _)| self.env.get(n).filter(|t| !t.is_empty()).map(|t| (n.clone(), t.clone())))
            .collect()
    }

    /// A closure that reads a channel end nothing was sent on yet (a
    /// worker's `for job in rx`): kept to run again when a send comes.
    pub(super) fn wait_for_sends(&mut self, c: &ExprClosure) {
        if !self.hints.values().any(|h| h.peer.is_some()) {
            return;
        }
        let ends: Vec<String> = self
            .hints
            .iter()
            .filter(|(n, h)| h.peer.is_some() && self.env.get(n).is_none_or(|t| t.is_empty()))
            .map(|(n, _)| n.clone())
            .collect();
        for end in ends {
            if mentions(&c.body, &end) && self.channel_readers.len() < 16 {
                self.channel_readers.push((end, Rc::new(c.clone())));
            }
        }
    }

    /// A send reached `end`: run the closures waiting on it again, with
    /// what the channel now carries (each once).
    pub(super) fn rerun_channel_readers(&mut self, end: &str) {
        let (now, later): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.channel_readers).into_iter().partition(|(e, _)| e == end);
        self.channel_readers = later;
        for (_, c) in now {
            let saved = self.env.clone();
            let d = self.diverged;
            let r = std::mem::take(&mut self.returns);
            self.eval(&c.body);
            self.env = saved;
            self.diverged = d;
            self.returns = r;
        }
    }
}

/// Whether `body` names the local `name`.
fn mentions(body: &Expr, name: &str) -> bool {
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            if p.segments.len() == 1 && p.segments[0].ident == self.name {
                self.found = true;
            }
            syn::visit::visit_path(self, p);
        }
    }
    let mut f = Finder { name, found: false };
    f.visit_expr(body);
    f.found
}
