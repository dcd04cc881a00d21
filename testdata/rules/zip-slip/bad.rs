// Code `zip-slip` reports: each finding marked on its line.

pub fn reported() {
    // TODO: the reported code. //~ zip-slip
}
