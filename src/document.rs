//! What the reader shows, as styled text: a paper (its metadata, its line of work, then the
//! explanation rendered from markdown) or a category (its description and its papers).
//! Built once per page and width in `update`, never while drawing.

use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::catalog::{Catalog, Paper};
use crate::index::CategoryTree;
use crate::ui::theme;

/// A page of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Index into `Catalog::papers`.
    Paper(usize),
    /// Node of the category tree.
    Category(usize),
}

#[derive(Debug, Clone)]
pub struct Document {
    pub page: Page,
    pub width: u16,
    pub title: String,
    pub text: Text<'static>,
    /// Lines once wrapped at `width`.
    pub height: usize,
}

impl Document {
    pub fn build(catalog: &Catalog, tree: &CategoryTree, page: Page, width: u16) -> Self {
        let (title, text) = match page {
            Page::Paper(index) => {
                let paper = &catalog.papers()[index];
                (paper.title.clone(), paper_text(catalog, paper))
            }
            Page::Category(node) => {
                let category = &catalog.categories()[tree.category_of(node)];
                (category.name.clone(), category_text(catalog, tree, node))
            }
        };
        let height = Paragraph::new(text.clone())
            .wrap(Wrap { trim: false })
            .line_count(width.max(1));
        Self {
            page,
            width,
            title,
            text,
            height,
        }
    }
}

fn paper_text(catalog: &Catalog, paper: &Paper) -> Text<'static> {
    let mut lines = vec![
        Line::styled(paper.title.clone(), theme::title()),
        Line::styled(paper.full_title.clone(), theme::subtitle()),
        Line::from(paper.authors.join(", ")),
    ];
    let mut when = vec![Span::raw(paper.date())];
    if let Some(venue) = &paper.venue {
        when.extend([Span::styled(" · ", theme::dim()), Span::raw(venue.clone())]);
    }
    if let Some(arxiv) = &paper.arxiv {
        when.extend([
            Span::styled(" · ", theme::dim()),
            Span::raw(format!("arXiv:{arxiv}")),
        ]);
    }
    lines.push(Line::from(when));
    lines.push(Line::styled(paper.url.clone(), theme::link()));

    let path: Vec<&str> = catalog
        .category_path(&paper.category)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    lines.push(labelled(
        "Category",
        vec![Span::styled(path.join(" › "), theme::category())],
    ));
    if !paper.tags.is_empty() {
        lines.push(labelled(
            "Concepts",
            joined(
                paper
                    .tags
                    .iter()
                    .map(|t| Span::styled(t.clone(), theme::tag())),
                " · ",
            ),
        ));
    }
    let work = catalog.line_of_work(paper);
    if !work.is_empty() {
        let mut chain: Vec<&Paper> = work;
        chain.push(paper);
        chain.sort_by_key(|p| (p.year, p.month));
        let steps = chain.iter().map(|p| {
            let text = format!("{} ({})", p.title, p.year);
            if p.id == paper.id {
                Span::styled(text, theme::current())
            } else {
                Span::raw(text)
            }
        });
        lines.push(labelled("Line of work", joined(steps, " → ")));
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("▌ ", theme::dim()),
        Span::styled(paper.tldr.clone(), theme::subtitle()),
    ]));
    lines.push(Line::default());
    lines.extend(markdown(&paper.body));
    Text::from(lines)
}

fn category_text(catalog: &Catalog, tree: &CategoryTree, node: usize) -> Text<'static> {
    let category = &catalog.categories()[tree.category_of(node)];
    let path: Vec<&str> = catalog
        .category_path(&category.id)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let count = tree.paper_count(node);
    let mut lines = vec![Line::styled(category.name.clone(), theme::title())];
    if path.len() > 1 {
        lines.push(Line::styled(path.join(" › "), theme::category()));
    }
    lines.extend([
        Line::from(category.description.clone()),
        Line::styled(
            format!(
                "{count} paper{}, oldest first",
                if count == 1 { "" } else { "s" }
            ),
            theme::dim(),
        ),
        Line::default(),
    ]);
    // Catalog order is chronological, so sorting indices sorts by date.
    let mut papers = tree.papers_under(node);
    papers.sort_unstable();
    for index in papers {
        let paper = &catalog.papers()[index];
        lines.push(Line::from(vec![
            Span::styled(paper.title.clone(), theme::current()),
            Span::styled(format!("  {}", paper.year), theme::dim()),
        ]));
        lines.push(Line::from(paper.tldr.clone()));
        lines.push(Line::default());
    }
    Text::from(lines)
}

fn labelled(label: &str, mut spans: Vec<Span<'static>>) -> Line<'static> {
    spans.insert(0, Span::styled(format!("{label}: "), theme::label()));
    Line::from(spans)
}

fn joined(
    items: impl Iterator<Item = Span<'static>>,
    separator: &'static str,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            spans.push(Span::styled(separator, theme::dim()));
        }
        spans.push(item);
    }
    spans
}

/// The explanation through tui-markdown, copied out of the source string so it can be cached.
pub fn markdown(source: &str) -> Vec<Line<'static>> {
    tui_markdown::from_str(source)
        .lines
        .into_iter()
        .map(|line| {
            let spans: Vec<Span<'static>> = line
                .spans
                .into_iter()
                .map(|span| Span::styled(span.content.into_owned(), span.style))
                .collect();
            Line::from(spans)
                .style(line.style)
                .alignment(line.alignment.unwrap_or_default())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &Text) -> String {
        text.lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_paper_page_shows_metadata_line_of_work_and_explanation() {
        let catalog = Catalog::embedded().expect("valid");
        let tree = CategoryTree::new(&catalog);
        let faster = catalog.paper_index("faster-rcnn").unwrap();
        let doc = Document::build(&catalog, &tree, Page::Paper(faster), 70);
        let text = plain(&doc.text);
        assert!(text.contains("arXiv:1506.01497"), "{text}");
        assert!(
            text.contains("Line of work: R-CNN (2013) → Fast R-CNN (2015) → Faster R-CNN (2015)"),
            "{text}"
        );
        assert!(text.contains("Why it matters"));
        assert!(
            doc.height > doc.text.lines.len(),
            "long lines wrap at 70 columns"
        );
    }

    #[test]
    fn a_category_page_lists_its_papers_with_their_summaries() {
        let catalog = Catalog::embedded().expect("valid");
        let tree = CategoryTree::new(&catalog);
        let node = tree.node_of_category(&catalog, "rcnn-family").unwrap();
        let text = plain(&Document::build(&catalog, &tree, Page::Category(node), 60).text);
        assert!(text.contains("3 papers"), "{text}");
        assert!(text.contains(&catalog.paper("fast-rcnn").unwrap().tldr));
    }
}
