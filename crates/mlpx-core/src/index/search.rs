//! Ranked fuzzy search over what people remember of a paper: its name, other names, concepts,
//! authors, year and arXiv id.
//!
//! Words may come in any order. A paper that matches more of the query's words ranks above one
//! that matches fewer (Meilisearch's first rule), so a word that matches nothing lowers a
//! paper's rank instead of removing it; common words ("how", "to", "the") carry no weight
//! unless the query holds nothing else, though a pasted title still earns its whole-name bonus
//! with them. Words of four letters or fewer match whole words, their starts and runs inside a
//! word, never scattered letters or a typo ("yolo" is not "yonglong"). A word matches a field
//! by fuzzy subsequence (skim's algorithm, case-insensitive) or, failing that, by a word of the
//! field within a small edit distance, so that "trasnformer" and "fatser" still land. A word's
//! score is the match quality times the field's weight, so names outrank concepts and authors;
//! a query that spells out a whole name gets a bonus, so "bert" puts BERT above DistilBERT.
//! A word may also be found in the paper's own words (tl;dr and explanation, ranked by BM25);
//! such a match is worth less than any name or concept match, so it widens the results without
//! reordering the obvious ones: "phone bert" finds MobileBERT.
//!
//! The index keeps every distinct word of the name fields once, with where it occurs, so that a
//! query word is matched against each distinct word once and only the papers holding a matching
//! word are scored; a cheap letter-set test keeps the costly matchers off most words. This is
//! what keeps a keystroke fast in a catalog of many thousands of papers.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::catalog::{Catalog, Paper};
use crate::index::packed::Packed;
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
    /// How many of the query's words (common words aside) the paper matched: the first thing
    /// results are ranked by.
    pub words_matched: usize,
    /// How loosely those words matched, summed over them: 0 for a word found as written in a
    /// name, concept, author or id, 1 for a typo or another form of the word there, 2 for a word
    /// found only in the explanation. Of papers matching as many words, the exactest come first
    /// (Meilisearch's typo rule, before its field rule).
    pub looseness: usize,
    /// Within the same count of words and typos, the higher the better.
    pub score: i64,
    /// Found only in passing: through the words of its explanation alone, without holding all
    /// of the query there (for a single word, a mention). Such hits come after every other,
    /// and when every hit is one, the catalog has no paper of that name.
    pub mentioned_only: bool,
    /// Character positions in the paper's title that matched, for highlighting.
    pub title_matches: Vec<usize>,
    /// When no word matched the title: what explains why this paper is here (`SearchIndex::why`
    /// says it in words, for the few hits on screen).
    pub matched_via: Option<Via>,
}

/// What a hit matched other than its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Via {
    /// A field of the paper, by its number in the index.
    Field(u32),
    /// A query word found in the paper's tl;dr or explanation.
    Text(Arc<str>),
}

/// Skim scores below this share of a perfect match are scattered letters, not a match.
const MIN_FUZZY_QUALITY: f64 = 0.5;
/// Of a word matched by its stem: below any typo, and on a name below a concept named exactly.
const STEM_QUALITY: f64 = 0.5;
/// Shorter stems say too little ("use", "net").
const MIN_STEM: usize = 4;
const EXACT_NAME_BONUS: f64 = 1.5;
/// How many of the papers matching fewer than the most words are scored and listed.
const PARTIAL_LIMIT: usize = 200;
/// What a synonym's match is worth against the word typed.
const SYNONYM_QUALITY: f64 = 0.7;
/// Words this long or shorter match only as written: no typo, no scattered letters.
const SHORT_WORD: usize = 4;
const NAME_PREFIX_BONUS: f64 = 0.5;
const WORD_NAME_BONUS: f64 = 0.5;
const NAME_COVERAGE_BONUS: f64 = 0.5;
/// The most a word found only in the text can add, below a fair concept match (0.55).
const TEXT_WEIGHT: f64 = 0.4;
/// The BM25 score at which a text match earns half of `TEXT_WEIGHT`.
const TEXT_HALF_SCORE: f64 = 3.0;

/// How much of the matching sentence a result shows.
const SNIPPET_WIDTH: usize = 90;

pub struct SearchIndex {
    parts: Parts,
    /// Each word's letter set, length and first letter, in word order.
    keys: Vec<WordKey>,
    /// Each field's kind, apart from the fields so that matching reads no field: in a large
    /// catalog, reaching into the fields at random costs more than the matching.
    field_kinds: Vec<MatchField>,
    /// Built on the first search, not at start-up: the browser's first frame need not wait.
    text: OnceLock<TextIndex>,
    /// Each paper's tl;dr and explanation, until the text index is built from them.
    texts: Vec<(String, String)>,
    matcher: SkimMatcherV2,
    stemmer: Stemmer,
}

/// What an index is made of, and what `to_prepared` saves with the text index; the rest of a
/// `SearchIndex` is derived from it.
#[derive(Serialize, Deserialize)]
struct Parts {
    /// Every distinct word of the name fields of papers and concepts, as written (case counts
    /// in skim's scoring), numbered by first appearance.
    words: Vec<Word>,
    /// Where word `w` occurs in papers' fields: field, slot in the field and paper, three
    /// numbers for each occurrence, ending at occurrence `occurrence_ends[w]`. The paper is
    /// repeated here for the same reason as `SearchIndex::field_kinds`.
    occurrences: Packed,
    occurrence_ends: Packed,
    /// The fields of every paper; paper `p`'s end at `field_ends[p]`.
    fields: Vec<Field>,
    field_ends: Packed,
    /// Year and arXiv fields by their text, sorted, for exact and prefix look-ups.
    numbers: Vec<(String, u32)>,
    /// Titles, aliases and full titles in lowercase letters and digits only ("fasterrcnn"),
    /// each with its paper and whether only the whole of it counts, sorted: a query that spells
    /// a name out, or its start, finds it here. A full title counts only whole, pasted.
    names: Vec<(String, u32, bool)>,
    /// Concept names, in `Catalog::concepts` order.
    concepts: Vec<Field>,
    /// By paper, how many papers it is linked with either way: of equal matches, the paper at
    /// the centre of a line of work comes first (the Transformer before the attention layers
    /// that share its arXiv id).
    links: Vec<u32>,
}

#[derive(Serialize, Deserialize)]
struct Word {
    text: String,
    lower: String,
}

/// What matching checks of a word before reading the word itself. Kept apart from the words,
/// so that a scan over every word of a large catalog reads one small array.
#[derive(Clone, Copy)]
struct WordKey {
    /// Which letters and digits the lowercase word holds, one bit each (`letter_set`).
    letters: u64,
    /// Characters in the lowercase word.
    length: usize,
    first: Option<char>,
}

impl WordKey {
    fn of(word: &Word) -> Self {
        Self { letters: letter_set(&word.lower), length: word.lower.chars().count(), first: word.lower.chars().next() }
    }

    /// Whether `word` can match this word at all: `match_word`'s cheap necessary conditions.
    fn may_match(&self, word: &QueryWord) -> bool {
        // Each letter the word lacks costs at least one edit.
        let missing = (word.letters & !self.letters).count_ones() as usize;
        let wanted = word.chars.len();
        if wanted <= 2 {
            return missing == 0 && self.first == word.chars.first().copied();
        }
        let typo_possible = self.length.abs_diff(wanted) <= word.typos || (wanted >= 5 && self.length > wanted);
        let stem_possible = word
            .stem
            .as_ref()
            .is_some_and(|(_, letters)| letters & !self.letters == 0 && self.first == word.chars.first().copied());
        missing == 0 || (missing <= word.typos && typo_possible) || stem_possible
    }
}

#[derive(Serialize, Deserialize)]
struct Field {
    kind: MatchField,
    paper: u32,
    /// Which alias, concept or author of the paper this is: the paper holds the text.
    nth: u32,
    /// For a name, how many bytes it has in lowercase letters and digits only.
    compact_len: u32,
    words: Vec<FieldWord>,
}

/// A word of a field, and the position in the field's text of each of its characters.
#[derive(Serialize, Deserialize)]
struct FieldWord {
    word: u32,
    positions: Positions,
}

#[derive(Serialize, Deserialize)]
enum Positions {
    /// An ordinary word: its characters follow each other from here.
    Run(u32),
    /// A name run together or a concept's initials, picked from across the field.
    Scattered(Vec<u32>),
}

impl FieldWord {
    fn position(&self, char_index: usize) -> usize {
        match &self.positions {
            Positions::Run(start) => *start as usize + char_index,
            Positions::Scattered(positions) => positions[char_index] as usize,
        }
    }
}

/// A query word, prepared once for matching every word of the index.
struct QueryWord {
    text: String,
    /// The runs of letters and digits it was typed as: "pre" and "training".
    parts: Vec<String>,
    /// The part to look for in the text of a hit, to quote its sentence: the longest.
    quoted: Arc<str>,
    chars: Vec<char>,
    letters: u64,
    /// Skim's score for the word matched against itself.
    perfect: i64,
    /// Edits forgiven as a typo: none for short words.
    typos: usize,
    /// The word's stem ("normalizing" -> "normal"), when long enough to compare, and its letters.
    stem: Option<(String, u64)>,
}

impl QueryWord {
    /// BM25 of each paper's text for the word; a word typed in parts needs every part there.
    fn text_scores(&self, text: &TextIndex, papers: usize) -> Vec<f64> {
        let mut parts = self.parts.iter().map(|part| text.scores(part, papers));
        let first = parts.next().unwrap_or_else(|| vec![0.0; papers]);
        parts.fold(first, |least, next| least.into_iter().zip(next).map(|(a, b)| a.min(b)).collect())
    }
}

/// How a query word matched one word of the index.
struct WordMatch {
    quality: f64,
    span: Span,
    /// Matched as another form of the word: such a match does not name the paper.
    by_stem: bool,
    /// Matched within an edit distance: any exact match of the word, in any field, is worth
    /// more (Meilisearch's typo rule comes before its field rule).
    typo: bool,
}

/// Which characters of the matched word count as matched.
enum Span {
    Chars(Vec<usize>),
    First(usize),
    Whole,
}

/// A query word's best field in one paper.
#[derive(Clone, Copy, Default)]
struct Best {
    score: f64,
    /// Found only within an edit distance.
    typo: bool,
    field: u32,
    /// The matching word's slot in the field and its match, or none for a year or arXiv id.
    found: Option<(u32, u32)>,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let mut builder = Builder::default();
        let mut fields = Vec::new();
        let mut field_ends = Packed::default();
        let (mut numbers, mut names) = (Vec::new(), Vec::new());
        for (paper, entry) in catalog.papers().iter().enumerate() {
            let year = entry.year.to_string();
            let mut texts = field_texts(entry);
            texts.push((MatchField::Year, 0, &year));
            texts.extend(entry.arxiv.as_deref().map(|arxiv| (MatchField::Arxiv, 0, arxiv)));
            for (kind, nth, text) in texts {
                let id = fields.len() as u32;
                if matches!(kind, MatchField::Year | MatchField::Arxiv) {
                    numbers.push((text.to_owned(), id));
                }
                if matches!(kind, MatchField::Title | MatchField::Alias | MatchField::FullTitle) {
                    names.push((compact(text), paper as u32, kind == MatchField::FullTitle));
                }
                fields.push(builder.field(kind, paper as u32, nth, text, Some(id)));
            }
            field_ends.push(fields.len() as u32);
        }
        numbers.sort();
        names.sort();
        let concepts = catalog
            .concepts()
            .iter()
            .enumerate()
            .map(|(i, c)| builder.field(MatchField::Tag, 0, i, &c.name, None))
            .collect();
        let (mut occurrences, mut occurrence_ends) = (Packed::default(), Packed::default());
        for found in builder.occurrences {
            for (field, slot, paper) in found {
                occurrences.push(field);
                occurrences.push(slot);
                occurrences.push(paper);
            }
            occurrence_ends.push(occurrences.len() as u32 / 3);
        }
        // One pass over the related lists: asking each paper for its line of work would scan
        // every other paper for backlinks, quadratic in the catalog.
        let mut links = vec![0u32; catalog.papers().len()];
        for (paper, entry) in catalog.papers().iter().enumerate() {
            for other in entry.related.iter().filter_map(|id| catalog.paper_index(id)) {
                links[paper] += 1;
                links[other] += 1;
            }
        }
        let parts = Parts {
            words: builder.words,
            occurrences,
            occurrence_ends,
            fields,
            field_ends,
            numbers,
            names,
            concepts,
            links,
        };
        let texts = catalog.papers().iter().map(|p| (p.tldr.clone(), p.body.clone())).collect();
        Self::from_parts(parts, OnceLock::new(), texts)
    }

    fn from_parts(parts: Parts, text: OnceLock<TextIndex>, texts: Vec<(String, String)>) -> Self {
        Self {
            keys: parts.words.iter().map(WordKey::of).collect(),
            field_kinds: parts.fields.iter().map(|f| f.kind).collect(),
            parts,
            text,
            texts,
            matcher: SkimMatcherV2::default().ignore_case(),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The whole index, text index included, as bytes for `from_prepared`: `build.rs` saves the
    /// built-in catalog's index this way.
    pub fn to_prepared(&self) -> Vec<u8> {
        postcard::to_stdvec(&(&self.parts, self.text())).expect("an index serializes")
    }

    /// The index read back from `to_prepared`'s bytes.
    pub fn from_prepared(bytes: &[u8]) -> Result<Self, postcard::Error> {
        let (parts, text): (Parts, TextIndex) = postcard::from_bytes(bytes)?;
        Ok(Self::from_parts(parts, OnceLock::from(text), Vec::new()))
    }

    fn text(&self) -> &TextIndex {
        self.text.get_or_init(|| TextIndex::new(&self.texts))
    }

    /// Concepts whose name holds every word of `query` as the start of one of its words (or
    /// within a small typo of one), best first, as indices into `Catalog::concepts`. Stricter
    /// than paper matching, because a concept is listed above every paper.
    pub fn search_concepts(&self, query: &str) -> Vec<usize> {
        let words: Vec<QueryWord> = query_words(query).into_iter().map(|w| self.query_word(w)).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(f64, usize)> = self
            .parts
            .concepts
            .iter()
            .enumerate()
            .filter_map(|(index, name)| {
                let mut total = 0.0;
                for word in &words {
                    total += self.concept_word_match(name, word)?;
                }
                Some((total, index))
            })
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, index)| index).collect()
    }

    /// Papers matching any word of `query`, those that match more of its words first, then by
    /// score. An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let query = &with_phrases_named(query);
        let words: Vec<QueryWord> = content_words(query_words(query)).into_iter().map(|w| self.query_word(w)).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let papers = self.parts.field_ends.len();
        let text = self.text();
        let mut matches: Vec<Vec<WordMatch>> = Vec::with_capacity(words.len());
        let mut best: Vec<Vec<Best>> = Vec::with_capacity(words.len());
        let mut text_scores: Vec<Vec<f64>> = Vec::with_capacity(words.len());
        let mut words_matched = vec![0usize; papers];
        for word in &words {
            let (found, mut by_paper) = self.best_fields(word, papers);
            let scores = word.text_scores(text, papers);
            self.add_synonyms(word, papers, &mut by_paper);
            for (paper, count) in words_matched.iter_mut().enumerate() {
                if by_paper[paper].score > 0.0 || scores[paper] > 0.0 {
                    *count += 1;
                }
            }
            matches.push(found);
            best.push(by_paper);
            text_scores.push(scores);
        }
        let compact = compact(query);
        let name_bonuses = self.name_bonuses(&compact, &words);
        let mut hits: Vec<Hit> = self
            .candidates(&words_matched, &best, &text_scores)
            .into_iter()
            .map(|paper| {
                let found = (0..words.len()).map(|i| (best[i][paper], text_scores[i][paper]));
                let mut hit = self.score_paper(paper, found, &words, &matches, &compact, &name_bonuses);
                hit.words_matched = words_matched[paper];
                let in_text_only = hit.looseness == 2 * hit.words_matched;
                hit.mentioned_only = in_text_only && (words.len() == 1 || hit.words_matched < words.len());
                hit
            })
            .collect();
        // Papers are distinct, so an unstable sort gives the one order.
        let links = &self.parts.links;
        hits.sort_unstable_by(|a, b| {
            (a.mentioned_only.cmp(&b.mentioned_only))
                .then(b.words_matched.cmp(&a.words_matched))
                .then(a.looseness.cmp(&b.looseness))
                .then(b.score.cmp(&a.score))
                .then(links[b.paper].cmp(&links[a.paper]))
                .then(a.paper.cmp(&b.paper))
        });
        hits
    }

    /// Why `hit` is among the results, when not by its title: the field it matched and that
    /// field's text, or the sentence of its explanation (in `catalog`, the index's own) that
    /// holds the query word.
    pub fn why(&self, hit: &Hit, catalog: &Catalog) -> Option<(MatchField, String)> {
        match hit.matched_via.as_ref()? {
            Via::Field(field) => {
                let field = &self.parts.fields[*field as usize];
                Some((field.kind, field_text(&catalog.papers()[hit.paper], field.kind, field.nth as usize)?))
            }
            Via::Text(word) => {
                let paper = &catalog.papers()[hit.paper];
                let line =
                    snippet(&paper.tldr, word, SNIPPET_WIDTH).or_else(|| snippet(&paper.body, word, SNIPPET_WIDTH))?;
                Some((MatchField::Text, line))
            }
        }
    }

    /// A typed word prepared for matching. Its parts between punctuation are matched as one word
    /// ("pre-training" as "pretraining", which the fields hold too), except in an arXiv id.
    fn query_word(&self, typed: String) -> QueryWord {
        let is_arxiv = looks_like_arxiv_id(&typed);
        let parts: Vec<String> = if is_arxiv {
            // The catalog keeps ids without their version: 1810.04805v2 is 1810.04805.
            vec![typed.split('v').next().unwrap_or_default().to_owned()]
        } else {
            typed.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()).map(str::to_owned).collect()
        };
        let text = parts.concat();
        let chars: Vec<char> = text.chars().collect();
        // Meilisearch's rule: no typo under five letters, one up to eight, then two.
        let typos = match chars.len() {
            0..=SHORT_WORD => 0,
            5..=8 => 1,
            _ => 2,
        };
        let stem = self.stemmer.stem(&text);
        let stem = (stem.chars().count() >= MIN_STEM).then(|| (stem.to_string(), letter_set(&stem)));
        QueryWord {
            letters: letter_set(&text),
            stem,
            quoted: Arc::from(parts.iter().max_by_key(|part| part.len()).map_or("", String::as_str)),
            perfect: self.matcher.fuzzy_match(&text, &text).unwrap_or(1).max(1),
            text,
            parts,
            chars,
            typos,
        }
    }

    /// The papers worth scoring: every one that matched the most words, and of those that
    /// matched fewer, the `PARTIAL_LIMIT` best by a rough score. Scoring is the costly part of a
    /// search, and in a large catalog a query being typed ("tinybrt d") half-matches thousands
    /// of papers that would only ever be listed far below.
    fn candidates(&self, words_matched: &[usize], best: &[Vec<Best>], text_scores: &[Vec<f64>]) -> Vec<usize> {
        let most = words_matched.iter().copied().max().unwrap_or(0);
        if most == 0 {
            return Vec::new();
        }
        let (mut full, mut partial): (Vec<usize>, Vec<usize>) =
            (0..words_matched.len()).filter(|&p| words_matched[p] > 0).partition(|&p| words_matched[p] == most);
        if partial.len() > PARTIAL_LIMIT {
            let rough = |paper: usize| -> f64 {
                let fields: f64 = best.iter().map(|by_paper| by_paper[paper].score).sum();
                let text: f64 = text_scores.iter().map(|scores| scores[paper]).sum();
                words_matched[paper] as f64 * 100.0 + fields + TEXT_WEIGHT * text / (text + TEXT_HALF_SCORE)
            };
            let mut ranked: Vec<(f64, usize)> = partial.iter().map(|&paper| (rough(paper), paper)).collect();
            ranked.select_nth_unstable_by(PARTIAL_LIMIT, |a, b| b.0.total_cmp(&a.0));
            partial = ranked[..PARTIAL_LIMIT].iter().map(|&(_, paper)| paper).collect();
        }
        full.extend(partial);
        full
    }

    /// Raises each paper's best field for `word` to that of its synonyms, a little below. A
    /// synonym counts in names and concepts only: in the text, its prefix matches would find
    /// every paper that mentions a name starting with it ("mobile" in "MobileBERT").
    fn add_synonyms(&self, word: &QueryWord, papers: usize, best: &mut [Best]) {
        let Some((_, synonyms)) = SYNONYMS.iter().find(|(typed, _)| *typed == word.text) else { return };
        for synonym in *synonyms {
            let (_, by_paper) = self.best_fields(&self.query_word((*synonym).to_owned()), papers);
            for (slot, found) in best.iter_mut().zip(by_paper) {
                let score = found.score * SYNONYM_QUALITY;
                if score > slot.score {
                    // Found by another word: no letters of the title to mark.
                    *slot = Best { score, typo: found.typo, field: found.field, found: None };
                }
            }
        }
    }

    /// The words of the index that `word` matches, and by paper its best-scoring field.
    fn best_fields(&self, word: &QueryWord, papers: usize) -> (Vec<WordMatch>, Vec<Best>) {
        let mut found = Vec::new();
        let mut best = vec![Best::default(); papers];
        for (id, key) in self.keys.iter().enumerate() {
            if !key.may_match(word) {
                continue;
            }
            let Some(matched) = self.match_word(&self.parts.words[id], key, word) else { continue };
            for occurrence in self.parts.occurrence_ends.span(id) {
                let field_id = self.parts.occurrences.get(3 * occurrence);
                let (slot_in_field, paper) =
                    (self.parts.occurrences.get(3 * occurrence + 1), self.parts.occurrences.get(3 * occurrence + 2));
                let score = self.field_kinds[field_id as usize].weight() * matched.quality;
                let slot = &mut best[paper as usize];
                // An exact match beats a typo in any field; of equal matches, the later field
                // wins: aliases and concepts come after the title.
                let better = match (matched.typo, slot.typo || slot.score == 0.0) {
                    (false, true) => true,
                    (true, false) => false,
                    _ => score > slot.score || (score == slot.score && field_id >= slot.field),
                };
                if better {
                    let found = Some((slot_in_field, found.len() as u32));
                    *slot = Best { score, typo: matched.typo, field: field_id, found };
                }
            }
            found.push(matched);
        }
        // Years match whole and arXiv ids by their start; both are sorted by text.
        for (text, field) in starting_with(&self.parts.numbers, &word.text) {
            let field_ref = &self.parts.fields[*field as usize];
            let matches = match field_ref.kind {
                MatchField::Year => *text == word.text,
                _ => word.text.len() >= 4,
            };
            let slot = &mut best[field_ref.paper as usize];
            let score = field_ref.kind.weight();
            if matches && score > slot.score {
                *slot = Best { score, typo: false, field: *field, found: None };
            }
        }
        (found, best)
    }

    /// The best match of a query word inside one word of a field. Matching within words keeps
    /// scattered letters across a long name ("d…e…t…" in "Bidirectional Encoder …") out.
    fn match_word(&self, candidate: &Word, key: &WordKey, word: &QueryWord) -> Option<WordMatch> {
        if word.chars.len() <= 2 {
            // One or two letters say too little for fuzzy matching: they must start the word.
            // The first byte alone rules out most words, without a call to compare.
            let first_differs = candidate.lower.as_bytes().first() != word.text.as_bytes().first();
            return (!first_differs && candidate.lower.starts_with(&word.text)).then(|| WordMatch {
                by_stem: false,
                typo: false,
                quality: if candidate.lower == word.text { 1.0 } else { 0.8 },
                span: Span::First(word.chars.len()),
            });
        }
        let missing = (word.letters & !key.letters).count_ones() as usize;
        // A plausible fuzzy match is a run of the word somewhere, or starts where the word does;
        // both are far cheaper to rule out than to run skim.
        let fuzzy_possible = missing == 0
            && (candidate.lower.contains(&word.text)
                || (candidate.lower.starts_with(word.chars[0]) && is_subsequence(&word.chars, &candidate.lower)));
        if fuzzy_possible && let Some(found) = self.fuzzy_match(candidate, word) {
            return Some(found);
        }
        // Each letter the candidate lacks costs at least one edit.
        let typo = if missing <= word.typos { typo_match(candidate, key, word) } else { None };
        typo.or_else(|| self.stem_match(candidate, word))
    }

    /// Another form of the same word: "normalizing" for "Normalization", "retrieving" for
    /// "Retrieval". Worth less than a typo: stemming also joins words that only look related
    /// ("regularization" and "regular").
    fn stem_match(&self, candidate: &Word, word: &QueryWord) -> Option<WordMatch> {
        let (stem, _) = word.stem.as_ref()?;
        // Stems are nearly always a start of the word; this keeps the stemmer off the rest.
        let shares_start = candidate.lower.as_bytes().get(..MIN_STEM) == stem.as_bytes().get(..MIN_STEM);
        (shares_start && self.stemmer.stem(&candidate.lower) == stem.as_str()).then_some(WordMatch {
            quality: STEM_QUALITY,
            span: Span::Whole,
            by_stem: true,
            typo: false,
        })
    }

    fn fuzzy_match(&self, candidate: &Word, word: &QueryWord) -> Option<WordMatch> {
        let (score, at) = self.matcher.fuzzy_indices(&candidate.text, &word.text)?;
        let quality = (score as f64 / word.perfect as f64).min(1.0);
        let gaps = at.windows(2).filter(|pair| pair[1] != pair[0] + 1).count();
        let from_word_start = at.first() == Some(&0);
        // A short word must appear as a run: its letters scattered say nothing ("yolo" in "Yonglong").
        let scattered_allowed = from_word_start && word.chars.len() > SHORT_WORD && gaps <= max_gaps(word);
        let plausible = quality >= MIN_FUZZY_QUALITY && (gaps == 0 || scattered_allowed);
        plausible.then_some(WordMatch { quality, span: Span::Chars(at), by_stem: false, typo: false })
    }

    fn score_paper(
        &self,
        paper: usize,
        found: impl Iterator<Item = (Best, f64)>,
        words: &[QueryWord],
        matches: &[Vec<WordMatch>],
        compact: &str,
        name_bonuses: &HashMap<usize, f64>,
    ) -> Hit {
        let mut total = 0.0;
        let mut looseness = 0;
        let mut title_matches = Vec::new();
        let mut matched_via = None;
        // The name (title or alias) that every word matched, if one did: the query names the paper.
        let mut common_name: Option<Option<u32>> = None;
        for (i, (best, bm25)) in found.enumerate() {
            if best.score == 0.0 && bm25 == 0.0 {
                // A word this paper does not hold: it names nothing and explains nothing.
                common_name = Some(None);
                continue;
            }
            let text_score = TEXT_WEIGHT * bm25 / (bm25 + TEXT_HALF_SCORE);
            if best.score == 0.0 || best.score < text_score {
                looseness += 2;
                total += text_score;
                common_name = Some(None);
                if matched_via.is_none() {
                    matched_via = Some(Via::Text(words[i].quoted.clone()));
                }
                continue;
            }
            total += best.score;
            let kind = self.field_kinds[best.field as usize];
            let by_stem = best.found.is_some_and(|(_, matched)| matches[i][matched as usize].by_stem);
            looseness += usize::from(best.typo || by_stem);
            let is_name = matches!(kind, MatchField::Title | MatchField::Alias) && !by_stem;
            common_name = match common_name {
                None => Some(is_name.then_some(best.field)),
                Some(Some(name)) if name == best.field => Some(Some(name)),
                Some(_) => Some(None),
            };
            if kind == MatchField::Title
                && let Some((slot, matched)) = best.found
            {
                let field = &self.parts.fields[best.field as usize];
                title_matches.extend(self.positions(field, slot, &matches[i][matched as usize]));
            } else if matched_via.is_none() {
                matched_via = Some(Via::Field(best.field));
            }
        }

        let mut name_bonus = name_bonuses.get(&paper).copied().unwrap_or(0.0);
        if let Some(Some(name)) = common_name {
            let (query, name) = (compact.len(), self.parts.fields[name as usize].compact_len as usize);
            name_bonus = name_bonus.max(NAME_COVERAGE_BONUS * query.min(name) as f64 / query.max(name).max(1) as f64);
        }
        total += name_bonus;

        title_matches.sort_unstable();
        title_matches.dedup();
        if !title_matches.is_empty() {
            matched_via = None;
        }
        Hit {
            paper,
            words_matched: 0,
            looseness,
            score: (total * 1000.0).round() as i64,
            mentioned_only: false,
            title_matches,
            matched_via,
        }
    }

    /// By paper, the bonus of a name that the query spells out whole or begins.
    ///
    /// A word of a longer query that is a whole name ("vit" in "vit image patches") earns a
    /// smaller bonus: a short name is otherwise outscored by scattered matches of its letters.
    fn name_bonuses(&self, compact: &str, words: &[QueryWord]) -> HashMap<usize, f64> {
        let mut bonuses = HashMap::new();
        if compact.is_empty() {
            return bonuses;
        }
        let mut raise = |paper: u32, bonus: f64| {
            let best = bonuses.entry(paper as usize).or_insert(0.0_f64);
            *best = best.max(bonus);
        };
        for word in words.iter().filter(|_| words.len() > 1) {
            for (named, paper, whole_only) in starting_with(&self.parts.names, &word.text) {
                if *named == word.text && !whole_only {
                    raise(*paper, WORD_NAME_BONUS);
                }
            }
        }
        for (named, paper, whole_only) in starting_with(&self.parts.names, compact) {
            match (named == compact, whole_only) {
                (true, _) => raise(*paper, EXACT_NAME_BONUS),
                (false, false) => raise(*paper, NAME_PREFIX_BONUS),
                (false, true) => {}
            }
        }
        bonuses
    }

    /// Positions in the field's text of the characters that `matched` covers in word `slot`.
    fn positions(&self, field: &Field, slot: u32, matched: &WordMatch) -> Vec<usize> {
        let field_word = &field.words[slot as usize];
        let length = || self.parts.words[field_word.word as usize].text.chars().count();
        match &matched.span {
            Span::Chars(at) => at.iter().map(|&i| field_word.position(i)).collect(),
            Span::First(n) => (0..(*n).min(length())).map(|i| field_word.position(i)).collect(),
            Span::Whole => (0..length()).map(|i| field_word.position(i)).collect(),
        }
    }

    /// How well a query word names a word of a concept: whole (1), its start (by share of it), or
    /// a near miss; nothing for scattered letters.
    fn concept_word_match(&self, name: &Field, word: &QueryWord) -> Option<f64> {
        let words = name.words.iter().map(|w| (&self.parts.words[w.word as usize], &self.keys[w.word as usize]));
        let starts = words
            .clone()
            .filter(|(w, _)| word.chars.len() >= 3 && w.lower.starts_with(&word.text))
            .map(|(_, key)| word.chars.len() as f64 / key.length as f64)
            .fold(None, |best: Option<f64>, share| Some(best.map_or(share, |b| b.max(share))));
        starts.or_else(|| words.filter_map(|(w, key)| typo_match(w, key, word)).map(|m| m.quality).reduce(f64::max))
    }
}

/// Numbers words and fields while the index is built.
#[derive(Default)]
struct Builder {
    words: Vec<Word>,
    ids: HashMap<String, u32>,
    /// By word, the paper fields it occurs in.
    occurrences: Vec<Vec<(u32, u32, u32)>>,
}

impl Builder {
    /// A field of `text`, the `nth` of its kind; `id` is the field's number when it belongs to a
    /// paper.
    fn field(&mut self, kind: MatchField, paper: u32, nth: usize, text: &str, id: Option<u32>) -> Field {
        let words =
            if matches!(kind, MatchField::Year | MatchField::Arxiv) { Vec::new() } else { split_words(kind, text) };
        let words = words
            .into_iter()
            .enumerate()
            .map(|(slot, (word, positions))| {
                let word = self.word(word);
                if let Some(field) = id {
                    self.occurrences[word as usize].push((field, slot as u32, paper));
                }
                FieldWord { word, positions }
            })
            .collect();
        // Only names are compared whole with the query.
        let is_name = matches!(kind, MatchField::Title | MatchField::Alias);
        Field { kind, paper, nth: nth as u32, compact_len: if is_name { compact(text).len() as u32 } else { 0 }, words }
    }

    fn word(&mut self, text: String) -> u32 {
        if let Some(&id) = self.ids.get(&text) {
            return id;
        }
        let id = self.words.len() as u32;
        let lower = text.to_lowercase();
        self.words.push(Word { lower, text: text.clone() });
        self.occurrences.push(Vec::new());
        self.ids.insert(text, id);
        id
    }
}

/// One bit per letter or digit that `lower` holds; other characters share a few bits. A word
/// lacking a letter of the query cannot hold the query in order.
fn letter_set(lower: &str) -> u64 {
    lower.chars().fold(0, |set, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        set | 1 << bit
    })
}

/// An entry of a list sorted by its text: the numbers and the names.
trait ByText {
    fn text(&self) -> &str;
}

impl ByText for (String, u32) {
    fn text(&self) -> &str {
        &self.0
    }
}

impl ByText for (String, u32, bool) {
    fn text(&self) -> &str {
        &self.0
    }
}

/// The entries of `sorted` whose text starts with `prefix`.
fn starting_with<'a, T: ByText>(sorted: &'a [T], prefix: &'a str) -> impl Iterator<Item = &'a T> {
    let first = sorted.partition_point(|entry| entry.text() < prefix);
    sorted[first..].iter().take_while(move |entry| entry.text().starts_with(prefix))
}

fn is_subsequence(needle: &[char], haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.iter().all(|c| rest.any(|h| h == *c))
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

/// "1810.04805", possibly with a version: four digits, a dot, then digits.
fn looks_like_arxiv_id(word: &str) -> bool {
    let digits = |part: &str| part.chars().take_while(char::is_ascii_digit).count();
    word.split_once('.')
        .is_some_and(|(year_month, number)| year_month.len() == 4 && digits(year_month) == 4 && digits(number) >= 4)
}

/// A word typed from memory starts like the word and skips a letter here and there: "tinybrt" is
/// TinyBERT, but "retina" is not hiding in "bidirectional". Mid-word, only a contiguous run
/// counts ("bert" in DistilBERT).
fn max_gaps(word: &QueryWord) -> usize {
    (word.chars.len() / 3).max(1)
}

/// The candidate within the allowed edit distance of the query word (transpositions count
/// once), either whole or, for longer query words, as the start of a longer word.
fn typo_match(candidate: &Word, key: &WordKey, word: &QueryWord) -> Option<WordMatch> {
    let (allowed, length, wanted) = (word.typos, key.length, word.chars.len());
    if allowed == 0 {
        return None;
    }
    let whole_possible = length.abs_diff(wanted) <= allowed;
    // A typo rarely hits both of the first two letters; this keeps the costly distance off
    // most words of a long catalog.
    let mut lower = candidate.lower.chars();
    let start_alike = lower.next() == word.chars.first().copied() || lower.next() == word.chars.get(1).copied();
    let prefix_possible = wanted >= 5 && length > wanted && start_alike;
    if !whole_possible && !prefix_possible {
        return None;
    }
    let mut distance = if whole_possible { strsim::osa_distance(&word.text, &candidate.lower) } else { usize::MAX };
    if prefix_possible {
        let end = candidate.lower.char_indices().nth(wanted).map_or(candidate.lower.len(), |(at, _)| at);
        distance = distance.min(strsim::osa_distance(&word.text, &candidate.lower[..end]));
    }
    let quality = 0.7 - 0.1 * distance as f64;
    (distance <= allowed).then_some(WordMatch { quality, span: Span::Whole, by_stem: false, typo: true })
}

/// The fields a paper is found by, each the nth of its kind, in the order they are tried.
fn field_texts(paper: &Paper) -> Vec<(MatchField, usize, &str)> {
    let mut fields =
        vec![(MatchField::Title, 0, paper.title.as_str()), (MatchField::FullTitle, 0, paper.full_title.as_str())];
    fields.extend(paper.aliases.iter().enumerate().map(|(i, a)| (MatchField::Alias, i, a.as_str())));
    fields.extend(paper.tags.iter().enumerate().map(|(i, t)| (MatchField::Tag, i, t.as_str())));
    fields.extend(paper.authors.iter().enumerate().map(|(i, a)| (MatchField::Author, i, a.as_str())));
    fields
}

/// The text of a field of `paper`, the `nth` of its kind.
fn field_text(paper: &Paper, kind: MatchField, nth: usize) -> Option<String> {
    match kind {
        MatchField::Title => Some(paper.title.clone()),
        MatchField::FullTitle => Some(paper.full_title.clone()),
        MatchField::Alias => paper.aliases.get(nth).cloned(),
        MatchField::Tag => paper.tags.get(nth).cloned(),
        MatchField::Author => paper.authors.get(nth).cloned(),
        MatchField::Year => Some(paper.year.to_string()),
        MatchField::Arxiv => paper.arxiv.clone(),
        MatchField::Text => None,
    }
}

/// The words of a field's text, each with where its characters are: its runs of letters and
/// digits, then, for a short name, the name run together ("fasterrcnn" and "rcnn" find
/// "Faster R-CNN"; a long one would let scattered letters match), and for a concept its
/// initials, as people type them: "llm", "rlhf", "mlm", "nas".
fn split_words(kind: MatchField, text: &str) -> Vec<(String, Positions)> {
    let mut words: Vec<(String, Vec<u32>)> = Vec::new();
    let mut current: Option<(String, Vec<u32>)> = None;
    let mut run_together = (String::new(), Vec::new());
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            let word = current.get_or_insert_with(Default::default);
            word.0.push(c);
            word.1.push(i as u32);
            run_together.0.push(c);
            run_together.1.push(i as u32);
        } else if let Some(word) = current.take() {
            words.push(word);
        }
    }
    words.extend(current);
    let plain = words.len();
    if matches!(kind, MatchField::Title | MatchField::Alias | MatchField::Tag) && (2..=3).contains(&words.len()) {
        words.push(run_together);
    }
    if kind == MatchField::Tag {
        let mut initials = (String::new(), Vec::new());
        for (word, positions) in words.iter().filter(|(w, _)| !SMALL_WORDS.contains(&w.to_lowercase().as_str())) {
            if let (Some(c), Some(&at)) = (word.chars().next(), positions.first()) {
                initials.0.push(c);
                initials.1.push(at);
            }
        }
        if initials.0.to_lowercase().chars().count() >= 3 && words.len() >= 3 {
            words.push(initials);
        }
    }
    // A word written with hyphens or dots, "Pre-training" or "GPT-NeoX-20B", also counts run
    // together, as people type it either way.
    for compound in compounds(text) {
        if !words.iter().any(|(word, _)| *word == compound.0) {
            words.push(compound);
        }
    }
    words
        .into_iter()
        .enumerate()
        .map(|(i, (word, positions))| {
            let positions = if i < plain { Positions::Run(positions[0]) } else { Positions::Scattered(positions) };
            (word, positions)
        })
        .collect()
}

/// The runs of letters and digits of each space-separated piece of `text` that has two or more,
/// joined, with the position of each character.
fn compounds(text: &str) -> Vec<(String, Vec<u32>)> {
    let mut found = Vec::new();
    let mut current = (String::new(), Vec::new(), 0);
    let mut previous_alphanumeric = false;
    for (i, c) in text.chars().chain([' ']).enumerate() {
        if c.is_whitespace() {
            if current.2 >= 2 {
                found.push((std::mem::take(&mut current.0), std::mem::take(&mut current.1)));
            }
            current = (String::new(), Vec::new(), 0);
        } else if c.is_alphanumeric() {
            if !previous_alphanumeric {
                current.2 += 1;
            }
            current.0.push(c);
            current.1.push(i as u32);
        }
        previous_alphanumeric = c.is_alphanumeric();
    }
    found
}

/// Words that say nothing about which paper is meant when other words are there: "how to make
/// bert smaller" searches for "bert" and "smaller". A query of nothing else keeps them.
const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from",
    "get", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "made", "make", "makes", "me", "my", "of",
    "on", "one", "or", "paper", "so", "than", "that", "the", "their", "them", "there", "these", "they", "this",
    "those", "to", "up", "us", "use", "used", "uses", "using", "via", "was", "way", "ways", "we", "what", "when",
    "where", "which", "while", "who", "why", "with", "you", "your",
];

/// Words a learner uses for an idea, and the words the catalog names it by: "bert but
/// smaller" is about compression and distillation. A word also matches its synonyms, each a
/// little below the word itself, and the best of them counts.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("smaller", &["compression", "distillation", "compact", "tiny"]),
    ("small", &["compression", "compact", "tiny", "mobile"]),
    ("shrink", &["compression", "distillation", "pruning"]),
    ("compress", &["compression", "distillation", "quantization"]),
    ("tiny", &["compact", "mobile"]),
    ("lighter", &["compression", "efficient", "mobile"]),
    ("lightweight", &["efficient", "mobile", "compact"]),
    ("faster", &["efficient", "speed", "fast"]),
    ("cheaper", &["efficient", "compression"]),
    ("phone", &["mobile"]),
    ("phones", &["mobile"]),
    ("anchorless", &["anchorfree"]),
    ("missing", &["masked"]),
    ("hidden", &["masked"]),
    ("blank", &["masked"]),
    ("predict", &["prediction", "modeling"]),
    ("picture", &["image"]),
    ("pictures", &["image"]),
    ("photo", &["image"]),
    ("photos", &["image"]),
    ("truncate", &["matryoshka"]),
    ("truncated", &["matryoshka"]),
    ("shorten", &["matryoshka", "compression"]),
    ("chatbot", &["chat", "dialogue", "instruction"]),
    ("finetune", &["finetuning", "tuning"]),
    ("translate", &["translation"]),
    ("noise", &["diffusion", "denoising"]),
    ("denoise", &["diffusion", "denoising"]),
    ("moe", &["mixture"]),
    ("experts", &["mixture"]),
    ("thinking", &["reasoning"]),
    ("think", &["reasoning"]),
    ("tools", &["tool"]),
    ("apis", &["tool"]),
    ("judge", &["evaluation"]),
    ("grading", &["evaluation"]),
    ("lookup", &["retrieval"]),
    ("search", &["retrieval"]),
    ("documents", &["document"]),
    ("pdf", &["document", "ocr"]),
    ("scanned", &["document", "ocr"]),
    ("speech", &["audio"]),
    ("voice", &["speech"]),
    ("graph", &["graphs"]),
    ("bits", &["quantization"]),
    ("int4", &["quantization"]),
    ("int8", &["quantization"]),
];

/// Phrases a learner types for an idea that the catalog names in one word.
const PHRASES: &[(&str, &str)] = &[
    ("without anchor boxes", "anchor-free"),
    ("without anchors", "anchor-free"),
    ("no anchor boxes", "anchor-free"),
    ("no anchors", "anchor-free"),
    ("anchor free", "anchor-free"),
    ("mixture of experts", "mixture-of-experts"),
    ("text to image", "text-to-image"),
    ("chain of thought", "chain-of-thought"),
];

/// The query with each phrase of `PHRASES` replaced by the word the catalog uses, and a plus
/// sign spelt out, as names write it ("Command R+" is "Command R Plus").
fn with_phrases_named(query: &str) -> String {
    let mut query = query.to_lowercase().replace('+', "plus");
    for (phrase, word) in PHRASES {
        if query.contains(phrase) {
            query = query.replace(phrase, word);
        }
    }
    query
}

/// The words of a query without its common words, unless it has nothing else.
fn content_words(words: Vec<String>) -> Vec<String> {
    let content: Vec<String> = words.iter().filter(|w| !STOP_WORDS.contains(&w.as_str())).cloned().collect();
    if content.is_empty() { words } else { content }
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
        let catalog = crate::testing::catalog();
        crate::testing::index().search(query).into_iter().map(|h| catalog.papers()[h.paper].id.clone()).collect()
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
            // A short name among other words.
            ("vit image patches", "vit"),
            ("mae masked", "mae"),
            ("bert masked language", "bert"),
            // Pasted whole, hyphens and all; a model card's name; an id with its version.
            ("Faster R-CNN: Towards Real-Time Object Detection with Region Proposal Networks", "faster-rcnn"),
            ("Language Models are Few-Shot Learners", "gpt-3"),
            ("intfloat/e5-mistral-7b-instruct", "e5-mistral"),
            ("Nomic Embed 1.5", "nomic-embed-text-v1-5"),
            ("1810.04805v2", "bert"),
            ("pouget-abadie", "gan"),
        ] {
            assert_eq!(top(query), id, "query {query:?}");
        }
    }

    #[test]
    fn concepts_answer_to_their_initials() {
        for (query, id) in [
            ("rlhf", "deep-rl-human-preferences"),
            ("code llm", "codex"),
            ("mlm bert", "bert"),
            ("nas", "efficientnet"),
        ] {
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
    fn other_forms_of_a_word_find_it_without_outranking_the_word_itself() {
        for (query, id) in [
            ("batch normalizing", "batch-norm"),
            ("normalizing layers", "layer-norm"),
            ("retrieving passages densely", "dpr"),
            ("denoising autoencoding", "denoising-autoencoder"),
        ] {
            assert_eq!(top(query), id, "query {query:?}");
        }
        // Stems also join words that only look related: "regular convolution" (an alias of
        // Convolution) and "segment-level recurrence" (of Transformer-XL) must not come first.
        assert_ne!(top("regularization"), "convolution");
        assert_ne!(top("segmentation"), "transformer-xl");
    }

    #[test]
    fn words_may_come_in_any_order() {
        assert_eq!(top("transformer swin"), "swin");
        assert_eq!(top("rcnn faster"), "faster-rcnn");
    }

    #[test]
    fn a_concept_lists_the_papers_tagged_with_it() {
        let catalog = crate::testing::catalog();
        let index = SearchIndex::new(catalog);
        let hits = index.search("distillation");
        let tagged = |hit: &Hit| catalog.papers()[hit.paper].tags.iter().any(|t| t.contains("distillation"));
        let last_tagged = hits.iter().rposition(tagged).expect("tagged papers");
        let first_text_only = hits.iter().position(|h| matches!(index.why(h, catalog), Some((MatchField::Text, _))));
        assert!(first_text_only.is_none_or(|text| text > last_tagged), "concept matches rank above text matches");
        let ids: Vec<&str> = hits.iter().map(|h| catalog.papers()[h.paper].id.as_str()).collect();
        for id in ["distilbert", "mobilebert", "tinybert"] {
            assert!(ids[..=last_tagged].contains(&id), "{id} in {ids:?}");
        }
    }

    #[test]
    fn name_matches_outrank_concept_and_author_matches() {
        let catalog = crate::testing::catalog();
        let index = SearchIndex::new(catalog);
        let hits = index.search("detection");
        let first = &catalog.papers()[hits[0].paper];
        assert!(
            first.title.to_lowercase().contains("detection") || first.full_title.to_lowercase().contains("detection")
        );
        let by_author = index.search("girshick");
        assert!(by_author.iter().all(|h| matches!(index.why(h, catalog), Some((MatchField::Author, _)))));
        assert!(by_author.len() >= 3, "R-CNN, Fast and Faster R-CNN");
    }

    #[test]
    fn title_matches_are_reported_for_highlighting() {
        let catalog = crate::testing::catalog();
        let index = SearchIndex::new(catalog);
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
        assert!(ids("spread across a gpu recurrence")[..2].contains(&"transformer".to_owned()));
        let catalog = crate::testing::catalog();
        let index = SearchIndex::new(catalog);
        let hits = index.search("phone");
        assert!(hits.iter().all(|hit| !hit.title_matches.is_empty() || index.why(hit, catalog).is_some()));
        let in_text = hits.iter().find(|h| matches!(h.matched_via, Some(Via::Text(_)))).expect("a match in the text");
        let (field, line) = index.why(in_text, catalog).expect("says why");
        assert_eq!(field, MatchField::Text);
        assert!(line.to_lowercase().contains("phone"), "{line}");
        // A word typed with a hyphen is quoted from the text by its longest part.
        let hyphenated = index.search("self-distillation");
        let in_text = hyphenated.iter().filter(|h| matches!(h.matched_via, Some(Via::Text(_))));
        assert!(in_text.clone().count() > 0 && in_text.clone().all(|h| index.why(h, catalog).is_some()));
        let bert = index.search("bert");
        assert!(bert.len() > 8, "papers that only mention BERT come too");
        assert_eq!(catalog.papers()[bert[0].paper].id, "bert");
    }

    #[test]
    fn concepts_are_found_by_their_name() {
        let catalog = crate::testing::catalog();
        let index = SearchIndex::new(catalog);
        let names = |q: &str| -> Vec<String> {
            index.search_concepts(q).into_iter().map(|i| catalog.concepts()[i].name.clone()).collect()
        };
        assert_eq!(names("distillation").first().map(String::as_str), Some("knowledge distillation"));
        assert!(names("tinybert").is_empty());
    }

    #[test]
    fn a_word_that_matches_nothing_lowers_the_rank_instead_of_emptying_the_results() {
        assert_eq!(top("bert zzzzqqq"), "bert");
        assert!(ids("   ").is_empty());
        assert!(ids("zzzzqqq").is_empty());
        // Papers matching both words come before those matching one.
        let hits = crate::testing::index().search("phone bert zzzzqqq");
        assert_eq!(crate::testing::catalog().papers()[hits[0].paper].id, "mobilebert");
        assert!(hits.windows(2).all(|pair| pair[0].words_matched >= pair[1].words_matched));
    }

    #[test]
    fn common_words_carry_no_weight_unless_they_are_all_there_is() {
        assert_eq!(ids("how to make bert smaller")[..3], ids("bert smaller")[..3]);
        assert_eq!(top("Attention Is All You Need"), "transformer");
        assert!(!ids("the").is_empty(), "a query of common words alone still searches");
    }

    #[test]
    fn short_words_match_as_written_not_as_scattered_letters_or_typos() {
        assert_eq!(top("yolo"), "yolo");
        assert!(!ids("yolo").iter().any(|id| id == "synclr"), "not through Yonglong Tian");
        assert!(!ids("lora").iter().any(|id| id == "longformer"), "{:?}", ids("lora"));
        assert!(ids("bert").contains(&"distilbert".to_owned()), "a run inside a word still counts");
    }
}
