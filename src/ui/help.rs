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
    for context in HELP_ORDER {
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
    lines.push(Line::from("  Words match names, other names, concepts, authors, years, arXiv"));
    lines.push(Line::from("  ids and the explanations' own words, in any order; small typos"));
    lines.push(Line::from("  are forgiven. Filters narrow the results and mix with words:"));
    for (filter, meaning) in [
        ("cat:vision", "in a category (id or name) or below it"),
        ("tag:distillation", "tagged with a concept; tag:\"object detection\""),
        ("year:2019", "published in 2019; also 2018..2020, 2019.., ..2015"),
        ("is:bookmarked", "is:read, is:unread: your own marks"),
        ("has:arxiv", "has an arXiv id; has:venue, published somewhere"),
    ] {
        lines.push(Line::from(vec![Span::styled(format!("  {filter:<22}"), theme::key()), Span::raw(meaning)]));
    }
    lines.push(Line::from("  Example: year:2019.. tag:distillation bert"));
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
