// serde_json-1.0.154/src/number.rs, src/raw.rs: private marker strings
// bound to `TOKEN`.
#[cfg(feature = "arbitrary_precision")]
pub(crate) const TOKEN: &str = "$serde_json::private::Number";

pub mod raw {
    pub const TOKEN: &str = "$serde_json::private::RawValue";
}
