//! Relevance of a paper's own words (its tl;dr and explanation) to a query word, by BM25.
//! Built once per catalog. Words are compared by their stem ("normalizing" finds
//! "normalization"); a query word also matches, a little below, the longer words it starts
//! ("distil" finds "DistilBERT") and a stem that starts most of it, as while it is typed.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use crate::index::packed::Packed;

/// BM25's usual constants: term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// The one-line summary says what matters most, so its words count double.
const TLDR_REPEAT: usize = 2;
/// Shortest query word that may match as the start of a longer word.
const MIN_PREFIX: usize = 4;
const PREFIX_DISCOUNT: f64 = 0.8;
/// How much of the sentence a snippet keeps before the matching word.
const LEAD: usize = 10;

/// Laid out flat, in a few large arrays rather than a string and a list per term, because the
/// built-in catalog's index is read back from bytes at every start and each allocation costs.
#[derive(Serialize, Deserialize)]
pub struct TextIndex {
    /// The sorted vocabulary run together; term `i` ends at byte `term_ends[i]`.
    vocabulary: String,
    term_ends: Packed,
    /// Paper and count, paper and count, …: term `i`'s pairs, sorted by paper, end at pair
    /// `posting_ends[i]`.
    postings: Packed,
    posting_ends: Packed,
    lengths: Packed,
    average_length: f64,
}

impl TextIndex {
    /// Indexes each paper's tl;dr and explanation, in catalog order.
    pub fn new(texts: &[(String, String)]) -> Self {
        // Papers are visited in order, so every posting list comes out sorted by paper.
        let mut by_term: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut lengths = Packed::default();
        // The same words come back again and again; each is stemmed once.
        let stemmer = Stemmer::create(Algorithm::English);
        let mut stems: HashMap<&str, String> = HashMap::new();
        for (index, (tldr, body)) in texts.iter().enumerate() {
            let mut length = 0;
            let tldr = std::iter::repeat_n(tldr.as_str(), TLDR_REPEAT);
            for text in tldr.chain([body.as_str()]) {
                for word in words(text) {
                    let term = stems.entry(word).or_insert_with(|| stemmer.stem(&word.to_lowercase()).into_owned());
                    *counts.entry(term.clone()).or_default() += 1;
                    length += 1;
                }
            }
            for (term, count) in counts.drain() {
                by_term.entry(term).or_default().push((index as u32, count));
            }
            lengths.push(length);
        }
        let mut sorted: Vec<(String, Vec<(u32, u32)>)> = by_term.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut index = Self {
            vocabulary: String::new(),
            term_ends: Packed::default(),
            postings: Packed::default(),
            posting_ends: Packed::default(),
            average_length: lengths.iter().map(f64::from).sum::<f64>() / lengths.len().max(1) as f64,
            lengths,
        };
        for (term, postings) in sorted {
            index.vocabulary.push_str(&term);
            index.term_ends.push(index.vocabulary.len() as u32);
            for (paper, count) in postings {
                index.postings.push(paper);
                index.postings.push(count);
            }
            index.posting_ends.push(index.postings.len() as u32 / 2);
        }
        index
    }

    fn term(&self, i: usize) -> &str {
        &self.vocabulary[self.term_ends.span(i)]
    }

    /// Term `i`'s papers, each with how often the term occurs in it.
    fn postings(&self, i: usize) -> impl ExactSizeIterator<Item = (u32, u32)> + '_ {
        self.posting_ends.span(i).map(|pair| (self.postings.get(2 * pair), self.postings.get(2 * pair + 1)))
    }

    /// BM25 score of each of the `papers` for one query word; 0 for papers without it.
    pub fn scores(&self, word: &str, papers: usize) -> Vec<f64> {
        let mut scores = vec![0.0; papers];
        let Some(query) = TermQuery::new(word) else {
            return scores;
        };
        let terms = self.term_ends.len();
        let at = |term: &str| partition_point(terms, |i| self.term(i) < term);
        // The terms it can match: its stem, the terms it starts, and the terms that start it.
        let mut candidates: Vec<usize> =
            (at(&query.typed)..terms).take_while(|&i| self.term(i).starts_with(&query.typed)).collect();
        let starts =
            query.typed.char_indices().map(|(end, _)| &query.typed[..end]).filter(|start| start.len() > MIN_PREFIX);
        let prefixes = starts.chain([query.stem.as_str()]);
        candidates.extend(prefixes.map(at).filter(|&i| i < terms));
        candidates.sort_unstable();
        candidates.dedup();
        for i in candidates {
            let Some(discount) = query.discount(self.term(i)) else { continue };
            let docs = self.postings(i);
            let idf = self.idf(docs.len());
            for (paper, count) in docs {
                let score = discount * idf * self.saturate(paper as usize, count);
                let best = &mut scores[paper as usize];
                *best = best.max(score);
            }
        }
        scores
    }

    fn idf(&self, containing: usize) -> f64 {
        let n = self.lengths.len() as f64;
        let containing = containing as f64;
        ((n - containing + 0.5) / (containing + 0.5) + 1.0).ln()
    }

    fn saturate(&self, paper: usize, count: u32) -> f64 {
        let tf = f64::from(count);
        let length = f64::from(self.lengths.get(paper)) / self.average_length.max(1.0);
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length))
    }
}

/// The first of `0..len` for which `is_before` is false, where it is true for a prefix only.
fn partition_point(len: usize, is_before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if is_before(mid) { low = mid + 1 } else { high = mid }
    }
    low
}

/// A typed word as it meets the terms of the text.
struct TermQuery {
    stem: String,
    /// As typed, lowercase: it may be the start of a longer word ("distil" of "DistilBERT").
    typed: String,
}

impl TermQuery {
    fn new(word: &str) -> Option<Self> {
        let typed = word.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty())?.to_lowercase();
        let stem = terms(&typed).next()?;
        Some(Self { stem, typed })
    }

    /// How much a term counts: in full for the word's stem; a little less for a term that the
    /// typed word starts ("distil" and "distilbert") or that starts most of the typed word, as
    /// when a word is still being typed ("normaliz" and "normal", the stem of "normalization").
    fn discount(&self, term: &str) -> Option<f64> {
        let (term_length, typed_length) = (term.chars().count(), self.typed.chars().count());
        let starts_most = term_length > MIN_PREFIX && 5 * term_length >= 3 * typed_length;
        if term == self.stem {
            Some(1.0)
        } else if typed_length >= MIN_PREFIX && term.starts_with(&self.typed)
            || starts_most && self.typed.starts_with(term)
        {
            Some(PREFIX_DISCOUNT)
        } else {
            None
        }
    }
}

/// Lowercase words of letters and digits, each cut to its stem by the Snowball stemmer, so
/// that "windows" meets "window" and "normalizing" meets "normalization".
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    let stemmer = Stemmer::create(Algorithm::English);
    words(text).map(move |w| stemmer.stem(&w.to_lowercase()).into_owned())
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The sentence of `text` in which `word` first appears as a word or word start, trimmed to
/// about `width` characters around it: shown under a result to say why it matched.
pub fn snippet(text: &str, word: &str, width: usize) -> Option<String> {
    let query = TermQuery::new(word)?;
    let sentences = text.split_inclusive(['.', '\n']).map(str::trim).filter(|s| !s.is_empty());
    for sentence in sentences {
        if terms(sentence).any(|term| query.discount(&term).is_some()) {
            let clean: String = sentence.chars().filter(|c| !matches!(c, '*' | '`' | '#')).collect();
            let clean = clean.trim_start_matches(['-', ' ']).to_owned();
            let lower = clean.to_lowercase();
            let chars: Vec<char> = clean.chars().collect();
            let at = lower.find(&query.stem).map_or(0, |byte| lower[..byte].chars().count());
            // A result row is narrow: the match must come early, after a few words of context.
            let lead = LEAD.min(width / 3);
            if at <= 2 * lead && chars.len() <= width {
                return Some(clean);
            }
            // Start a few words before the match, on a word boundary.
            let mut start = at.saturating_sub(lead);
            while start > 0 && start < at && chars[start - 1] != ' ' {
                start += 1;
            }
            let end = (start + width.saturating_sub(2)).min(chars.len());
            let piece: String = chars[start..end].iter().collect();
            let before = if start > 0 { "…" } else { "" };
            let after = if end < chars.len() { "…" } else { "" };
            return Some(format!("{before}{}{after}", piece.trim()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_to_their_stem_and_case_is_ignored() {
        assert_eq!(terms("Shifted Windows, losses; class").collect::<Vec<_>>(), ["shift", "window", "loss", "class"]);
    }

    #[test]
    fn snippets_show_the_sentence_around_the_word() {
        let text = "First sentence. It runs on a phone with low latency. Last one.";
        assert_eq!(snippet(text, "phone", 80).as_deref(), Some("It runs on a phone with low latency."));
        let late = "A long opening that goes on and on before the word we want: latency.";
        assert_eq!(snippet(late, "latency", 80).as_deref(), Some("…we want: latency."));
        let cut = snippet(text, "latency", 20).unwrap();
        assert!(cut.contains("latency") && cut.chars().count() <= 20, "{cut}");
        assert_eq!(snippet(text, "absent", 80), None);
    }
}
