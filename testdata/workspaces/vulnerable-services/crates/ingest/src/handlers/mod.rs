pub mod events;
pub mod frames;
pub mod redirect;
