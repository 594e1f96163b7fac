//! The few styles mlpx uses, named by meaning. Colours are the terminal's own 16, so the
//! user's palette (dark or light) decides how they look.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn subtitle() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn label() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn link() -> Style {
    Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
}

pub fn tag() -> Style {
    Style::new().fg(Color::Magenta)
}

pub fn current() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn matched() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Every occurrence of the word found in the page.
pub fn found() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

/// The occurrence that n/N moved to.
pub fn current_match() -> Style {
    Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(Modifier::BOLD)
}

pub fn bookmark() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn category() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn border(focused: bool) -> Style {
    if focused { Style::new().fg(Color::Cyan) } else { Style::new().fg(Color::DarkGray) }
}

pub fn selected(focused: bool) -> Style {
    if focused { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new().bg(Color::DarkGray) }
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
