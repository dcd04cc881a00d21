use salvo::prelude::*;

fn is_local_path(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.starts_with("/\\")
}

#[handler]
pub async fn logout(req: &mut Request, res: &mut Response) {
    let next = req.query::<String>("next").unwrap_or_else(|| "/".into());
    res.render(Redirect::found(next)); //~ open-redirect
}

#[handler]
pub async fn login_done(req: &mut Request, res: &mut Response) {
    let next = req.query::<String>("next").filter(|n| is_local_path(n)).unwrap_or_else(|| "/".into());
    res.render(Redirect::other(next));
}
