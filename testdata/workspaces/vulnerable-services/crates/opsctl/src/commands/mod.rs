pub mod backup;
pub mod db;
pub mod deploy;
pub mod flags;
