//! Lists every file under `papers/` into `$OUT_DIR/embedded_catalog.rs`, so that adding a paper
//! needs no code change. Cargo re-runs this when anything under `papers/` changes, new files too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let papers = root.join("papers");
    println!("cargo::rerun-if-changed=papers");

    let mut files = Vec::new();
    collect_toml(&papers, &mut files);
    files.sort();

    let mut out = String::from("pub const FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let shown = file.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");
        writeln!(out, "    ({shown:?}, include_str!({:?})),", file.display().to_string()).unwrap();
    }
    out.push_str("];\n");

    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_catalog.rs");
    std::fs::write(dest, out).expect("write the embedded catalog list");
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
