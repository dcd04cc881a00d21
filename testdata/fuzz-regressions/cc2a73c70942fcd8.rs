mod handtrogemin() {shor}
