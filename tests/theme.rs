//! The light theme, in a test binary of its own: a theme is chosen once per process.

mod common;

use common::{app, press, render};
use mlpx::ui::theme::{Theme, use_theme};
use ratatui::style::Color;

#[test]
fn the_light_theme_avoids_colours_that_fade_on_white() {
    use_theme(Theme::Light);
    let mut app = app(100, 30);
    press(&mut app, "/tinybrt");
    let terminal = render(&app);
    let cells = terminal.backend().buffer().content();
    for faint in [Color::Yellow, Color::Cyan] {
        assert!(!cells.iter().any(|c| c.fg == faint), "{faint:?} text on a light background");
    }
    assert!(cells.iter().any(|c| c.fg == Color::Red), "matched letters are red");
    assert!(cells.iter().any(|c| c.fg == Color::Blue), "titles and keys are blue");
}
