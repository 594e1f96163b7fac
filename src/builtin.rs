//! The built-in catalog: validated, indexed and serialized by `build.rs` from `papers/`, then
//! compiled in. Start-up reads the ready catalog and index back instead of parsing TOML and
//! building the index, which is most of what a short command like `mlpx search` would cost.

use std::borrow::Cow;
use std::path::PathBuf;

use crate::catalog::{Catalog, Layered, Source};
use crate::index::SearchIndex;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The catalog compiled into the binary.
pub fn catalog() -> Catalog {
    Catalog::from_prepared(generated::CATALOG).expect("build.rs wrote this catalog").into_built_in()
}

/// The built-in catalog with the user's folders `dirs` laid over it.
pub fn layered(dirs: &[PathBuf]) -> Layered {
    Catalog::lay_over(catalog(), sources, dirs)
}

/// The index of `catalog`: read back ready-made for the built-in catalog, built otherwise.
pub fn index(catalog: &Catalog) -> SearchIndex {
    if catalog.is_built_in() {
        SearchIndex::from_prepared(generated::INDEX).expect("build.rs wrote this index")
    } else {
        SearchIndex::new(catalog)
    }
}

/// The TOML files the built-in catalog was made from, for laying user files over them.
pub fn sources() -> Vec<Source> {
    generated::FILES.iter().map(|&(path, text)| Source { path: path.to_owned(), text: Cow::Borrowed(text) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prepared_catalog_is_what_its_files_say() {
        let from_files = Catalog::from_sources(&sources()).unwrap_or_else(|errors| {
            panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
        });
        let prepared = catalog();
        assert!(prepared.is_built_in() && !from_files.is_built_in());
        assert!(prepared.papers().len() >= 25, "the core papers are all there");
        assert_eq!(prepared.papers(), from_files.papers());
        assert_eq!(prepared.categories(), from_files.categories());
        assert_eq!(prepared.concepts(), from_files.concepts());
        assert_eq!(prepared.paths(), from_files.paths());
        assert_eq!(prepared.paper_index("bert"), from_files.paper_index("bert"));
    }

    #[test]
    fn the_prepared_index_finds_what_a_fresh_one_finds() {
        let catalog = catalog();
        let (fresh, prepared) = (SearchIndex::new(&catalog), index(&catalog));
        for query in ["tinybrt", "phone bert", "distillation", "rcnn", "girshick", "2017", "1810.04805"] {
            assert_eq!(prepared.search(query), fresh.search(query), "{query:?}");
            assert_eq!(prepared.search_concepts(query), fresh.search_concepts(query), "{query:?}");
        }
    }
}
