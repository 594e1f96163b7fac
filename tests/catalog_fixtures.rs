//! Every broken catalog under `tests/fixtures/broken/` must fail with exactly the message in its
//! `expected.txt`: one folder per kind of error, so each message is pinned down.

use std::path::Path;

use mlpx::catalog::{Catalog, LoadError};

#[test]
fn each_broken_fixture_gives_its_exact_message() {
    let root = Path::new("tests/fixtures/broken");
    let mut cases: Vec<_> = std::fs::read_dir(root).expect("fixtures").map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 15, "one fixture per kind of error");
    for case in cases {
        let expected = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
        let prefix = format!("{}/", case.display());
        let messages = match Catalog::load_dir(&case) {
            Ok(_) => panic!("{} loaded without error", case.display()),
            Err(LoadError::Invalid(errors)) => {
                errors.iter().map(|e| e.to_string().replace(&prefix, "")).collect::<Vec<_>>()
            }
            Err(other) => panic!("{}: {other}", case.display()),
        };
        assert_eq!(messages, expected.lines().collect::<Vec<_>>(), "fixture {}", case.display());
        assert_eq!(messages.len(), 1, "{}: one error per fixture", case.display());
    }
}

#[test]
fn the_good_fixture_loads() {
    let catalog = Catalog::load_dir(Path::new("tests/fixtures/good")).expect("valid");
    assert_eq!(catalog.papers()[0].id, "good");
}

#[test]
fn a_missing_folder_is_an_io_error_naming_it() {
    let err = Catalog::load_dir(Path::new("tests/fixtures/no-such-folder")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.to_string().contains("no-such-folder"), "{err}");
}
