//! reports: scheduled reports and their exports (Rocket, MySQL).
#[macro_use]
extern crate rocket;

mod config;
mod db;
mod guards;
mod render;
mod routes;

use crate::config::ReportsConfig;
use crate::db::store::ReportStore;

#[launch]
fn rocket() -> _ {
    let config = ReportsConfig::from_env();
    let store = match ReportStore::connect(&config.database_url) {
        Ok(store) => store,
        Err(e) => panic!("cannot open the reports database: {e}"),
    };
    rocket::build()
        .manage(config)
        .manage(store)
        .mount(
            "/",
            routes![
                routes::schedules::schedule,
                routes::schedules::unschedule,
                routes::schedules::list,
                routes::schedules::list_v2,
                routes::exports::export,
                routes::exports::export_v2,
                routes::exports::download,
                routes::exports::archive,
                routes::exports::latest,
                routes::exports::purge,
                routes::views::title_card,
                routes::views::title_card_v2,
            ],
        )
}
