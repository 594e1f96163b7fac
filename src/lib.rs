//! mlpx: a terminal browser for machine-learning papers explained in our own words.
//!
//! The crate is a library with a thin binary: `catalog` loads and validates the papers,
//! `index` builds the category tree and the search index, `builtin` reads back the catalog and
//! index that `build.rs` prepared, `app` holds the browser's state and its one `update`
//! function, `document` turns a page into styled text, `ui` draws, `keymap` is the one table of
//! keys, `tui` runs the terminal loop, and `cli` answers from scripts.

pub mod app;
pub mod builtin;
pub mod catalog;
pub mod cite;
pub mod cli;
pub mod config;
pub mod document;
pub mod index;
pub mod keymap;
pub mod math;
pub mod notes;
pub mod shelf;
pub mod suggest;
pub mod tui;
pub mod ui;
pub mod wrap;
