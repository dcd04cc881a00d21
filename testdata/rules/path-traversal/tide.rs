// tide: `Request`'s accessors are request data; `state()` is the server's.
use std::path::Path;

pub struct Config {
    pub root: String,
}

pub async fn show(req: tide::Request<Config>) -> tide::Result<String> {
    let name = req.param("name")?.to_string();
    Ok(std::fs::read_to_string(Path::new("/srv/pages").join(&name))?) //~ path-traversal
}

pub async fn upload(mut req: tide::Request<Config>) -> tide::Result<String> {
    let target = req.body_string().await?;
    std::fs::write(Path::new("/srv/uploads").join(target.trim()), b"")?; //~ path-traversal
    Ok(String::new())
}

// The server's own configuration, and a name reduced to its last part.
pub async fn index(req: tide::Request<Config>) -> tide::Result<String> {
    let root = req.state().root.clone();
    let name = req.param("name")?.to_string();
    let Some(file) = Path::new(&name).file_name() else { return Ok(String::new()) };
    Ok(std::fs::read_to_string(Path::new(&root).join(file))?)
}

pub fn app(cfg: Config) -> tide::Server<Config> {
    let mut app = tide::with_state(cfg);
    app.at("/p/:name").get(show);
    app.at("/u").post(upload);
    app.at("/i/:name").get(index);
    app
}
