pub mod api;
pub mod repo;
