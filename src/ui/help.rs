//! The `?` overlay: every binding of the keymap table, by context, and how search reads a query.
//! Its size is shared with `update`, which keeps the scroll within the text.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::keymap::{self, Context};
use crate::ui::theme;

/// The contexts in the order the help (and the README) lists them.
pub const HELP_ORDER: [Context; 7] =
    [Context::Global, Context::List, Context::Search, Context::Reader, Context::Find, Context::Picker, Context::Help];

pub fn lines() -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in [Context::Global, Context::List, Context::Search, Context::Reader, Context::Help] {
        lines.push(Line::styled(context.title(), theme::title()));
        for binding in keymap::BINDINGS.iter().filter(|b| b.context == context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", binding.label_in(context)), theme::key()),
                Span::raw(binding.description),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled("Search", theme::title()));
    lines.push(Line::from("  Words match titles, other names, concepts, authors, years"));
    lines.push(Line::from("  and arXiv ids, in any order; small typos are forgiven."));
    lines
}

/// Where the overlay sits on a screen of `area`.
pub fn popup(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    popup
}

/// How far the help can scroll before its last line reaches the bottom of the overlay.
pub fn max_scroll(area: Rect) -> usize {
    let visible = usize::from(popup(area).height.saturating_sub(2));
    lines().len().saturating_sub(visible)
}
