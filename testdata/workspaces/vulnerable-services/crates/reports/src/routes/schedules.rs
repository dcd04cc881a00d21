use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::State;

use crate::db::store::{Report, ReportStore};
use crate::guards::{Tenant, TenantId};

#[post("/reports/<name>/schedule?<cron>")]
pub fn schedule(name: &str, cron: &str, store: &State<ReportStore>) -> Status {
    match store.schedule(name, cron) {
        Ok(()) => Status::Created,
        Err(_) => Status::InternalServerError,
    }
}

#[delete("/reports/<name>/schedule")]
pub fn unschedule(name: &str, store: &State<ReportStore>) -> Status {
    match store.unschedule(name) {
        Ok(()) => Status::NoContent,
        Err(_) => Status::InternalServerError,
    }
}

#[get("/reports")]
pub fn list(tenant: Tenant<'_>, store: &State<ReportStore>) -> Result<Json<Vec<Report>>, Status> {
    store.for_tenant(tenant.0).map(Json).map_err(|_| Status::InternalServerError)
}

#[get("/v2/reports")]
pub fn list_v2(tenant: TenantId, store: &State<ReportStore>) -> Result<Json<Vec<Report>>, Status> {
    store.for_tenant_id(tenant.0).map(Json).map_err(|_| Status::InternalServerError)
}
