use actix_web::post;
use libxml::parser::{Parser, ParserOptions};

// Entity substitution off (the default).
#[post("/upload")]
async fn upload(body: String) -> bool {
    let opts = ParserOptions { no_ent: false, ..Default::default() };
    Parser::default().parse_string_with_options(&body, opts).is_ok()
}

// Parsers without entity support.
#[post("/upload2")]
async fn upload2(body: String) -> bool {
    roxmltree::Document::parse(&body).is_ok() && quick_xml::Reader::from_str(&body).read_event().is_ok()
}
