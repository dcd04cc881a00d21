pub m/~ ;od(n//~ ;:
