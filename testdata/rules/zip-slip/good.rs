// The safe counterparts: `zip-slip` reports nothing here.

pub fn not_reported() {}
