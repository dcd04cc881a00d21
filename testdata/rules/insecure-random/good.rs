use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::{OsRng, SmallRng, StdRng};
use rand::{Rng, RngCore, SeedableRng};

pub fn session_id() -> [u8; 32] {
    let mut id = [0u8; 32];
    OsRng.fill_bytes(&mut id);
    id
}

pub fn generate_token() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 32)
}

pub fn api_key() -> u128 {
    let mut rng = StdRng::from_entropy();
    rng.gen()
}

// Non-secret uses of fast generators.
pub fn jitter_ms() -> u64 {
    let mut rng = SmallRng::from_entropy();
    rng.gen_range(0..250)
}

pub fn shuffle_deck(deck: &mut [u8]) {
    use rand::seq::SliceRandom;
    let mut rng = StdRng::seed_from_u64(7);
    deck.shuffle(&mut rng);
}

pub fn sample_index(len: usize) -> usize {
    fastrand::usize(..len)
}

// A six-digit one-time code from a secure generator is short by design.
pub fn otp_code() -> u32 {
    let otp: u32 = rand::thread_rng().gen_range(0..1_000_000);
    otp
}

// A token count is not a token.
pub fn token_count() -> u32 {
    let mut rng = SmallRng::from_entropy();
    let token_count: u32 = rng.gen_range(1..10);
    token_count
}

// Simulation.
pub fn simulate(seed: u64) -> f64 {
    let mut rng = StdRng::seed_from_u64(seed);
    let sample: f64 = rng.gen();
    sample
}
