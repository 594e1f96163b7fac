//! Helpers shared by the state and screen tests: an app over the built-in catalog or over the
//! small frozen one in `tests/fixtures/screens`, and keys written the way a person would say
//! them ("/tinybrt<Enter>", "<C-d>", "G").

#![allow(dead_code)] // Each test binary uses its own subset.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mlpx::app::{App, Effect, Msg};
use mlpx::catalog::Catalog;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The id of the paper the reader shows, if it shows one.
pub fn open_id(app: &App) -> Option<&str> {
    app.open_paper().map(|p| p.id.as_str())
}

/// An app over the built-in catalog, sized as a terminal of `width` x `height`.
pub fn app(width: u16, height: u16) -> App {
    sized(App::new(mlpx::builtin::catalog()), width, height)
}

/// An app over the fixture catalog, whose screens do not change when the built-in one grows.
pub fn fixture_app(width: u16, height: u16) -> App {
    sized(App::new(fixture_catalog()), width, height)
}

pub fn fixture_catalog() -> Catalog {
    Catalog::load_dir(std::path::Path::new("tests/fixtures/screens")).expect("the fixture catalog is valid")
}

fn sized(mut app: App, width: u16, height: u16) -> App {
    let _ = app.update(Msg::Resize(width, height));
    app
}

/// Parses "ab<Enter><C-d><S-Tab>" into key events; "<lt>" is the "<" key itself.
pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            let shift = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            events.push(KeyEvent::new(KeyCode::Char(c), shift));
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        let (modifiers, base) = match name.split_once('-') {
            Some(("C", rest)) => (KeyModifiers::CONTROL, rest),
            Some(("S", rest)) => (KeyModifiers::SHIFT, rest),
            _ => (KeyModifiers::NONE, name.as_str()),
        };
        let code = match base {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" if modifiers == KeyModifiers::SHIFT => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "BS" => KeyCode::Backspace,
            "Space" => KeyCode::Char(' '),
            "lt" => KeyCode::Char('<'),
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PgDn" => KeyCode::PageDown,
            "PgUp" => KeyCode::PageUp,
            single if single.chars().count() == 1 => KeyCode::Char(single.chars().next().unwrap()),
            other => panic!("unknown key <{other}>"),
        };
        events.push(KeyEvent::new(code, modifiers));
    }
    events
}

/// Feeds keys through `handle_event` and `update`, as the terminal loop does, and returns the
/// last key's effect.
pub fn effect_of(app: &mut App, keys: &str) -> Effect {
    let mut effect = Effect::None;
    for key in parse_keys(keys) {
        if let Some(msg) = app.handle_event(&Event::Key(key)) {
            effect = app.update(msg);
        }
    }
    effect
}

/// Feeds keys that must not quit the app.
pub fn press(app: &mut App, keys: &str) {
    assert_eq!(effect_of(app, keys), Effect::None, "{keys:?} quit the app");
}

pub fn render(app: &App) -> Terminal<TestBackend> {
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("test terminal");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
    terminal
}

/// The screen as text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
