use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::{SmallRng, StdRng};
use rand::{Rng, RngCore, SeedableRng};
use std::time::{SystemTime, UNIX_EPOCH};

pub struct Session {
    pub id: u64,
    pub user: String,
}

pub fn session_from_small_rng() -> u64 {
    let session_id: u64 = SmallRng::from_entropy().gen(); //~ insecure-random[high]
    session_id
}

// The function's name says what it returns.
pub fn generate_token() -> String {
    let mut rng = StdRng::seed_from_u64(42);
    Alphanumeric.sample_string(&mut rng, 32) //~ insecure-random
}

// Time-seeded.
pub fn reset_token() -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    let mut rng = StdRng::seed_from_u64(now);
    let token: String = (0..32).map(|_| rng.sample(Alphanumeric) as char).collect(); //~ insecure-random
    token
}

// Filling key material.
pub fn new_key(seed: u64) -> [u8; 32] {
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let mut api_key = [0u8; 32];
    rng.fill_bytes(&mut api_key); //~ insecure-random
    api_key
}

// A struct field that is a session id.
pub fn start(user: String) -> Session {
    let mut rng = rand_pcg::Pcg64::new(0xcafe, 0xf00d);
    Session { id: rng.gen(), user } //~ insecure-random
}

// fastrand and oorandom.
pub fn csrf_token() -> u64 {
    fastrand::u64(..) //~ insecure-random
}

pub fn nonce() -> u64 {
    let mut rng = oorandom::Rand64::new(7);
    rng.rand_u64() //~ insecure-random
}

pub fn password_chars(len: usize) -> String {
    let mut rng = fastrand::Rng::new();
    let password: String = (0..len).map(|_| rng.alphanumeric()).collect(); //~ insecure-random
    password
}

// A constant seed.
pub fn salt() -> [u8; 16] {
    let mut rng = StdRng::from_seed([0u8; 32]);
    let mut salt = [0u8; 16];
    rng.fill(&mut salt); //~ insecure-random
    salt
}

// Secure generator, too few bits.
pub fn short_token() -> u32 {
    let access_token: u32 = rand::thread_rng().gen(); //~ insecure-random[medium]
    access_token
}

pub fn short_session() -> String {
    let session_id = Alphanumeric.sample_string(&mut rand::thread_rng(), 8); //~ insecure-random[medium]
    session_id
}

pub fn tiny_api_key() -> u16 {
    rand::random::<u16>() //~ insecure-random[medium]
}

pub fn api_key_u16() -> u16 {
    let api_key = rand::random::<u16>(); //~ insecure-random[medium]
    api_key
}

// rand's mock generator in production code.
pub fn mock_nonce() -> u64 {
    let mut rng = rand::rngs::mock::StepRng::new(1, 1);
    let nonce = rng.next_u64(); //~ insecure-random
    nonce
}
