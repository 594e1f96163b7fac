//! Filters typed into a search, mixed in any order with the words to look for:
//! `year:2019.. tag:distillation bert`, `cat:vision is:unread`, `tag:"object detection"`.
//!
//! A filter narrows the papers; the remaining words rank them. A query of filters alone lists
//! every paper that passes, in chronological order.

use crate::catalog::{Catalog, Paper};
use crate::index::search::compact;
use crate::index::{Hit, SearchIndex};

/// The filter keys, for messages and the help.
pub const FILTER_KEYS: &str = "cat: tag: year: is: has:";

/// A search as typed: the words to rank by, and the filters every result must pass.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub words: String,
    pub filters: Vec<Filter>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// A category, or a category above it, whose id or name contains this.
    Category(String),
    /// A concept containing this.
    Tag(String),
    /// Published within these years, both ends included.
    Year {
        from: Option<u16>,
        to: Option<u16>,
    },
    Is(Mark),
    Has(Attribute),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Bookmarked,
    Read,
    Unread,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    Arxiv,
    Venue,
}

/// What a filter needs to know about the reader's own marks.
pub trait Marks {
    fn is_bookmarked(&self, id: &str) -> bool;
    fn is_read(&self, id: &str) -> bool;
}

/// No bookmarks and nothing read: for searching without a shelf.
pub struct NoMarks;

impl Marks for NoMarks {
    fn is_bookmarked(&self, _: &str) -> bool {
        false
    }
    fn is_read(&self, _: &str) -> bool {
        false
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("unknown filter `{0}:`; the filters are {FILTER_KEYS}")]
    UnknownKey(String),
    #[error("`{0}:` needs a value, for example {1}")]
    Empty(&'static str, &'static str),
    #[error("`year:{0}` is not a year or a range such as 2018..2020 or 2019..")]
    Year(String),
    #[error("`is:{0}`: use is:bookmarked, is:read or is:unread")]
    Is(String),
    #[error("`has:{0}`: use has:arxiv or has:venue")]
    Has(String),
    #[error("a quote is not closed")]
    OpenQuote,
    #[error("`cat:{0}`: no such category{hint}", hint = did_you_mean(.1))]
    UnknownCategory(String, Vec<String>),
    #[error("`tag:{0}`: no such concept{hint}", hint = did_you_mean(.1))]
    UnknownTag(String, Vec<String>),
}

fn did_you_mean(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [rest @ .., last] => format!("; did you mean {} or {last}?", rest.join(", ")),
    }
}

impl Query {
    pub fn parse(input: &str) -> Result<Self, FilterError> {
        let mut query = Self::default();
        let mut words = Vec::new();
        for token in tokens(input)? {
            if let Some(found) = link_words(&token) {
                words.extend(found);
                continue;
            }
            match token.split_once(':') {
                Some((key, value)) if is_filter_key(key, value) => query.filters.push(filter(key, value)?),
                _ => words.push(token),
            }
        }
        query.words = words.join(" ");
        Ok(query)
    }

    /// Parses `input` and checks its filters' values against `catalog`: a category or concept
    /// that no paper could pass is a mistake to report, with the closest names, not an empty
    /// list of results.
    pub fn parse_for(input: &str, catalog: &Catalog) -> Result<Self, FilterError> {
        let query = Self::parse(input)?;
        for filter in &query.filters {
            match filter {
                Filter::Category(needle) => {
                    let names = catalog.categories().iter().flat_map(|c| [c.id.as_str(), c.name.as_str()]);
                    if !names.clone().any(|name| compact(name).contains(needle.as_str())) {
                        let ids = catalog.categories().iter().map(|c| c.id.as_str());
                        return Err(FilterError::UnknownCategory(needle.clone(), suggestions(needle, ids)));
                    }
                }
                Filter::Tag(needle) => {
                    let names = catalog.concepts().iter().map(|c| c.name.as_str());
                    if !names.clone().any(|name| compact(name).contains(needle.as_str())) {
                        let quoted =
                            names.map(|name| if name.contains(' ') { format!("\"{name}\"") } else { name.to_owned() });
                        let quoted: Vec<String> = quoted.collect();
                        return Err(FilterError::UnknownTag(
                            needle.clone(),
                            suggestions(needle, quoted.iter().map(String::as_str)),
                        ));
                    }
                }
                _ => {}
            }
        }
        Ok(query)
    }

    pub fn accepts(&self, catalog: &Catalog, paper: &Paper, marks: &dyn Marks) -> bool {
        self.filters.iter().all(|filter| filter.accepts(catalog, paper, marks))
    }

    /// The papers that pass every filter, ranked by the words (or chronological without words).
    pub fn run(&self, index: &SearchIndex, catalog: &Catalog, marks: &dyn Marks) -> Vec<Hit> {
        if self.words.trim().is_empty() {
            if self.filters.is_empty() {
                return Vec::new();
            }
            return (0..catalog.papers().len())
                .filter(|&paper| self.accepts(catalog, &catalog.papers()[paper], marks))
                .map(|paper| Hit {
                    paper,
                    words_matched: 0,
                    looseness: 0,
                    score: 0,
                    mentioned_only: false,
                    title_matches: Vec::new(),
                    matched_via: None,
                })
                .collect();
        }
        let mut hits = index.search(&self.words);
        hits.retain(|hit| self.accepts(catalog, &catalog.papers()[hit.paper], marks));
        hits
    }
}

impl Filter {
    fn accepts(&self, catalog: &Catalog, paper: &Paper, marks: &dyn Marks) -> bool {
        match self {
            Self::Category(needle) => catalog
                .category_path(&paper.category)
                .iter()
                .any(|c| compact(&c.id).contains(needle.as_str()) || compact(&c.name).contains(needle.as_str())),
            Self::Tag(needle) => paper.tags.iter().any(|tag| compact(tag).contains(needle.as_str())),
            Self::Year { from, to } => {
                from.is_none_or(|from| paper.year >= from) && to.is_none_or(|to| paper.year <= to)
            }
            Self::Is(Mark::Bookmarked) => marks.is_bookmarked(&paper.id),
            Self::Is(Mark::Read) => marks.is_read(&paper.id),
            Self::Is(Mark::Unread) => !marks.is_read(&paper.id),
            Self::Has(Attribute::Arxiv) => paper.arxiv.is_some(),
            Self::Has(Attribute::Venue) => paper.venue.is_some(),
        }
    }
}

/// `key:value` is a filter when the key is one we know, or looks like one and has a value; a
/// word that merely ends in a colon ("TinyBERT:", pasted from a title) stays a word.
fn is_filter_key(key: &str, value: &str) -> bool {
    let known = ["cat", "category", "tag", "year", "is", "has"].contains(&key.to_lowercase().as_str());
    known || (!key.is_empty() && !value.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()))
}

fn filter(key: &str, value: &str) -> Result<Filter, FilterError> {
    let key = key.to_lowercase();
    let value = value.trim();
    let (key, example) = match key.as_str() {
        "cat" | "category" => ("cat", "cat:vision"),
        "tag" => ("tag", "tag:distillation"),
        "year" => ("year", "year:2019 or year:2018..2020"),
        "is" => ("is", "is:bookmarked"),
        "has" => ("has", "has:arxiv"),
        _ => return Err(FilterError::UnknownKey(key)),
    };
    if value.is_empty() {
        return Err(FilterError::Empty(key, example));
    }
    let lower = value.to_lowercase();
    match key {
        "cat" => Ok(Filter::Category(compact(value))),
        "tag" => Ok(Filter::Tag(compact(value))),
        "year" => years(value).ok_or_else(|| FilterError::Year(value.to_owned())),
        "is" => match lower.as_str() {
            "bookmarked" | "bookmark" | "saved" => Ok(Filter::Is(Mark::Bookmarked)),
            "read" => Ok(Filter::Is(Mark::Read)),
            "unread" => Ok(Filter::Is(Mark::Unread)),
            _ => Err(FilterError::Is(value.to_owned())),
        },
        _ => match lower.as_str() {
            "arxiv" => Ok(Filter::Has(Attribute::Arxiv)),
            "venue" => Ok(Filter::Has(Attribute::Venue)),
            _ => Err(FilterError::Has(value.to_owned())),
        },
    }
}

/// `2019`, `2018..2020`, `2019..` or `..2019`.
fn years(value: &str) -> Option<Filter> {
    let year = |s: &str| -> Option<Option<u16>> {
        if s.is_empty() { Some(None) } else { s.parse::<u16>().ok().filter(|y| *y >= 1000).map(Some) }
    };
    let (from, to) = match value.split_once("..") {
        Some((from, to)) => (year(from)?, year(to)?),
        None => {
            let single = year(value)?;
            (single, single)
        }
    };
    if from.is_none() && to.is_none() || from.zip(to).is_some_and(|(from, to)| from > to) {
        return None;
    }
    Some(Filter::Year { from, to })
}

/// The closest names to a mistyped filter value, compared without case or punctuation: whole
/// names, and the words of names, since a value need only be part of a name ("cat:vision").
fn suggestions<'a>(needle: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<&str> = names
        .flat_map(|name| {
            let words = name.trim_matches('"').split([' ', '-']).filter(|word| word.len() >= 4);
            std::iter::once(name).chain(words)
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let compacted: Vec<String> = names.iter().map(|name| compact(name)).collect();
    crate::suggest::closest(needle, compacted.iter().map(String::as_str), 3)
        .into_iter()
        .filter_map(|near| compacted.iter().position(|c| c == near).map(|i| names[i].to_owned()))
        .collect()
}

/// What a pasted link names, as words to search for: the arXiv id of an arXiv, Hugging Face
/// papers, arXiv DOI or Semantic Scholar link (any version, abstract, PDF or HTML page), or the
/// words of a Semantic Scholar title slug. `None` when the token is no link.
fn link_words(token: &str) -> Option<Vec<String>> {
    let lower = token.to_lowercase();
    let bare = lower.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
    let arxiv_id = |rest: &str| -> Option<String> {
        let id: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let id = id.trim_end_matches('.');
        (id.len() >= 9 && id.contains('.')).then(|| id.to_owned())
    };
    if let Some(rest) = bare.strip_prefix("arxiv:") {
        return arxiv_id(rest).map(|id| vec![id]);
    }
    let is_link = bare.len() < lower.len() || bare.starts_with("arxiv.org/") || bare.starts_with("doi.org/");
    if !is_link || !bare.contains('/') {
        return None;
    }
    let (host, path) = bare.split_once('/')?;
    let segments: Vec<&str> = path.split(['/', '?', '#']).filter(|s| !s.is_empty()).collect();
    let from_segments = segments.iter().rev().find_map(|segment| {
        let segment = segment.trim_start_matches("arxiv.").trim_start_matches("arxiv:");
        arxiv_id(segment)
    });
    if let Some(id) = from_segments {
        return Some(vec![id]);
    }
    // A Semantic Scholar page names the paper in its address: /paper/Title-Of-It/<hash>.
    if host.ends_with("semanticscholar.org") && segments.first() == Some(&"paper") && segments.len() >= 3 {
        return Some(segments[1].split('-').filter(|w| !w.is_empty()).map(str::to_owned).collect());
    }
    // Another link: its last readable segment, as words; a link is never a filter.
    let last = segments.iter().rev().find(|s| s.chars().any(char::is_alphabetic)).copied().unwrap_or(host);
    Some(last.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect())
}

/// Splits on whitespace, keeping `"quoted words"` together (quotes removed).
fn tokens(input: &str) -> Result<Vec<String>, FilterError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err(FilterError::OpenQuote);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader who bookmarked BERT and read TinyBERT.
    struct SomeMarks;

    impl Marks for SomeMarks {
        fn is_bookmarked(&self, id: &str) -> bool {
            id == "bert"
        }
        fn is_read(&self, id: &str) -> bool {
            id == "tinybert"
        }
    }

    fn parse(input: &str) -> Query {
        Query::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    #[test]
    fn filters_and_words_mix_in_any_order() {
        let query = parse("year:2019.. tag:distillation bert");
        assert_eq!(query.words, "bert");
        assert_eq!(
            query.filters,
            [Filter::Year { from: Some(2019), to: None }, Filter::Tag("distillation".to_owned())]
        );
        let query = parse(r#"tag:"knowledge distillation" cat:Vision is:unread has:arxiv"#);
        assert_eq!(query.words, "");
        assert_eq!(
            query.filters,
            [
                Filter::Tag("knowledgedistillation".to_owned()),
                Filter::Category("vision".to_owned()),
                Filter::Is(Mark::Unread),
                Filter::Has(Attribute::Arxiv),
            ]
        );
    }

    #[test]
    fn year_ranges() {
        assert_eq!(parse("year:2019").filters, [Filter::Year { from: Some(2019), to: Some(2019) }]);
        assert_eq!(parse("year:2018..2020").filters, [Filter::Year { from: Some(2018), to: Some(2020) }]);
        assert_eq!(parse("year:..2015").filters, [Filter::Year { from: None, to: Some(2015) }]);
        for bad in ["year:20x9", "year:2020..2018", "year:..", "year:19"] {
            assert!(matches!(Query::parse(bad), Err(FilterError::Year(_))), "{bad}");
        }
    }

    #[test]
    fn mistakes_are_errors_not_ignored() {
        assert_eq!(Query::parse("yera:2019 bert"), Err(FilterError::UnknownKey("yera".to_owned())));
        assert_eq!(Query::parse("is:starred"), Err(FilterError::Is("starred".to_owned())));
        assert_eq!(Query::parse("has:code"), Err(FilterError::Has("code".to_owned())));
        assert_eq!(Query::parse("tag:"), Err(FilterError::Empty("tag", "tag:distillation")));
        assert_eq!(Query::parse("tag:\"object"), Err(FilterError::OpenQuote));
        let message = Query::parse("yera:2019").unwrap_err().to_string();
        assert_eq!(message, "unknown filter `yera:`; the filters are cat: tag: year: is: has:");
    }

    #[test]
    fn a_word_ending_in_a_colon_is_still_a_word() {
        assert_eq!(parse("TinyBERT: distilling").words, "TinyBERT: distilling");
    }

    #[test]
    fn filters_narrow_the_embedded_catalog() {
        let catalog = crate::testing::catalog();
        let index = SearchIndex::new(catalog);
        let ids = |input: &str| -> Vec<String> {
            parse(input).run(&index, catalog, &SomeMarks).iter().map(|h| catalog.papers()[h.paper].id.clone()).collect()
        };
        let distilled = ids("year:2019.. tag:distillation bert");
        assert!(distilled.contains(&"tinybert".to_owned()), "{distilled:?}");
        assert!(!distilled.contains(&"bert".to_owned()), "BERT is not a distillation paper: {distilled:?}");
        let detection = ids("cat:detection year:2015");
        assert!(detection.contains(&"faster-rcnn".to_owned()), "{detection:?}");
        assert!(detection.iter().all(|id| catalog.paper(id).unwrap().year == 2015));
        assert_eq!(ids("is:bookmarked"), ["bert"]);
        assert!(!ids("is:unread tag:distillation").contains(&"tinybert".to_owned()));
        let with_arxiv = ids("has:arxiv");
        assert!(!with_arxiv.is_empty());
        assert!(with_arxiv.iter().all(|id| catalog.paper(id).unwrap().arxiv.is_some()));
    }

    #[test]
    fn pasted_links_search_for_what_they_name() {
        for link in [
            "https://arxiv.org/abs/1706.03762",
            "https://arxiv.org/abs/1706.03762v7",
            "http://arxiv.org/pdf/1706.03762v5.pdf",
            "arxiv.org/html/1706.03762v7",
            "https://huggingface.co/papers/1706.03762",
            "https://doi.org/10.48550/arXiv.1706.03762",
            "arXiv:1706.03762",
            "https://www.semanticscholar.org/arxiv/1706.03762",
        ] {
            assert_eq!(parse(link).words, "1706.03762", "{link}");
        }
        let slug = "https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani/204e3073870fae3d05bc";
        assert_eq!(parse(slug).words, "attention is all you need vaswani");
        assert!(
            parse("https://example.org/papers/deep-residual-learning").filters.is_empty(),
            "a link is never a filter"
        );
    }

    #[test]
    fn filter_values_are_checked_against_the_catalog() {
        let catalog = crate::testing::catalog();
        let error = Query::parse_for("cat:visoin bert", catalog).unwrap_err();
        assert!(
            matches!(&error, FilterError::UnknownCategory(_, near) if near.contains(&"vision".to_owned())),
            "{error}"
        );
        assert!(error.to_string().starts_with("`cat:visoin`: no such category; did you mean vision"), "{error}");
        let error = Query::parse_for("tag:distilation", catalog).unwrap_err();
        assert!(error.to_string().contains("distillation"), "{error}");
        assert!(Query::parse_for("cat:vision tag:distillation year:2019", catalog).is_ok());
    }
}
