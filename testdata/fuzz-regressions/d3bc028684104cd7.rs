mod handlers
    // sast:allow(unwrap-t on `a`
}

// A string literal that mentions the marker is not a sm;od shell;

fn ma/*() {}
