//! Serde mirrors of the TOML files, field for field. Every value keeps its byte span so that
//! validation can point at the file, line and field of a problem. Nothing here is checked beyond
//! types; `validate` turns these into the catalog.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategories {
    pub category: Vec<RawCategory>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub description: Spanned<String>,
    pub order: Spanned<i64>,
    pub parent: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPaper {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub full_title: Spanned<String>,
    pub authors: Spanned<Vec<Spanned<String>>>,
    pub year: Spanned<i64>,
    pub month: Spanned<i64>,
    pub venue: Option<Spanned<String>>,
    pub arxiv: Option<Spanned<String>>,
    pub url: Spanned<String>,
    pub category: Spanned<String>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    pub tldr: Spanned<String>,
    pub body: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConcepts {
    pub concept: Vec<RawConcept>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConcept {
    pub name: Spanned<String>,
    pub about: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPaths {
    pub path: Vec<RawPath>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPath {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub description: Spanned<String>,
    #[serde(default)]
    pub step: Vec<Spanned<RawStep>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub paper: Option<Spanned<String>>,
    pub concept: Option<Spanned<String>>,
    pub why: Spanned<String>,
}
