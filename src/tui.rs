//! The terminal loop: enter the alternate screen, draw after every event, leave it again on
//! every path out, a panic included.

use std::io::{self, IsTerminal};
use std::time::Duration;

use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use crate::app::{App, Effect, Msg};
use crate::shelf::ShelfStore;

/// Runs the browser; with a store, the shelf is saved after every change.
pub fn run(mut app: App, store: Option<ShelfStore>) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the browser needs a terminal; for scripts use `mlpx list`, `mlpx search` or `mlpx show` (see --help)",
        ));
    }
    let mut terminal = ratatui::try_init()?;
    // The first poll installs crossterm's SIGWINCH handler; a resize that lands before it would
    // otherwise be lost and leave the first frame at the old size.
    event::poll(Duration::ZERO)?;
    // ratatui's panic hook restores the screen; mouse reporting must be switched off as well.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        restore_screen(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        let _ = app.update(Msg::Resize(size.width, size.height));
        event_loop(&mut terminal, &mut app, store.as_ref())
    });
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, store: Option<&ShelfStore>) -> io::Result<()> {
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let event = event::read()?;
        let Some(msg) = app.handle_event(&event) else { continue };
        let effect = app.update(msg);
        if let Some(store) = store
            && app.shelf().has_unsaved_changes()
        {
            match store.save(app.shelf_mut()) {
                Ok(None) => {}
                Ok(Some(message)) => {
                    let _ = app.update(Msg::Status(message));
                }
                Err(err) => {
                    let _ = app.update(Msg::Status(err.to_string()));
                }
            }
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

/// Carries out an effect that reaches outside the terminal and says how it went.
fn run_effect(effect: Effect) -> String {
    match effect {
        Effect::OpenUrl(url) => match open::that_detached(&url) {
            Ok(()) => format!("opening {url}"),
            Err(err) => format!("no browser could be started ({err}); the link is {url}"),
        },
        Effect::Copy { text, what } => {
            // OSC 52 asks the terminal itself to set the clipboard, so it works over SSH too.
            match execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text)) {
                Ok(()) => format!("copied {what} (if your terminal allows OSC 52)"),
                Err(err) => format!("could not copy {what}: {err}"),
            }
        }
        Effect::None | Effect::Quit => String::new(),
    }
}
