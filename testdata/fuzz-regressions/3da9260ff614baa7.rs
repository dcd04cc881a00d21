//@ s()).to_v/epub fn good_ha{ *p }
}
