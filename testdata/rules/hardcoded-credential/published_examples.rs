//! The example values of the OAuth 2.0 specifications (RFC 6749, RFC 6750)
//! are published: code that copies a token response from the RFC into a
//! mock holds no secret. The same shapes with values of their own are
//! reported.

pub const ACCESS_TOKEN: &str = "2YotnFZFEjr1zCsicMWpAA";
pub const REFRESH_TOKEN: &str = "tGzv3JOkF0XG5Qx2TlKWIA";
pub const CLIENT_SECRET: &str = "7Fjfp0ZBr1KtDRbnfVdmIw";

pub const SERVICE_ACCESS_TOKEN: &str = "Wq8Lm3Zt6Kp1Xv9Rb4Nc7Yd2"; //~ hardcoded-credential
pub const SERVICE_CLIENT_SECRET: &str = "Hj5Qs2Wn8Ue4Rk7Tb1Zx6Pm3"; //~ hardcoded-credential
