//! The engine: the one walk per file (`walker`) dispatching to the enabled
//! rules.

pub mod walker;
