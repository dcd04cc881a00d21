mod handler+s
m;o2d shell;

fn r##n() {}
