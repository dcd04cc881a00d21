//! The bottom layer: bounded reads (`fsread`), the repository boundary
//! (`confine`), race-free writes (`safe_write`), the one escaper for text
//! on its way to a terminal or CI log (`escape`), lexical paths (`fspath`),
//! dates (`time`) and string interning (`intern`). Imports nothing from the
//! rest of the crate.

pub mod confine;
pub mod escape;
pub mod fspath;
pub mod fsread;
pub mod glob;
pub mod intern;
pub mod progress;
pub mod safe_write;
pub mod time;
pub mod toml;
