//! The repository's own `papers/`, read once for the tests that rank or walk real papers.
//! Read from the files (not from what `build.rs` prepared, which lives in the binary's crate),
//! so these tests also cover the loader on the whole catalog.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::catalog::{Catalog, Source, read_sources};
use crate::index::SearchIndex;

fn papers_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../papers")
}

/// The files under `papers/`.
pub fn sources() -> Vec<Source> {
    read_sources(&papers_dir()).expect("papers/ is readable")
}

/// The catalog that `papers/` holds, validated, read anew.
pub fn load() -> Catalog {
    Catalog::from_sources(&sources())
        .unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")))
}

/// The catalog that `papers/` holds, read once for all tests.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(load)
}

/// The search index of `catalog()`, built once: building it is most of a search test's cost.
pub fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::new(catalog()))
}
