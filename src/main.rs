//! The binary: parse the command line, load the catalog, then either answer on stdout or open
//! the browser. Everything that can fail is checked before the terminal changes mode.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use mlpx::app::{App, ListView};
use mlpx::cli::{self, Cli, Output};
use mlpx::config::Config;
use mlpx::notes::NotesStore;
use mlpx::paths::{config_file, data_dir};
use mlpx::shelf::{Shelf, ShelfStore};
use mlpx::tui::Storage;

fn main() -> ExitCode {
    let args = Cli::parse();
    let mut dirs: Vec<PathBuf> = mlpx::paths::user_papers_dir().filter(|d| d.is_dir()).into_iter().collect();
    dirs.extend(args.catalogs.iter().cloned());
    let layered = mlpx::builtin::layered(&dirs);
    let catalog_message = layered.summary();
    let catalog = layered.catalog;
    let store = ShelfStore::in_data_dir();
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
            if let Some(message) = &catalog_message {
                eprintln!("mlpx: {message}");
            }
            let color = args.color.wanted(io::stdout().is_terminal(), cli::no_color_set());
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
            let (config, config_message) = load_config();
            mlpx::ui::theme::use_theme(config.theme);
            mlpx::keymap::use_overrides(config.keys);
            let (shelf, shelf_message) = store.as_ref().map(ShelfStore::load).unwrap_or_default();
            let messages: Vec<String> =
                catalog_message.into_iter().chain(shelf_message).chain(config_message).collect();
            let message = (!messages.is_empty()).then(|| messages.join("; "));
            let colors = args.color.wanted(true, cli::no_color_set());
            let notes = data_dir().map(|dir| NotesStore::new(dir.join("notes")));
            let app = App::new(catalog)
                .with_shelf(shelf, message)
                .with_notes(notes.as_ref().map(NotesStore::load_all).unwrap_or_default())
                .with_colors(colors)
                .with_start_view(config.start_view.unwrap_or(ListView::Library));
            let storage = store.zip(notes).map(|(shelf, notes)| Storage { shelf, notes });
            match mlpx::tui::run(app, storage) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    // Not `eprintln!`: it panics when the terminal has gone away.
                    let _ = writeln!(io::stderr(), "mlpx: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The user's config, or the defaults and a line saying what was wrong with it.
fn load_config() -> (Config, Option<String>) {
    let Some(path) = config_file() else { return (Config::default(), None) };
    match Config::load(&path) {
        Ok(config) => (config, None),
        Err(errors) => {
            let more = if errors.len() > 1 { format!(" and {} more", errors.len() - 1) } else { String::new() };
            (Config::default(), Some(format!("{}{more}; using the defaults (mlpx config tells all)", errors[0])))
        }
    }
}
