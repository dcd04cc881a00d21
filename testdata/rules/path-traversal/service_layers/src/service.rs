use crate::store::Store;

pub struct Notes {
    store: Store,
}

impl Notes {
    pub fn new(root: &str) -> Self {
        Notes { store: Store::new(root) }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn raw(&self, name: &str) -> String {
        self.store.read(name)
    }
}
