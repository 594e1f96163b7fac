//! The few styles mlpx uses, named by meaning, drawn from one of three palettes. Every colour is
//! one of the terminal's own 16, so the browser looks right on terminals without true colour and
//! follows the user's own palette.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl Theme {
    pub const NAMES: [(&'static str, Theme); 3] =
        [("dark", Theme::Dark), ("light", Theme::Light), ("high-contrast", Theme::HighContrast)];

    fn palette(self) -> Palette {
        match self {
            Self::Dark => Palette {
                accent: Color::Cyan,
                dim: Color::DarkGray,
                link: Color::Blue,
                tag: Color::Magenta,
                highlight: Color::Yellow,
                error: Color::Red,
                found: Color::Yellow,
                current_match: Color::LightRed,
                unfocused_selection: Color::DarkGray,
            },
            // Yellow and cyan fade on a white background; blue and red stay readable.
            Self::Light => Palette {
                accent: Color::Blue,
                dim: Color::DarkGray,
                link: Color::Blue,
                tag: Color::Magenta,
                highlight: Color::Red,
                error: Color::Red,
                found: Color::LightYellow,
                current_match: Color::LightRed,
                unfocused_selection: Color::Gray,
            },
            Self::HighContrast => Palette {
                accent: Color::White,
                dim: Color::Gray,
                link: Color::LightCyan,
                tag: Color::LightMagenta,
                highlight: Color::LightYellow,
                error: Color::LightRed,
                found: Color::LightYellow,
                current_match: Color::White,
                unfocused_selection: Color::Gray,
            },
        }
    }
}

struct Palette {
    accent: Color,
    dim: Color,
    link: Color,
    tag: Color,
    highlight: Color,
    error: Color,
    found: Color,
    current_match: Color,
    unfocused_selection: Color,
}

static PALETTE: OnceLock<Palette> = OnceLock::new();

/// Chooses the theme for this process, before the first frame; later calls change nothing.
pub fn use_theme(theme: Theme) {
    let _ = PALETTE.set(theme.palette());
}

fn palette() -> &'static Palette {
    PALETTE.get_or_init(|| Theme::Dark.palette())
}

pub fn title() -> Style {
    Style::new().fg(palette().accent).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().fg(palette().accent).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn subtitle() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}

pub fn dim() -> Style {
    Style::new().fg(palette().dim)
}

pub fn label() -> Style {
    Style::new().fg(palette().dim)
}

pub fn link() -> Style {
    Style::new().fg(palette().link).add_modifier(Modifier::UNDERLINED)
}

pub fn tag() -> Style {
    Style::new().fg(palette().tag)
}

pub fn current() -> Style {
    Style::new().fg(palette().highlight).add_modifier(Modifier::BOLD)
}

pub fn matched() -> Style {
    Style::new().fg(palette().highlight).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Every occurrence of the word found in the page.
pub fn found() -> Style {
    Style::new().fg(Color::Black).bg(palette().found)
}

/// The occurrence that n/N moved to.
pub fn current_match() -> Style {
    Style::new().fg(Color::Black).bg(palette().current_match).add_modifier(Modifier::BOLD)
}

pub fn bookmark() -> Style {
    Style::new().fg(palette().highlight)
}

pub fn category() -> Style {
    Style::new().fg(palette().accent)
}

pub fn key() -> Style {
    Style::new().fg(palette().accent).add_modifier(Modifier::BOLD)
}

pub fn border(focused: bool) -> Style {
    if focused { Style::new().fg(palette().accent) } else { Style::new().fg(palette().dim) }
}

pub fn selected(focused: bool) -> Style {
    if focused { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new().bg(palette().unfocused_selection) }
}

pub fn error() -> Style {
    Style::new().fg(palette().error).add_modifier(Modifier::BOLD)
}
