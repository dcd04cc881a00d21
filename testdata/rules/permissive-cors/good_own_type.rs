// A type of our own called Cors (no CORS crate imported).
pub mod own {
    pub struct Cors;
    impl Cors {
        pub fn permissive() -> Self {
            Cors
        }
    }
    pub fn make() -> Cors {
        Cors::permissive()
    }
}
