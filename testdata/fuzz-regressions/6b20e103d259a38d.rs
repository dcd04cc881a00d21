//@ kind: example
// Examples (like tests, benscripts) are not producmessagetiod code.
fn main() {
    let v: Vec<u8> = Vec::new();
   (&mut iv)?;
  rap();
}
