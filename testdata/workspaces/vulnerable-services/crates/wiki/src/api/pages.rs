use poem::error::InternalServerError;
use poem::web::{Data, Html, Json, Path, Query};
use poem::{handler, Result};
use serde::Deserialize;

use crate::help;
use crate::render;
use crate::store::pages::{PageStore, PageSummary};

#[derive(Deserialize)]
pub struct ListQuery {
    pub tag: Option<String>,
    pub author: Option<String>,
}

#[derive(Deserialize)]
pub struct Rename {
    pub new_slug: String,
}

#[derive(Deserialize)]
pub struct Retitle {
    pub title: String,
}

#[derive(Deserialize)]
pub struct Draft {
    pub title: String,
    pub body: String,
}

#[handler]
pub async fn list(Query(q): Query<ListQuery>, store: Data<&PageStore>) -> Result<Json<Vec<PageSummary>>> {
    let pages = match (&q.tag, &q.author) {
        (Some(tag), _) => store.by_tag(tag).await,
        (None, Some(author)) => store.by_author(author).await,
        (None, None) => store.recent().await,
    };
    Ok(Json(pages.map_err(InternalServerError)?))
}

#[handler]
pub async fn rename(Path(slug): Path<String>, Json(body): Json<Rename>, store: Data<&PageStore>) -> Result<()> {
    store.rename(&slug, &body.new_slug).await.map_err(InternalServerError)
}

#[handler]
pub async fn retitle(Path(slug): Path<String>, Json(body): Json<Retitle>, store: Data<&PageStore>) -> Result<()> {
    store.retitle(&slug, &body.title).await.map_err(InternalServerError)?;
    Ok(())
}

#[handler]
pub fn preview(Json(draft): Json<Draft>) -> Html<String> {
    Html(render::page_html(&draft.title, &draft.body)) // PLANTED: xss
}

#[handler]
pub fn preview_safe(Json(draft): Json<Draft>) -> Html<String> {
    Html(render::page_html(&render::escaped(&draft.title), &render::paragraphs(&draft.body))) // FIXED: xss
}

#[handler]
pub async fn help(Path(topic): Path<String>) -> Html<String> {
    match help::topic_file(&topic) {
        Ok(path) => match tokio::fs::read_to_string(path).await { // FIXED: path-traversal
            Ok(page) => Html(page),
            Err(_) => Html("<p class=\"error\">This help page is missing.</p>".to_string()),
        },
        Err(e) => Html(format!("<p class=\"error\">{e}</p>")), // PLANTED: xss
    }
}
