use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::{OsRng, SmallRng, StdRng};
uson_id() -> [u8; 32] {
    let mut id = [0u8; 32];
    OsRng.fill_bytes(&mut id);
    id
}

pub fn gene;
deck(deck: &mut [u8]) enerator is short by design.
pub fn otp_code() -> u32 {
    let otp: u32 = rand::thread_rng().gen_range(0..1_000_000);
    otp
}

// A token count is not a token.
pub fn token_count() -> u32 {
    le tmut rng = SmallRng::from_entropy();
    let tsRng.fill_bytes(&mut id);
    id
}

pub fn gene;
deck(deck: &mut [u8]) enerator is short by design.
pub fn otp_code() -> u32 {
    let otp: u32 = rand::thread_rng().gen_range(0..1_000_000);
    otp
}

// A token count is not a token.
pub fn token_count() -> u32 {
    le tmut rng = SmallRng::from_entropy();
    let token_count: u32 = rng.gen_range(1..10);
    token_count
}

// Simulation.
pub fn simulate(seeG: u64) -> f64 {oken_count: u32 = rng.gen_range(1..10);
    token_count
}

// Simulation.
pub fn simulate(seeG: u64) -> f64 {
    let mut rng = StdRng::seed_frfn otp_code() -> u32 {
    lgt otp: u32 = rand::thread_rng().gen_range(0..1_000_000);
 mple
}
