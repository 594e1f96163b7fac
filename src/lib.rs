//! mlpx: a terminal browser for machine-learning papers explained in our own words.
//!
//! The crate is a library with a thin binary: `catalog` loads and validates the papers,
//! `index` builds the category tree and the search index, `app` holds the browser's state and
//! its one `update` function, `ui` draws that state, `tui` runs the terminal loop, and `cli`
//! answers the same catalog from scripts.

pub mod catalog;
pub mod index;
pub mod suggest;
