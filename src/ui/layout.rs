//! Where each pane goes for a terminal size. The view draws into these rectangles and `update`
//! uses the same ones to page, scroll and hit-test mouse clicks, so they cannot disagree.

use ratatui::layout::{Constraint, Layout, Rect};

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub search: Rect,
    pub list: Rect,
    pub reader: Rect,
    pub footer: Rect,
}

impl Areas {
    /// `None` when the terminal is smaller than the minimum.
    pub fn new(area: Rect) -> Option<Self> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let left_width = (area.width * 2 / 5).clamp(26, 48);
        let [left, reader] = Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(main);
        let [search, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(left);
        Some(Self { search, list, reader, footer })
    }

    /// The list's rows, inside its border.
    pub fn list_inner(&self) -> Rect {
        inner(self.list)
    }

    /// The reader's text, inside its border and a column of padding on each side.
    pub fn reader_text(&self) -> Rect {
        let inner = inner(self.reader);
        Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner }
    }
}

fn inner(area: Rect) -> Rect {
    Rect { x: area.x + 1, y: area.y + 1, width: area.width.saturating_sub(2), height: area.height.saturating_sub(2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_from_the_minimum_up() {
        for (width, height) in [(60, 16), (80, 24), (120, 40), (300, 90)] {
            let area = Rect::new(0, 0, width, height);
            let areas = Areas::new(area).expect("big enough");
            assert_eq!(areas.search.width + areas.reader.width, width);
            assert_eq!(areas.search.height + areas.list.height + areas.footer.height, height);
            assert!(areas.reader_text().width >= 20);
        }
        assert_eq!(Areas::new(Rect::new(0, 0, 59, 30)), None);
        assert_eq!(Areas::new(Rect::new(0, 0, 100, 15)), None);
    }
}
