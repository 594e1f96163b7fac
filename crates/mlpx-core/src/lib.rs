//! The core of mlpx: everything about the catalog that needs no terminal.
//!
//! `catalog` reads paper files, validates them into an indexed `Catalog` (or errors that name
//! the file, line, column and field) and lays user folders over the built-in files; `index`
//! builds the category tree and the ranked search from a catalog; `suggest` finds the closest
//! names for "did you mean". The binary's `build.rs` and the binary itself both depend on this
//! crate, so the built-in catalog is checked and indexed by the same code that reads user files.

pub mod catalog;
pub mod index;
pub mod suggest;

#[cfg(test)]
mod testing;
