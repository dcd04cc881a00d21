use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Page {
    pub title: String,
    pub body: String,
}

// Input in the context of a fixed template: data, not template source.
pub async fn context(Query(p): Query<Page>) -> String {
    let mut ctx = tera::Context::new();
    ctx.insert("title", &p.title);
    tera::Tera::one_off("<h1>{{ title }}</h1>", &ctx, true).unwrap_or_default()
}

// The template's name only selects among the server's templates.
pub async fn by_name(Json(p): Json<Page>) -> String {
    let mut tera = tera::Tera::default();
    let _ = tera.add_raw_template(&p.title, "<p>{{ body }}</p>");
    let mut ctx = tera::Context::new();
    ctx.insert("body", &p.body);
    tera.render("page", &ctx).unwrap_or_default()
}

pub async fn handlebars_data(Json(p): Json<Page>) -> String {
    let hb = handlebars::Handlebars::new();
    hb.render_template("<p>{{body}}</p>", &serde_json::json!({ "body": p.body })).unwrap_or_default()
}

// Templates the server ships.
pub fn load() -> tera::Tera {
    let mut tera = tera::Tera::default();
    let _ = tera.add_raw_template("base", include_str!("good.rs"));
    tera
}
