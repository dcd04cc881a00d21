//! A scanned workspace kept in memory, for the language server: every
//! file's facts, so that an edit re-analyses only the edited file (from
//! the editor's text) and then re-runs the crate-level join and the
//! test-code policy over all facts — what a keystroke costs is one file's
//! analysis plus the join, not a scan.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::crate_macros::look_again;
use super::facts::{FileFacts, Limits};
use super::outcome::{Outcome, RuleDescriptor};
use super::ruleset::RuleSet;
use super::scan::{Analysed, ScanOptions, analyse_told, finish, rule_sets};
use super::workers::{map_on, worker_pool};
use crate::finding::Notification;
use crate::workspace::discover::{Discovery, SourceFile};

pub(crate) struct Resident {
    root: PathBuf,
    files: Vec<SourceFile>,
    facts: Vec<FileFacts>,
    by_path: HashMap<PathBuf, usize>,
    rules: Vec<RuleDescriptor>,
    base: Arc<RuleSet>,
    sets: HashMap<String, Arc<RuleSet>>,
    limits: Limits,
    notifications: Vec<Notification>,
}

impl Resident {
    /// Analyse every discovered Rust file (on `opts.jobs` workers).
    pub(crate) fn load(disc: Discovery, opts: &ScanOptions<'_>) -> Resident {
        let (rules, base, sets) = rule_sets(&disc, opts);
        let excludes = crate::util::glob::build_globs(&opts.config.exclude);
        let files: Vec<SourceFile> =
            disc.files.into_iter().filter(|f| !excludes.as_ref().is_some_and(|g| g.is_match(&*f.rel))).collect();
        let limits = opts.limits;
        let analyse = |f: &SourceFile, macros: &[String]| {
            let set = f.package.as_deref().and_then(|p| sets.get(p)).unwrap_or(&base);
            analyse_told(f, None, set, &limits, macros)
        };
        let pool = worker_pool(opts.jobs);
        let mut facts = map_on(pool.as_ref(), &files, &|f: &SourceFile| analyse(f, &[]));
        look_again(pool.as_ref(), &files, &mut facts, |f| &f.macros, &analyse);
        let by_path = files.iter().enumerate().map(|(i, f)| (f.abs.clone(), i)).collect();
        Resident {
            root: disc.root,
            files,
            facts,
            by_path,
            rules,
            base,
            sets,
            limits,
            notifications: disc.notifications,
        }
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Analyse one file from `text` (the editor's buffer) or, with `None`,
    /// from disk, then again every file whose crate's returning macros it
    /// calls changed (`crate_macros`). `false` when the file is not part
    /// of the workspace.
    pub(crate) fn update(&mut self, abs: &Path, text: Option<&str>) -> bool {
        let Some(&i) = self.by_path.get(abs) else { return false };
        let (files, facts, limits) = (&self.files, &mut self.facts, &self.limits);
        let set_of = |f: &SourceFile| f.package.as_deref().and_then(|p| self.sets.get(p)).unwrap_or(&self.base);
        // Other files are read from disk; the edited one from the buffer.
        let analyse = |f: &SourceFile, macros: &[String]| {
            let bytes = text.filter(|_| f.abs == abs).map(|t| t.as_bytes().to_vec());
            analyse_told(f, bytes, set_of(f), limits, macros)
        };
        // On a worker-sized stack, as the scan analyses.
        std::thread::scope(|s| {
            let run = std::thread::Builder::new().stack_size(super::scan::WORKER_STACK).spawn_scoped(s, || {
                facts[i] = analyse(&files[i], &facts[i].macros.told);
                look_again(None, files, facts, |f| &f.macros, &analyse);
            });
            // A panic was caught per file; the thread itself cannot fail.
            if let Ok(h) = run {
                let _ = h.join();
            }
        });
        true
    }

    /// The join over every file's facts and the test-code policy: the
    /// findings of the whole workspace as a scan would report them
    /// (in-source suppressions applied; no baseline).
    pub(crate) fn outcome(&self) -> Outcome {
        let files = self.files.iter().cloned().zip(self.facts.iter().cloned()).collect();
        let analysed = Analysed { files, rules: self.rules.clone() };
        finish(analysed, self.notifications.clone(), &self.root, &self.base, &self.sets, None)
    }
}
