//! The catalog: papers, categories, concepts and reading paths, loaded from TOML, validated,
//! indexed by id, and laid over by the user's folders (`lay_over`).
//!
//! Invariants once a `Catalog` exists: ids are unique, every category a paper names exists,
//! every `related` id exists, the category tree has no cycles, and no text holds control
//! characters (so it can be printed to a terminal as it is).

mod error;
mod raw;
mod validate;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use error::CatalogError;
pub use error::Located;
pub use validate::{CATEGORIES_FILE, CONCEPTS_FILE, PATHS_FILE, is_slug, terminal_safe};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub description: String,
    pub order: i64,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concept {
    pub name: String,
    /// A short explanation in our words.
    pub about: Option<String>,
}

/// A reading path: an ordered route through papers and concepts, each step with why it is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingPath {
    pub id: String,
    pub title: String,
    pub description: String,
    pub steps: Vec<PathStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathStep {
    pub target: StepTarget,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// Serialized by `build.rs` for the built-in catalog, so that start-up parses no TOML.
#[derive(Debug, Serialize, Deserialize)]
pub struct Catalog {
    categories: Vec<Category>,
    concepts: Vec<Concept>,
    papers: Vec<Paper>,
    paths: Vec<ReadingPath>,
    paper_by_id: HashMap<String, usize>,
    category_by_id: HashMap<String, usize>,
    /// Ids of papers read from the user's folders, and which of them replace a built-in one.
    from_user: HashSet<String>,
    replacing: HashSet<String>,
    /// Exactly the catalog shipped in the binary, whose search index was built with it.
    #[serde(skip)]
    built_in: bool,
}

/// Where a paper comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// A user's folder adds it.
    User,
    /// A user's folder replaces the built-in paper of the same id.
    Replacing,
}

/// The built-in catalog with the user's folders laid over it.
#[derive(Debug)]
pub struct Layered {
    pub catalog: Catalog,
    /// The errors of user files that were left out; every other file was kept.
    pub skipped: Vec<CatalogError>,
    /// Folders that could not be read, with why.
    pub unreadable: Vec<String>,
}

impl Layered {
    /// One line for a status bar, when something was left out.
    pub fn summary(&self) -> Option<String> {
        let files: HashSet<&str> = self.skipped.iter().map(|e| e.path.as_str()).collect();
        let mut parts = Vec::new();
        if !files.is_empty() {
            let n = files.len();
            parts.push(format!(
                "{n} file{} of your catalog skipped (mlpx check DIR says why)",
                if n == 1 { "" } else { "s" }
            ));
        }
        parts.extend(self.unreadable.iter().cloned());
        (!parts.is_empty()).then(|| parts.join("; "))
    }
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
    pub fn from_sources(sources: &[Source]) -> Result<Self, Vec<CatalogError>> {
        validate::build(sources)
    }

    /// `built_in` (made from the files `built_in_sources` gives, asked for only when there are
    /// user files) with every folder of `dirs` laid over it: their
    /// papers join it or replace the built-in paper with the same id, and their categories,
    /// concepts and paths join it. A user file with an error is left out (and reported), never
    /// the built-in catalog.
    pub fn lay_over(built_in: Self, built_in_sources: impl FnOnce() -> Vec<Source>, dirs: &[PathBuf]) -> Layered {
        let mut user = Vec::new();
        let mut unreadable = Vec::new();
        for dir in dirs {
            match read_sources(dir) {
                Ok(sources) => user.extend(sources),
                Err(err) => unreadable.push(err.to_string()),
            }
        }
        if user.is_empty() {
            return Layered { catalog: built_in, skipped: Vec::new(), unreadable };
        }
        let built_in_sources = built_in_sources();
        let user_ids: HashMap<&str, String> =
            user.iter().filter_map(|source| Some((source.path.as_str(), paper_id(source)?))).collect();
        let mut skipped: Vec<CatalogError> = Vec::new();
        loop {
            let left_out: HashSet<&str> = skipped.iter().map(|e| e.path.as_str()).collect();
            let kept: Vec<&Source> = user.iter().filter(|s| !left_out.contains(s.path.as_str())).collect();
            let kept_ids: HashSet<&str> =
                kept.iter().filter_map(|s| user_ids.get(s.path.as_str())).map(String::as_str).collect();
            let replaced: HashSet<&str> = kept_ids.iter().copied().filter(|id| built_in.paper(id).is_some()).collect();
            let replaced_sources: HashSet<&str> =
                replaced.iter().filter_map(|id| built_in.paper(id)).map(|p| p.source.as_str()).collect();
            let mut sources: Vec<Source> =
                built_in_sources.iter().filter(|s| !replaced_sources.contains(s.path.as_str())).cloned().collect();
            sources.extend(kept.iter().map(|s| (*s).clone()));
            match validate::build(&sources) {
                Ok(mut catalog) => {
                    catalog.from_user = kept_ids.iter().map(|id| (*id).to_owned()).collect();
                    catalog.replacing = replaced.iter().map(|id| (*id).to_owned()).collect();
                    return Layered { catalog, skipped, unreadable };
                }
                Err(errors) => {
                    let user_paths: HashSet<&str> = kept.iter().map(|s| s.path.as_str()).collect();
                    let (theirs, ours): (Vec<_>, Vec<_>) =
                        errors.into_iter().partition(|e| user_paths.contains(e.path.as_str()));
                    if theirs.is_empty() {
                        // The user files broke a built-in one: keep the built-in catalog whole.
                        skipped.extend(ours);
                        return Layered { catalog: built_in, skipped, unreadable };
                    }
                    skipped.extend(theirs);
                }
            }
        }
    }

    pub fn origin(&self, paper: &Paper) -> Origin {
        if self.replacing.contains(&paper.id) {
            Origin::Replacing
        } else if self.from_user.contains(&paper.id) {
            Origin::User
        } else {
            Origin::BuiltIn
        }
    }

    /// Reads every `.toml` file below `root` (categories from `categories.toml`, one paper per
    /// other file) and validates them together.
    pub fn load_dir(root: &Path) -> Result<Self, LoadError> {
        let sources = read_sources(root)?;
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
        Self {
            categories,
            concepts,
            papers,
            paths,
            paper_by_id,
            category_by_id,
            from_user: HashSet::new(),
            replacing: HashSet::new(),
            built_in: false,
        }
    }

    /// Marks a catalog read back from what `build.rs` prepared as the built-in one.
    pub fn into_built_in(mut self) -> Self {
        self.built_in = true;
        self
    }

    /// The catalog as bytes for `from_prepared`: `build.rs` saves the built-in catalog this way.
    pub fn to_prepared(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("a catalog serializes")
    }

    pub fn from_prepared(bytes: &[u8]) -> Result<Self, postcard::Error> {
        postcard::from_bytes(bytes)
    }

    /// Whether this is exactly the catalog shipped in the binary, with no user papers.
    pub fn is_built_in(&self) -> bool {
        self.built_in
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

/// The `id` of a paper file, read without validating the rest.
fn paper_id(source: &Source) -> Option<String> {
    let name = source.path.rsplit(['/', '\\']).next()?;
    if [CATEGORIES_FILE, CONCEPTS_FILE, PATHS_FILE].contains(&name) {
        return None;
    }
    let table: toml::Table = toml::from_str(&source.text).ok()?;
    table.get("id")?.as_str().map(str::to_owned)
}

/// Every `.toml` file below `root`, sorted by path, each named by `root` joined with its path
/// below it (so a relative `root` gives relative names, as build-time errors want).
pub fn read_sources(root: &Path) -> Result<Vec<Source>, LoadError> {
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
    fn every_core_line_of_work_is_linked() {
        let catalog = crate::testing::catalog();
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
        let catalog = crate::testing::catalog();
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
        let catalog = crate::testing::catalog();
        for concept in catalog.concepts().iter().map(|c| &c.name) {
            assert!(
                catalog.papers().iter().any(|p| p.tags.contains(concept)),
                "{concept:?} in concepts.toml tags no paper"
            );
        }
    }

    fn user_dir(files: &[(&str, String)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    fn user_paper(id: &str, title: &str, related: &str) -> String {
        paper(id, related).replace("vision", "lm-encoders").replace(&format!("T {id}"), title)
    }

    #[test]
    fn user_folders_add_and_replace_papers() {
        let dir = user_dir(&[
            ("mine.toml", user_paper("mine", "Mine", "\"bert\"")),
            ("bert.toml", user_paper("bert", "My BERT", "")),
        ]);
        let layered = Catalog::lay_over(crate::testing::load(), crate::testing::sources, &[dir.path().to_path_buf()]);
        assert!(layered.skipped.is_empty(), "{:?}", layered.skipped);
        let catalog = &layered.catalog;
        assert_eq!(catalog.origin(catalog.paper("mine").unwrap()), Origin::User);
        assert_eq!(catalog.paper("bert").unwrap().title, "My BERT");
        assert_eq!(catalog.origin(catalog.paper("bert").unwrap()), Origin::Replacing);
        assert_eq!(catalog.origin(catalog.paper("tinybert").unwrap()), Origin::BuiltIn);
        assert_eq!(catalog.papers().len(), crate::testing::catalog().papers().len() + 1);
    }

    #[test]
    fn a_broken_user_file_is_left_out_with_what_depends_on_it() {
        let dir = user_dir(&[
            ("broken.toml", user_paper("broken", "Broken", "").replace("lm-encoders", "nowhere")),
            ("leans.toml", user_paper("leans", "Leans on it", "\"broken\"")),
            ("fine.toml", user_paper("fine", "Fine", "")),
            // A broken replacement leaves the built-in paper in place.
            ("bert.toml", user_paper("bert", "My BERT", "").replace("year = 2020", "year = \"soon\"")),
        ]);
        let layered = Catalog::lay_over(crate::testing::load(), crate::testing::sources, &[dir.path().to_path_buf()]);
        let skipped: HashSet<String> =
            layered.skipped.iter().map(|e| e.path.rsplit('/').next().unwrap().to_owned()).collect();
        assert_eq!(skipped, ["broken.toml", "leans.toml", "bert.toml"].map(String::from).into());
        assert!(layered.catalog.paper("fine").is_some());
        assert_eq!(layered.catalog.paper("bert").unwrap().title, "BERT");
        assert_eq!(layered.summary().unwrap(), "3 files of your catalog skipped (mlpx check DIR says why)");
    }

    #[test]
    fn category_paths_run_from_the_root() {
        let catalog = crate::testing::catalog();
        let path: Vec<&str> = catalog.category_path("rcnn-family").iter().map(|c| c.id.as_str()).collect();
        assert_eq!(path, ["computer-vision", "object-detection", "rcnn-family"]);
    }
}
