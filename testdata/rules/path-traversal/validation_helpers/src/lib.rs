pub mod api;
pub mod checks;
