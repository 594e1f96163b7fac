//! Relevance of a paper's own words (its tl;dr and explanation) to a query word, by BM25.
//! Built once per catalog; a query word also matches the longer words it starts ("distill"
//! finds "distillation"), a little below an exact word.

use std::collections::HashMap;

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

pub struct TextIndex {
    /// Sorted vocabulary, for prefix lookups; each term with its postings (paper, count).
    terms: Vec<(String, Vec<(usize, u32)>)>,
    lengths: Vec<usize>,
    average_length: f64,
}

impl TextIndex {
    /// Indexes each paper's tl;dr and explanation, in catalog order.
    pub fn new(texts: &[(String, String)]) -> Self {
        // Papers are visited in order, so every posting list comes out sorted by paper.
        let mut postings: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut lengths = Vec::with_capacity(texts.len());
        for (index, (tldr, body)) in texts.iter().enumerate() {
            let mut length = 0;
            let tldr = std::iter::repeat_n(tldr.as_str(), TLDR_REPEAT);
            for text in tldr.chain([body.as_str()]) {
                for term in terms(text) {
                    *counts.entry(term).or_default() += 1;
                    length += 1;
                }
            }
            for (term, count) in counts.drain() {
                postings.entry(term).or_default().push((index, count));
            }
            lengths.push(length);
        }
        let mut terms: Vec<(String, Vec<(usize, u32)>)> = postings.into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let average_length = lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64;
        Self { terms, lengths, average_length }
    }

    /// BM25 score of every paper for one query word; papers without it are absent.
    pub fn scores(&self, word: &str) -> HashMap<usize, f64> {
        let mut scores = HashMap::new();
        let Some(query) = terms(word).next() else {
            return scores;
        };
        let start = self.terms.partition_point(|(term, _)| term.as_str() < query.as_str());
        for (term, docs) in &self.terms[start..] {
            let discount = if *term == query {
                1.0
            } else if query.chars().count() >= MIN_PREFIX && term.starts_with(&query) {
                PREFIX_DISCOUNT
            } else {
                break;
            };
            let idf = self.idf(docs.len());
            for &(paper, count) in docs {
                let score = discount * idf * self.saturate(paper, count);
                let best = scores.entry(paper).or_insert(0.0_f64);
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
        let length = self.lengths[paper] as f64 / self.average_length.max(1.0);
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length))
    }
}

/// Lowercase words of letters and digits, a plural "s" removed, so "windows" meets "window".
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| {
        let lower = w.to_lowercase();
        match lower.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => lower,
        }
    })
}

/// The sentence of `text` in which `word` first appears as a word or word start, trimmed to
/// about `width` characters around it: shown under a result to say why it matched.
pub fn snippet(text: &str, word: &str, width: usize) -> Option<String> {
    let query = terms(word).next()?;
    let sentences = text.split_inclusive(['.', '\n']).map(str::trim).filter(|s| !s.is_empty());
    for sentence in sentences {
        if terms(sentence).any(|t| t == query || (query.chars().count() >= MIN_PREFIX && t.starts_with(&query))) {
            let clean: String = sentence.chars().filter(|c| !matches!(c, '*' | '`' | '#')).collect();
            let clean = clean.trim_start_matches(['-', ' ']).to_owned();
            let lower = clean.to_lowercase();
            let chars: Vec<char> = clean.chars().collect();
            let at = lower.find(&query).map_or(0, |byte| lower[..byte].chars().count());
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
    fn plurals_fold_and_case_is_ignored() {
        assert_eq!(
            terms("Shifted Windows, losses; class").collect::<Vec<_>>(),
            ["shifted", "window", "losse", "class"]
        );
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
