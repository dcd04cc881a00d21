//! The semantic model: what every name, value and function is, from syntax
//! alone — so the taint engine and rules stop matching last path segments.
//!
//! It fits the pipeline: files are parsed and analysed one at a time on
//! workers (the `syn` tree never leaves its worker); a serial join per
//! crate sees only owned per-file facts, and only the join knows where a
//! file sits in its crate. So:
//!
//! * **Worker, per file** — [`FileSem::build`] extracts the file's
//!   [`FileItems`] (owned: modules, imports, items, impls, every type
//!   lowered to a [`Ty`] with its paths resolved through the file's
//!   [`FileScope`]). A [`CrateIndex::partial`] over that one file lets an
//!   [`Infer`] type the locals and expressions of each body: either driven
//!   by an evaluator that walks the body itself (`begin_fn`, `enter_block`,
//!   `bind_let`, `bind_pat`, `closure_params`, `type_of`, `call`), or
//!   standalone ([`walk::infer_file`]: every call as an owned
//!   [`CallFact`]). What depends on other files stays symbolic —
//!   [`SymPath`] paths relative to the file, deferred [`ty::SymTy`] types,
//!   [`infer::Recipe`]s for calls — never guessed.
//! * **Join, per crate** — [`CrateIndex::build`] over every file's
//!   `FileItems` and module path (from the module tree) resolves paths
//!   across files (re-exports, globs, `super`, …), types
//!   ([`CrateIndex::absolutize`], [`CrateIndex::eval`]) and calls
//!   ([`CrateIndex::resolve_call`]) to the crate's definitions or to
//!   external canonical paths.
//! * **Models** — external crates' types as data
//!   (`lints/models/types.toml`, and `std_types.toml` generated from the
//!   std docs): [`models::Models`], parsed once.
//!
//! The measure of it: [`stats::CallStats`], printed over a directory of
//! crates by `cargo run --release --example semantic_stats -- DIR`.

mod bind;
mod caches;
pub mod index;
pub mod infer;
mod infer_call;
pub mod items;
mod lower;
pub mod models;
pub mod ops;
pub mod path;
pub mod scope;
pub mod stats;
pub mod ty;
mod tyexpr;
mod values;
pub mod walk;

pub use bind::LazySrc;
pub use caches::ScopeCaches;
pub use index::{CrateIndex, Def, FileId, FnRef, Look};
pub use infer::{CallInfo, Infer, Owner, Recipe};
pub use items::FileItems;
pub use models::Models;
pub use ops::Target;
pub use path::{Name, SymPath};
pub use scope::{FileScope, Resolved, ScopeId, Via};
pub use ty::Ty;
pub use walk::CallFact;

/// The semantic facts of one file, built in its worker.
#[derive(Clone, Debug, Default)]
pub struct FileSem {
    /// Owned item-level facts (what the join needs).
    pub items: FileItems,
    /// Name resolution inside the file (worker only).
    pub scope: FileScope,
}

impl FileSem {
    /// Extract the items and scope of a parsed file (built-in models).
    /// Item macros are not looked into: pass the file through
    /// [`items::expand_item_macros`] first to see the items they declare
    /// (and walk that copy).
    pub fn build(file: &syn::File) -> Self {
        Self::build_with(file, Models::get())
    }

    pub fn build_with(file: &syn::File, models: &Models) -> Self {
        let (items, scope) = items::extract(file, models);
        FileSem { items, scope }
    }

    /// The index of this file alone, for inference in the worker.
    pub fn index<'a>(&'a self, models: &'a Models) -> CrateIndex<'a> {
        CrateIndex::partial(&self.items, models)
    }

    /// Resolve a path written in scope `scope` of the file (`0`: the file's
    /// module; see [`FileScope::scope_of_block`]).
    pub fn resolve(&self, scope: ScopeId, path: &syn::Path) -> Resolved {
        self.scope.resolve(scope, path, Models::get())
    }

    /// Every call of the file, inferred standalone.
    pub fn calls(&self, file: &syn::File) -> Vec<CallFact> {
        walk::infer_file(file, &self.items, &self.scope, Models::get())
    }
}

#[cfg(test)]
mod tests;
