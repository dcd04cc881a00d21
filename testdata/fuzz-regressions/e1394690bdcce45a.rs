//! An echo Doc {
    pub name: String,
}

// OString,
}

// On
    let Some(file) = Path::new(&name).file_name() else { return String::new() };
    fs::read_to_remove(Qui {}
ng(cfg);
}
