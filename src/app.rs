//! The browser's state and the one place it changes.
//!
//! `handle_event` turns a terminal event into a `Msg` without touching state; `update` applies a
//! `Msg` and returns the `Effect` the loop must carry out. Everything the view needs (search hits,
//! visible tree rows, the reader's rendered page) is computed here, so drawing only reads.

use std::collections::HashSet;

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::catalog::Catalog;
use crate::document::{Document, Page};
use crate::index::{CategoryTree, Hit, SearchIndex, TreeRow};
use crate::keymap::{self, Action, Context};
use crate::ui::layout::Areas;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    Insert(char),
    Click(Position),
    ScrollUp(Position),
    ScrollDown(Position),
    Resize(u16, u16),
}

#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
}

/// Lines the mouse wheel scrolls the reader by.
const WHEEL_LINES: usize = 3;

pub struct App {
    catalog: Catalog,
    tree: CategoryTree,
    index: SearchIndex,
    focus: Focus,
    help_open: bool,
    help_scroll: usize,
    query: String,
    hits: Vec<Hit>,
    expanded: HashSet<usize>,
    rows: Vec<TreeRow>,
    tree_cursor: usize,
    hit_cursor: usize,
    list_offset: usize,
    /// The reader's page, its rendering for the current width, and how far it is scrolled.
    document: Option<Document>,
    reader_scroll: usize,
    area: Rect,
}

impl App {
    pub fn new(catalog: Catalog) -> Self {
        let tree = CategoryTree::new(&catalog);
        let index = SearchIndex::new(&catalog);
        // Top-level categories start open: the library's shape is visible at a glance.
        let expanded: HashSet<usize> = (0..tree.len())
            .filter(|&n| tree.parent(n).is_none())
            .collect();
        let rows = tree.rows(&expanded);
        let mut app = Self {
            catalog,
            tree,
            index,
            focus: Focus::List,
            help_open: false,
            help_scroll: 0,
            query: String::new(),
            hits: Vec::new(),
            expanded,
            rows,
            tree_cursor: 0,
            hit_cursor: 0,
            list_offset: 0,
            document: None,
            reader_scroll: 0,
            area: Rect::new(0, 0, 120, 40),
        };
        app.show_selection();
        app
    }

    // ---- reading the state (for the view and for tests) ----

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn tree(&self) -> &CategoryTree {
        &self.tree
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn help_open(&self) -> bool {
        self.help_open
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// True while the list shows search results rather than the tree.
    pub fn searching(&self) -> bool {
        !self.query.trim().is_empty()
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn rows(&self) -> &[TreeRow] {
        &self.rows
    }

    pub fn is_expanded(&self, node: usize) -> bool {
        self.expanded.contains(&node)
    }

    /// The highlighted row of whichever list is showing.
    pub fn cursor(&self) -> usize {
        if self.searching() {
            self.hit_cursor
        } else {
            self.tree_cursor
        }
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    fn list_len(&self) -> usize {
        if self.searching() {
            self.hits.len()
        } else {
            self.rows.len()
        }
    }

    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    pub fn reader_scroll(&self) -> usize {
        self.reader_scroll
    }

    /// The paper in the reader, if the reader shows a paper.
    pub fn open_paper(&self) -> Option<&crate::catalog::Paper> {
        match self.document.as_ref()?.page {
            Page::Paper(index) => Some(&self.catalog.papers()[index]),
            Page::Category(_) => None,
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn areas(&self) -> Option<Areas> {
        Areas::new(self.area)
    }

    /// Which bindings apply now.
    pub fn context(&self) -> Context {
        if self.help_open {
            return Context::Help;
        }
        match self.focus {
            Focus::Search => Context::Search,
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
        }
    }

    // ---- events to messages: no state changes here ----

    pub fn handle_event(&self, event: &Event) -> Option<Msg> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Mouse(mouse) => Self::handle_mouse(mouse),
            Event::Resize(width, height) => Some(Msg::Resize(*width, *height)),
            _ => None,
        }
    }

    pub fn handle_key(&self, key: &KeyEvent) -> Option<Msg> {
        let context = self.context();
        if let Some(action) = keymap::action_for(context, key) {
            return Some(Msg::Action(action));
        }
        match key.code {
            crossterm::event::KeyCode::Char(c)
                if context == Context::Search
                    && (key.modifiers - crossterm::event::KeyModifiers::SHIFT).is_empty() =>
            {
                Some(Msg::Insert(c))
            }
            _ => None,
        }
    }

    fn handle_mouse(mouse: &MouseEvent) -> Option<Msg> {
        let at = Position::new(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => Some(Msg::Click(at)),
            MouseEventKind::ScrollUp => Some(Msg::ScrollUp(at)),
            MouseEventKind::ScrollDown => Some(Msg::ScrollDown(at)),
            _ => None,
        }
    }

    // ---- the one place state changes ----

    pub fn update(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Action(action) => return self.act(action),
            Msg::Insert(c) if !c.is_control() => {
                self.query.push(c);
                self.refresh_hits();
            }
            Msg::Insert(_) => {}
            Msg::Click(at) => self.click(at),
            Msg::ScrollUp(at) => self.wheel(at, false),
            Msg::ScrollDown(at) => self.wheel(at, true),
            Msg::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                self.help_scroll = self.help_scroll.min(crate::ui::help::max_scroll(self.area));
                self.refresh_document();
                self.keep_cursor_visible();
            }
        }
        Effect::None
    }

    fn act(&mut self, action: Action) -> Effect {
        if self.help_open {
            match action {
                Action::Quit => return Effect::Quit,
                Action::ToggleHelp => self.help_open = false,
                Action::Down => {
                    self.help_scroll =
                        (self.help_scroll + 1).min(crate::ui::help::max_scroll(self.area))
                }
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                _ => {}
            }
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::ToggleHelp => {
                self.help_open = true;
                self.help_scroll = 0;
            }
            Action::FocusNext => self.focus = cycle(self.focus, 1),
            Action::FocusPrev => self.focus = cycle(self.focus, 2),
            Action::FocusSearch => self.focus = Focus::Search,
            Action::DeleteChar => {
                self.query.pop();
                self.refresh_hits();
            }
            Action::DeleteWord => {
                let kept = self.query.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.query.truncate(kept);
                self.refresh_hits();
            }
            Action::ClearQuery => {
                self.query.clear();
                self.refresh_hits();
            }
            Action::Back => self.back(),
            Action::Open => self.open(),
            Action::Expand => self.expand(),
            Action::Collapse => self.collapse(),
            motion => match self.focus {
                Focus::Reader => self.scroll_reader(motion),
                Focus::List | Focus::Search => self.move_cursor(motion),
            },
        }
        Effect::None
    }

    fn back(&mut self) {
        match self.focus {
            Focus::Search | Focus::Reader => self.focus = Focus::List,
            Focus::List if self.searching() => {
                // Leaving the results: show where the paper being read sits in the tree.
                self.query.clear();
                self.hits.clear();
                if let Some(Page::Paper(paper)) = self.document.as_ref().map(|d| d.page) {
                    self.reveal(paper);
                }
                self.keep_cursor_visible();
            }
            Focus::List => {}
        }
    }

    fn open(&mut self) {
        if self.searching() {
            if !self.hits.is_empty() {
                self.focus = Focus::Reader;
            }
            return;
        }
        if self.focus == Focus::Search {
            self.focus = Focus::List;
            return;
        }
        match self.rows.get(self.tree_cursor) {
            Some(TreeRow::Category { node, .. }) => self.toggle(*node),
            Some(TreeRow::Paper { .. }) => self.focus = Focus::Reader,
            None => {}
        }
    }

    fn expand(&mut self) {
        if self.searching() {
            return self.open();
        }
        match self.rows.get(self.tree_cursor).copied() {
            Some(TreeRow::Category { node, .. }) if !self.expanded.contains(&node) => {
                self.toggle(node)
            }
            Some(TreeRow::Category { .. }) => self.move_cursor(Action::Down),
            Some(TreeRow::Paper { .. }) => self.focus = Focus::Reader,
            None => {}
        }
    }

    fn collapse(&mut self) {
        if self.searching() {
            return;
        }
        let parent = match self.rows.get(self.tree_cursor).copied() {
            Some(TreeRow::Category { node, .. }) if self.expanded.contains(&node) => {
                return self.toggle(node);
            }
            Some(TreeRow::Category { node, .. }) => self.tree.parent(node),
            Some(TreeRow::Paper { paper, .. }) => self
                .tree
                .ancestors_of_paper(&self.catalog, paper)
                .last()
                .copied(),
            None => None,
        };
        if let Some(parent) = parent
            && let Some(row) = self
                .rows
                .iter()
                .position(|r| matches!(r, TreeRow::Category { node, .. } if *node == parent))
        {
            self.tree_cursor = row;
            self.keep_cursor_visible();
            self.show_selection();
        }
    }

    fn toggle(&mut self, node: usize) {
        if !self.expanded.remove(&node) {
            self.expanded.insert(node);
        }
        self.rows = self.tree.rows(&self.expanded);
        self.keep_cursor_visible();
    }

    /// Opens the categories above `paper` and puts the tree cursor on it.
    fn reveal(&mut self, paper: usize) {
        self.expanded
            .extend(self.tree.ancestors_of_paper(&self.catalog, paper));
        self.rows = self.tree.rows(&self.expanded);
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| matches!(r, TreeRow::Paper { paper: p, .. } if *p == paper))
        {
            self.tree_cursor = row;
        }
    }

    fn move_cursor(&mut self, motion: Action) {
        let len = self.list_len();
        if len == 0 {
            return;
        }
        let page = self.list_page();
        let cursor = self.cursor();
        let next = match motion {
            Action::Down => cursor + 1,
            Action::Up => cursor.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => len - 1,
            Action::PageDown | Action::HalfPageDown => cursor + page,
            Action::PageUp | Action::HalfPageUp => cursor.saturating_sub(page),
            _ => cursor,
        }
        .min(len - 1);
        self.set_cursor(next);
    }

    fn set_cursor(&mut self, row: usize) {
        if self.searching() {
            self.hit_cursor = row;
        } else {
            self.tree_cursor = row;
        }
        self.keep_cursor_visible();
        self.show_selection();
    }

    fn scroll_reader(&mut self, motion: Action) {
        let page = self.reader_page();
        self.reader_scroll = match motion {
            Action::Down => self.reader_scroll + 1,
            Action::Up => self.reader_scroll.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            Action::PageDown => self.reader_scroll + page.saturating_sub(1).max(1),
            Action::PageUp => self
                .reader_scroll
                .saturating_sub(page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.reader_scroll + (page / 2).max(1),
            Action::HalfPageUp => self.reader_scroll.saturating_sub((page / 2).max(1)),
            _ => self.reader_scroll,
        };
        self.clamp_reader_scroll();
    }

    fn click(&mut self, at: Position) {
        let Some(areas) = self.areas() else { return };
        if areas.search.contains(at) {
            self.focus = Focus::Search;
        } else if areas.list.contains(at) {
            self.focus = Focus::List;
            let inner = areas.list_inner();
            if inner.contains(at) {
                let row = self.list_offset + usize::from(at.y - inner.y);
                if row < self.list_len() {
                    // A click on the selected row acts like Enter.
                    if row == self.cursor() {
                        self.open();
                    } else {
                        self.set_cursor(row);
                    }
                }
            }
        } else if areas.reader.contains(at) {
            self.focus = Focus::Reader;
        }
    }

    fn wheel(&mut self, at: Position, down: bool) {
        let Some(areas) = self.areas() else { return };
        if areas.reader.contains(at) {
            self.reader_scroll = if down {
                self.reader_scroll + WHEEL_LINES
            } else {
                self.reader_scroll.saturating_sub(WHEEL_LINES)
            };
            self.clamp_reader_scroll();
        } else if areas.list.contains(at) {
            self.move_cursor(if down { Action::Down } else { Action::Up });
        }
    }

    fn refresh_hits(&mut self) {
        self.hits = self.index.search(&self.query);
        self.hit_cursor = 0;
        self.list_offset = 0;
        if self.searching() {
            self.show_selection();
        } else {
            self.keep_cursor_visible();
        }
    }

    /// Shows the highlighted row in the reader: a paper, or a category's overview.
    fn show_selection(&mut self) {
        let page = if self.searching() {
            self.hits
                .get(self.hit_cursor)
                .map(|hit| Page::Paper(hit.paper))
        } else {
            self.rows.get(self.tree_cursor).map(|row| match *row {
                TreeRow::Paper { paper, .. } => Page::Paper(paper),
                TreeRow::Category { node, .. } => Page::Category(node),
            })
        };
        if let Some(page) = page
            && self.document.as_ref().map(|d| d.page) != Some(page)
        {
            self.reader_scroll = 0;
            self.document = Some(Document::build(
                &self.catalog,
                &self.tree,
                page,
                self.reader_width(),
            ));
        }
    }

    fn refresh_document(&mut self) {
        let width = self.reader_width();
        if let Some(doc) = &self.document
            && doc.width != width
        {
            self.document = Some(Document::build(&self.catalog, &self.tree, doc.page, width));
        }
        self.clamp_reader_scroll();
    }

    fn reader_width(&self) -> u16 {
        self.areas()
            .map_or(self.area.width, |a| a.reader_text().width)
    }

    fn reader_page(&self) -> usize {
        self.areas()
            .map_or(1, |a| usize::from(a.reader_text().height))
    }

    fn list_page(&self) -> usize {
        self.areas()
            .map_or(1, |a| usize::from(a.list_inner().height))
            .max(1)
    }

    fn clamp_reader_scroll(&mut self) {
        let height = self.document.as_ref().map_or(0, |d| d.height);
        self.reader_scroll = self
            .reader_scroll
            .min(height.saturating_sub(self.reader_page()));
    }

    fn keep_cursor_visible(&mut self) {
        let len = self.list_len();
        if !self.searching() && self.tree_cursor >= len {
            self.tree_cursor = len.saturating_sub(1);
        }
        let page = self.list_page();
        let cursor = self.cursor();
        if cursor < self.list_offset {
            self.list_offset = cursor;
        } else if cursor >= self.list_offset + page {
            self.list_offset = cursor + 1 - page;
        }
        self.list_offset = self.list_offset.min(len.saturating_sub(page));
    }
}

fn cycle(focus: Focus, steps: usize) -> Focus {
    const ORDER: [Focus; 3] = [Focus::Search, Focus::List, Focus::Reader];
    let at = ORDER.iter().position(|&f| f == focus).unwrap_or(0);
    ORDER[(at + steps) % ORDER.len()]
}
