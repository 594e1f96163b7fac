//! The binary: parse the command line, load the catalog, then either answer on stdout or open
//! the browser. Everything that can fail is checked before the terminal changes mode.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;
use mlpx::app::App;
use mlpx::catalog::Catalog;
use mlpx::cli::{self, Cli, Output};
use mlpx::shelf::{Shelf, ShelfStore};

fn main() -> ExitCode {
    let args = Cli::parse();
    let catalog = match Catalog::embedded() {
        Ok(catalog) => catalog,
        Err(errors) => {
            for error in errors {
                eprintln!("{error}");
            }
            eprintln!("mlpx: the built-in catalog is invalid (this is a bug in this build)");
            return ExitCode::FAILURE;
        }
    };
    let store = ShelfStore::locate();
    match args.command {
        Some(command) => {
            let shelf = match store.as_ref().map(ShelfStore::peek) {
                Some(Ok(shelf)) => shelf,
                Some(Err(problem)) => {
                    eprintln!("mlpx: {problem}; going on without bookmarks and read marks");
                    Shelf::default()
                }
                None => Shelf::default(),
            };
            let color = cli::color_wanted(io::stdout().is_terminal());
            let (mut stdout, mut stderr) = (io::stdout().lock(), io::stderr().lock());
            let mut output = Output { out: &mut stdout, err: &mut stderr, color };
            match cli::run(command, &catalog, &shelf, &mut output) {
                Ok(code) => code,
                // A closed pipe (`mlpx list | head`) is not an error worth a message.
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("mlpx: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        None => {
            let (shelf, message) = store.as_ref().map(ShelfStore::load).unwrap_or_default();
            match mlpx::tui::run(App::new(catalog).with_shelf(shelf, message), store) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("mlpx: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
