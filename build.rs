//! Prepares the built-in catalog at build time: reads every TOML file under `papers/`,
//! validates them with the crate's own loader (a broken file stops the build with its
//! file:line:field), builds the search index, and writes both, serialized, for `src/builtin.rs`
//! to compile in. The files themselves are compiled in too, for laying user catalogs over them.
//! Cargo re-runs this when anything under `papers/` changes, new files too.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The loader and the index, shared with the crate; the build uses only part of them.
#[allow(unused)]
#[path = "src/catalog/mod.rs"]
mod catalog;
#[allow(unused)]
#[path = "src/index/mod.rs"]
mod index;
#[allow(unused)]
#[path = "src/suggest.rs"]
mod suggest;

use catalog::{Catalog, Source};
use index::SearchIndex;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo::rerun-if-changed=papers");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut files = Vec::new();
    collect_toml(&root.join("papers"), &mut files);
    files.sort();
    let shown = |file: &Path| file.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");

    let sources: Vec<Source> = files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
            Source { path: shown(file), text: Cow::Owned(text) }
        })
        .collect();
    let catalog = Catalog::from_sources(&sources).unwrap_or_else(|errors| {
        for error in &errors {
            eprintln!("{error}");
        }
        eprintln!("the catalog under papers/ has {} error(s); `mlpx check papers` lists them too", errors.len());
        std::process::exit(1);
    });
    let index = SearchIndex::new(&catalog);
    write(&out.join("catalog.bin"), &catalog.to_prepared());
    write(&out.join("index.bin"), &index.to_prepared());

    let mut code = String::from("pub const FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        writeln!(code, "    ({:?}, include_str!({:?})),", shown(file), file.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    writeln!(code, "pub static CATALOG: &[u8] = include_bytes!({:?});", out.join("catalog.bin").display().to_string())
        .unwrap();
    writeln!(code, "pub static INDEX: &[u8] = include_bytes!({:?});", out.join("index.bin").display().to_string())
        .unwrap();
    write(&out.join("builtin.rs"), code.as_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn collect_toml(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_toml(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
