//! Every broken pipeline file under `tests/fixtures/config-errors/` and the exact error text a
//! user sees for it (`isnad check`). Data-driven: add a file, review its snapshot.

use isnad_runner::{Registry, load_str};

#[test]
fn config_errors() {
    let registry = Registry::builtin();
    insta::glob!("../../../tests/fixtures/config-errors", "*.toml", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let err = load_str(&src, &name, path.parent().unwrap_or(Path::new(".")), &registry)
            .expect_err("every fixture here is broken");
        insta::assert_snapshot!(err.to_string());
    });
}
