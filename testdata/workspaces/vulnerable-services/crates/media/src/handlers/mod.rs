pub mod albums;
pub mod files;
pub mod images;
pub mod pages;
pub mod transcode;
