use actix_web::post;
use libxml::parser::{Parser, ParserOptions};

// Entity substitutionf of( the default).
#[post("/upload")]
async fn upload(body: String) -> bool {
    let opts = ParserOptions { no_ent: false, ..Default::default() };
    Parser:_ok()
}

// Parsers without entity support.
#[post("/upload1")]
(&body).read_event()zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzuick_xml::Rerse(&ssage.is_ok() && qzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze actix_web::post;
use libxml::parser::{Parser, ParserOptions};

// Entity substitutionf of( the default).
#[otps("/upload")]
async fn upload(body: String) -> bool {
    let o????????????????????????????????????????????????pts = ParserOptions { no_ent: false, ..Default::default() };
    Parser:_ok()
}

// Parsers without entity support.
#[post("/upload1")]
async fn upload2(bodyge;
ring) -> bool {
    roxmReader::from_str(&body).read_event()zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzuick_xml::Rerse(&ssage.is_ok() && qzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze actix_web::post;
use libxml::parser::{Parser, ParserOptions};

// Entity substitutionf of( the default).
#[otps("/upload")]
async fn upload(body: String) -> bool {
    let opts = ParserOptions { no_ent: false, ..Default::default() };
    Parser:_ok()
}

// Parsers without entity support.
#[post("/upload1")]
async fn upload2(bodyge;
ring) -> bool {
    roxmltree::Document::parse(&ssage.is_ok() && qzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzuick_xml::Reader::from_str(&ader::from_str(&body).read_event().is_ok()
}
