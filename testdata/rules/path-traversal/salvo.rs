// salvo: `#[handler]` functions; `Request`'s accessors are request data,
// `Depot` is what the application put there.
use salvo::fs::NamedFile;
use salvo::prelude::*;
use std::path::Path;

#[handler]
pub async fn export(req: &mut Request, res: &mut Response) {
    let name = req.param::<String>("name").unwrap_or_default();
    NamedFile::builder(Path::new("/srv/exports").join(&name)).send(req.headers(), res).await; //~ path-traversal
}

#[handler]
pub async fn report(req: &mut Request, res: &mut Response) {
    let name = req.query::<String>("file").unwrap_or_default();
    res.send_file(Path::new("/srv/reports").join(&name), req.headers()).await; //~ path-traversal
}

#[handler]
pub async fn avatar(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let dir = depot.get::<String>("avatar_dir").cloned().unwrap_or_default();
    let name = req.query::<String>("file").unwrap_or_default();
    let Some(file) = Path::new(&name).file_name() else { return };
    res.send_file(Path::new(&dir).join(file), req.headers()).await;
}
