// warp filter chains that hand request data to a closure: the closure's
// parameters at the positions of request values (`path!` segments that
// are types, `query`, `body::json`, headers) are user input, those of the
// server's values (a remote address, a filter of the program's own) are
// not.
use std::collections::HashMap;
use std::path::Path;
use warp::Filter;

pub fn download() -> impl Filter<Extract = (String,), Error = warp::Rejection> + Clone {
    warp::path!("files" / String).map(|name: String| {
        std::fs::read_to_string(Path::new("/srv/files").join(name)).unwrap_or_default() //~ path-traversal
    })
}

pub fn by_query() -> impl Filter<Extract = (String,), Error = warp::Rejection> + Clone {
    warp::path("get").and(warp::query::<HashMap<String, String>>()).map(|q: HashMap<String, String>| {
        let name = q.get("name").cloned().unwrap_or_default();
        std::fs::read_to_string(Path::new("/srv/files").join(&name)).unwrap_or_default() //~ path-traversal
    })
}

// The second value is the request's, the first the server's.
pub fn with_base(base: String) -> impl Filter<Extract = (String,), Error = warp::Rejection> + Clone {
    warp::any()
        .map(move || base.clone())
        .and(warp::header::<String>("x-file"))
        .map(|root: String, file: String| {
            let _ = std::fs::read_to_string(Path::new(&root).join("index.html"));
            std::fs::read_to_string(Path::new(&root).join(file)).unwrap_or_default() //~ path-traversal
        })
}

// A number from the path cannot name a file outside the directory.
pub fn by_id() -> impl Filter<Extract = (String,), Error = warp::Rejection> + Clone {
    warp::path!("items" / u32).map(|id: u32| {
        std::fs::read_to_string(Path::new("/srv/items").join(id.to_string())).unwrap_or_default()
    })
}

// The client's address is not a name it chose.
pub fn by_addr() -> impl Filter<Extract = (String,), Error = warp::Rejection> + Clone {
    warp::addr::remote().map(|addr: Option<std::net::SocketAddr>| {
        let name = addr.map(|a| a.ip().to_string()).unwrap_or_default();
        std::fs::read_to_string(Path::new("/srv/by-ip").join(name)).unwrap_or_default()
    })
}

// A closure over an iterator is not a filter.
pub fn listing(names: &[String]) -> Vec<String> {
    names.iter().map(|name: &String| std::fs::read_to_string(Path::new("/srv").join(name)).unwrap_or_default()).collect()
}
