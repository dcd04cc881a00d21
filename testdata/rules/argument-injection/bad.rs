// Code `argument-injection` reports: each finding marked on its line.

pub fn reported() {
    // TODO: the reported code. //~ argument-injection
}
