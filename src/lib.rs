//! mlpx: a terminal browser for machine-learning papers explained in our own words.
//!
//! The crate is a library with a thin binary. The catalog (loading, validation) and the index
//! (tree, search) live in the `mlpx-core` crate, which `build.rs` uses too, and are re-exported
//! here as `catalog`, `index` and `suggest`; `builtin` reads back the catalog and index that
//! `build.rs` prepared, `app` holds the browser's state and its one `update`
//! function, `document` turns a page into styled text, `ui` draws, `keymap` is the one table of
//! keys, `tui` runs the terminal loop, `cli` answers from scripts; `shelf`, `notes`, `config` and
//! `paths` keep what is the user's, and `cite`, `math` and `wrap` serve the pages.

pub use mlpx_core::{catalog, index, suggest};

pub mod app;
pub mod builtin;
pub mod cite;
pub mod cli;
pub mod config;
pub mod document;
pub mod keymap;
pub mod math;
pub mod notes;
pub mod paths;
pub mod shelf;
pub mod tui;
pub mod ui;
pub mod wrap;
