//! What the browser navigates: the category tree, the search index (names, concepts, authors,
//! years and ids in `search`, the explanations' words in `text`) and the query filters, built
//! once from a validated catalog and then only read; `to_prepared` saves an index for build.rs.

pub mod filter;
mod packed;
pub mod search;
pub mod text;
pub mod tree;

pub use search::{Hit, MatchField, SearchIndex, Via};
pub use tree::{CategoryTree, TreeRow};
