// The error of a library call given request data does not quote it (an
// `io::Error`, a database or HTTP client error, a parse error); an error
// built from the input does.
use axum::extract::{Json, Path, State};

// A store from another crate: its errors say what failed, not what was asked.
pub async fn profile(State(db): State<store::Database>, Path(name): Path<String>) {
    match db.find_user(&name).await {
        Ok(_) => log::info!("found"),
        Err(e) => log::error!("database error: {}", e),
    }
    if let Err(err) = db.delete_user(&name).await {
        tracing::error!("delete failed: {err}");
    }
    let _ = db.rename_user(&name).await.map_err(|e| log::warn!("rename failed: {e}"));
    // A closure that captures the value itself still carries it.
    let _ = db.rename_user(&name).await.map_err(|e| log::warn!("rename of {name} failed: {e}")); //~ log-injection
}

#[derive(serde::Deserialize)]
pub struct Signup {
    pub name: String,
    pub age: String,
}

pub async fn signup(pool: sqlx::PgPool, Json(s): Json<Signup>) -> &'static str {
    let saved = sqlx::query("INSERT INTO users (name) VALUES ($1)").bind(&s.name).execute(&pool).await;
    if let Err(e) = saved {
        log::error!("failed to save user: {}", e);
        tracing::error!("failed to save user: {e}");
    }
    match s.age.parse::<u32>() {
        Ok(age) => log::info!("age {age}"),
        Err(err) => log::warn!("bad age: {}", err),
    }
    let text = std::fs::read_to_string(format!("/srv/users/{}", s.name)).map_err(|e| {
        log::error!("read failed: {e}");
        e
    });
    let _ = text;
    "ok"
}

pub async fn lookup(Path(name): Path<String>) -> Result<String, String> {
    // An error that quotes the input.
    let found = std::fs::read_to_string("/srv/index").map_err(|e| format!("{e} while looking up {name}"));
    if let Err(e) = &found {
        log::error!("{}", e); //~ log-injection
    }
    let parsed = name.parse::<u32>().map_err(|_| anyhow::anyhow!("not a number: {name}"));
    if let Err(e) = parsed {
        tracing::warn!("{e}"); //~ log-injection
    }
    // The request data itself, whatever the call.
    match std::fs::read_to_string(format!("/srv/{name}")) {
        Ok(_) => log::info!("found {name}"), //~ log-injection
        Err(e) => log::info!("missing ({e})"),
    }
    found
}
