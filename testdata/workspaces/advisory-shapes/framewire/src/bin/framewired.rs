//! framewired: the framewire server. Frames on TCP (the header's flags pick
//! one of sixteen databases) and an admin socket for the operator's tools.

use std::collections::HashMap;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::{Arc, Mutex};
use std::thread;

use byteorder::{BigEndian, ReadBytesExt};
use framewire::frame::{self, Kind, MAX_FRAME};
use framewire::{codec, Error};

const DATABASES: usize = 16;
/// Largest restore blob the admin socket accepts (64 MiB).
const MAX_RESTORE: usize = 64 << 20;

type Db = HashMap<String, Vec<u8>>;
type Dbs = Arc<Mutex<Vec<Db>>>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--self-test") {
        std::process::exit(if framewire::self_test() { 0 } else { 1 });
    }
    let addr = std::env::var("FRAMEWIRE_LISTEN").unwrap_or_else(|_| "127.0.0.1:7070".into());
    let dbs: Dbs = Arc::new(Mutex::new(vec![Db::new(); DATABASES]));

    let admin = UnixListener::bind("/run/framewire/admin.sock")?;
    let admin_dbs = dbs.clone();
    thread::spawn(move || {
        for stream in admin.incoming().flatten() {
            let _ = admin_command(stream, &admin_dbs);
        }
    });

    let listener = TcpListener::bind(addr)?;
    for stream in listener.incoming() {
        let stream = stream?;
        let dbs = dbs.clone();
        thread::spawn(move || {
            let _ = client_loop(stream, &dbs);
        });
    }
    Ok(())
}

/// One client, frame after frame until it hangs up.
fn client_loop(mut stream: TcpStream, dbs: &Dbs) -> Result<(), Error> {
    loop {
        let request = frame::decode_bounded(&mut stream, MAX_FRAME)?;
        let index = usize::from(request.header.flags);
        let mut dbs = dbs.lock().unwrap_or_else(|e| e.into_inner());
        let reply = match request.header.kind {
            Kind::Hello => {
                let name = String::from_utf8_lossy(&request.payload);
                eprintln!("client {:?} connected", codec::short_name_checked(&name));
                Vec::new()
            }
            Kind::Get => {
                let db = &dbs[index]; // PLANTED: input-reachable-panic
                let key = std::str::from_utf8(&request.payload).map_err(|_| Error::BadUtf8)?;
                db.get(key).cloned().unwrap_or_default()
            }
            Kind::Put => {
                let Some(db) = dbs.get_mut(index) else { // FIXED: input-reachable-panic
                    return Err(Error::Truncated);
                };
                let (key, value) = codec::split_put_checked(&request.payload)?;
                db.insert(key.to_string(), value.to_vec());
                Vec::new()
            }
            _ => Vec::new(),
        };
        drop(dbs);
        frame::encode(&mut stream, Kind::Value, 0, &reply)?;
    }
}

/// One admin connection: `length u32 | script`, then `length u32 | restore blob`.
/// Script lines: `FLUSH <db>`.
fn admin_command(mut stream: UnixStream, dbs: &Dbs) -> Result<(), Error> {
    let n = stream.read_u32::<BigEndian>()? as usize;
    let mut script = vec![0u8; n]; // PLANTED: uncontrolled-allocation
    stream.read_exact(&mut script)?;
    let blob_len = stream.read_u32::<BigEndian>()? as usize;
    if blob_len > MAX_RESTORE {
        return Err(Error::TooLarge(blob_len));
    }
    let mut blob = vec![0u8; blob_len]; // FIXED: uncontrolled-allocation
    stream.read_exact(&mut blob)?;

    let mut dbs = dbs.lock().unwrap_or_else(|e| e.into_inner());
    for line in String::from_utf8_lossy(&script).lines() {
        if let Some(db) = line.strip_prefix("FLUSH ").and_then(|n| n.trim().parse::<usize>().ok()).and_then(|i| dbs.get_mut(i)) {
            db.clear();
        }
    }
    if !blob.is_empty() {
        let (key, value) = codec::split_put_checked(&blob)?;
        if let Some(db) = dbs.get_mut(0) {
            db.insert(key.to_string(), value.to_vec());
        }
    }
    Ok(())
}
