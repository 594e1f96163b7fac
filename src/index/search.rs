//! Ranked fuzzy search over what people remember of a paper: its name, other names, concepts,
//! authors, year and arXiv id.
//!
//! Every word of the query must match some field of a paper, in any order. A word matches a field
//! by fuzzy subsequence (skim's algorithm, case-insensitive) or, failing that, by a word of the
//! field within a small edit distance, so that "trasnformer" and "fatser" still land. A word's
//! score is the match quality times the field's weight, so names outrank concepts and authors;
//! a query that spells out a whole name gets a bonus, so "bert" puts BERT above DistilBERT.
//! A word may also be found in the paper's own words (tl;dr and explanation, ranked by BM25);
//! such a match is worth less than any name or concept match, so it widens the results without
//! reordering the obvious ones: "phone bert" finds MobileBERT.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::catalog::{Catalog, Paper};
use crate::index::text::{TextIndex, snippet};

/// Where a query word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchField {
    Title,
    Alias,
    FullTitle,
    Tag,
    Author,
    Year,
    Arxiv,
    /// The tl;dr or the explanation.
    Text,
}

impl MatchField {
    fn weight(self) -> f64 {
        match self {
            Self::Title => 1.0,
            Self::Alias => 0.95,
            Self::Arxiv => 0.9,
            Self::FullTitle => 0.6,
            Self::Tag => 0.55,
            Self::Author => 0.45,
            Self::Year => 0.3,
            Self::Text => TEXT_WEIGHT,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Alias => "also known as",
            Self::FullTitle => "full title",
            Self::Tag => "concept",
            Self::Author => "author",
            Self::Year => "year",
            Self::Arxiv => "arXiv",
            Self::Text => "text",
        }
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `Catalog::papers`.
    pub paper: usize,
    pub score: i64,
    /// Character positions in the paper's title that matched, for highlighting.
    pub title_matches: Vec<usize>,
    /// When no word matched the title: the field that explains why this paper is here.
    pub matched_via: Option<(MatchField, String)>,
}

/// Skim scores below this share of a perfect match are scattered letters, not a match.
const MIN_FUZZY_QUALITY: f64 = 0.5;
const EXACT_NAME_BONUS: f64 = 1.5;
const NAME_PREFIX_BONUS: f64 = 0.5;
const NAME_COVERAGE_BONUS: f64 = 0.5;
/// The most a word found only in the text can add, below a fair concept match (0.55).
const TEXT_WEIGHT: f64 = 0.4;
/// The BM25 score at which a text match earns half of `TEXT_WEIGHT`.
const TEXT_HALF_SCORE: f64 = 3.0;

/// How much of the matching sentence a result shows.
const SNIPPET_WIDTH: usize = 90;

pub struct SearchIndex {
    papers: Vec<Vec<Field>>,
    /// Concept names, in `Catalog::concepts` order.
    concepts: Vec<Field>,
    /// Built on the first search, not at start-up: the browser's first frame need not wait.
    text: OnceLock<TextIndex>,
    /// Each paper's tl;dr and explanation, for the snippet under a text match.
    texts: Vec<(String, String)>,
    matcher: SkimMatcherV2,
}

/// A query prepared once for scoring every paper.
struct Query<'a> {
    words: &'a [String],
    /// Each word's characters.
    chars: &'a [Vec<char>],
    /// Skim's score for each word matched against itself.
    perfect: &'a [i64],
    compact: &'a str,
    /// BM25 of each word, by paper.
    text_scores: &'a [HashMap<usize, f64>],
}

#[derive(Serialize, Deserialize)]
struct Field {
    kind: MatchField,
    text: String,
    /// Lowercase letters and digits only: "Faster R-CNN" -> "fasterrcnn".
    compact: String,
    words: Vec<Word>,
}

/// A word of a field, as matched, with the position in the field's text of each of its chars.
#[derive(Default, Serialize, Deserialize)]
struct Word {
    text: String,
    lower: Vec<char>,
    positions: Vec<usize>,
}

impl Word {
    fn push(&mut self, c: char, position: usize) {
        self.text.push(c);
        self.lower.extend(c.to_lowercase());
        self.positions.push(position);
    }
}

struct WordMatch {
    quality: f64,
    /// Character positions in the field's text.
    positions: Vec<usize>,
}

/// What `to_prepared` saves: the name fields of papers and concepts, and the text index.
type Prepared = (Vec<Vec<Field>>, Vec<Field>, TextIndex);

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let papers = catalog.papers().iter().map(fields_of).collect();
        let concepts = catalog.concepts().iter().map(|c| field(MatchField::Tag, &c.name)).collect();
        Self::with_parts(catalog, papers, concepts, OnceLock::new())
    }

    fn with_parts(catalog: &Catalog, papers: Vec<Vec<Field>>, concepts: Vec<Field>, text: OnceLock<TextIndex>) -> Self {
        Self {
            papers,
            concepts,
            text,
            texts: catalog.papers().iter().map(|p| (p.tldr.clone(), p.body.clone())).collect(),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The whole index, text index included, as bytes for `from_prepared`: `build.rs` saves the
    /// built-in catalog's index this way.
    pub fn to_prepared(&self) -> Vec<u8> {
        postcard::to_stdvec(&(&self.papers, &self.concepts, self.text())).expect("an index serializes")
    }

    /// The index of `catalog` read back from `to_prepared`'s bytes, which must have been made
    /// from the same catalog.
    pub fn from_prepared(bytes: &[u8], catalog: &Catalog) -> Result<Self, postcard::Error> {
        let (papers, concepts, text): Prepared = postcard::from_bytes(bytes)?;
        Ok(Self::with_parts(catalog, papers, concepts, OnceLock::from(text)))
    }

    fn text(&self) -> &TextIndex {
        self.text.get_or_init(|| TextIndex::new(&self.texts))
    }

    /// Concepts whose name holds every word of `query` as the start of one of its words (or
    /// within a small typo of one), best first, as indices into `Catalog::concepts`. Stricter
    /// than paper matching, because a concept is listed above every paper.
    pub fn search_concepts(&self, query: &str) -> Vec<usize> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(f64, usize)> = self
            .concepts
            .iter()
            .enumerate()
            .filter_map(|(index, name)| {
                let mut total = 0.0;
                for word in &words {
                    total += concept_word_match(name, word)?;
                }
                Some((total, index))
            })
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, index)| index).collect()
    }

    /// Papers matching every word of `query`, best first. An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let perfect: Vec<i64> = words.iter().map(|w| self.matcher.fuzzy_match(w, w).unwrap_or(1).max(1)).collect();
        let compact = compact(query);
        let text = self.text();
        let text_scores: Vec<HashMap<usize, f64>> = words.iter().map(|w| text.scores(w)).collect();
        let chars: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        let query =
            Query { words: &words, chars: &chars, perfect: &perfect, compact: &compact, text_scores: &text_scores };
        let mut hits: Vec<Hit> = self
            .papers
            .iter()
            .enumerate()
            .filter_map(|(paper, fields)| self.score_paper(paper, fields, &query))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.paper.cmp(&b.paper)));
        hits
    }

    fn score_paper(&self, paper: usize, fields: &[Field], query: &Query) -> Option<Hit> {
        let mut total = 0.0;
        let mut title_matches = Vec::new();
        let mut matched_via = None;
        // The name (title or alias) that every word matched, if one did: the query names the paper.
        let mut common_name: Option<Option<&Field>> = None;
        for (i, (word, &perfect)) in query.words.iter().zip(query.perfect).enumerate() {
            let in_fields = fields
                .iter()
                .filter_map(|field| Some((field, self.match_word(field, word, &query.chars[i], perfect)?)))
                .max_by(|a, b| (a.0.kind.weight() * a.1.quality).total_cmp(&(b.0.kind.weight() * b.1.quality)));
            let field_score = in_fields.as_ref().map_or(0.0, |(field, found)| field.kind.weight() * found.quality);
            let text_score =
                query.text_scores[i].get(&paper).map_or(0.0, |&bm25| TEXT_WEIGHT * bm25 / (bm25 + TEXT_HALF_SCORE));
            let Some((field, found)) = in_fields.filter(|_| field_score >= text_score) else {
                if text_score == 0.0 {
                    return None;
                }
                total += text_score;
                common_name = Some(None);
                if matched_via.is_none() {
                    let (tldr, body) = &self.texts[paper];
                    let line = snippet(tldr, word, SNIPPET_WIDTH).or_else(|| snippet(body, word, SNIPPET_WIDTH));
                    matched_via = line.map(|line| (MatchField::Text, line));
                }
                continue;
            };
            total += field_score;
            let is_name = matches!(field.kind, MatchField::Title | MatchField::Alias);
            common_name = match common_name {
                None => Some(is_name.then_some(field)),
                Some(Some(name)) if std::ptr::eq(name, field) => Some(Some(name)),
                Some(_) => Some(None),
            };
            if field.kind == MatchField::Title {
                title_matches.extend(found.positions);
            } else if matched_via.is_none() {
                matched_via = Some((field.kind, field.text.clone()));
            }
        }

        let names = fields.iter().filter(|f| matches!(f.kind, MatchField::Title | MatchField::Alias));
        let mut name_bonus: f64 = 0.0;
        for name in names {
            if name.compact == query.compact {
                name_bonus = name_bonus.max(EXACT_NAME_BONUS);
            } else if !query.compact.is_empty() && name.compact.starts_with(query.compact) {
                name_bonus = name_bonus.max(NAME_PREFIX_BONUS);
            }
        }
        if let Some(Some(name)) = common_name {
            let (short, long) = if query.compact.len() <= name.compact.len() {
                (query.compact.len(), name.compact.len())
            } else {
                (name.compact.len(), query.compact.len())
            };
            name_bonus = name_bonus.max(NAME_COVERAGE_BONUS * short as f64 / long.max(1) as f64);
        }
        total += name_bonus;

        title_matches.sort_unstable();
        title_matches.dedup();
        if !title_matches.is_empty() {
            matched_via = None;
        }
        Some(Hit { paper, score: (total * 1000.0).round() as i64, title_matches, matched_via })
    }

    /// The best match of a query word inside one word of the field. Matching within words keeps
    /// scattered letters across a long name ("d…e…t…" in "Bidirectional Encoder …") out.
    fn match_word(&self, field: &Field, word: &str, chars: &[char], perfect: i64) -> Option<WordMatch> {
        if matches!(field.kind, MatchField::Year | MatchField::Arxiv) {
            let matches = match field.kind {
                MatchField::Year => field.text == word,
                _ => word.len() >= 4 && field.text.starts_with(word),
            };
            return matches.then(|| WordMatch { quality: 1.0, positions: Vec::new() });
        }
        if chars.len() <= 2 {
            return prefix_match(field, word);
        }
        let fuzzy = field
            .words
            .iter()
            // Skim matches subsequences only; checking that first is much cheaper than skim.
            .filter(|candidate| is_subsequence(chars, &candidate.lower))
            .filter_map(|candidate| {
                let (score, at) = self.matcher.fuzzy_indices(&candidate.text, word)?;
                let quality = (score as f64 / perfect as f64).min(1.0);
                let gaps = at.windows(2).filter(|pair| pair[1] != pair[0] + 1).count();
                let from_word_start = at.first() == Some(&0);
                let plausible =
                    quality >= MIN_FUZZY_QUALITY && (gaps == 0 || (from_word_start && gaps <= max_gaps(word)));
                plausible
                    .then(|| WordMatch { quality, positions: at.into_iter().map(|i| candidate.positions[i]).collect() })
            })
            .max_by(|a, b| a.quality.total_cmp(&b.quality));
        fuzzy.or_else(|| typo_match(field, chars))
    }
}

fn is_subsequence(needle: &[char], haystack: &[char]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|c| rest.any(|h| h == c))
}

/// The words of a query, lowercase, without the punctuation around them: a title pasted as
/// "Autoregressive Image Models V2 (AIM V2)" searches for "aim" and "v2".
pub fn query_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word typed from memory starts like the word and skips a letter here and there: "tinybrt" is
/// TinyBERT, but "retina" is not hiding in "bidirectional". Mid-word, only a contiguous run
/// counts ("bert" in DistilBERT).
fn max_gaps(word: &str) -> usize {
    (word.chars().count() / 3).max(1)
}

/// How well a query word names a word of a concept: whole (1), its start (by share of it), or
/// a near miss; nothing for scattered letters.
fn concept_word_match(name: &Field, word: &str) -> Option<f64> {
    let query: Vec<char> = word.chars().collect();
    let starts = name
        .words
        .iter()
        .filter(|w| query.len() >= 3 && w.lower.starts_with(&query))
        .map(|w| query.len() as f64 / w.lower.len() as f64)
        .fold(None, |best: Option<f64>, share| Some(best.map_or(share, |b| b.max(share))));
    starts.or_else(|| typo_match(name, &query).map(|m| m.quality))
}

/// One or two letters say too little for fuzzy matching: they must start a word of the field.
fn prefix_match(field: &Field, word: &str) -> Option<WordMatch> {
    let query: Vec<char> = word.chars().collect();
    let found = field.words.iter().find(|w| w.lower.starts_with(&query))?;
    Some(WordMatch {
        quality: if found.lower == query { 1.0 } else { 0.8 },
        positions: found.positions[..query.len().min(found.positions.len())].to_vec(),
    })
}

/// A word of the field within the allowed edit distance of the query word (transpositions count
/// once), either whole or, for longer query words, as the start of a longer word.
fn typo_match(field: &Field, query: &[char]) -> Option<WordMatch> {
    let allowed = match query.len() {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, &Word)> = None;
    for candidate in &field.words {
        let length = candidate.lower.len();
        let whole_possible = length.abs_diff(query.len()) <= allowed;
        // A typo rarely hits both of the first two letters; this keeps the costly distance off
        // most words of a long catalog.
        let start_alike = candidate.lower.first() == query.first() || candidate.lower.get(1) == query.get(1);
        let prefix_possible = query.len() >= 5 && length > query.len() && start_alike;
        if !whole_possible && !prefix_possible {
            continue;
        }
        let mut distance = if whole_possible { osa(query, &candidate.lower) } else { usize::MAX };
        if prefix_possible {
            distance = distance.min(osa(query, &candidate.lower[..query.len()]));
        }
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    let (distance, found) = best?;
    Some(WordMatch { quality: 0.7 - 0.1 * distance as f64, positions: found.positions.clone() })
}

fn osa(a: &[char], b: &[char]) -> usize {
    strsim::osa_distance(&a.iter().collect::<String>(), &b.iter().collect::<String>())
}

fn fields_of(paper: &Paper) -> Vec<Field> {
    let mut fields = vec![field(MatchField::Title, &paper.title), field(MatchField::FullTitle, &paper.full_title)];
    fields.extend(paper.aliases.iter().map(|a| field(MatchField::Alias, a)));
    fields.extend(paper.tags.iter().map(|t| field(MatchField::Tag, t)));
    fields.extend(paper.authors.iter().map(|a| field(MatchField::Author, a)));
    fields.push(field(MatchField::Year, &paper.year.to_string()));
    if let Some(arxiv) = &paper.arxiv {
        fields.push(field(MatchField::Arxiv, arxiv));
    }
    fields
}

fn field(kind: MatchField, text: &str) -> Field {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    let mut run_together = Word::default();
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            current.get_or_insert_with(Word::default).push(c, i);
            run_together.push(c, i);
        } else if let Some(word) = current.take() {
            words.push(word);
        }
    }
    words.extend(current);
    // A short name run together also counts as a word, so "fasterrcnn" and "rcnn" find
    // "Faster R-CNN"; a long one would let scattered letters match.
    if matches!(kind, MatchField::Title | MatchField::Alias | MatchField::Tag) && (2..=3).contains(&words.len()) {
        words.push(run_together);
    }
    // People type a concept by its initials: "llm", "rlhf", "mlm", "nas".
    if kind == MatchField::Tag {
        let mut initials = Word::default();
        for word in words.iter().filter(|w| !SMALL_WORDS.contains(&w.text.to_lowercase().as_str())) {
            if let (Some(&c), Some(&at)) = (word.text.chars().next().as_ref(), word.positions.first()) {
                initials.push(c, at);
            }
        }
        if initials.lower.len() >= 3 && words.len() >= 3 {
            words.push(initials);
        }
    }
    Field { kind, text: text.to_owned(), compact: compact(text), words }
}

/// Words left out of a concept's initials: "reinforcement learning from human feedback" is "rlhf".
const SMALL_WORDS: &[&str] = &["a", "an", "and", "for", "from", "in", "of", "on", "the", "to", "with"];

/// Lowercase letters and digits only: "Faster R-CNN" is "fasterrcnn".
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(query: &str) -> Vec<String> {
        let catalog = Catalog::embedded();
        let index = SearchIndex::new(&catalog);
        index.search(query).into_iter().map(|h| catalog.papers()[h.paper].id.clone()).collect()
    }

    fn top(query: &str) -> String {
        ids(query).into_iter().next().unwrap_or_else(|| panic!("nothing found for {query:?}"))
    }

    #[test]
    fn names_find_their_paper_first() {
        for (query, id) in [
            ("bert", "bert"),
            ("tinybert", "tinybert"),
            ("Tiny BERT", "tinybert"),
            ("faster rcnn", "faster-rcnn"),
            ("Faster R-CNN", "faster-rcnn"),
            ("fast rcnn", "fast-rcnn"),
            ("rcnn", "rcnn"),
            ("transformer", "transformer"),
            ("attention is all you need", "transformer"),
            ("vit", "vit"),
            ("swin", "swin"),
            ("retinanet", "focal-loss"),
            ("layoutlm v3", "layoutlmv3"),
            ("layout lm v2", "layoutlmv2"),
            ("mae", "mae"),
            ("sbert", "sentence-bert"),
            ("donut", "donut"),
            ("1810.04805", "bert"),
            ("Autoregressive Image Models V2 (AIM V2)", "aimv2"),
            ("gpt2", "gpt-2"),
            ("GPT 3", "gpt-3"),
            ("instruct gpt", "instructgpt"),
            ("dpr", "dpr"),
            ("Dense Passage Retrieval", "dpr"),
            ("colbert v2", "colbertv2"),
            ("siglip 2", "siglip2"),
            ("resnet", "resnet"),
            ("res net", "resnet"),
            ("residual network", "resnet"),
            ("wgan", "wgan"),
        ] {
            assert_eq!(top(query), id, "query {query:?}");
        }
    }

    #[test]
    fn concepts_answer_to_their_initials() {
        for (query, id) in
            [("rlhf", "instructgpt"), ("code llm", "codex"), ("mlm bert", "bert"), ("nas", "efficientnet")]
        {
            assert!(ids(query)[..3].contains(&id.to_owned()), "{query:?}: {:?}", ids(query));
        }
    }

    #[test]
    fn small_typos_are_forgiven() {
        for (query, id) in [
            ("tinybrt", "tinybert"),
            ("fatser rcnn", "faster-rcnn"),
            ("trasnformer", "transformer"),
            ("distilbrt", "distilbert"),
            ("layuotlm", "layoutlm"),
            ("mobilbert", "mobilebert"),
        ] {
            assert_eq!(top(query), id, "query {query:?}");
        }
    }

    #[test]
    fn words_may_come_in_any_order() {
        assert_eq!(top("transformer swin"), "swin");
        assert_eq!(top("rcnn faster"), "faster-rcnn");
    }

    #[test]
    fn a_concept_lists_the_papers_tagged_with_it() {
        let catalog = Catalog::embedded();
        let hits = SearchIndex::new(&catalog).search("distillation");
        let tagged = |hit: &Hit| catalog.papers()[hit.paper].tags.iter().any(|t| t.contains("distillation"));
        let last_tagged = hits.iter().rposition(tagged).expect("tagged papers");
        let first_text_only = hits.iter().position(|h| matches!(h.matched_via, Some((MatchField::Text, _))));
        assert!(first_text_only.is_none_or(|text| text > last_tagged), "concept matches rank above text matches");
        let ids: Vec<&str> = hits.iter().map(|h| catalog.papers()[h.paper].id.as_str()).collect();
        for id in ["distilbert", "mobilebert", "tinybert"] {
            assert!(ids[..=last_tagged].contains(&id), "{id} in {ids:?}");
        }
    }

    #[test]
    fn name_matches_outrank_concept_and_author_matches() {
        let catalog = Catalog::embedded();
        let index = SearchIndex::new(&catalog);
        let hits = index.search("detection");
        let first = &catalog.papers()[hits[0].paper];
        assert!(
            first.title.to_lowercase().contains("detection") || first.full_title.to_lowercase().contains("detection")
        );
        let by_author = index.search("girshick");
        assert!(by_author.iter().all(|h| matches!(h.matched_via, Some((MatchField::Author, _)))));
        assert!(by_author.len() >= 3, "R-CNN, Fast and Faster R-CNN");
    }

    #[test]
    fn title_matches_are_reported_for_highlighting() {
        let catalog = Catalog::embedded();
        let index = SearchIndex::new(&catalog);
        let hit = &index.search("tinybrt")[0];
        let title: Vec<char> = catalog.papers()[hit.paper].title.chars().collect();
        let highlighted: String = hit.title_matches.iter().map(|&i| title[i]).collect();
        assert_eq!(highlighted, "TinyBRT");
        assert_eq!(hit.matched_via, None);
    }

    #[test]
    fn scattered_letters_inside_a_long_word_do_not_match() {
        let found = ids("retina");
        assert_eq!(found[0], "focal-loss");
        assert!(!found.iter().any(|id| id == "bart" || id == "bert"), "{found:?}");
        assert_eq!(top("mobert"), "mobilebert");
    }

    #[test]
    fn words_of_the_explanation_find_a_paper_below_its_name_matches() {
        assert_eq!(top("phone bert"), "mobilebert");
        assert_eq!(top("spread across a gpu recurrence"), "transformer");
        let catalog = Catalog::embedded();
        let index = SearchIndex::new(&catalog);
        let hits = index.search("phone");
        let (field, line) = hits[0].matched_via.clone().expect("says why");
        assert_eq!(field, MatchField::Text);
        assert!(line.to_lowercase().contains("phone"), "{line}");
        let bert = index.search("bert");
        assert!(bert.len() > 8, "papers that only mention BERT come too");
        assert_eq!(catalog.papers()[bert[0].paper].id, "bert");
    }

    #[test]
    fn concepts_are_found_by_their_name() {
        let catalog = Catalog::embedded();
        let index = SearchIndex::new(&catalog);
        let names = |q: &str| -> Vec<String> {
            index.search_concepts(q).into_iter().map(|i| catalog.concepts()[i].name.clone()).collect()
        };
        assert_eq!(names("distillation").first().map(String::as_str), Some("knowledge distillation"));
        assert!(names("tinybert").is_empty());
    }

    #[test]
    fn every_word_must_match() {
        assert!(ids("bert zzzzqqq").is_empty());
        assert!(ids("   ").is_empty());
    }
}
