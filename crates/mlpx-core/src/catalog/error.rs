//! A catalog error says where (file, line, column), which field, and what is wrong, in one line
//! that editors and terminals recognise: `path:line:column: field: message`.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CatalogError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// One source file of a catalog, with what is needed to turn byte spans into positions.
pub struct Located<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl Located<'_> {
    pub fn error(&self, span: Range<usize>, field: Option<&str>, message: String) -> CatalogError {
        let (line, column) = line_column(self.text, span.start);
        CatalogError { path: self.path.to_owned(), line, column, field: field.map(str::to_owned), message }
    }

    /// Turns a TOML syntax or type error into a catalog error. toml's message does not always
    /// name the key, so the key is read back from the source line the span points into.
    pub fn toml_error(&self, err: &toml::de::Error) -> CatalogError {
        let span = err.span().unwrap_or(0..0);
        let (field, message) = explain_toml_message(err.message().trim());
        let field = field.or_else(|| key_on_line(self.text, span.start));
        self.error(span, field.as_deref(), message)
    }
}

/// Rewrites serde's wording for people who edit TOML: the field goes to the field slot and
/// Rust type names become words.
fn explain_toml_message(message: &str) -> (Option<String>, String) {
    let quoted = |rest: &str| {
        rest.strip_prefix('`').and_then(|r| r.split_once('`')).map(|(name, tail)| (name.to_owned(), tail.to_owned()))
    };
    if let Some((field, _)) = message.strip_prefix("missing field ").and_then(quoted) {
        return (Some(field), "required, but missing".to_owned());
    }
    if let Some((field, tail)) = message.strip_prefix("unknown field ").and_then(quoted) {
        let known = tail.trim_start_matches(", expected one of ").replace('`', "");
        return (Some(field), format!("not a known field; the fields are: {known}"));
    }
    let mut message = message.to_owned();
    for (rust, words) in [("i64", "a whole number"), ("a sequence", "a list"), ("a string", "text in quotes")] {
        message = message.replace(&format!("expected {rust}"), &format!("expected {words}"));
    }
    (None, message)
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_key.then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let x = text.find('"').unwrap();
        assert_eq!(line_column(text, x), (2, 6));
    }

    #[test]
    fn key_is_read_from_the_line_of_the_span() {
        let text = "id = \"a\"\nyear = \"nineteen\"\n";
        assert_eq!(key_on_line(text, text.find("\"n").unwrap()).as_deref(), Some("year"));
        assert_eq!(key_on_line("[[category]]", 3), None);
    }
}
