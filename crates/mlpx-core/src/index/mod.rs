//! What the browser navigates: the category tree and the search index, both built once from a
//! validated catalog and then only read.

pub mod filter;
mod packed;
pub mod search;
pub mod text;
pub mod tree;

pub use search::{Hit, MatchField, SearchIndex, Via};
pub use tree::{CategoryTree, TreeRow};
