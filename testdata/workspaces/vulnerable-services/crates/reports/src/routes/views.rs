use rocket::response::content::RawHtml;

#[get("/reports/<id>/card?<title>")]
pub fn title_card(id: u64, title: &str) -> RawHtml<String> {
    RawHtml(format!("<div class=\"card\" data-id=\"{id}\"><h2>{title}</h2></div>")) // PLANTED: xss
}

#[get("/v2/reports/<id>/card?<title>")]
pub fn title_card_v2(id: u64, title: &str) -> RawHtml<String> {
    let title = html_escape::encode_text(title);
    RawHtml(format!("<div class=\"card\" data-id=\"{id}\"><h2>{title}</h2></div>")) // FIXED: xss
}
