pub mod catalog;
pub mod notify;
pub mod orders;
