//! A file's summaries as the join holds them: every function's head,
//! and the bodies, opened by the first question that reads one of them.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::taint::{FnBody, FnHead};

/// The summaries of one file, with where the file sits in its crate.
pub(crate) struct Unit {
    /// Crate key (`pkg` for a library, `pkg#bin` for other targets).
    pub crate_key: String,
    /// Module path of the file within its crate (`["db"]` for src/db.rs).
    pub module: Vec<String>,
    /// What the join reads of every function (`taint::parts`).
    pub heads: Vec<FnHead>,
    /// Their bodies, one per head, opened by the first question that
    /// reads one of them.
    bodies: OnceLock<Box<[FnBody]>>,
    later: Option<OpenBodies>,
    /// The bodies did not open (or not one per head): the file's
    /// functions are asked about as if they had no flows (empty bodies).
    failed: AtomicBool,
    /// Router registrations in this file (handler paths, and the
    /// parameters warp filters pass request data to).
    pub routes: Vec<crate::rules::routes::Route>,
}

/// Opens a file's bodies (decodes the block they are packed in).
pub(crate) type OpenBodies = Box<dyn Fn() -> Option<Vec<FnBody>> + Send + Sync>;

/// A file's bodies as the join gets them.
pub(crate) enum Bodies {
    Open(Vec<FnBody>),
    /// Opened when a question first needs one of them.
    Later(OpenBodies),
}

impl Unit {
    pub(crate) fn new(
        crate_key: String,
        module: Vec<String>,
        heads: Vec<FnHead>,
        bodies: Bodies,
        routes: Vec<crate::rules::routes::Route>,
    ) -> Self {
        let (open, later) = match bodies {
            Bodies::Open(v) => (Some(v), None),
            Bodies::Later(open) => (None, Some(open)),
        };
        let unit =
            Unit { crate_key, module, heads, bodies: OnceLock::new(), later, failed: AtomicBool::new(false), routes };
        if let Some(v) = open {
            let _ = unit.bodies.set(unit.one_per_head(Some(v)));
        }
        unit
    }

    /// The bodies, one per head (empty ones if they did not open).
    pub(super) fn bodies(&self) -> &[FnBody] {
        self.bodies.get_or_init(|| self.one_per_head(self.later.as_ref().and_then(|open| open())))
    }

    /// `bodies` if there is one per head; else the unit failed, and its
    /// functions get empty ones.
    fn one_per_head(&self, bodies: Option<Vec<FnBody>>) -> Box<[FnBody]> {
        match bodies {
            Some(b) if b.len() == self.heads.len() => b.into_boxed_slice(),
            _ => {
                self.failed.store(true, Ordering::Relaxed);
                self.heads.iter().map(|_| FnBody::default()).collect()
            }
        }
    }

    /// Whether a question opened its packed bodies.
    pub(super) fn opened(&self) -> bool {
        self.later.is_some() && self.bodies.get().is_some()
    }

    /// Whether its bodies did not open (or not one per head).
    pub(crate) fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }
}
