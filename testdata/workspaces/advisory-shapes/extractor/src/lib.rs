//! extractor: unpack `.tar`, `.tar.gz` and `.zip` archives into a directory.
//!
//! ```no_run
//! use extractor::{Extractor, Options};
//!
//! let file = std::fs::File::open("release.tar.gz")?;
//! let count = Extractor::new("/srv/app", Options::default()).extract_tar_gz(file)?;
//! println!("{count} entries");
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The free functions `unpack_tar`, `unpack_tar_gz`, `unpack_selected`,
//! `unzip` and `unzip_with_links` are the 0.6 API, kept for compatibility.

mod cache;
mod fsutil;
mod sanitize;
pub mod tarball;
pub mod zipfile;

pub use tarball::{list_tar, unpack_selected, unpack_tar, unpack_tar_gz};
pub use zipfile::{unzip, unzip_with_links};

use std::path::PathBuf;

/// How an [`Extractor`] treats what the archive asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Restore the permission bits stored in the archive (without set-id bits).
    pub preserve_permissions: bool,
    /// Restore symbolic links (relative targets inside the tree only).
    pub restore_symlinks: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { preserve_permissions: true, restore_symlinks: true }
    }
}

/// Extracts archives into one directory and refuses every entry that would
/// land outside it: absolute names, `..` components, links that point out of
/// the tree, and writes through a link an earlier entry created.
pub struct Extractor {
    root: PathBuf,
    options: Options,
}

impl Extractor {
    /// An extractor into `root`, which the caller chooses.
    pub fn new(root: impl Into<PathBuf>, options: Options) -> Extractor {
        Extractor { root: root.into(), options }
    }

    /// The directory entries are extracted into.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}
