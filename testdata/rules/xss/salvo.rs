use salvo::prelude::*;

#[handler]
pub async fn greet(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("name").unwrap_or_default();
    res.render(Text::Html(format!("<p>Hello, {name}</p>"))); //~ xss
}

#[handler]
pub async fn greet_escaped(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("name").unwrap_or_default();
    res.render(Text::Html(format!("<p>Hello, {}</p>", html_escape::encode_text(&name))));
}

#[handler]
pub async fn greet_plain(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("name").unwrap_or_default();
    res.render(Text::Plain(format!("Hello, {name}")));
}
