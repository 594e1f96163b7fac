//! Prepares the built-in catalog at build time: reads every TOML file under `papers/`,
//! validates them with the core crate's loader (a broken file stops the build with its
//! file:line:field), builds the search index, and writes both, serialized, for `src/builtin.rs`
//! to compile in. The files themselves are compiled in too, for laying user catalogs over them.
//! Cargo re-runs this when anything under `papers/` changes, new files too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mlpx_core::catalog::{Catalog, read_sources};
use mlpx_core::index::SearchIndex;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo::rerun-if-changed=papers");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    // Read relative to the package (a build script's working directory) so that errors and
    // the compiled-in names read `papers/...`, as `mlpx check papers` prints them.
    let sources = read_sources(Path::new("papers")).unwrap_or_else(|error| panic!("{error}"));
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
    for source in &sources {
        let name = source.path.replace('\\', "/");
        writeln!(code, "    ({name:?}, include_str!({:?})),", root.join(&source.path).display().to_string()).unwrap();
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
