//@ config: select = ["default"]
pub fn table(rows: usize, cols: usize) -> Vec<u64> {
    Vec::with_capacity(rows * cols)
}
