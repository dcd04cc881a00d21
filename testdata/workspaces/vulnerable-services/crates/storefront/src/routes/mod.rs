pub mod admin;
pub mod media;
pub mod orders;
pub mod products;
