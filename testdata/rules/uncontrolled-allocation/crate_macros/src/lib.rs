// Checks that end in a macro another file of the crate defines
// (macros.rs): an exit when every rule of it returns.
#[macro_use]
mod macros;
mod table;

pub use table::{read_logged, read_maybe, read_rows, read_rows_fmt, read_unchecked};
