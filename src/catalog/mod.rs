//! The catalog: papers and categories, loaded from TOML, validated, and indexed by id.
//!
//! Invariants once a `Catalog` exists: ids are unique, every category a paper names exists,
//! every `related` id exists, the category tree has no cycles, and no text holds control
//! characters (so it can be printed to a terminal as it is).

mod error;
mod raw;
mod validate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use error::CatalogError;
pub use validate::{CATEGORIES_FILE, CONCEPTS_FILE, PATHS_FILE};

/// The papers shipped inside the binary, listed by `build.rs` from `papers/`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_catalog.rs"));
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub description: String,
    pub order: i64,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    pub id: String,
    pub title: String,
    pub full_title: String,
    pub authors: Vec<String>,
    pub year: u16,
    pub month: u8,
    pub venue: Option<String>,
    pub arxiv: Option<String>,
    pub url: String,
    pub category: String,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub related: Vec<String>,
    pub tldr: String,
    pub body: String,
    /// Where the paper was read from, for messages.
    pub source: String,
}

impl Paper {
    /// "June 2017".
    pub fn date(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS.get(usize::from(self.month).wrapping_sub(1)).copied().unwrap_or("?");
        format!("{month} {}", self.year)
    }
}

/// A concept of the shared vocabulary that papers' tags draw from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub name: String,
    /// A short explanation in our words.
    pub about: Option<String>,
}

/// A reading path: an ordered route through papers and concepts, each step with why it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingPath {
    pub id: String,
    pub title: String,
    pub description: String,
    pub steps: Vec<PathStep>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub target: StepTarget,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StepTarget {
    /// A paper id.
    Paper(String),
    /// A concept name.
    Concept(String),
}

/// One file of a catalog: its path as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: Cow<'static, str>,
}

#[derive(Debug)]
pub struct Catalog {
    categories: Vec<Category>,
    concepts: Vec<Concept>,
    papers: Vec<Paper>,
    paths: Vec<ReadingPath>,
    paper_by_id: HashMap<String, usize>,
    category_by_id: HashMap<String, usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} error(s) in the catalog:\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<CatalogError>),
}

impl Catalog {
    /// The catalog compiled into the binary.
    pub fn embedded() -> Result<Self, Vec<CatalogError>> {
        Self::from_sources(&embedded_sources())
    }

    pub fn from_sources(sources: &[Source]) -> Result<Self, Vec<CatalogError>> {
        validate::build(sources)
    }

    /// Reads every `.toml` file below `root` (categories from `categories.toml`, one paper per
    /// other file) and validates them together.
    pub fn load_dir(root: &Path) -> Result<Self, LoadError> {
        let sources = read_dir_sources(root)?;
        Self::from_sources(&sources).map_err(LoadError::Invalid)
    }

    fn new(
        mut categories: Vec<Category>,
        mut concepts: Vec<Concept>,
        mut papers: Vec<Paper>,
        paths: Vec<ReadingPath>,
    ) -> Self {
        concepts.sort_by_key(|c| c.name.to_lowercase());
        categories.sort_by(|a, b| (a.order, &a.name).cmp(&(b.order, &b.name)));
        papers.sort_by(|a, b| (a.year, a.month, &a.title).cmp(&(b.year, b.month, &b.title)));
        let paper_by_id = papers.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        let category_by_id = categories.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        Self { categories, concepts, papers, paths, paper_by_id, category_by_id }
    }

    /// Papers in chronological order.
    pub fn papers(&self) -> &[Paper] {
        &self.papers
    }

    /// Categories in display order among siblings.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The shared vocabulary that tags draw from, alphabetical.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The reading paths, in file order.
    pub fn paths(&self) -> &[ReadingPath] {
        &self.paths
    }

    pub fn path(&self, id: &str) -> Option<&ReadingPath> {
        self.paths.iter().find(|p| p.id == id)
    }

    pub fn concept_index(&self, name: &str) -> Option<usize> {
        self.concepts.iter().position(|c| c.name == name)
    }

    /// Papers tagged with a concept, chronological.
    pub fn papers_with_concept(&self, concept: &str) -> Vec<usize> {
        (0..self.papers.len()).filter(|&i| self.papers[i].tags.iter().any(|t| t == concept)).collect()
    }

    pub fn paper_index(&self, id: &str) -> Option<usize> {
        self.paper_by_id.get(id).copied()
    }

    pub fn paper(&self, id: &str) -> Option<&Paper> {
        self.paper_index(id).map(|i| &self.papers[i])
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.category_by_id.get(id).map(|&i| &self.categories[i])
    }

    /// The chain of categories from the root down to `id`.
    pub fn category_path(&self, id: &str) -> Vec<&Category> {
        let mut path = Vec::new();
        let mut next = self.category(id);
        while let Some(category) = next {
            path.push(category);
            next = category.parent.as_deref().and_then(|p| self.category(p));
        }
        path.reverse();
        path
    }

    /// Papers whose `related` list names `paper`, chronological.
    pub fn backlinks(&self, paper: &Paper) -> Vec<&Paper> {
        self.papers.iter().filter(|p| p.related.iter().any(|r| r == &paper.id)).collect()
    }

    /// A paper's related papers and its backlinks, merged, without repeats, chronological.
    pub fn line_of_work(&self, paper: &Paper) -> Vec<&Paper> {
        let mut linked: Vec<&Paper> = paper.related.iter().filter_map(|id| self.paper(id)).collect();
        for back in self.backlinks(paper) {
            if !linked.iter().any(|p| p.id == back.id) {
                linked.push(back);
            }
        }
        linked.sort_by_key(|p| (p.year, p.month));
        linked
    }
}

fn embedded_sources() -> Vec<Source> {
    embedded::FILES.iter().map(|&(path, text)| Source { path: path.to_owned(), text: Cow::Borrowed(text) }).collect()
}

fn read_dir_sources(root: &Path) -> Result<Vec<Source>, LoadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    let mut pending = vec![root.to_path_buf()];
    let mut files = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let path = entry.map_err(io(&dir))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(io(&path))?;
            Ok(Source { path: path.display().to_string(), text: Cow::Owned(text) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> Source {
        Source { path: path.into(), text: Cow::Owned(text.into()) }
    }

    const CATEGORIES: &str = r#"
[[category]]
id = "vision"
name = "Vision"
description = "Seeing"
order = 1
"#;

    fn paper(id: &str, related: &str) -> String {
        format!(
            r#"id = "{id}"
title = "T {id}"
full_title = "Full {id}"
authors = ["A. Author"]
year = 2020
month = 6
url = "https://example.org/{id}"
category = "vision"
related = [{related}]
tldr = "One line."
body = "Text."
"#
        )
    }

    #[test]
    fn the_embedded_catalog_is_valid() {
        let catalog = Catalog::embedded().unwrap_or_else(|errors| {
            panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
        });
        assert!(catalog.papers().len() >= 25, "the core papers are all there");
    }

    #[test]
    fn every_core_line_of_work_is_linked() {
        let catalog = Catalog::embedded().expect("valid");
        for (from, to) in [
            ("rcnn", "fast-rcnn"),
            ("fast-rcnn", "faster-rcnn"),
            ("bert", "tinybert"),
            ("bert", "distilbert"),
            ("bert", "mobilebert"),
            ("layoutlm", "layoutlmv2"),
            ("layoutlmv2", "layoutlmv3"),
            ("vit", "swin"),
        ] {
            let paper = catalog.paper(from).expect(from);
            assert!(catalog.line_of_work(paper).iter().any(|p| p.id == to), "{from} and {to} should be linked");
        }
    }

    #[test]
    fn related_links_count_in_both_directions() {
        let catalog = Catalog::from_sources(&[
            source("categories.toml", CATEGORIES),
            source("a.toml", &paper("a", "\"b\"")),
            source("b.toml", &paper("b", "")),
        ])
        .expect("valid");
        let b = catalog.paper("b").unwrap();
        assert_eq!(catalog.backlinks(b)[0].id, "a");
        assert_eq!(catalog.line_of_work(b).len(), 1);
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let errors = Catalog::from_sources(&[
            source("categories.toml", CATEGORIES),
            source("a.toml", &paper("a", "\"zzz\"").replace("vision", "visoin")),
            source("b.toml", &paper("b", "\"b\"")),
        ])
        .unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "a.toml:8:12: `category`: no category has the id \"visoin\" (did you mean \"vision\"?)",
                "a.toml:9:12: `related`: no paper has the id \"zzz\"",
                "b.toml:9:12: `related`: a paper cannot be related to itself",
            ]
        );
    }

    #[test]
    fn the_related_graph_has_no_dangling_or_self_links_and_tags_are_concepts() {
        let catalog = Catalog::embedded().expect("valid");
        for paper in catalog.papers() {
            for id in &paper.related {
                assert_ne!(id, &paper.id, "{} names itself", paper.id);
                assert!(catalog.paper(id).is_some(), "{} names missing {id}", paper.id);
            }
            for tag in &paper.tags {
                assert!(
                    catalog.concepts().iter().any(|c| &c.name == tag),
                    "{}: tag {tag:?} not in concepts.toml",
                    paper.id
                );
            }
        }
        assert!(!catalog.concepts().is_empty());
    }

    #[test]
    fn every_concept_is_used() {
        let catalog = Catalog::embedded().expect("valid");
        for concept in catalog.concepts().iter().map(|c| &c.name) {
            assert!(
                catalog.papers().iter().any(|p| p.tags.contains(concept)),
                "{concept:?} in concepts.toml tags no paper"
            );
        }
    }

    #[test]
    fn category_paths_run_from_the_root() {
        let catalog = Catalog::embedded().expect("valid");
        let path: Vec<&str> = catalog.category_path("rcnn-family").iter().map(|c| c.id.as_str()).collect();
        assert_eq!(path, ["computer-vision", "object-detection", "rcnn-family"]);
    }
}
