// The safe counterparts: `argument-injection` reports nothing here.

pub fn not_reported() {}
