//! What the reader shows, as styled rows already wrapped to the pane: a paper (its metadata,
//! its line of work, the explanation rendered from markdown, then numbered links to its related
//! papers and to those that reference it) or a category (its description and numbered papers).
//! Built once per page and width in `update`, never while drawing, and it records on which row
//! each heading and link lands, for the outline, link following and in-page search.

use ratatui::text::{Line, Span};

use crate::catalog::{Catalog, Origin, Paper, StepTarget};
use crate::index::CategoryTree;
use crate::math::render_math_in_markdown;
use crate::ui::theme;
use crate::wrap::wrap;

/// A page of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// Index into `Catalog::papers`.
    Paper(usize),
    /// Node of the category tree.
    Category(usize),
    /// Index into `Catalog::concepts`.
    Concept(usize),
    /// Index into `Catalog::paths`.
    Path(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub row: usize,
    pub level: usize,
    pub title: String,
}

/// A numbered link to another paper; its number is its position in `Document::links` plus one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub row: usize,
    /// Index into `Catalog::papers`.
    pub paper: usize,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub page: Page,
    pub width: u16,
    pub title: String,
    /// The rows, wrapped at `width`.
    pub lines: Vec<Line<'static>>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
}

/// Lines before wrapping, with what must be remembered about them.
#[derive(Default)]
struct Builder {
    lines: Vec<Line<'static>>,
    headings: Vec<(usize, usize, String)>,
    links: Vec<(usize, usize)>,
}

impl Builder {
    fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    fn heading(&mut self, level: usize, title: &str) {
        self.headings.push((self.lines.len(), level, title.to_owned()));
        self.lines.push(Line::styled(title.to_owned(), theme::heading()));
    }

    fn link(&mut self, paper: usize, line: Line<'static>) {
        let number = self.links.len() + 1;
        self.links.push((self.lines.len(), paper));
        let mut spans = vec![Span::styled(format!("[{number}] "), theme::key())];
        spans.extend(line.spans);
        self.lines.push(Line::from(spans));
    }

    fn markdown(&mut self, source: &str, width: u16) {
        for line in markdown(&render_math_in_markdown(source), width) {
            match heading_level(&line) {
                Some(level) => {
                    let title = strip_heading_marker(&line);
                    self.heading(level, &title);
                }
                None => self.push(line),
            }
        }
    }

    fn finish(self, page: Page, width: u16, title: String) -> Document {
        let mut rows = Vec::new();
        let mut first_row = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            first_row.push(rows.len());
            rows.extend(wrap(line, usize::from(width)));
        }
        Document {
            page,
            width,
            title,
            lines: rows,
            headings: self
                .headings
                .into_iter()
                .map(|(line, level, title)| Heading { row: first_row[line], level, title })
                .collect(),
            links: self.links.into_iter().map(|(line, paper)| Link { row: first_row[line], paper }).collect(),
        }
    }
}

impl Document {
    /// The page at `width`; `note` is the reader's own note, shown under a paper's explanation.
    pub fn build(catalog: &Catalog, tree: &CategoryTree, page: Page, width: u16, note: Option<&str>) -> Self {
        let mut builder = Builder::default();
        let title = match page {
            Page::Paper(index) => {
                let paper = &catalog.papers()[index];
                paper_page(&mut builder, catalog, paper, width, note);
                paper.title.clone()
            }
            Page::Category(node) => {
                category_page(&mut builder, catalog, tree, node);
                catalog.categories()[tree.category_of(node)].name.clone()
            }
            Page::Concept(index) => {
                concept_page(&mut builder, catalog, index, width);
                catalog.concepts()[index].name.clone()
            }
            Page::Path(index) => {
                path_page(&mut builder, catalog, index);
                catalog.paths()[index].title.clone()
            }
        };
        builder.finish(page, width, title)
    }

    /// Rows once wrapped.
    pub fn height(&self) -> usize {
        self.lines.len()
    }

    /// The plain text of a row, for searching it.
    pub fn row_text(&self, row: usize) -> String {
        self.lines[row].spans.iter().map(|s| s.content.as_ref()).collect()
    }
}

fn paper_page(out: &mut Builder, catalog: &Catalog, paper: &Paper, width: u16, note: Option<&str>) {
    out.push(Line::styled(paper.title.clone(), theme::title()));
    out.push(Line::styled(paper.full_title.clone(), theme::subtitle()));
    out.push(Line::from(paper.authors.join(", ")));
    let mut when = vec![Span::raw(paper.date())];
    if let Some(venue) = &paper.venue {
        when.extend([Span::styled(" · ", theme::dim()), Span::raw(venue.clone())]);
    }
    if let Some(arxiv) = &paper.arxiv {
        when.extend([Span::styled(" · ", theme::dim()), Span::raw(format!("arXiv:{arxiv}"))]);
    }
    out.push(Line::from(when));
    out.push(Line::styled(paper.url.clone(), theme::link()));

    let path: Vec<&str> = catalog.category_path(&paper.category).iter().map(|c| c.name.as_str()).collect();
    out.push(labelled("Category", vec![Span::styled(path.join(" › "), theme::category())]));
    if !paper.tags.is_empty() {
        out.push(labelled("Concepts", joined(paper.tags.iter().map(|t| Span::styled(t.clone(), theme::tag())), " · ")));
    }
    match catalog.origin(paper) {
        Origin::BuiltIn => {}
        Origin::User => out.push(labelled("From", vec![Span::raw(format!("your catalog, {}", paper.source))])),
        Origin::Replacing => out.push(labelled(
            "From",
            vec![Span::raw(format!("your catalog, {}, in place of the built-in entry", paper.source))],
        )),
    }
    let work = catalog.line_of_work(paper);
    if !work.is_empty() {
        let mut chain: Vec<&Paper> = work;
        chain.push(paper);
        chain.sort_by_key(|p| (p.year, p.month));
        let steps = chain.iter().map(|p| {
            let text = format!("{} ({})", p.title, p.year);
            if p.id == paper.id { Span::styled(text, theme::current()) } else { Span::raw(text) }
        });
        out.push(labelled("Line of work", joined(steps, " → ")));
    }
    out.push(Line::default());
    out.push(Line::from(vec![Span::styled("▌ ", theme::dim()), Span::styled(paper.tldr.clone(), theme::subtitle())]));
    out.push(Line::default());
    out.markdown(&paper.body, width);
    if let Some(note) = note {
        out.push(Line::default());
        out.heading(2, "Your note");
        out.push(Line::default());
        // The note's own top heading repeats the paper's name; the section heading says it all.
        let text = note.trim_start().strip_prefix("# ").map_or(note, |rest| rest.split_once('\n').map_or("", |r| r.1));
        out.markdown(text, width);
    }

    let related: Vec<&Paper> = paper.related.iter().filter_map(|id| catalog.paper(id)).collect();
    let referencing: Vec<&Paper> =
        catalog.backlinks(paper).into_iter().filter(|p| !paper.related.contains(&p.id)).collect();
    for (heading, papers) in [("Related papers", related), ("Referenced by", referencing)] {
        if papers.is_empty() {
            continue;
        }
        out.push(Line::default());
        out.heading(2, heading);
        out.push(Line::default());
        for linked in papers {
            let index = catalog.paper_index(&linked.id).expect("linked papers exist");
            out.link(index, paper_line(linked));
        }
    }
    if !paper.related.is_empty() || !catalog.backlinks(paper).is_empty() {
        out.push(Line::default());
        out.push(Line::styled("Enter lists these links; 1-9 follows one at once.", theme::dim()));
    }
}

fn category_page(out: &mut Builder, catalog: &Catalog, tree: &CategoryTree, node: usize) {
    let category = &catalog.categories()[tree.category_of(node)];
    let path: Vec<&str> = catalog.category_path(&category.id).iter().map(|c| c.name.as_str()).collect();
    let count = tree.paper_count(node);
    out.push(Line::styled(category.name.clone(), theme::title()));
    if path.len() > 1 {
        out.push(Line::styled(path.join(" › "), theme::category()));
    }
    out.push(Line::from(category.description.clone()));
    out.push(Line::styled(format!("{count} paper{}, oldest first", if count == 1 { "" } else { "s" }), theme::dim()));
    out.push(Line::default());
    // Catalog order is chronological, so sorting indices sorts by date.
    let mut papers = tree.papers_under(node);
    papers.sort_unstable();
    for index in papers {
        let paper = &catalog.papers()[index];
        out.link(index, paper_line(paper));
        out.push(Line::from(format!("    {}", paper.tldr)));
        out.push(Line::default());
    }
}

fn concept_page(out: &mut Builder, catalog: &Catalog, index: usize, width: u16) {
    let concept = &catalog.concepts()[index];
    let papers = catalog.papers_with_concept(&concept.name);
    out.push(Line::styled(concept.name.clone(), theme::title()));
    out.push(Line::styled("Concept", theme::tag()));
    out.push(Line::default());
    match &concept.about {
        Some(about) => out.markdown(about, width),
        None => out.push(Line::styled("No explanation written yet.", theme::dim())),
    }
    out.push(Line::default());
    let count = papers.len();
    out.heading(2, &format!("{count} paper{}, oldest first", if count == 1 { "" } else { "s" }));
    out.push(Line::default());
    for paper in papers {
        out.link(paper, paper_line(&catalog.papers()[paper]));
    }
}

fn path_page(out: &mut Builder, catalog: &Catalog, index: usize) {
    let path = &catalog.paths()[index];
    out.push(Line::styled(path.title.clone(), theme::title()));
    out.push(Line::styled("Reading path", theme::tag()));
    out.push(Line::from(path.description.clone()));
    let count = path.steps.len();
    out.push(Line::styled(format!("{count} step{} in order", if count == 1 { "" } else { "s" }), theme::dim()));
    out.push(Line::default());
    for step in &path.steps {
        match &step.target {
            StepTarget::Paper(id) => {
                let paper = catalog.paper_index(id).expect("validated step");
                out.link(paper, paper_line(&catalog.papers()[paper]));
            }
            StepTarget::Concept(name) => out.push(Line::styled(format!("    concept: {name}"), theme::tag())),
        }
        out.push(Line::from(format!("    {}", step.why)));
        out.push(Line::default());
    }
    out.push(Line::styled("Enter in the list opens the path's steps; > and < walk them.", theme::dim()));
}

fn paper_line(paper: &Paper) -> Line<'static> {
    Line::from(vec![
        Span::styled(paper.title.clone(), theme::current()),
        Span::styled(format!("  {}", paper.year), theme::dim()),
    ])
}

fn labelled(label: &str, mut spans: Vec<Span<'static>>) -> Line<'static> {
    spans.insert(0, Span::styled(format!("{label}: "), theme::label()));
    Line::from(spans)
}

fn joined(items: impl Iterator<Item = Span<'static>>, separator: &'static str) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            spans.push(Span::styled(separator, theme::dim()));
        }
        spans.push(item);
    }
    spans
}

/// Markdown through tui-markdown, tables laid out to `width`, copied out of the source string so
/// it can be cached.
pub fn markdown(source: &str, width: u16) -> Vec<Line<'static>> {
    let options = tui_markdown::Options::default().table_width(width);
    tui_markdown::from_str_with_options(source, &options)
        .lines
        .into_iter()
        .map(|line| {
            // A span can hold a line break (math that pulldown-cmark read across lines); a row
            // of the reader must not.
            let spans: Vec<Span<'static>> = line
                .spans
                .into_iter()
                .map(|span| {
                    let text: String = span
                        .content
                        .chars()
                        .map(|c| if c == '\n' { ' ' } else { c })
                        .filter(|c| !c.is_control())
                        .collect();
                    Span::styled(text, span.style)
                })
                .collect();
            Line::from(spans).style(line.style).alignment(line.alignment.unwrap_or_default())
        })
        .collect()
}

/// tui-markdown writes a heading with its `#` marks; their count is the level.
fn heading_level(line: &Line) -> Option<usize> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let hashes = text.chars().take_while(|&c| c == '#').count();
    (hashes > 0 && text[hashes..].starts_with(' ')).then_some(hashes)
}

fn strip_heading_marker(line: &Line) -> String {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.trim_start_matches('#').trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(doc: &Document) -> String {
        (0..doc.height()).map(|row| doc.row_text(row)).collect::<Vec<_>>().join("\n")
    }

    fn build(id: &str, width: u16) -> (Catalog, Document) {
        let catalog = crate::builtin::catalog();
        let tree = CategoryTree::new(&catalog);
        let index = catalog.paper_index(id).unwrap();
        let doc = Document::build(&catalog, &tree, Page::Paper(index), width, None);
        (catalog, doc)
    }

    #[test]
    fn a_paper_page_shows_metadata_line_of_work_and_explanation() {
        let (_, doc) = build("faster-rcnn", 200);
        let text = plain(&doc);
        assert!(text.contains("arXiv:1506.01497"), "{text}");
        let work = text.lines().find(|l| l.starts_with("Line of work: ")).expect("a line of work");
        let at = |name: &str| work.find(name).unwrap_or_else(|| panic!("{name} missing from {work}"));
        assert!(at("R-CNN (2013)") < at("Fast R-CNN (2015)") && at("Fast R-CNN (2015)") < at("Faster R-CNN (2015)"));
        assert!(text.contains("Why it matters"));
    }

    #[test]
    fn headings_are_recorded_without_their_marks() {
        let (_, doc) = build("tinybert", 70);
        let titles: Vec<&str> = doc.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            &titles[..6],
            ["The problem", "Key ideas", "How it works", "Results", "Why it matters", "What came next"]
        );
        for heading in &doc.headings {
            assert_eq!(doc.row_text(heading.row), heading.title);
        }
    }

    #[test]
    fn related_papers_and_backlinks_end_the_page_as_numbered_links() {
        let (catalog, doc) = build("fast-rcnn", 70);
        let linked: Vec<&str> = doc.links.iter().map(|l| catalog.papers()[l.paper].id.as_str()).collect();
        assert_eq!(&linked[..2], ["rcnn", "faster-rcnn"], "related first, in the file's order");
        let first = doc.row_text(doc.links[0].row);
        assert!(first.starts_with("[1] R-CNN"), "{first}");
    }

    #[test]
    fn narrower_panes_wrap_into_more_rows() {
        let (_, wide) = build("layoutlmv3", 120);
        let (_, narrow) = build("layoutlmv3", 50);
        assert!(narrow.height() > wide.height());
        assert!(
            (0..narrow.height()).all(|row| unicode_width::UnicodeWidthStr::width(narrow.row_text(row).as_str()) <= 50)
        );
    }

    #[test]
    fn a_category_page_lists_its_papers_as_links() {
        let catalog = crate::builtin::catalog();
        let tree = CategoryTree::new(&catalog);
        let node = tree.node_of_category(&catalog, "rcnn-family").unwrap();
        let doc = Document::build(&catalog, &tree, Page::Category(node), 60, None);
        let count = tree.papers_under(node).len();
        assert!(count >= 3);
        assert!(plain(&doc).contains(&format!("{count} papers")));
        assert_eq!(doc.links.len(), count);
    }
}
