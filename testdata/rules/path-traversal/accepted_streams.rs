// A file name read off each connection a listener accepts, opened as a
// path: the items of `incoming().flatten()` are the `TcpStream`s.
use std::io::{BufRead, BufReader};
use std::net::TcpListener;

pub fn serve(listener: TcpListener) {
    for stream in listener.incoming().flatten() {
        let mut line = String::new();
        let mut reader = BufReader::new(stream);
        let _ = reader.read_line(&mut line);
        let _ = std::fs::read(line.trim()); //~ path-traversal
    }
}

pub fn serve_named(listener: TcpListener) {
    for stream in listener.incoming().flatten() {
        let mut line = String::new();
        let _ = BufReader::new(&stream).read_line(&mut line);
        let name = std::path::Path::new(line.trim()).file_name().map(|n| n.to_owned()).unwrap_or_default();
        let _ = std::fs::read(std::path::Path::new("/srv/files").join(name));
    }
}
