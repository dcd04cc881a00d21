//! Code hosts, CI and package registries.

const GITHUB_TOKEN: &str = "ghp_wyQNeLnpT5xawz8r2A3hS1Jx9cJNtgsIGv8L"; //~ hardcoded-secret[critical]

fn fine_grained() -> String {
    "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".to_string() //~ hardcoded-secret
}

fn gitlab(client: &reqwest::Client) -> reqwest::RequestBuilder {
    client.get("https://gitlab.com/api/v4/projects").header("PRIVATE-TOKEN", "glpat-APXPnVFmBLNIjvj0xCi0") //~ hardcoded-secret
}

fn bitbucket() -> &'static str {
    "ATBBAoBEHM5ptArfM49vlAbjhsKJMKlBmuMg" //~ hardcoded-secret
}

fn registries() -> Vec<&'static str> {
    vec![
        "cioPYSvUed8Fi1H9eum2DPy75o5SN1ZE1ga", //~ hardcoded-secret[critical]
        "npm_mRkhfvjxNWgKWCVu0XZlT57J9LO393gxg0em", //~ hardcoded-secret
        "pypi-AgEIcHlwaS5vcmcAPVw6kFZ7WapVqa_WRj-Lco9TzRWsL_loL0Ri3gC1EIjsIm93xXFl5TqkasU", //~ hardcoded-secret
        "dckr_pat_ccG6XkgBy4b8kJ8cguY3eBd103W", //~ hardcoded-secret
        "oy2akvjtm1exnz0mri4xsahk3eeyc0jmb5u3i3pexbal1f", //~ hardcoded-secret
    ]
}

fn ci() -> [&'static str; 2] {
    ["CCIPAT_riWPxvXnjsH55SJfshgPzx_9bfe74800c47f1006d779171cb09ee33b8cc952e", "sqp_16c39bd4eb2f06e1123a4ba88f438808c578e541"] //~ hardcoded-secret hardcoded-secret
}

fn in_a_command() -> std::process::Command {
    let mut c = std::process::Command::new("git");
    c.env("GH_TOKEN", "gho_5VwJhaDcS0NFR3PcbLAhAUHNCNKoI8ShTeUR"); //~ hardcoded-secret
    c
}
