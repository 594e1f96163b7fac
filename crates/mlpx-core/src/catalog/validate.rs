//! Turns parsed files into a `Catalog`, or into every error found, each pointing at a file, a
//! line and a field. All checks run on all files so that one pass reports everything.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::error::{CatalogError, Located};
use super::raw::{RawCategories, RawCategory, RawConcepts, RawPaper, RawPaths};
use super::{Catalog, Category, Concept, Paper, PathStep, ReadingPath, Source, StepTarget};
use crate::suggest::closest;

/// The file name that holds categories rather than a paper, wherever it sits in the catalog.
pub const CATEGORIES_FILE: &str = "categories.toml";
/// The file name that holds the shared vocabulary of concepts that papers' `tags` draw from.
pub const CONCEPTS_FILE: &str = "concepts.toml";
/// The reading paths.
pub const PATHS_FILE: &str = "paths.toml";

struct Parsed<'a, T> {
    loc: Located<'a>,
    raw: T,
}

pub fn build(sources: &[Source]) -> Result<Catalog, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let mut category_files = Vec::new();
    let mut concept_files = Vec::new();
    let mut paper_files = Vec::new();
    let mut path_files = Vec::new();
    for source in sources {
        let loc = Located { path: &source.path, text: &source.text };
        let file_name = source.path.rsplit(['/', '\\']).next();
        if file_name == Some(CATEGORIES_FILE) {
            match toml::from_str::<RawCategories>(&source.text) {
                Ok(raw) => category_files.push(Parsed { loc, raw }),
                Err(err) => errors.push(loc.toml_error(&err)),
            }
        } else if file_name == Some(CONCEPTS_FILE) {
            match toml::from_str::<RawConcepts>(&source.text) {
                Ok(raw) => concept_files.push(Parsed { loc, raw }),
                Err(err) => errors.push(loc.toml_error(&err)),
            }
        } else if file_name == Some(PATHS_FILE) {
            match toml::from_str::<RawPaths>(&source.text) {
                Ok(raw) => path_files.push(Parsed { loc, raw }),
                Err(err) => errors.push(loc.toml_error(&err)),
            }
        } else {
            match toml::from_str::<RawPaper>(&source.text) {
                Ok(raw) => paper_files.push(Parsed { loc, raw }),
                Err(err) => errors.push(loc.toml_error(&err)),
            }
        }
    }

    let categories = check_categories(&category_files, &mut errors);
    let concepts = check_concepts(&concept_files, &mut errors);
    let papers = check_papers(&paper_files, &categories, &concepts, &mut errors);
    let paths = check_paths(&path_files, &papers, &concepts, &mut errors);

    if errors.is_empty() {
        Ok(Catalog::new(categories, concepts, papers, paths))
    } else {
        errors.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        Err(errors)
    }
}

fn check_categories(files: &[Parsed<RawCategories>], errors: &mut Vec<CatalogError>) -> Vec<Category> {
    let mut seen: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut accepted: Vec<(&Located, &RawCategory)> = Vec::new();
    for file in files {
        for raw in &file.raw.category {
            let loc = &file.loc;
            check_id(loc, &raw.id, errors);
            check_text(loc, "name", &raw.name, Lines::One, errors);
            check_text(loc, "description", &raw.description, Lines::One, errors);
            if let Some((path, line)) = seen.get(raw.id.get_ref().as_str()) {
                errors.push(loc.error(
                    raw.id.span(),
                    Some("id"),
                    format!("duplicate category id {:?}: already defined at {path}:{line}", raw.id.get_ref()),
                ));
                continue;
            }
            let (line, _) = super::error::line_column(loc.text, raw.id.span().start);
            seen.insert(raw.id.get_ref(), (loc.path, line));
            accepted.push((loc, raw));
        }
    }

    let ids: Vec<&str> = accepted.iter().map(|(_, raw)| raw.id.get_ref().as_str()).collect();
    let parents: HashMap<&str, &str> = accepted
        .iter()
        .filter_map(|(_, raw)| Some((raw.id.get_ref().as_str(), raw.parent.as_ref()?.get_ref().as_str())))
        .collect();
    for (loc, raw) in &accepted {
        let Some(parent) = &raw.parent else { continue };
        if !ids.contains(&parent.get_ref().as_str()) {
            errors.push(loc.error(
                parent.span(),
                Some("parent"),
                unknown("category", parent.get_ref(), ids.iter().copied()),
            ));
        } else if has_cycle(raw.id.get_ref(), &parents) {
            errors.push(loc.error(
                parent.span(),
                Some("parent"),
                format!("category {:?} would be its own ancestor", raw.id.get_ref()),
            ));
        }
    }

    accepted
        .into_iter()
        .map(|(_, raw)| Category {
            id: raw.id.get_ref().clone(),
            name: raw.name.get_ref().clone(),
            description: raw.description.get_ref().clone(),
            order: *raw.order.get_ref(),
            parent: raw.parent.as_ref().map(|p| p.get_ref().clone()),
        })
        .collect()
}

fn has_cycle(start: &str, parents: &HashMap<&str, &str>) -> bool {
    let mut current = start;
    for _ in 0..=parents.len() {
        match parents.get(current) {
            Some(&parent) if parent == start => return true,
            Some(&parent) => current = parent,
            None => return false,
        }
    }
    true
}

/// The vocabulary, with near-duplicates refused: two names that differ only in case,
/// punctuation or a plural "s" are one concept.
fn check_concepts(files: &[Parsed<RawConcepts>], errors: &mut Vec<CatalogError>) -> Vec<Concept> {
    let mut seen: HashMap<String, (String, &str, usize)> = HashMap::new();
    let mut concepts = Vec::new();
    for file in files {
        let loc = &file.loc;
        for raw in &file.raw.concept {
            let name = raw.name.get_ref();
            let before = errors.len();
            check_text(loc, "name", &raw.name, Lines::One, errors);
            if let Some(about) = &raw.about {
                check_text(loc, "about", about, Lines::Many, errors);
            }
            if errors.len() > before {
                continue;
            }
            let key = concept_key(name);
            if let Some((first, path, line)) = seen.get(&key) {
                errors.push(loc.error(
                    raw.name.span(),
                    Some("name"),
                    format!("{name:?} is the same concept as {first:?} at {path}:{line}"),
                ));
                continue;
            }
            let (line, _) = super::error::line_column(loc.text, raw.name.span().start);
            seen.insert(key, (name.clone(), loc.path, line));
            concepts.push(Concept { name: name.clone(), about: raw.about.as_ref().map(|a| a.get_ref().clone()) });
        }
    }
    concepts
}

/// Reading paths: unique slugs, at least one step, each step one existing paper or concept,
/// named once per path.
fn check_paths(
    files: &[Parsed<RawPaths>],
    papers: &[Paper],
    concepts: &[Concept],
    errors: &mut Vec<CatalogError>,
) -> Vec<ReadingPath> {
    let mut seen: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut paths = Vec::new();
    for file in files {
        let loc = &file.loc;
        for raw in &file.raw.path {
            let before = errors.len();
            let id = raw.id.get_ref().as_str();
            check_id(loc, &raw.id, errors);
            check_text(loc, "title", &raw.title, Lines::One, errors);
            check_text(loc, "description", &raw.description, Lines::One, errors);
            let (line, _) = super::error::line_column(loc.text, raw.id.span().start);
            if let Some((path, first)) = seen.insert(id, (loc.path, line)) {
                errors.push(loc.error(
                    raw.id.span(),
                    Some("id"),
                    format!("duplicate path id {id:?}: already used at {path}:{first}"),
                ));
            }
            if raw.step.is_empty() {
                errors.push(loc.error(raw.id.span(), Some("step"), format!("path {id:?} has no steps")));
            }
            let mut steps = Vec::new();
            let mut named = HashSet::new();
            for step in &raw.step {
                let raw_step = step.get_ref();
                check_text(loc, "why", &raw_step.why, Lines::One, errors);
                let target = match (&raw_step.paper, &raw_step.concept) {
                    (Some(paper), None) if papers.iter().any(|p| &p.id == paper.get_ref()) => {
                        Some((paper, StepTarget::Paper(paper.get_ref().clone())))
                    }
                    (Some(paper), None) => {
                        let message = unknown("paper", paper.get_ref(), papers.iter().map(|p| p.id.as_str()));
                        errors.push(loc.error(paper.span(), Some("paper"), message));
                        None
                    }
                    (None, Some(concept)) if concepts.iter().any(|c| &c.name == concept.get_ref()) => {
                        Some((concept, StepTarget::Concept(concept.get_ref().clone())))
                    }
                    (None, Some(concept)) => {
                        let message = unknown("concept", concept.get_ref(), concepts.iter().map(|c| c.name.as_str()));
                        errors.push(loc.error(concept.span(), Some("concept"), message));
                        None
                    }
                    _ => {
                        let message = "a step names either a `paper` or a `concept`".to_owned();
                        errors.push(loc.error(step.span(), Some("step"), message));
                        None
                    }
                };
                if let Some((name, target)) = target {
                    if named.insert(target.clone()) {
                        steps.push(PathStep { target, why: raw_step.why.get_ref().clone() });
                    } else {
                        let message = format!("{:?} is already a step of this path", name.get_ref());
                        errors.push(loc.error(name.span(), Some("step"), message));
                    }
                }
            }
            if errors.len() == before {
                paths.push(ReadingPath {
                    id: id.to_owned(),
                    title: raw.title.get_ref().clone(),
                    description: raw.description.get_ref().clone(),
                    steps,
                });
            }
        }
    }
    paths
}

fn concept_key(name: &str) -> String {
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    key.strip_suffix('s').map(str::to_owned).unwrap_or(key)
}

fn check_papers(
    files: &[Parsed<RawPaper>],
    categories: &[Category],
    concepts: &[Concept],
    errors: &mut Vec<CatalogError>,
) -> Vec<Paper> {
    let mut seen: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut accepted = Vec::new();
    for file in files {
        let (loc, raw) = (&file.loc, &file.raw);
        let before = errors.len();
        check_paper_fields(loc, raw, categories, errors);
        check_tags(loc, &raw.tags, concepts, errors);
        let id = raw.id.get_ref().as_str();
        if let Some((path, line)) = seen.get(id) {
            errors.push(loc.error(
                raw.id.span(),
                Some("id"),
                format!("duplicate paper id {id:?}: already used at {path}:{line}"),
            ));
        } else {
            let (line, _) = super::error::line_column(loc.text, raw.id.span().start);
            seen.insert(id, (loc.path, line));
        }
        if errors.len() == before {
            accepted.push(file);
        }
    }

    let ids: HashSet<&str> = seen.keys().copied().collect();
    for file in files {
        let (loc, raw) = (&file.loc, &file.raw);
        let mut listed = HashSet::new();
        for related in &raw.related {
            let target = related.get_ref().as_str();
            let problem = if target == raw.id.get_ref() {
                Some("a paper cannot be related to itself".to_owned())
            } else if !listed.insert(target) {
                Some(format!("{target:?} is listed twice"))
            } else if !ids.contains(target) {
                Some(unknown("paper", target, ids.iter().copied()))
            } else {
                None
            };
            if let Some(message) = problem {
                errors.push(loc.error(related.span(), Some("related"), message));
            }
        }
    }

    accepted.into_iter().map(|file| paper_from_raw(&file.loc, &file.raw)).collect()
}

fn check_paper_fields(loc: &Located, raw: &RawPaper, categories: &[Category], errors: &mut Vec<CatalogError>) {
    check_id(loc, &raw.id, errors);
    check_text(loc, "title", &raw.title, Lines::One, errors);
    check_text(loc, "full_title", &raw.full_title, Lines::One, errors);
    check_text(loc, "tldr", &raw.tldr, Lines::One, errors);
    check_text(loc, "body", &raw.body, Lines::Many, errors);
    check_text(loc, "url", &raw.url, Lines::One, errors);
    if raw.authors.get_ref().is_empty() {
        errors.push(loc.error(raw.authors.span(), Some("authors"), "must name at least one author".into()));
    }
    for author in raw.authors.get_ref() {
        check_text(loc, "authors", author, Lines::One, errors);
    }
    if let Some(venue) = &raw.venue {
        check_text(loc, "venue", venue, Lines::One, errors);
    }
    check_list(loc, "tags", &raw.tags, errors);
    check_list(loc, "aliases", &raw.aliases, errors);

    let year = *raw.year.get_ref();
    if !(1940..=2100).contains(&year) {
        errors.push(loc.error(raw.year.span(), Some("year"), format!("{year} is not a plausible year of publication")));
    }
    let month = *raw.month.get_ref();
    if !(1..=12).contains(&month) {
        errors.push(loc.error(raw.month.span(), Some("month"), format!("{month} is not a month: use 1 to 12")));
    }

    if let Some(arxiv) = &raw.arxiv
        && !is_arxiv_id(arxiv.get_ref())
    {
        errors.push(loc.error(
            arxiv.span(),
            Some("arxiv"),
            format!("{:?} is not an arXiv id such as \"1706.03762\" (no version, no link)", arxiv.get_ref()),
        ));
    }
    let url = raw.url.get_ref();
    if !is_web_link(url) {
        errors.push(loc.error(
            raw.url.span(),
            Some("url"),
            format!("{url:?} is not a web link: it must start with https:// or http:// and name a host"),
        ));
    } else if let (Some(arxiv), Some(linked)) = (&raw.arxiv, arxiv_id_in_url(url))
        && is_arxiv_id(arxiv.get_ref())
        && linked != arxiv.get_ref()
    {
        errors.push(loc.error(
            raw.url.span(),
            Some("url"),
            format!("links to arXiv {linked} but `arxiv` says {}", arxiv.get_ref()),
        ));
    }

    let category = raw.category.get_ref();
    if !categories.iter().any(|c| &c.id == category) {
        errors.push(loc.error(
            raw.category.span(),
            Some("category"),
            unknown("category", category, categories.iter().map(|c| c.id.as_str())),
        ));
    }
}

/// A catalog with a vocabulary holds its papers to it; one without leaves tags free.
fn check_tags(loc: &Located, tags: &[Spanned<String>], concepts: &[Concept], errors: &mut Vec<CatalogError>) {
    if concepts.is_empty() {
        return;
    }
    for tag in tags {
        let name = tag.get_ref();
        if !concepts.iter().any(|c| &c.name == name) {
            let near = closest(name, concepts.iter().map(|c| c.name.as_str()), 1);
            let hint = match near.first() {
                Some(near) => format!(" (did you mean {near:?}?)"),
                None => String::new(),
            };
            errors.push(loc.error(
                tag.span(),
                Some("tags"),
                format!("{name:?} is not in {CONCEPTS_FILE}{hint}: use a listed concept or add it there"),
            ));
        }
    }
}

fn paper_from_raw(loc: &Located, raw: &RawPaper) -> Paper {
    let strings = |list: &[Spanned<String>]| list.iter().map(|s| s.get_ref().clone()).collect();
    Paper {
        id: raw.id.get_ref().clone(),
        title: raw.title.get_ref().clone(),
        full_title: raw.full_title.get_ref().clone(),
        authors: strings(raw.authors.get_ref()),
        year: u16::try_from(*raw.year.get_ref()).expect("validated year"),
        month: u8::try_from(*raw.month.get_ref()).expect("validated month"),
        venue: raw.venue.as_ref().map(|v| v.get_ref().clone()),
        arxiv: raw.arxiv.as_ref().map(|a| a.get_ref().clone()),
        url: raw.url.get_ref().clone(),
        category: raw.category.get_ref().clone(),
        tags: strings(&raw.tags),
        aliases: strings(&raw.aliases),
        related: strings(&raw.related),
        tldr: raw.tldr.get_ref().clone(),
        body: raw.body.get_ref().clone(),
        source: loc.path.to_owned(),
    }
}

fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> String {
    match closest(id, known, 1).first() {
        Some(near) => format!("no {what} has the id {id:?} (did you mean {near:?}?)"),
        None => format!("no {what} has the id {id:?}"),
    }
}

fn check_id(loc: &Located, id: &Spanned<String>, errors: &mut Vec<CatalogError>) {
    if !is_slug(id.get_ref()) {
        errors.push(loc.error(
            id.span(),
            Some("id"),
            format!("{:?} is not a valid id: use lowercase letters, digits and single hyphens", id.get_ref()),
        ));
    }
}

fn check_list(loc: &Located, field: &str, items: &[Spanned<String>], errors: &mut Vec<CatalogError>) {
    let mut seen = HashSet::new();
    for item in items {
        check_text(loc, field, item, Lines::One, errors);
        if !seen.insert(item.get_ref().to_lowercase()) {
            errors.push(loc.error(item.span(), Some(field), format!("{:?} is listed twice", item.get_ref())));
        }
    }
}

#[derive(PartialEq)]
enum Lines {
    One,
    Many,
}

/// Text reaches the terminal, so it must be free of anything a terminal would interpret.
fn check_text(loc: &Located, field: &str, value: &Spanned<String>, lines: Lines, errors: &mut Vec<CatalogError>) {
    let text = value.get_ref();
    if text.trim().is_empty() {
        errors.push(loc.error(value.span(), Some(field), "must not be empty".into()));
        return;
    }
    let Some(bad) = text.chars().find(|&c| is_forbidden(c, &lines)) else {
        return;
    };
    let message = match bad {
        '\t' => "contains a tab character: use spaces".to_owned(),
        '\n' | '\r' => "must be a single line".to_owned(),
        c if c.is_control() => format!("contains the control character U+{:04X}", c as u32),
        c => format!("contains the invisible bidirectional control U+{:04X}", c as u32),
    };
    errors.push(loc.error(locate_char(loc.text, value.span(), bad), Some(field), message));
}

fn is_forbidden(c: char, lines: &Lines) -> bool {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    bidi || (c.is_control() && !(c == '\n' && *lines == Lines::Many))
}

/// Text from outside the catalog (a note, a saved search) made safe for the terminal: what
/// validation would refuse is dropped, a tab becomes spaces, line breaks stay.
pub fn terminal_safe(text: &str) -> String {
    text.replace('\t', "    ").replace("\r\n", "\n").chars().filter(|&c| !is_forbidden(c, &Lines::Many)).collect()
}

/// Points at the offending character itself when it stands literally in the source; an escaped
/// one (`\t` in a basic string) is reported at the start of the value.
fn locate_char(source: &str, span: Range<usize>, bad: char) -> Range<usize> {
    let start = span.start.min(source.len());
    let end = span.end.min(source.len());
    source.get(start..end).and_then(|slice| slice.find(bad)).map_or(span, |i| start + i..start + i + 1)
}

pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn is_arxiv_id(id: &str) -> bool {
    let modern = id.split_once('.').is_some_and(|(yymm, number)| {
        yymm.len() == 4
            && yymm.bytes().all(|b| b.is_ascii_digit())
            && (1..=12).contains(&yymm[2..].parse::<u8>().unwrap_or(0))
            && (4..=5).contains(&number.len())
            && number.bytes().all(|b| b.is_ascii_digit())
    });
    // Before 2007: archive/YYMMNNN, e.g. cs/0112017 or math.GT/0309136.
    let legacy = id.split_once('/').is_some_and(|(archive, number)| {
        !archive.is_empty()
            && archive.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'.')
            && number.len() == 7
            && number.bytes().all(|b| b.is_ascii_digit())
    });
    modern || legacy
}

fn is_web_link(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !url.chars().any(char::is_whitespace)
}

fn arxiv_id_in_url(url: &str) -> Option<&str> {
    let rest = url.split_once("arxiv.org/")?.1;
    let id = rest.strip_prefix("abs/").or_else(|| rest.strip_prefix("pdf/"))?;
    let id = id.trim_end_matches(".pdf").trim_end_matches('/');
    // A versioned link (…v2) still names the same paper.
    let unversioned = match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < id.len() => &id[..i],
        _ => id,
    };
    Some(unversioned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids_old_and_new_are_recognised() {
        for good in ["1706.03762", "2104.00001", "cs/0112017", "math.GT/0309136"] {
            assert!(is_arxiv_id(good), "{good}");
        }
        for bad in ["1706.03762v2", "17.06.03762", "1713.03762", "arXiv:1706.03762", "https://arxiv.org/abs/1706.03762"]
        {
            assert!(!is_arxiv_id(bad), "{bad}");
        }
    }

    #[test]
    fn links_need_a_scheme_and_a_host() {
        assert!(is_web_link("https://arxiv.org/abs/1706.03762"));
        assert!(!is_web_link("arxiv.org/abs/1706.03762"));
        assert!(!is_web_link("https://localhost/x"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("https://arxiv.org/abs/1706 03762"));
    }

    #[test]
    fn arxiv_links_are_read_back_without_version() {
        assert_eq!(arxiv_id_in_url("https://arxiv.org/abs/1706.03762v5"), Some("1706.03762"));
        assert_eq!(arxiv_id_in_url("https://arxiv.org/pdf/1706.03762.pdf"), Some("1706.03762"));
        assert_eq!(arxiv_id_in_url("https://example.org/paper"), None);
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_hyphens() {
        assert!(is_slug("faster-rcnn") && is_slug("layoutlmv3"));
        assert!(!is_slug("Faster") && !is_slug("a--b") && !is_slug("-a") && !is_slug("a b"));
    }
}

#[cfg(test)]
mod safety_tests {
    use super::terminal_safe;

    #[test]
    fn escape_sequences_bells_nuls_and_bidi_overrides_are_removed() {
        let hostile = "a\u{1b}[2J\u{1b}]52;c;aGk=\u{7}b\u{0}c\u{202e}d\u{1b}]8;;http://x\u{1b}\\e\r\nf\tg";
        assert_eq!(terminal_safe(hostile), "a[2J]52;c;aGk=bcd]8;;http://x\\e\nf    g");
    }
}
