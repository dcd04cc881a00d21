//@ config: test-code = "report"
// With `test-code = "report"`, test code is reported too.
#[cfg(test)]
mod tests {
    fn read(p: *const u8) -> u8 {
        unsafe { *p } //~ undocumented-unsafe
    }
}
