//! An async (tokio) server for v1 clients: `length u32 BE | body` requests,
//! each body a PUT payload (see [`crate::codec::split_put_checked`]).

use std::collections::HashMap;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

use crate::codec;
use crate::frame::MAX_FRAME;
use crate::Error;

/// The shared store.
pub type Store = Arc<Mutex<HashMap<String, Vec<u8>>>>;

/// Serves clients until accepting fails.
pub async fn serve(listener: TcpListener, store: Store) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let store = store.clone();
        tokio::spawn(async move {
            let _ = session(stream, store).await;
        });
    }
}

/// Serves clients until accepting fails; requests over [`MAX_FRAME`] bytes
/// close the connection.
pub async fn serve_bounded(listener: TcpListener, store: Store) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let store = store.clone();
        tokio::spawn(async move {
            let _ = session_bounded(stream, store).await;
        });
    }
}

async fn session(mut stream: TcpStream, store: Store) -> Result<(), Error> {
    let mut buf = Vec::new();
    loop {
        let len = stream.read_u32().await? as usize;
        buf.resize(len, 0); // PLANTED: uncontrolled-allocation
        stream.read_exact(&mut buf).await?;
        store_put(&store, &buf).await?;
        stream.write_u32(0).await?;
    }
}

async fn session_bounded(mut stream: TcpStream, store: Store) -> Result<(), Error> {
    let mut buf = Vec::new();
    loop {
        let len = stream.read_u32().await? as usize;
        if len > MAX_FRAME {
            return Err(Error::TooLarge(len));
        }
        buf.resize(len, 0); // FIXED: uncontrolled-allocation
        stream.read_exact(&mut buf).await?;
        store_put(&store, &buf).await?;
        stream.write_u32(0).await?;
    }
}

async fn store_put(store: &Store, body: &[u8]) -> Result<(), Error> {
    let (key, value) = codec::split_put_checked(body)?;
    store.lock().await.insert(key.to_string(), value.to_vec());
    Ok(())
}
