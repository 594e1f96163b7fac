//! The browser's state and the one place it changes.
//!
//! `handle_event` turns a terminal event into a `Msg` without touching state; `update` applies a
//! `Msg` and returns the `Effect` the loop must carry out (quit, open a link, copy to the
//! clipboard, edit a note). It covers the library tree, the list views (shelf, timeline,
//! concepts, reading paths), the search box and its results, the reader with its history, links,
//! find and outline, and the overlays. Everything the view needs (search hits, visible tree rows, the reader's rendered
//! page, find matches) is computed here, so drawing only reads.

use std::collections::{HashMap, HashSet};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::catalog::{Catalog, Paper, StepTarget};
use crate::cite;
use crate::document::{Document, Page};
use crate::index::filter::{Marks, Query};
use crate::index::{CategoryTree, Hit, MatchField, SearchIndex, TreeRow};
use crate::keymap::{self, Action, Context};
use crate::shelf::Shelf;
use crate::ui::layout::Areas;

/// What the left pane lists when no search is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListView {
    Library,
    Concepts,
    /// Bookmarks, recently opened papers, unread bookmarks.
    Shelf,
    /// Every paper by year and month.
    Timeline,
    /// The reading paths, with the open one's steps.
    Paths,
}

/// A row of the Shelf and Timeline views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionRow {
    Heading(String),
    Paper(usize),
    /// Said when a section is empty.
    Note(&'static str),
    /// Index into `Catalog::paths`.
    Path(usize),
    /// A step of the open path: path index, step index.
    Step(usize, usize),
}

impl SectionRow {
    /// Headings and notes are passed over by the cursor.
    pub fn is_selectable(&self) -> bool {
        !matches!(self, Self::Heading(_) | Self::Note(_))
    }
}

/// Where the reader stands on the reading path being followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathPosition {
    pub path: usize,
    pub step: usize,
}

/// A row of the search results: concepts whose name matches come first, then papers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ResultRow<'a> {
    Concept(usize),
    Paper(&'a Hit),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
    Reader,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    Insert(char),
    /// Follow the reader's link with this number (1-based).
    FollowLink(usize),
    Click(Position),
    ScrollUp(Position),
    ScrollDown(Position),
    Resize(u16, u16),
    /// A line for the status bar, from the loop after it ran an effect.
    Status(String),
    /// The note of a paper (by id) as saved by the editor; `None` when it was left empty.
    NoteSaved(String, Option<String>),
}

#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Open an http(s) link in the user's browser.
    OpenUrl(String),
    /// Put text on the clipboard; `what` names it for the status line.
    Copy {
        text: String,
        what: String,
    },
    /// Edit the note of the paper with this id in the user's editor.
    EditNote {
        id: String,
        title: String,
    },
}

/// A list to choose from, over the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickerItem>,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    pub label: String,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Paper(usize),
    Concept(usize),
    Row(usize),
    Copy { text: String, what: String },
}

/// Find in page: the word, whether it is still being typed, and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    pub typing: bool,
    pub matches: Vec<Match>,
    pub current: usize,
}

/// An occurrence in the reader: its row and its columns [start, end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub row: usize,
    pub start: usize,
    pub end: usize,
}

/// Lines the mouse wheel scrolls the reader by.
const WHEEL_LINES: usize = 3;
/// How many history steps the breadcrumb shows.
const BREADCRUMB_STEPS: usize = 3;

pub struct App {
    catalog: Catalog,
    tree: CategoryTree,
    index: SearchIndex,
    focus: Focus,
    help_open: bool,
    help_scroll: usize,
    query: String,
    hits: Vec<Hit>,
    concept_hits: Vec<usize>,
    view: ListView,
    concept_cursor: usize,
    /// The rows of the Shelf or Timeline view, whichever shows.
    sections: Vec<SectionRow>,
    section_cursor: usize,
    /// The reading path being followed, if one was opened.
    active_path: Option<usize>,
    colors: bool,
    /// The reader's notes, by paper id.
    notes: HashMap<String, String>,
    shelf: Shelf,
    /// Why the typed query cannot run (a mistyped filter).
    query_error: Option<String>,
    expanded: HashSet<usize>,
    rows: Vec<TreeRow>,
    tree_cursor: usize,
    hit_cursor: usize,
    list_offset: usize,
    /// The reader's page, rendered for the current width, and how far it is scrolled.
    document: Option<Document>,
    reader_scroll: usize,
    /// Where each page was left, so coming back lands in the same place.
    scroll_memory: HashMap<Page, usize>,
    /// Papers opened for reading, oldest first, and the one shown now.
    history: Vec<usize>,
    history_at: usize,
    picker: Option<Picker>,
    find: Option<Find>,
    status: Option<String>,
    area: Rect,
}

impl App {
    pub fn new(catalog: Catalog) -> Self {
        let tree = CategoryTree::new(&catalog);
        let index = crate::builtin::index(&catalog);
        // Top-level categories start open: the library's shape is visible at a glance.
        let expanded: HashSet<usize> = (0..tree.node_count()).filter(|&n| tree.parent(n).is_none()).collect();
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
            concept_hits: Vec::new(),
            view: ListView::Library,
            concept_cursor: 0,
            sections: Vec::new(),
            section_cursor: 0,
            active_path: None,
            colors: true,
            notes: HashMap::new(),
            shelf: Shelf::default(),
            query_error: None,
            expanded,
            rows,
            tree_cursor: 0,
            hit_cursor: 0,
            list_offset: 0,
            document: None,
            reader_scroll: 0,
            scroll_memory: HashMap::new(),
            history: Vec::new(),
            history_at: 0,
            picker: None,
            find: None,
            status: None,
            area: Rect::new(0, 0, 120, 40),
        };
        app.show_selection();
        app
    }

    /// Starts with the reader's shelf, and a message to show first (a shelf file set aside).
    pub fn with_shelf(mut self, shelf: Shelf, message: Option<String>) -> Self {
        self.shelf = shelf;
        self.status = message;
        self
    }

    /// Draws without colours (NO_COLOR, --color never): emphasis stays, by weight and reversal.
    pub fn with_colors(mut self, colors: bool) -> Self {
        self.colors = colors;
        self
    }

    pub fn colors(&self) -> bool {
        self.colors
    }

    /// Opens on this list instead of the library.
    pub fn with_start_view(mut self, view: ListView) -> Self {
        if view != ListView::Library {
            self.toggle_view(view);
        }
        self
    }

    /// Starts with the reader's notes, by paper id.
    pub fn with_notes(mut self, notes: HashMap<String, String>) -> Self {
        self.notes = notes;
        self.rebuild_document();
        self
    }

    /// The shelf, for the loop to save its changes after an update.
    pub fn shelf_mut(&mut self) -> &mut Shelf {
        &mut self.shelf
    }

    // ---- reading the state (for the view and for tests) ----

    pub fn shelf(&self) -> &Shelf {
        &self.shelf
    }

    pub fn query_error(&self) -> Option<&str> {
        self.query_error.as_deref()
    }

    pub fn active_path(&self) -> Option<usize> {
        self.active_path
    }

    pub fn sections(&self) -> &[SectionRow] {
        &self.sections
    }

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

    /// Whether the search found papers that only mention the query and none that it names.
    pub fn only_mentions(&self) -> bool {
        self.concept_hits.is_empty() && self.hits.first().is_some_and(|hit| hit.mentioned_only)
    }

    /// Why a search hit is listed, when not by its title: the field and its text.
    pub fn why(&self, hit: &Hit) -> Option<(MatchField, String)> {
        self.index.why(hit, &self.catalog)
    }

    pub fn view(&self) -> ListView {
        self.view
    }

    /// The search results as listed: matching concepts, then papers.
    pub fn results(&self) -> impl Iterator<Item = ResultRow<'_>> {
        self.concept_hits.iter().map(|&c| ResultRow::Concept(c)).chain(self.hits.iter().map(ResultRow::Paper))
    }

    pub fn rows(&self) -> &[TreeRow] {
        &self.rows
    }

    pub fn is_expanded(&self, node: usize) -> bool {
        self.expanded.contains(&node)
    }

    /// The highlighted row of whichever list is showing.
    pub fn cursor(&self) -> usize {
        match (self.searching(), self.view) {
            (true, _) => self.hit_cursor,
            (false, ListView::Library) => self.tree_cursor,
            (false, ListView::Concepts) => self.concept_cursor,
            (false, ListView::Shelf | ListView::Timeline | ListView::Paths) => self.section_cursor,
        }
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    fn list_len(&self) -> usize {
        match (self.searching(), self.view) {
            (true, _) => self.concept_hits.len() + self.hits.len(),
            (false, ListView::Library) => self.rows.len(),
            (false, ListView::Concepts) => self.catalog.concepts().len(),
            (false, ListView::Shelf | ListView::Timeline | ListView::Paths) => self.sections.len(),
        }
    }

    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    pub fn reader_scroll(&self) -> usize {
        self.reader_scroll
    }

    /// The paper in the reader, if the reader shows a paper.
    pub fn open_paper(&self) -> Option<&Paper> {
        match self.document.as_ref()?.page {
            Page::Paper(index) => Some(&self.catalog.papers()[index]),
            Page::Category(_) | Page::Concept(_) | Page::Path(_) => None,
        }
    }

    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Where the reader came from: the last few papers of the history, ending with the one
    /// shown, when the reader shows a paper reached through the history.
    pub fn breadcrumb(&self) -> Vec<&str> {
        let shown = self.document.as_ref().map(|d| d.page);
        let current = self.history.get(self.history_at).copied();
        if current.is_none() || shown != current.map(Page::Paper) {
            return Vec::new();
        }
        let first = (self.history_at + 1).saturating_sub(BREADCRUMB_STEPS);
        self.history[first..=self.history_at].iter().map(|&paper| self.catalog.papers()[paper].title.as_str()).collect()
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
            Context::Help
        } else if self.picker.is_some() {
            Context::Picker
        } else if self.find.as_ref().is_some_and(|f| f.typing) {
            Context::Find
        } else {
            match self.focus {
                Focus::Search => Context::Search,
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
            }
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
        match keymap::action_for(context, key) {
            Some(Action::FollowNumbered) => match key.code {
                KeyCode::Char(digit) => digit.to_digit(10).map(|n| Msg::FollowLink(n as usize)),
                _ => None,
            },
            Some(action) => Some(Msg::Action(action)),
            None => match key.code {
                KeyCode::Char(c)
                    if matches!(context, Context::Search | Context::Find)
                        && (key.modifiers - KeyModifiers::SHIFT).is_empty() =>
                {
                    Some(Msg::Insert(c))
                }
                _ => None,
            },
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
        if !matches!(msg, Msg::Status(_) | Msg::Resize(..)) {
            self.status = None;
        }
        match msg {
            Msg::Action(action) => return self.act(action),
            Msg::Insert(c) if !c.is_control() => self.insert(c),
            Msg::Insert(_) => {}
            Msg::FollowLink(number) => self.follow_link(number),
            Msg::Click(at) => self.click(at),
            Msg::ScrollUp(at) => self.wheel(at, false),
            Msg::ScrollDown(at) => self.wheel(at, true),
            Msg::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                self.help_scroll = self.help_scroll.min(crate::ui::help::max_scroll(self.area));
                self.refresh_document();
                self.keep_cursor_visible();
            }
            Msg::Status(line) => self.status = Some(line),
            Msg::NoteSaved(id, note) => {
                match note {
                    Some(note) => self.notes.insert(id, note),
                    None => self.notes.remove(&id),
                };
                self.rebuild_document();
            }
        }
        Effect::None
    }

    fn act(&mut self, action: Action) -> Effect {
        match self.context() {
            Context::Help => {
                match action {
                    Action::Quit => return Effect::Quit,
                    Action::ToggleHelp => self.help_open = false,
                    Action::Down => {
                        self.help_scroll = (self.help_scroll + 1).min(crate::ui::help::max_scroll(self.area));
                    }
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    _ => {}
                }
                return Effect::None;
            }
            Context::Picker => return self.act_in_picker(action),
            Context::Find => {
                match action {
                    Action::Quit => return Effect::Quit,
                    Action::Open => {
                        if let Some(find) = &mut self.find {
                            find.typing = false;
                        }
                    }
                    Action::Back => self.find = None,
                    Action::DeleteChar => {
                        if let Some(find) = &mut self.find {
                            find.query.pop();
                        }
                        self.refresh_matches(true);
                    }
                    _ => {}
                }
                return Effect::None;
            }
            _ => {}
        }
        match action {
            Action::Quit => {
                self.shelf.set_last_query(self.query.trim());
                return Effect::Quit;
            }
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
            Action::Links => self.open_links(),
            Action::Outline => self.open_outline(),
            Action::CopyMenu => self.open_copy_menu(),
            Action::OpenInBrowser => return self.open_in_browser(),
            Action::HistoryBack => self.walk_history(-1),
            Action::HistoryForward => self.walk_history(1),
            Action::FindInPage => {
                self.find = Some(Find { query: String::new(), typing: true, matches: Vec::new(), current: 0 });
            }
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::FollowNumbered => {}
            Action::ToggleConcepts => self.toggle_view(ListView::Concepts),
            Action::ToggleShelf => self.toggle_view(ListView::Shelf),
            Action::ToggleTimeline => self.toggle_view(ListView::Timeline),
            Action::TogglePaths => self.toggle_view(ListView::Paths),
            Action::NextStep => self.walk_path(1),
            Action::PreviousStep => self.walk_path(-1),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::EditNote => {
                if let Some(paper) = self.shown_paper() {
                    let paper = &self.catalog.papers()[paper];
                    return Effect::EditNote { id: paper.id.clone(), title: paper.title.clone() };
                }
            }
            Action::ToggleRead => self.toggle_read(),
            Action::Up if self.focus == Focus::Search && self.query.is_empty() => {
                // Like a shell: up in an empty search box brings back the last search.
                self.query = self.shelf.data().last_query.clone();
                self.refresh_hits();
            }
            motion => match self.focus {
                Focus::Reader => self.scroll_reader(motion),
                Focus::List | Focus::Search => self.move_cursor(motion),
            },
        }
        Effect::None
    }

    fn insert(&mut self, c: char) {
        if let Some(find) = self.find.as_mut().filter(|f| f.typing) {
            find.query.push(c);
            self.refresh_matches(true);
        } else {
            self.query.push(c);
            self.refresh_hits();
        }
    }

    fn back(&mut self) {
        match self.focus {
            Focus::Search => self.focus = Focus::List,
            Focus::Reader if self.find.is_some() => self.find = None,
            Focus::Reader => self.focus = Focus::List,
            Focus::List if self.searching() => {
                // Leaving the results: show where the paper being read sits in the tree.
                self.clear_search();
                if let Some(Page::Paper(paper)) = self.document.as_ref().map(|d| d.page) {
                    self.reveal(paper);
                }
                self.keep_cursor_visible();
            }
            Focus::List if self.view != ListView::Library => {
                self.view = ListView::Library;
                self.keep_cursor_visible();
                self.show_selection();
            }
            Focus::List => {}
        }
    }

    fn open(&mut self) {
        if self.searching() {
            let chosen = self.results().nth(self.hit_cursor).map(|row| match row {
                ResultRow::Paper(hit) => Some(hit.paper),
                ResultRow::Concept(_) => None,
            });
            match chosen {
                Some(Some(paper)) => self.read(paper),
                Some(None) => self.focus = Focus::Reader,
                None => {}
            }
            return;
        }
        if self.focus == Focus::Search {
            self.focus = Focus::List;
            return;
        }
        match self.view {
            ListView::Concepts => {
                self.focus = Focus::Reader;
                return;
            }
            ListView::Shelf | ListView::Timeline | ListView::Paths => {
                match self.sections.get(self.section_cursor).cloned() {
                    Some(SectionRow::Paper(paper)) => self.read(paper),
                    Some(SectionRow::Path(path)) => self.toggle_path(path),
                    Some(SectionRow::Step(path, step)) => self.go_to_step(path, step),
                    _ => {}
                }
                return;
            }
            ListView::Library => {}
        }
        match self.rows.get(self.tree_cursor).copied() {
            Some(TreeRow::Category { node, .. }) => self.toggle(node),
            Some(TreeRow::Paper { paper, .. }) => self.read(paper),
            None => {}
        }
    }

    /// Opens a paper for reading: it joins the history and the reader takes the focus.
    fn read(&mut self, paper: usize) {
        if self.history.get(self.history_at) != Some(&paper) {
            if !self.history.is_empty() {
                self.history.truncate(self.history_at + 1);
            }
            self.history.push(paper);
            self.history_at = self.history.len() - 1;
        }
        self.show_page(Page::Paper(paper));
        self.focus = Focus::Reader;
        self.shelf.opened(&self.catalog.papers()[paper].id);
        if self.view == ListView::Shelf {
            // Opening moves the paper to the top of the recents: keep the cursor on it.
            let row = self.sections.get(self.section_cursor).cloned();
            self.refresh_sections();
            if let Some(row) = row
                && let Some(at) = self.sections.iter().position(|r| *r == row)
            {
                self.section_cursor = at;
            }
            self.keep_cursor_visible();
        }
    }

    fn walk_history(&mut self, step: isize) {
        let Some(target) = self.history_at.checked_add_signed(step).filter(|&at| at < self.history.len()) else {
            self.status = Some(if step < 0 { "no earlier page" } else { "no later page" }.to_owned());
            return;
        };
        self.history_at = target;
        self.show_page(Page::Paper(self.history[target]));
        self.focus = Focus::Reader;
    }

    fn follow_link(&mut self, number: usize) {
        let target = self.document.as_ref().and_then(|d| d.links.get(number.wrapping_sub(1))).map(|l| l.paper);
        match target {
            Some(paper) => self.read(paper),
            None => self.status = Some(format!("this page has no link {number}")),
        }
    }

    fn open_links(&mut self) {
        let Some(doc) = &self.document else { return };
        if doc.links.is_empty() {
            self.status = Some("this page links to no other paper".to_owned());
            return;
        }
        let mut items: Vec<PickerItem> = doc
            .links
            .iter()
            .enumerate()
            .map(|(i, link)| {
                let paper = &self.catalog.papers()[link.paper];
                PickerItem {
                    label: format!("[{}] {} ({})", i + 1, paper.title, paper.year),
                    target: Target::Paper(link.paper),
                }
            })
            .collect();
        // A paper's concepts are links too: each opens its explanation and its other papers.
        if let Some(paper) = self.open_paper() {
            for tag in &paper.tags {
                if let Some(index) = self.catalog.concept_index(tag) {
                    items.push(PickerItem { label: format!("concept: {tag}"), target: Target::Concept(index) });
                }
            }
        }
        self.picker = Some(Picker { title: "Go to".to_owned(), items, cursor: 0 });
    }

    fn open_outline(&mut self) {
        let Some(doc) = &self.document else { return };
        if doc.headings.is_empty() {
            self.status = Some("this page has no headings".to_owned());
            return;
        }
        let items: Vec<PickerItem> = doc
            .headings
            .iter()
            .map(|h| PickerItem {
                label: format!("{}{}", "  ".repeat(h.level.saturating_sub(2)), h.title),
                target: Target::Row(h.row),
            })
            .collect();
        // Start on the section being read.
        let cursor = doc.headings.iter().rposition(|h| h.row <= self.reader_scroll).unwrap_or(0);
        self.picker = Some(Picker { title: "Outline".to_owned(), items, cursor });
    }

    fn open_copy_menu(&mut self) {
        let Some(paper) = self.open_paper() else {
            self.status = Some("open a paper to copy its link or citation".to_owned());
            return;
        };
        let copy = |label: &str, text: String, what: &str| PickerItem {
            label: label.to_owned(),
            target: Target::Copy { text, what: what.to_owned() },
        };
        let items = vec![
            copy(&format!("Link  {}", paper.url), paper.url.clone(), "the link"),
            copy("BibTeX entry", cite::bibtex(paper), "the BibTeX entry"),
            copy("Citation, one line", cite::text(paper), "the citation"),
            copy("Markdown link", cite::markdown(paper), "the Markdown link"),
        ];
        self.picker = Some(Picker { title: "Copy".to_owned(), items, cursor: 0 });
    }

    fn act_in_picker(&mut self, action: Action) -> Effect {
        let Some(picker) = &mut self.picker else {
            return Effect::None;
        };
        match action {
            Action::Quit => return Effect::Quit,
            Action::Down => picker.cursor = (picker.cursor + 1).min(picker.items.len().saturating_sub(1)),
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Back => self.picker = None,
            Action::Open => {
                let target = picker.items.get(picker.cursor).map(|item| item.target.clone());
                self.picker = None;
                match target {
                    Some(Target::Paper(paper)) => self.read(paper),
                    Some(Target::Concept(concept)) => {
                        self.show_page(Page::Concept(concept));
                        self.focus = Focus::Reader;
                    }
                    Some(Target::Row(row)) => {
                        self.reader_scroll = row;
                        self.clamp_reader_scroll();
                        self.focus = Focus::Reader;
                    }
                    Some(Target::Copy { text, what }) => return Effect::Copy { text, what },
                    None => {}
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn open_in_browser(&mut self) -> Effect {
        match self.open_paper().map(|p| p.url.clone()) {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => Effect::OpenUrl(url),
            Some(url) => {
                self.status = Some(format!("not a web link, not opened: {url}"));
                Effect::None
            }
            None => {
                self.status = Some("open a paper to open its link".to_owned());
                Effect::None
            }
        }
    }

    fn expand(&mut self) {
        if self.searching() || self.view != ListView::Library {
            return self.open();
        }
        match self.rows.get(self.tree_cursor).copied() {
            Some(TreeRow::Category { node, .. }) if !self.expanded.contains(&node) => self.toggle(node),
            Some(TreeRow::Category { .. }) => self.move_cursor(Action::Down),
            Some(TreeRow::Paper { paper, .. }) => self.read(paper),
            None => {}
        }
    }

    fn collapse(&mut self) {
        if self.searching() || self.view != ListView::Library {
            return;
        }
        let parent = match self.rows.get(self.tree_cursor).copied() {
            Some(TreeRow::Category { node, .. }) if self.expanded.contains(&node) => return self.toggle(node),
            Some(TreeRow::Category { node, .. }) => self.tree.parent(node),
            Some(TreeRow::Paper { paper, .. }) => self.tree.ancestors_of_paper(&self.catalog, paper).last().copied(),
            None => None,
        };
        if let Some(parent) = parent
            && let Some(row) =
                self.rows.iter().position(|r| matches!(r, TreeRow::Category { node, .. } if *node == parent))
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
        self.expanded.extend(self.tree.ancestors_of_paper(&self.catalog, paper));
        self.rows = self.tree.rows(&self.expanded);
        if let Some(row) = self.rows.iter().position(|r| matches!(r, TreeRow::Paper { paper: p, .. } if *p == paper)) {
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
        self.set_cursor(self.skip_to_paper(next, next >= cursor));
    }

    /// In the Shelf and Timeline, headings and notes are passed over: the cursor rests on papers.
    fn skip_to_paper(&self, row: usize, forward: bool) -> usize {
        if self.searching() || !matches!(self.view, ListView::Shelf | ListView::Timeline | ListView::Paths) {
            return row;
        }
        let is_paper = |r: &usize| self.sections.get(*r).is_some_and(SectionRow::is_selectable);
        let found = if forward {
            (row..self.sections.len()).find(is_paper).or_else(|| (0..row).rev().find(is_paper))
        } else {
            (0..=row).rev().find(is_paper).or_else(|| (row..self.sections.len()).find(is_paper))
        };
        found.unwrap_or(row)
    }

    fn set_cursor(&mut self, row: usize) {
        match (self.searching(), self.view) {
            (true, _) => self.hit_cursor = row,
            (false, ListView::Library) => self.tree_cursor = row,
            (false, ListView::Concepts) => self.concept_cursor = row,
            (false, ListView::Shelf | ListView::Timeline | ListView::Paths) => self.section_cursor = row,
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
            Action::PageUp => self.reader_scroll.saturating_sub(page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.reader_scroll + (page / 2).max(1),
            Action::HalfPageUp => self.reader_scroll.saturating_sub((page / 2).max(1)),
            _ => self.reader_scroll,
        };
        self.clamp_reader_scroll();
        self.mark_read_at_end();
    }

    fn click(&mut self, at: Position) {
        let Some(areas) = self.areas() else { return };
        if self.help_open || self.picker.is_some() {
            return;
        }
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
            let text = areas.reader_text();
            if text.contains(at) {
                let row = self.reader_scroll + usize::from(at.y - text.y);
                let link = self.document.as_ref().and_then(|d| d.links.iter().position(|l| l.row == row));
                if let Some(index) = link {
                    self.follow_link(index + 1);
                }
            }
        }
    }

    fn wheel(&mut self, at: Position, down: bool) {
        let Some(areas) = self.areas() else { return };
        if areas.reader.contains(at) {
            self.reader_scroll =
                if down { self.reader_scroll + WHEEL_LINES } else { self.reader_scroll.saturating_sub(WHEEL_LINES) };
            self.clamp_reader_scroll();
            self.mark_read_at_end();
        } else if areas.list.contains(at) {
            self.move_cursor(if down { Action::Down } else { Action::Up });
        }
    }

    fn toggle_view(&mut self, view: ListView) {
        // Results cover every view: asking for a view means leaving the search.
        if self.searching() {
            self.clear_search();
        }
        self.view = if self.view == view { ListView::Library } else { view };
        self.section_cursor = 0;
        self.refresh_sections();
        self.list_offset = 0;
        self.keep_cursor_visible();
        self.show_selection();
    }

    /// Rebuilds the Shelf or Timeline rows, keeping the cursor on a paper where it can.
    fn refresh_sections(&mut self) {
        self.sections = match self.view {
            ListView::Shelf => self.shelf_rows(),
            ListView::Timeline => self.timeline_rows(),
            ListView::Paths => self.path_rows(),
            ListView::Library | ListView::Concepts => Vec::new(),
        };
        let on_paper = |row: &SectionRow| SectionRow::is_selectable(row);
        if !self.sections.get(self.section_cursor).is_some_and(on_paper) {
            self.section_cursor = self.sections.iter().position(on_paper).unwrap_or(0);
        }
    }

    fn shelf_rows(&self) -> Vec<SectionRow> {
        let data = self.shelf.data();
        let papers = |ids: &mut dyn Iterator<Item = &String>| -> Vec<SectionRow> {
            ids.filter_map(|id| self.catalog.paper_index(id)).map(SectionRow::Paper).collect()
        };
        let bookmarks = papers(&mut data.bookmarks.iter().rev());
        let recent = papers(&mut data.recent.iter());
        let unread = papers(&mut data.bookmarks.iter().filter(|id| !self.shelf.is_read(id)));
        let mut rows = Vec::new();
        for (title, papers, empty) in [
            ("Bookmarks", bookmarks, "none yet: b bookmarks a paper"),
            ("Recently opened", recent, "none yet"),
            ("Unread bookmarks", unread, "none: every bookmark is read"),
        ] {
            rows.push(SectionRow::Heading(format!("{title} {}", papers.len())));
            if papers.is_empty() {
                rows.push(SectionRow::Note(empty));
            }
            rows.extend(papers);
        }
        rows
    }

    fn timeline_rows(&self) -> Vec<SectionRow> {
        let mut rows = Vec::new();
        let mut year = None;
        for (index, paper) in self.catalog.papers().iter().enumerate() {
            if year != Some(paper.year) {
                year = Some(paper.year);
                rows.push(SectionRow::Heading(paper.year.to_string()));
            }
            rows.push(SectionRow::Paper(index));
        }
        rows
    }

    fn path_rows(&self) -> Vec<SectionRow> {
        let mut rows = Vec::new();
        for (index, path) in self.catalog.paths().iter().enumerate() {
            rows.push(SectionRow::Path(index));
            if self.active_path == Some(index) {
                rows.extend((0..path.steps.len()).map(|step| SectionRow::Step(index, step)));
            }
        }
        rows
    }

    /// Papers of a path read so far, and the number of papers in it.
    pub fn path_progress(&self, path: usize) -> (usize, usize) {
        let papers: Vec<&str> = self.catalog.paths()[path]
            .steps
            .iter()
            .filter_map(|s| match &s.target {
                StepTarget::Paper(id) => Some(id.as_str()),
                StepTarget::Concept(_) => None,
            })
            .collect();
        (papers.iter().filter(|id| self.shelf.is_read(id)).count(), papers.len())
    }

    /// The step of the followed path that the reader shows, if it shows one.
    pub fn path_position(&self) -> Option<PathPosition> {
        let path = self.active_path?;
        let shown = self.document.as_ref()?.page;
        let step = (0..self.catalog.paths()[path].steps.len()).find(|&step| self.step_page(path, step) == shown)?;
        Some(PathPosition { path, step })
    }

    fn step_page(&self, path: usize, step: usize) -> Page {
        match &self.catalog.paths()[path].steps[step].target {
            StepTarget::Paper(id) => Page::Paper(self.catalog.paper_index(id).expect("validated step")),
            StepTarget::Concept(name) => Page::Concept(self.catalog.concept_index(name).expect("validated step")),
        }
    }

    /// Opens a path in the list (its steps appear under it) and follows it; Enter again closes it.
    fn toggle_path(&mut self, path: usize) {
        self.active_path = if self.active_path == Some(path) { None } else { Some(path) };
        self.refresh_sections();
        if let Some(row) = self.sections.iter().position(|r| r == &SectionRow::Path(path)) {
            self.section_cursor = row;
        }
        self.keep_cursor_visible();
        self.show_selection();
    }

    fn go_to_step(&mut self, path: usize, step: usize) {
        self.active_path = Some(path);
        match self.step_page(path, step) {
            Page::Paper(paper) => self.read(paper),
            page => {
                self.show_page(page);
                self.focus = Focus::Reader;
            }
        }
        if self.view == ListView::Paths {
            self.refresh_sections();
            if let Some(row) = self.sections.iter().position(|r| r == &SectionRow::Step(path, step)) {
                self.section_cursor = row;
                self.keep_cursor_visible();
            }
        }
    }

    /// Moves along the followed path; from a page off the path, starts at its first unread step.
    fn walk_path(&mut self, step: isize) {
        let Some(path) = self.active_path else {
            self.status = Some("no path followed: p lists the reading paths, Enter opens one".to_owned());
            return;
        };
        let steps = &self.catalog.paths()[path].steps;
        let target = match self.path_position() {
            Some(at) => at.step.checked_add_signed(step).filter(|&s| s < steps.len()),
            None => Some(
                steps
                    .iter()
                    .position(|s| matches!(&s.target, StepTarget::Paper(id) if !self.shelf.is_read(id)))
                    .unwrap_or(0),
            ),
        };
        match target {
            Some(target) => self.go_to_step(path, target),
            None => {
                let title = &self.catalog.paths()[path].title;
                let end = if step > 0 { "the last" } else { "the first" };
                self.status = Some(format!("this is {end} step of {title}"));
            }
        }
    }

    /// The paper the reader shows, which is the highlighted one while browsing a list.
    fn shown_paper(&mut self) -> Option<usize> {
        let shown = match self.document.as_ref().map(|d| d.page) {
            Some(Page::Paper(paper)) => Some(paper),
            _ => None,
        };
        if shown.is_none() {
            self.status = Some("select a paper first".to_owned());
        }
        shown
    }

    fn toggle_bookmark(&mut self) {
        let Some(paper) = self.shown_paper() else { return };
        let paper = &self.catalog.papers()[paper];
        let on = self.shelf.toggle_bookmark(&paper.id);
        self.status = Some(format!("{} {}", if on { "bookmarked" } else { "removed the bookmark of" }, paper.title));
        self.after_shelf_change();
    }

    fn toggle_read(&mut self) {
        let Some(paper) = self.shown_paper() else { return };
        let paper = &self.catalog.papers()[paper];
        let read = !self.shelf.is_read(&paper.id);
        self.shelf.set_read(&paper.id, read);
        self.status = Some(format!("{} {}", paper.title, if read { "marked as read" } else { "marked as unread" }));
        self.after_shelf_change();
    }

    /// A paper scrolled to its very end counts as read.
    fn mark_read_at_end(&mut self) {
        let Some(doc) = &self.document else { return };
        let Page::Paper(paper) = doc.page else { return };
        let end = doc.height().saturating_sub(self.reader_page());
        let id = &self.catalog.papers()[paper].id;
        if end > 0 && self.reader_scroll >= end && !self.shelf.is_read(id) {
            self.shelf.set_read(id, true);
            self.status = Some(format!("{} marked as read (m to undo)", self.catalog.papers()[paper].title));
            self.after_shelf_change();
        }
    }

    /// Marks show in every list, and `is:` filters depend on them.
    fn after_shelf_change(&mut self) {
        if self.view == ListView::Shelf {
            self.refresh_sections();
            self.keep_cursor_visible();
        }
        let filters_on_marks = Query::parse(&self.query)
            .is_ok_and(|q| q.filters.iter().any(|f| matches!(f, crate::index::filter::Filter::Is(_))));
        if self.searching() && filters_on_marks {
            self.refresh_hits();
        }
    }

    /// Ends a search: the query and everything worked out from it, its error included.
    fn clear_search(&mut self) {
        self.query.clear();
        self.hits.clear();
        self.concept_hits.clear();
        self.query_error = None;
    }

    fn refresh_hits(&mut self) {
        match Query::parse_for(&self.query, &self.catalog) {
            Ok(query) => {
                self.query_error = None;
                self.hits = query.run(&self.index, &self.catalog, &self.shelf);
                // Concepts are listed for plain words; filters ask for papers.
                self.concept_hits =
                    if query.filters.is_empty() { self.index.search_concepts(&query.words) } else { Vec::new() };
            }
            Err(error) => {
                self.query_error = Some(error.to_string());
                self.hits.clear();
                self.concept_hits.clear();
            }
        }
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
            self.results().nth(self.hit_cursor).map(|row| match row {
                ResultRow::Concept(concept) => Page::Concept(concept),
                ResultRow::Paper(hit) => Page::Paper(hit.paper),
            })
        } else if self.view == ListView::Concepts {
            (self.concept_cursor < self.catalog.concepts().len()).then_some(Page::Concept(self.concept_cursor))
        } else if matches!(self.view, ListView::Shelf | ListView::Timeline | ListView::Paths) {
            match self.sections.get(self.section_cursor) {
                Some(SectionRow::Paper(paper)) => Some(Page::Paper(*paper)),
                Some(SectionRow::Path(path)) => Some(Page::Path(*path)),
                Some(&SectionRow::Step(path, step)) => Some(self.step_page(path, step)),
                _ => None,
            }
        } else {
            self.rows.get(self.tree_cursor).map(|row| match *row {
                TreeRow::Paper { paper, .. } => Page::Paper(paper),
                TreeRow::Category { node, .. } => Page::Category(node),
            })
        };
        if let Some(page) = page {
            self.show_page(page);
        } else if self.searching() {
            // No result: the reader says so rather than keep showing an unrelated paper.
            self.document = None;
        }
    }

    /// Puts `page` in the reader where it was last left.
    fn show_page(&mut self, page: Page) {
        let current = self.document.as_ref().map(|d| d.page);
        if current == Some(page) {
            return;
        }
        if let Some(current) = current {
            self.scroll_memory.insert(current, self.reader_scroll);
        }
        self.find = None;
        self.document = Some(self.build_document(page, self.reader_width()));
        self.reader_scroll = self.scroll_memory.get(&page).copied().unwrap_or(0);
        self.clamp_reader_scroll();
    }

    fn refresh_document(&mut self) {
        let width = self.reader_width();
        if let Some(doc) = &self.document
            && doc.width != width
        {
            // Keep the same text in view: the first row's share of the page survives rewrapping.
            let share = self.reader_scroll as f64 / doc.height().max(1) as f64;
            let rebuilt = self.build_document(doc.page, width);
            self.reader_scroll = (share * rebuilt.height() as f64).round() as usize;
            self.document = Some(rebuilt);
            self.refresh_matches(false);
        }
        self.clamp_reader_scroll();
    }

    fn build_document(&self, page: Page, width: u16) -> Document {
        let note = match page {
            Page::Paper(paper) => self.notes.get(&self.catalog.papers()[paper].id).map(String::as_str),
            _ => None,
        };
        Document::build(&self.catalog, &self.tree, page, width, note)
    }

    /// Rebuilds the page in place (its note changed), keeping the scroll.
    fn rebuild_document(&mut self) {
        if let Some(doc) = &self.document {
            self.document = Some(self.build_document(doc.page, doc.width));
            self.refresh_matches(false);
            self.clamp_reader_scroll();
        }
    }

    /// Finds every occurrence of the find word in the reader's rows, case-insensitively. With
    /// `jump`, scrolls to the first match from the top of the view on.
    fn refresh_matches(&mut self, jump: bool) {
        let (Some(find), Some(doc)) = (&mut self.find, &self.document) else {
            return;
        };
        find.matches.clear();
        find.current = 0;
        let needle = find.query.to_lowercase();
        if needle.is_empty() {
            return;
        }
        for row in 0..doc.height() {
            let text = doc.row_text(row).to_lowercase();
            for (byte, _) in text.match_indices(&needle) {
                let start = unicode_width::UnicodeWidthStr::width(&text[..byte]);
                let end = start + unicode_width::UnicodeWidthStr::width(needle.as_str());
                find.matches.push(Match { row, start, end });
            }
        }
        if jump {
            let from = self.reader_scroll;
            find.current = find.matches.iter().position(|m| m.row >= from).unwrap_or(0);
            self.scroll_to_current_match();
        }
    }

    fn step_match(&mut self, forward: bool) {
        let Some(find) = self.find.as_mut().filter(|f| !f.matches.is_empty()) else {
            self.status = Some("nothing to find: press / to find a word".to_owned());
            return;
        };
        let count = find.matches.len();
        find.current = if forward { (find.current + 1) % count } else { (find.current + count - 1) % count };
        self.scroll_to_current_match();
    }

    /// Brings the current match into view, a third of the way down the reader.
    fn scroll_to_current_match(&mut self) {
        let Some(row) = self.find.as_ref().and_then(|f| f.matches.get(f.current)).map(|m| m.row) else {
            return;
        };
        let page = self.reader_page();
        if row < self.reader_scroll || row >= self.reader_scroll + page {
            self.reader_scroll = row.saturating_sub(page / 3);
            self.clamp_reader_scroll();
        }
    }

    fn reader_width(&self) -> u16 {
        self.areas().map_or(self.area.width, |a| a.reader_text().width)
    }

    fn reader_page(&self) -> usize {
        self.areas().map_or(1, |a| usize::from(a.reader_text().height))
    }

    fn list_page(&self) -> usize {
        self.areas().map_or(1, |a| usize::from(a.list_inner().height)).max(1)
    }

    fn clamp_reader_scroll(&mut self) {
        let height = self.document.as_ref().map_or(0, Document::height);
        self.reader_scroll = self.reader_scroll.min(height.saturating_sub(self.reader_page()));
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
