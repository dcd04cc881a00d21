use actix_web::post;
use libxml::parser::{Parser, ParserOptions};

#[post("/upload")]
async fn upload(body: String) -> bool {
    let opts = ParserOptions { no_ent: true, ..Default::default() };
    Parser::default().parse_string_with_options(&body, opts).is_ok() //~ xxe[high]
}
