use native_tls::{Protocol, Tlersion(Some(Protocol::Tlsv12)).build()
}/**e 
pu