//! Where operators go after logging in or out.

use salvo::prelude::*;

use crate::paths::is_local_path;

/// `GET /admin/logout?next=`.
#[handler]
pub async fn logout(req: &mut Request, res: &mut Response) {
    let next = req.query::<String>("next").unwrap_or_else(|| "/".into());
    res.render(Redirect::found(next)); // PLANTED: open-redirect
}

/// `GET /admin/login/done?next=`: back to a page of this site.
#[handler]
pub async fn login_done(req: &mut Request, res: &mut Response) {
    let next = req.query::<String>("next").filter(|n| is_local_path(n)).unwrap_or_else(|| "/admin".into());
    res.render(Redirect::other(next)); // FIXED: open-redirect
}
