//! Drawing. Views borrow the app and only read it: everything costly (search, markdown,
//! wrapping, find matches) was done in `update`. One function per pane or overlay.

pub mod help;
pub mod layout;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::app::{App, Focus, ListView, PathPosition, Picker, ResultRow, SectionRow};
use crate::catalog::{Paper, StepTarget};
use crate::index::filter::{Marks, Query};
use crate::index::text::terms;
use crate::index::{Hit, TreeRow};
use crate::keymap::{self, Context};
use layout::{Areas, MIN_HEIGHT, MIN_WIDTH};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = Areas::new(area) else {
            return render_too_small(area, buf);
        };
        render_search(self, areas.search, buf);
        render_list(self, areas, buf);
        render_reader(self, areas, buf);
        render_footer(self, areas.footer, buf);
        if let Some(picker) = self.picker() {
            render_picker(picker, areas.reader, buf);
        }
        if self.help_open() {
            render_help(self, area, buf);
        }
        if !self.colors() {
            strip_colors(area, buf);
        }
    }
}

/// Takes the colours out of a drawn frame; what was marked by a background is reversed instead,
/// so selections and find matches still stand out.
fn strip_colors(area: Rect, buf: &mut Buffer) {
    for position in area.positions() {
        let cell = &mut buf[position];
        if cell.bg != Color::Reset {
            cell.modifier.insert(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

fn pane(title: Line<'static>, focused: bool) -> Block<'static> {
    Block::bordered().border_type(BorderType::Rounded).border_style(theme::border(focused)).title(title)
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let message = Text::from(vec![
        Line::styled("Terminal too small", theme::error()),
        Line::from(format!("{}x{}, mlpx needs {MIN_WIDTH}x{MIN_HEIGHT}", area.width, area.height)),
        Line::styled("q quits", theme::dim()),
    ]);
    let [middle] = Layout::vertical([Constraint::Length(3)]).flex(Flex::Center).areas(area);
    Paragraph::new(message).alignment(Alignment::Center).wrap(Wrap { trim: true }).render(middle, buf);
}

fn render_search(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Search;
    let count = if app.searching() {
        let n = app.hits().len();
        Line::styled(format!(" {n} match{} ", if n == 1 { "" } else { "es" }), theme::dim()).right_aligned()
    } else {
        Line::default()
    };
    let block = pane(Line::from(" Search "), focused).title_bottom(count);
    let mut spans = vec![Span::styled("/ ", theme::dim()), Span::raw(app.query().to_owned())];
    if focused {
        spans.push(Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)));
    } else if app.query().is_empty() {
        spans.push(Span::styled("name, concept, author…", theme::dim()));
    }
    // Keep the end of a long query in view.
    let inner_width = usize::from(area.width.saturating_sub(2));
    let typed = unicode_width::UnicodeWidthStr::width(app.query()) + 3;
    let scroll = u16::try_from(typed.saturating_sub(inner_width)).unwrap_or(u16::MAX);
    Paragraph::new(Line::from(spans)).block(block).scroll((0, scroll)).render(area, buf);
}

fn render_list(app: &App, areas: Areas, buf: &mut Buffer) {
    let title = match (app.searching(), app.view()) {
        (true, _) if app.only_mentions() => format!(" No paper named “{}”; mentioned in ", app.query().trim()),
        (true, _) => " Results ".to_owned(),
        (false, ListView::Library) => " Library ".to_owned(),
        (false, ListView::Concepts) => " Concepts ".to_owned(),
        (false, ListView::Shelf) => " Shelf ".to_owned(),
        (false, ListView::Timeline) => " Timeline ".to_owned(),
        (false, ListView::Paths) => " Reading paths ".to_owned(),
    };
    let focused = app.focus() == Focus::List;
    pane(Line::from(title), focused).render(areas.list, buf);
    let inner = areas.list_inner();
    let rows = usize::from(inner.height);
    let lines: Vec<Line> = if let Some(error) = app.query_error() {
        vec![Line::styled(error.to_owned(), theme::error())]
    } else if app.searching() {
        if app.hits().is_empty() {
            vec![Line::styled("No paper matches.", theme::dim()), Line::styled("Fewer or shorter words?", theme::dim())]
        } else {
            let words = query_words(app.query());
            app.results().skip(app.list_offset()).take(rows).map(|row| result_line(app, row, &words)).collect()
        }
    } else if app.view() == ListView::Concepts {
        let concepts = app.catalog().concepts().iter().enumerate();
        concepts.skip(app.list_offset()).take(rows).map(|(i, _)| concept_line(app, i)).collect()
    } else if matches!(app.view(), ListView::Shelf | ListView::Timeline | ListView::Paths) {
        app.sections().iter().skip(app.list_offset()).take(rows).map(|row| section_line(app, row)).collect()
    } else {
        app.rows().iter().skip(app.list_offset()).take(rows).map(|row| tree_line(app, *row)).collect()
    };
    for (i, line) in lines.into_iter().enumerate() {
        let row = Rect { y: inner.y + i as u16, height: 1, ..inner };
        let selected = app.list_offset() + i == app.cursor();
        let line = if selected { line.patch_style(theme::selected(focused)) } else { line };
        if selected {
            buf.set_style(row, theme::selected(focused));
        }
        line.render(row, buf);
    }
}

fn tree_line(app: &App, row: TreeRow) -> Line<'static> {
    let indent = "  ".repeat(row.depth());
    match row {
        TreeRow::Category { node, .. } => {
            let category = &app.catalog().categories()[app.tree().category_of(node)];
            let marker = if app.is_expanded(node) { "▾ " } else { "▸ " };
            Line::from(vec![
                Span::raw(indent),
                Span::styled(marker, theme::category()),
                Span::styled(category.name.clone(), theme::category()),
                Span::styled(format!(" {}", app.tree().paper_count(node)), theme::dim()),
            ])
        }
        TreeRow::Paper { paper, .. } => {
            let paper = &app.catalog().papers()[paper];
            let mut spans = vec![
                Span::raw(format!("{indent}  ")),
                Span::raw(paper.title.clone()),
                Span::styled(format!(" {}", paper.year), theme::dim()),
            ];
            spans.extend(marks(app, paper));
            Line::from(spans)
        }
    }
}

/// The reader's own marks after a paper's name: bookmarked, read.
fn marks(app: &App, paper: &Paper) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if app.shelf().is_bookmarked(&paper.id) {
        spans.push(Span::styled(" ★", theme::bookmark()));
    }
    if app.shelf().is_read(&paper.id) {
        spans.push(Span::styled(" ✓", theme::dim()));
    }
    spans
}

fn section_line(app: &App, row: &SectionRow) -> Line<'static> {
    match row {
        SectionRow::Heading(title) => Line::styled(title.clone(), theme::category()),
        SectionRow::Note(note) => Line::styled(format!("  {note}"), theme::dim()),
        SectionRow::Path(index) => {
            let (read, total) = app.path_progress(*index);
            let open = if app.active_path() == Some(*index) { "▾ " } else { "▸ " };
            let done = if total > 0 && read == total { " ✓ done" } else { "" };
            Line::from(vec![
                Span::styled(open, theme::category()),
                Span::styled(app.catalog().paths()[*index].title.clone(), theme::category()),
                Span::styled(format!(" {read}/{total}{done}"), theme::dim()),
            ])
        }
        SectionRow::Step(path, step) => {
            let (label, read) = match &app.catalog().paths()[*path].steps[*step].target {
                StepTarget::Paper(id) => {
                    let paper = app.catalog().paper(id).expect("validated step");
                    (format!("{} {}", paper.title, paper.year), app.shelf().is_read(id))
                }
                StepTarget::Concept(name) => (format!("concept: {name}"), false),
            };
            Line::from(vec![
                Span::styled(format!("  {:>2}. ", step + 1), theme::dim()),
                Span::raw(label),
                Span::styled(if read { " ✓" } else { "" }, theme::dim()),
            ])
        }
        SectionRow::Paper(paper) => {
            let paper = &app.catalog().papers()[*paper];
            let mut spans = if app.view() == ListView::Timeline {
                let month = paper.date().chars().take(3).collect::<String>();
                vec![Span::styled(format!("  {month} "), theme::dim()), Span::raw(paper.title.clone())]
            } else {
                vec![Span::raw(format!("  {}", paper.title)), Span::styled(format!(" {}", paper.year), theme::dim())]
            };
            spans.extend(marks(app, paper));
            Line::from(spans)
        }
    }
}

fn result_line(app: &App, row: ResultRow, words: &[String]) -> Line<'static> {
    match row {
        ResultRow::Concept(index) => {
            let mut line = concept_line(app, index);
            line.spans.insert(0, Span::styled("concept ", theme::dim()));
            line
        }
        ResultRow::Paper(hit) => hit_line(app, hit, words),
    }
}

fn concept_line(app: &App, index: usize) -> Line<'static> {
    let concept = &app.catalog().concepts()[index];
    let count = app.catalog().papers_with_concept(&concept.name).len();
    Line::from(vec![Span::styled(concept.name.clone(), theme::tag()), Span::styled(format!(" {count}"), theme::dim())])
}

/// A result: its title with the matched letters marked, its year and marks, and why it matched
/// when not by its title, with the typed `words` highlighted there.
fn hit_line(app: &App, hit: &Hit, words: &[String]) -> Line<'static> {
    let paper = &app.catalog().papers()[hit.paper];
    let mut spans: Vec<Span<'static>> = paper
        .title
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if hit.title_matches.binary_search(&i).is_ok() {
                Span::styled(c.to_string(), theme::matched())
            } else {
                Span::raw(c.to_string())
            }
        })
        .collect();
    spans.push(Span::styled(format!(" {}", paper.year), theme::dim()));
    spans.extend(marks(app, paper));
    if let Some((field, text)) = app.why(hit) {
        spans.push(Span::styled(format!(" · {}: ", field.label()), theme::dim()));
        spans.extend(highlighted(&text, words));
    }
    Line::from(spans)
}

/// The words of the typed search, filters left out, for highlighting where they occur.
fn query_words(query: &str) -> Vec<String> {
    let words = Query::parse(query).map(|q| q.words).unwrap_or_default();
    crate::index::search::query_words(&words).into_iter().filter(|w| w.len() >= 2).collect()
}

/// `text` dimmed, with every occurrence of one of `words` (ignoring ASCII case) highlighted.
fn highlighted(text: &str, words: &[String]) -> Vec<Span<'static>> {
    if text.is_empty() {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let mut marked = vec![false; text.len()];
    for word in words {
        for (start, found) in lower.match_indices(word.as_str()) {
            marked[start..start + found.len()].iter_mut().for_each(|m| *m = true);
        }
    }
    // A text match may be another form of the typed word ("shift" for "shifted"): the words with
    // the same stem are marked too.
    let stems: Vec<String> = words.iter().filter_map(|word| terms(word).next()).collect();
    let mut at = 0;
    for piece in text.split(|c: char| !c.is_alphanumeric()) {
        if !piece.is_empty() && terms(piece).next().is_some_and(|stem| stems.contains(&stem)) {
            marked[at..at + piece.len()].iter_mut().for_each(|m| *m = true);
        }
        at += piece.len() + text[at + piece.len()..].chars().next().map_or(0, char::len_utf8);
    }
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
        if i == text.len() || marked[i] != marked[start] {
            let style = if marked[start] { theme::matched() } else { theme::dim() };
            spans.push(Span::styled(text[start..i].to_owned(), style));
            start = i;
        }
    }
    spans
}

fn render_reader(app: &App, areas: Areas, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Reader;
    let Some(doc) = app.document() else {
        pane(Line::from(" Reader "), focused).render(areas.reader, buf);
        if app.searching() && app.hits().is_empty() {
            let text = areas.reader_text();
            Line::styled(format!("Nothing in the catalog matches “{}”.", app.query().trim()), theme::dim())
                .render(Rect { height: 1, ..text }, buf);
        }
        return;
    };
    let text_area = areas.reader_text();
    let visible = usize::from(text_area.height);
    let position = if doc.height() <= visible {
        "all".to_owned()
    } else {
        let end = (app.reader_scroll() + visible).min(doc.height());
        format!("{}%", end * 100 / doc.height())
    };
    let crumbs = app.breadcrumb();
    let title = if crumbs.len() > 1 { crumbs.join(" › ") } else { doc.title.clone() };
    let mut block = pane(Line::from(format!(" {title} ")), focused)
        .title_bottom(Line::styled(format!(" {position} "), theme::dim()).right_aligned());
    if let Some(at) = app.path_position() {
        block = block.title_bottom(Line::styled(path_hint(app, at), theme::current()));
    }
    block.render(areas.reader, buf);

    let rows = doc.lines.iter().skip(app.reader_scroll()).take(visible);
    for (i, line) in rows.enumerate() {
        let row = Rect { y: text_area.y + i as u16, height: 1, ..text_area };
        line.render(row, buf);
    }
    if let Some(find) = app.find() {
        for (i, found) in find.matches.iter().enumerate() {
            let Some(on_screen) = found.row.checked_sub(app.reader_scroll()).filter(|&r| r < visible) else {
                continue;
            };
            let x = text_area.x + found.start as u16;
            let width = (found.end - found.start) as u16;
            let cells = Rect { x, y: text_area.y + on_screen as u16, width, height: 1 }.intersection(text_area);
            let style = if i == find.current { theme::current_match() } else { theme::found() };
            buf.set_style(cells, style);
        }
    }
}

fn render_picker(picker: &Picker, over: Rect, buf: &mut Buffer) {
    let height = (picker.items.len() as u16 + 2).min(over.height.saturating_sub(2));
    let width = over.width.saturating_sub(4).min(64);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(over);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    Clear.render(popup, buf);
    let block = pane(Line::from(format!(" {} ", picker.title)), true)
        .title_bottom(Line::styled(" Enter chooses · Esc closes ", theme::dim()).right_aligned());
    let inner = block.inner(popup);
    block.render(popup, buf);
    let visible = usize::from(inner.height);
    let first = (picker.cursor + 1).saturating_sub(visible);
    for (i, item) in picker.items.iter().enumerate().skip(first).take(visible) {
        let row = Rect { y: inner.y + (i - first) as u16, height: 1, ..inner };
        if i == picker.cursor {
            buf.set_style(row, theme::selected(true));
        }
        Line::from(format!(" {}", item.label)).render(row, buf);
    }
}

/// "step 3 of 8 · next: TinyBERT >" under the reader while a reading path is followed.
fn path_hint(app: &App, at: PathPosition) -> String {
    let path = &app.catalog().paths()[at.path];
    let next = match path.steps.get(at.step + 1).map(|s| &s.target) {
        Some(StepTarget::Paper(id)) => format!("next: {} >", app.catalog().paper(id).map_or(id.as_str(), |p| &p.title)),
        Some(StepTarget::Concept(name)) => format!("next: {name} >"),
        None => "last step".to_owned(),
    };
    format!(" {} · step {} of {} · {next} ", path.title, at.step + 1, path.steps.len())
}

/// The keys of the focused pane, then the global ones; hints that do not fit are left out
/// whole, the global ones last so `? help` stays in view. While finding, the footer is the
/// prompt; a status message or the match count takes the right end.
fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let context = app.context();
    let mut right = String::new();
    if let Some(status) = app.status() {
        right = format!(" {status} ");
    } else if let Some(find) = app.find().filter(|f| !f.typing) {
        right = match find.matches.len() {
            0 => format!(" no “{}” ", find.query),
            n => format!(" “{}” {}/{n} ", find.query, find.current + 1),
        };
    }
    let right_width = unicode_width::UnicodeWidthStr::width(right.as_str()) as u16;
    let [left_area, right_area] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    Line::styled(right, theme::current()).right_aligned().render(right_area, buf);

    let mut spans = Vec::new();
    if let Some(find) = app.find().filter(|f| f.typing) {
        spans.push(Span::styled("Find: ", theme::key()));
        spans.push(Span::raw(find.query.clone()));
        spans.push(Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)));
        spans.push(Span::styled(format!("  {} ", find.matches.len()), theme::dim()));
    }
    let hint = |binding: &keymap::Binding| {
        vec![
            Span::styled(binding.first_label_in(context), theme::key()),
            Span::styled(format!(" {}  ", binding.description), theme::dim()),
        ]
    };
    let width_of = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let shown = |global: bool| {
        keymap::bindings_for(context).filter(move |b| b.in_footer && (b.context == Context::Global) == global)
    };
    let global: Vec<Span> = shown(true).flat_map(hint).collect();
    let mut room = usize::from(left_area.width).saturating_sub(width_of(&global) + width_of(&spans));
    for binding in shown(false) {
        let item = hint(binding);
        if width_of(&item) > room {
            break;
        }
        room -= width_of(&item);
        spans.extend(item);
    }
    spans.extend(global);
    Line::from(spans).render(left_area, buf);
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let popup = help::popup(area);
    Clear.render(popup, buf);
    let scroll = u16::try_from(app.help_scroll()).unwrap_or(u16::MAX);
    Paragraph::new(help::lines())
        .block(
            pane(Line::from(" Keys "), true).title_bottom(Line::styled(" Esc closes ", theme::dim()).right_aligned()),
        )
        .scroll((scroll, 0))
        .render(popup, buf);
}
