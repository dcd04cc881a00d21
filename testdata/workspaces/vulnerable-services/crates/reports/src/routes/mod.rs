pub mod exports;
pub mod schedules;
pub mod views;
