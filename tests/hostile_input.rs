//! Property tests where fuzzing cannot run in CI: the catalog loader, the query parser, the
//! search and the markdown and math rendering take any input without panicking, and whatever a
//! catalog holds, nothing a terminal would act on reaches the screen.

use std::borrow::Cow;
use std::sync::LazyLock;

use mlpx::catalog::{Catalog, Source, terminal_safe};
use mlpx::document::markdown;
use mlpx::index::SearchIndex;
use mlpx::index::filter::Query;
use mlpx::math::render_math_in_markdown;
use proptest::prelude::*;

const CATEGORIES: &str = "[[category]]\nid = \"v\"\nname = \"V\"\ndescription = \"d\"\norder = 1\n";

fn source(path: &str, text: String) -> Source {
    Source { path: path.to_owned(), text: Cow::Owned(text) }
}

/// Text that looks like what the parsers see, hostile bytes included.
fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>().prop_map(String::from),
            Just("$".to_owned()),
            Just("$$".to_owned()),
            Just("\\frac{".to_owned()),
            Just("\\sqrt".to_owned()),
            Just("_{".to_owned()),
            Just("^".to_owned()),
            Just("}".to_owned()),
            Just("| a | b |\n|---|---|\n".to_owned()),
            Just("\n## ".to_owned()),
            Just("- ".to_owned()),
            Just("`".to_owned()),
            Just("\u{1b}[2J".to_owned()),
            Just("\u{202e}".to_owned()),
            Just("year:".to_owned()),
            Just("\"".to_owned()),
            Just("..".to_owned()),
            // Letters whose lowercase is longer than they are, and pieces of real names.
            Just("İ".to_owned()),
            Just("ẞ".to_owned()),
            Just("bert".to_owned()),
            Just("R-CNN ".to_owned()),
            Just("1810.0".to_owned()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

static BUILT_IN: LazyLock<(Catalog, SearchIndex)> = LazyLock::new(|| {
    let catalog = mlpx::builtin::catalog();
    let index = mlpx::builtin::index(&catalog);
    (catalog, index)
});

proptest! {
    #[test]
    fn the_query_parser_takes_anything(input in texty()) {
        let _ = Query::parse(&input);
    }

    #[test]
    fn the_search_takes_anything_and_marks_only_title_letters(input in texty()) {
        let (catalog, index) = &*BUILT_IN;
        for hit in index.search(&input) {
            let title = &catalog.papers()[hit.paper].title;
            prop_assert!(hit.title_matches.iter().all(|&at| at < title.chars().count()), "{title}: {hit:?}");
            let _ = index.why(&hit, catalog);
        }
        let _ = index.search_concepts(&input);
    }

    #[test]
    fn markdown_and_math_render_anything_at_any_width(input in texty(), width in 0u16..120) {
        let _ = markdown(&render_math_in_markdown(&input), width);
        // Made terminal-safe first, as notes are, nothing a terminal acts on comes out.
        for line in markdown(&render_math_in_markdown(&terminal_safe(&input)), width) {
            for span in &line.spans {
                prop_assert!(!span.content.chars().any(char::is_control), "{:?}", span.content);
            }
        }
    }

    #[test]
    fn the_loader_reports_rather_than_panics(paper in texty(), field in texty()) {
        let sources = [
            source("categories.toml", CATEGORIES.to_owned()),
            source("a.toml", paper),
            source("b.toml", format!("id = \"b\"\ntitle = \"{}\"\n", field.replace(['"', '\\'], ""))),
        ];
        let _ = Catalog::from_sources(&sources);
    }

    #[test]
    fn a_loaded_catalog_holds_nothing_a_terminal_would_act_on(title in texty(), body in texty()) {
        let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        let paper = format!(
            "id = \"p\"\ntitle = \"{}\"\nfull_title = \"F\"\nauthors = [\"A\"]\nyear = 2020\nmonth = 1\n\
             url = \"https://example.org\"\ncategory = \"v\"\ntldr = \"t\"\nbody = \"{}\"\n",
            escape(&title),
            escape(&body)
        );
        let sources = [source("categories.toml", CATEGORIES.to_owned()), source("p.toml", paper)];
        if let Ok(catalog) = Catalog::from_sources(&sources) {
            let p = &catalog.papers()[0];
            let text = format!("{}{}", p.title, p.body);
            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
            let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            prop_assert!(!text.chars().any(bidi), "bidirectional override in {:?}", text);
        }
    }
}
