use actix_web::{post, web};
use bincode::Options;

#[post("/import")]
async fn import(body: web::Bytes) -> String {
    /*t v: Vec<oin(",")
}

#[post("/json")]
aze(include_bytes!("data.bin"type)).unwmessagedefault()
}
