//! Citing a paper: a BibTeX entry with a stable key, a one-line citation, a Markdown link.
//! The same text serves `mlpx cite` and the reader's copy menu.

use crate::catalog::Paper;

/// Words that do not start a key: "An Image is Worth…" is keyed on "image".
const SKIPPED_TITLE_WORDS: &[&str] = &["a", "an", "the", "on", "of"];
/// The author-list element that stands for the rest of a long list.
const ET_AL: &str = "et al.";

/// `surnameYEARword`: the first author's surname, the year, the first significant word of the
/// full title, all lowercase ASCII letters and digits.
pub fn key(paper: &Paper) -> String {
    let surname = paper.authors.first().and_then(|a| a.split_whitespace().last()).unwrap_or("anonymous");
    let word = paper
        .full_title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && !SKIPPED_TITLE_WORDS.contains(&w.to_lowercase().as_str()))
        .unwrap_or("paper");
    format!("{}{}{}", ascii_key(surname), paper.year, ascii_key(word))
}

fn ascii_key(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// An entry for a bibliography: `@inproceedings` where the paper has a venue, `@misc` for a
/// preprint, with the arXiv id as `eprint` where there is one.
pub fn bibtex(paper: &Paper) -> String {
    let kind = if paper.venue.is_some() { "inproceedings" } else { "misc" };
    let authors: Vec<&str> = paper.authors.iter().map(|a| if a == ET_AL { "others" } else { a.as_str() }).collect();
    let mut fields = vec![
        ("title", format!("{{{}}}", escape(&paper.full_title))),
        ("author", format!("{{{}}}", escape(&authors.join(" and ")))),
    ];
    if let Some(venue) = &paper.venue {
        fields.push(("booktitle", format!("{{{}}}", escape(venue))));
    }
    fields.push(("year", format!("{{{}}}", paper.year)));
    if let Some(arxiv) = &paper.arxiv {
        fields.push(("eprint", format!("{{{arxiv}}}")));
        fields.push(("archivePrefix", "{arXiv}".to_owned()));
    }
    fields.push(("url", format!("{{{}}}", paper.url)));
    let body: Vec<String> = fields.iter().map(|(name, value)| format!("  {name} = {value}")).collect();
    format!("@{kind}{{{},\n{}\n}}\n", key(paper), body.join(",\n"))
}

/// "Vaswani et al. (2017). Attention Is All You Need. NIPS 2017. arXiv:1706.03762."
pub fn text(paper: &Paper) -> String {
    let mut parts = vec![format!("{} ({})", short_authors(paper), paper.year), paper.full_title.clone()];
    parts.extend(paper.venue.clone());
    match &paper.arxiv {
        Some(arxiv) => parts.push(format!("arXiv:{arxiv}")),
        None => parts.push(paper.url.clone()),
    }
    let mut line = String::new();
    for part in parts {
        line.push_str(&part);
        if !part.ends_with(['.', '?', '!']) {
            line.push('.');
        }
        line.push(' ');
    }
    line.trim_end().to_owned()
}

/// "[Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017)"
pub fn markdown(paper: &Paper) -> String {
    format!("[{}]({}) ({}, {})", paper.full_title, paper.url, short_authors(paper), paper.year)
}

/// "Devlin et al.", "Reimers and Gurevych", "Girshick": surnames, as papers are cited in text.
fn short_authors(paper: &Paper) -> String {
    let surname = |name: &String| name.split_whitespace().last().unwrap_or(name).to_owned();
    let named: Vec<&String> = paper.authors.iter().filter(|a| *a != ET_AL).collect();
    match named.as_slice() {
        [one] if paper.authors.len() == 1 => surname(one),
        [one, two] if paper.authors.len() == 2 => format!("{} and {}", surname(one), surname(two)),
        [first, ..] => format!("{} et al.", surname(first)),
        [] => "Anonymous".to_owned(),
    }
}

/// Braces and backslashes would break a BibTeX value.
fn escape(text: &str) -> String {
    text.replace('\\', "").replace(['{', '}'], "").replace('&', "\\&")
}
