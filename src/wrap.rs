//! Wrapping styled lines to a width, as the reader shows them. Continuation rows of a list
//! item or a quote keep the item's indent, and a table row is never broken (tables are laid
//! out to the width already). The reader wraps its own text so that it knows on which row each
//! heading, link and search hit lands.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// One styled line as rows of at most `width` columns.
pub fn wrap(line: &Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(8);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if text.width() <= width || is_table_row(&text) {
        return vec![line.clone()];
    }
    let indent = hanging_indent(&text).min(width / 2);

    // Words with the spaces that follow them, each piece keeping its span's style.
    let mut words: Vec<Vec<(String, Style)>> = Vec::new();
    let mut after_space = true;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            if after_space && c != ' ' {
                words.push(Vec::new());
            }
            after_space = c == ' ';
            if words.is_empty() {
                words.push(Vec::new());
            }
            let word = words.last_mut().expect("pushed above");
            match word.last_mut() {
                Some((piece, piece_style)) if *piece_style == style => piece.push(c),
                _ => word.push((c.to_string(), style)),
            }
        }
    }

    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for word in words {
        let word_width: usize = word.iter().map(|(t, _)| t.width()).sum();
        let visible_width: usize = word_width - trailing_spaces(&word);
        if used > indent && used + visible_width > width {
            rows.push(vec![Span::raw(" ".repeat(indent))]);
            used = indent;
        }
        for (piece, style) in word {
            let mut piece = piece;
            // A word longer than a whole row is cut where the row ends.
            while used + piece.trim_end().width() > width && used < width {
                let room = width - used;
                let (head, tail) = split_at_width(&piece, room);
                if head.is_empty() {
                    break;
                }
                rows.last_mut().expect("one row").push(Span::styled(head, style));
                rows.push(vec![Span::raw(" ".repeat(indent))]);
                used = indent;
                piece = tail;
            }
            used += piece.width();
            rows.last_mut().expect("one row").push(Span::styled(piece, style));
        }
    }
    rows.into_iter()
        .map(|spans| {
            let mut row = Line::from(trim_end(spans));
            row.alignment = line.alignment;
            row
        })
        .collect()
}

/// Columns a continuation row is indented by: leading spaces plus a list or quote marker.
fn hanging_indent(text: &str) -> usize {
    let spaces = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[spaces..];
    let marker = ["- ", "* ", "• ", "> ", "▌ ", "│ ", "┃ "].iter().find(|m| rest.starts_with(*m)).map(|m| m.width());
    let numbered = || {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        (digits > 0 && rest[digits..].starts_with(". ")).then_some(digits + 2)
    };
    spaces + marker.or_else(numbered).unwrap_or(0)
}

fn is_table_row(text: &str) -> bool {
    text.trim_start().starts_with(['│', '┌', '├', '└', '╭', '╰', '┃', '┏', '┡', '┗', '┣'])
}

fn trailing_spaces(word: &[(String, Style)]) -> usize {
    word.last().map_or(0, |(t, _)| t.len() - t.trim_end_matches(' ').len())
}

fn split_at_width(text: &str, columns: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            return (text[..i].to_owned(), text[i..].to_owned());
        }
        used += w;
    }
    (text.to_owned(), String::new())
}

fn trim_end(mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    while let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end().to_owned();
        if trimmed.is_empty() {
            spans.pop();
        } else {
            last.content = trimmed.into();
            break;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<String> {
        wrap(&Line::from(text.to_owned()), width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn words_wrap_at_the_width_and_list_items_keep_their_indent() {
        assert_eq!(rows("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(rows("- alpha beta gamma delta", 12), ["- alpha beta", "  gamma", "  delta"]);
        assert_eq!(rows("  12. alpha beta gamma", 14), ["  12. alpha", "      beta", "      gamma"]);
    }

    #[test]
    fn long_words_are_cut_and_tables_are_left_whole() {
        assert_eq!(rows("abcdefghijkl", 8), ["abcdefgh", "ijkl"]);
        assert_eq!(rows("│ cell one │ cell two │", 10), ["│ cell one │ cell two │"]);
    }

    #[test]
    fn styles_survive_wrapping() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![Span::raw("plain words "), Span::styled("bold words here", bold)]);
        let wrapped = wrap(&line, 12);
        assert_eq!(wrapped.len(), 3);
        assert!(wrapped[1].spans.iter().any(|s| s.style == bold && s.content.contains("bold")));
    }
}
