//! The terminal loop: enter the alternate screen, draw after every event, leave it again on
//! every path out, a panic included.

use std::io::{self, IsTerminal};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use crate::app::{App, Effect, Msg};

pub fn run(mut app: App) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the browser needs a terminal; for scripts use `mlpx list`, `mlpx search` or `mlpx show` (see --help)",
        ));
    }
    let mut terminal = ratatui::try_init()?;
    // ratatui's panic hook restores the screen; mouse reporting must be switched off as well.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        restore_screen(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        let _ = app.update(Msg::Resize(size.width, size.height));
        event_loop(&mut terminal, &mut app)
    });
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let event = event::read()?;
        if let Some(msg) = app.handle_event(&event) {
            match app.update(msg) {
                Effect::Quit => return Ok(()),
                Effect::None => {}
            }
        }
    }
}
