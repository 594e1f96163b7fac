//! The terminal loop: enter the alternate screen, draw after every event, leave it again on
//! every path out, a panic included.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen};

use crate::app::{App, Effect, Msg};
use crate::notes::NotesStore;
use crate::shelf::ShelfStore;

/// Where the reader's own things are kept; without it (no data directory), nothing is saved.
pub struct Storage {
    pub shelf: ShelfStore,
    pub notes: NotesStore,
}

/// Runs the browser; the shelf is saved after every change.
pub fn run(mut app: App, storage: Option<Storage>) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the browser needs a terminal; for scripts use `mlpx list`, `mlpx search` or `mlpx show` (see --help)",
        ));
    }
    let report_panic = std::panic::take_hook();
    let mut terminal = ratatui::try_init()?;
    // The first poll installs crossterm's SIGWINCH handler; a resize that lands before it would
    // otherwise be lost and leave the first frame at the old size.
    event::poll(Duration::ZERO)?;
    // A panic hands the terminal back, mouse reporting included. ratatui's own hook is replaced:
    // it reports a failed restore with `eprintln!`, which panics again, and so aborts, when the
    // terminal is gone.
    drop(std::panic::take_hook());
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        let _ = ratatui::try_restore();
        report_panic(info);
    }));
    // SIGTERM, SIGINT and SIGHUP end the loop like `q` does, so the terminal is handed back.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGINT, SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    if terminal::window_size().is_ok() {
        exit_when_the_terminal_goes_away();
    }
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        let _ = app.update(Msg::Resize(size.width, size.height));
        event_loop(&mut terminal, &mut app, storage.as_ref(), &stop)
    });
    let _ = execute!(io::stdout(), DisableMouseCapture);
    let restored = ratatui::try_restore();
    result.and(restored)
}

/// How often a pending signal is noticed while no key comes.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How often the watchdog asks whether the terminal is still there.
const HANGUP_CHECK: Duration = Duration::from_millis(250);

/// A terminal that goes away (its window closed, its connection dropped) leaves crossterm
/// reading end-of-input in a loop that never returns, at full CPU, and a SIGHUP may not come.
/// A watchdog thread asks the terminal for its size, which fails once the terminal is gone, and
/// then ends the process: there is no screen left to restore, and the shelf was saved at every
/// change.
fn exit_when_the_terminal_goes_away() {
    thread::spawn(|| {
        loop {
            thread::sleep(HANGUP_CHECK);
            if terminal::window_size().is_err() {
                // 128 + SIGHUP, as a shell reports a process ended by a hang-up.
                std::process::exit(129);
            }
        }
    });
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    storage: Option<&Storage>,
    stop: &AtomicBool,
) -> io::Result<()> {
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        loop {
            match event::poll(SIGNAL_CHECK) {
                Ok(true) => break,
                Ok(false) => {}
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
        }
        let event = event::read()?;
        // Lets the end-to-end tests check that a panic hands the terminal back; debug builds only.
        #[cfg(debug_assertions)]
        if std::env::var_os("MLPX_PANIC_ON_KEY").is_some() && matches!(event, event::Event::Key(_)) {
            panic!("MLPX_PANIC_ON_KEY is set and a key was pressed");
        }
        let Some(msg) = app.handle_event(&event) else { continue };
        let effect = app.update(msg);
        if let Some(storage) = storage
            && app.shelf().has_unsaved_changes()
        {
            match storage.shelf.save(app.shelf_mut()) {
                Ok(None) => {}
                Ok(Some(message)) => {
                    let _ = app.update(Msg::Status(message));
                }
                Err(err) => {
                    let _ = app.update(Msg::Status(err.to_string()));
                }
            }
        }
        if let Effect::EditNote { id, title } = &effect {
            let report = match storage {
                Some(storage) => edit_note(terminal, &storage.notes, id, title).map(|note| {
                    let _ = app.update(Msg::NoteSaved(id.clone(), note));
                }),
                None => Err(io::Error::other("no data directory to keep notes in; set MLPX_DATA_DIR")),
            };
            if let Err(err) = report {
                let _ = app.update(Msg::Status(format!("the note was not edited: {err}")));
            }
            continue;
        }
        match effect {
            Effect::None => {}
            Effect::Quit => return Ok(()),
            effect => {
                let report = run_effect(effect);
                let _ = app.update(Msg::Status(report));
            }
        }
    }
}

/// Hands the terminal to the user's editor and takes it back, whatever the editor did.
fn edit_note(
    terminal: &mut ratatui::DefaultTerminal,
    notes: &NotesStore,
    id: &str,
    title: &str,
) -> io::Result<Option<String>> {
    let file = notes.prepare(id, title)?;
    execute!(io::stdout(), DisableMouseCapture)?;
    ratatui::try_restore()?;
    let editor = crate::notes::editor();
    let status = crate::notes::run_editor(&editor, &file);
    // The screen is taken back without asking the terminal where its cursor is (ratatui's
    // `clear` and `init` do), which some terminals never answer. Drawing a blank frame makes
    // the next frame repaint every cell.
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, Clear(ClearType::All))?;
    terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
    match status {
        Ok(status) if status.success() => Ok(notes.read(id)),
        Ok(status) => Err(io::Error::other(format!("{editor} ended with {status}"))),
        Err(err) => Err(io::Error::other(format!("{editor} could not start: {err}"))),
    }
}

/// Carries out an effect that reaches outside the terminal and says how it went.
fn run_effect(effect: Effect) -> String {
    match effect {
        Effect::OpenUrl(url) => match open::that_detached(&url) {
            Ok(()) => format!("opening {url}"),
            // The opener's own error says little to a reader; what to do next says more.
            Err(_) => format!("no browser could be started; the link is {url} (y copies it)"),
        },
        Effect::Copy { text, what } => {
            // OSC 52 asks the terminal itself to set the clipboard, so it works over SSH too.
            match execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text)) {
                Ok(()) => format!("copied {what} (if your terminal allows OSC 52)"),
                Err(err) => format!("could not copy {what}: {err}"),
            }
        }
        Effect::None | Effect::Quit | Effect::EditNote { .. } => String::new(),
    }
}
