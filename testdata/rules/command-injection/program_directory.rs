// The program run is a path built from the input. Only when the input is
// the part joined on does it choose the program; as the base alone it
// chooses a directory, and the program's name is the code's.
use actix_web::{HttpResponse, web};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Q {
    pub dir: String,
    pub name: String,
}

// The input picks the directory; the code names the program.
#[actix_web::get("/render")]
pub async fn render(q: web::Query<Q>) -> HttpResponse {
    let exe = Path::new(&q.dir).join("render");
    let _ = Command::new(exe).output();
    HttpResponse::Ok().finish()
}

// The same through a helper that builds the path.
fn tool_in(root: &Path) -> PathBuf {
    root.join("bin").join("tool")
}

#[actix_web::get("/tool")]
pub async fn tool(q: web::Query<Q>) -> HttpResponse {
    let _ = Command::new(tool_in(Path::new(&q.dir))).output();
    HttpResponse::Ok().finish()
}

// The input is the part joined on: it picks the program.
#[actix_web::get("/pick")]
pub async fn pick(q: web::Query<Q>) -> HttpResponse {
    let exe = Path::new("/opt/tools").join(&q.name);
    let _ = Command::new(exe).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

// Base and name both from the input.
#[actix_web::get("/both")]
pub async fn both(q: web::Query<Q>) -> HttpResponse {
    let exe = Path::new(&q.dir).join(&q.name);
    let _ = Command::new(exe).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

// A directory the input chose, then a name it chose too.
#[actix_web::get("/nested")]
pub async fn nested(q: web::Query<Q>) -> HttpResponse {
    let bin = Path::new(&q.dir).join("bin");
    let _ = Command::new(bin.join(&q.name)).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

// The whole value, not a base of it: the input names the program.
#[actix_web::get("/whole")]
pub async fn whole(q: web::Query<Q>) -> HttpResponse {
    let _ = Command::new(&q.dir).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

// A path built on the input's directory, read by a shell: the shell parses
// the whole line, so the directory's text is code there.
#[actix_web::get("/script")]
pub async fn script(q: web::Query<Q>) -> HttpResponse {
    let script = Path::new(&q.dir).join("run.sh");
    let _ = Command::new("sh").arg("-c").arg(format!("{} --fast", script.display())).output(); //~ command-injection
    HttpResponse::Ok().finish()
}
