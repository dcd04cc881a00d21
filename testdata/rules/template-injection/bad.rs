use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Page {
    pub title: String,
    pub body: String,
}

pub async fn one_off(Query(p): Query<Page>) -> String {
    let src = format!("<h1>{}</h1>", p.title);
    tera::Tera::one_off(&src, &tera::Context::new(), true).unwrap_or_default() //~ template-injection
}

pub async fn raw_template(Json(p): Json<Page>) -> String {
    let mut tera = tera::Tera::default();
    tera.add_raw_template("page", &p.body).unwrap_or_default(); //~ template-injection
    tera.render("page", &tera::Context::new()).unwrap_or_default()
}

pub async fn render_str(Json(p): Json<Page>) -> String {
    let mut tera = tera::Tera::default();
    tera.render_str(&p.body, &tera::Context::new()).unwrap_or_default() //~ template-injection
}

pub async fn handlebars_template(Json(p): Json<Page>) -> String {
    let hb = handlebars::Handlebars::new();
    hb.render_template(&p.body, &serde_json::json!({})).unwrap_or_default() //~ template-injection
}

pub async fn handlebars_register(Json(p): Json<Page>) -> bool {
    let mut hb = handlebars::Handlebars::new();
    hb.register_template_string("page", &p.body).is_ok() //~ template-injection
}

pub async fn minijinja_env(Json(p): Json<Page>) -> String {
    let mut env = minijinja::Environment::new();
    let _ = env.add_template_owned("page", p.body.clone()); //~ template-injection
    env.render_str(&p.title, minijinja::context! {}).unwrap_or_default() //~ template-injection
}
