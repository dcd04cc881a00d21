//! The bottom layer: bounded reads (`fsread`), the repository boundary
//! (`confine`), race-free writes (`safe_write`), the one escaper for text
//! on its way to a terminal or CI log (`escape`), lexical paths (`fspath`),
//! dates (`time`), string interning (`intern`) and results kept at their
//! exact size (`compact`). Imports nothing from the
//! rest of the crate.

pub(crate) mod compact;
pub(crate) mod confine;
pub(crate) mod escape;
pub(crate) mod fspath;
pub(crate) mod fsread;
pub(crate) mod glob;
pub(crate) mod intern;
pub(crate) mod phases;
pub(crate) mod progress;
pub(crate) mod safe_write;
pub(crate) mod time;
pub(crate) mod toml;
