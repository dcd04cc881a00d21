pub mod files;
pub mod pages;
pub mod search;
pub mod session;
