//! Property tests where fuzzing cannot run in CI: the catalog loader, the query parser, the
//! search and the markdown and math rendering take any input without panicking, and whatever a
//! catalog holds, nothing a terminal would act on reaches the screen.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use mlpx::catalog::{Catalog, Source, terminal_safe};
use mlpx::document::markdown;
use mlpx::index::SearchIndex;
use mlpx::index::filter::Query;
use mlpx::math::render_math_in_markdown;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

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
}

/// Runs `property` on generated values, as many as proptest runs for a property (256, or
/// `PROPTEST_CASES`), and returns how many of them it counted as accepted. A property that
/// only looks at accepted inputs must be shown some: the tests below require a share.
fn accepted_share<S: Strategy>(strategy: S, property: impl Fn(S::Value) -> Result<bool, TestCaseError>) -> f64 {
    let mut runner = proptest::test_runner::TestRunner::default();
    let (accepted, total) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let outcome = runner.run(&strategy, |value| {
        total.fetch_add(1, Ordering::Relaxed);
        if property(value)? {
            accepted.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    accepted.load(Ordering::Relaxed) as f64 / total.load(Ordering::Relaxed).max(1) as f64
}

/// Mostly plain text, sometimes anything: so that many generated papers are valid.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z0-9 .,:()-]{1,30}", 1 => texty()]
}

/// A paper file with every required field, each value escaped into a TOML string.
fn paper_file(title: &str, authors: &str, body: &str, year: i64) -> String {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    format!(
        "id = \"p\"\ntitle = \"{}\"\nfull_title = \"F\"\nauthors = [\"{}\"]\nyear = {year}\nmonth = 1\n\
         url = \"https://example.org\"\ncategory = \"v\"\ntldr = \"t\"\nbody = \"{}\"\n",
        escape(title),
        escape(authors),
        escape(body)
    )
}

#[test]
fn the_loader_reports_rather_than_panics_and_accepts_what_is_valid() {
    let strategy = (field_text(), field_text(), field_text(), 1900i64..2100, texty());
    let share = accepted_share(strategy, |(title, authors, body, year, junk)| {
        let sources = [
            source("categories.toml", CATEGORIES.to_owned()),
            source("p.toml", paper_file(&title, &authors, &body, year)),
            // A second file of pure noise, which must be refused with a message, never a panic.
            source("noise.toml", junk),
        ];
        let _ = Catalog::from_sources(&sources);
        Ok(Catalog::from_sources(&sources[..2]).is_ok())
    });
    assert!(share > 0.3, "only {:.0}% of the generated papers were accepted", share * 100.0);
}

#[test]
fn a_loaded_catalog_holds_nothing_a_terminal_would_act_on() {
    let share = accepted_share((field_text(), field_text()), |(title, body)| {
        let sources =
            [source("categories.toml", CATEGORIES.to_owned()), source("p.toml", paper_file(&title, "A", &body, 2020))];
        let Ok(catalog) = Catalog::from_sources(&sources) else { return Ok(false) };
        let p = &catalog.papers()[0];
        let text = format!("{}{}", p.title, p.body);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        prop_assert!(!text.chars().any(bidi), "bidirectional override in {:?}", text);
        Ok(true)
    });
    assert!(share > 0.3, "only {:.0}% of the generated catalogs loaded", share * 100.0);
}

/// A config line as people write them, valid or not.
fn config_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("theme = \"light\"".to_owned()),
        Just("theme = \"neon\"".to_owned()),
        Just("start_view = \"shelf\"".to_owned()),
        Just("[keys.anywhere]".to_owned()),
        Just("[keys.reader]".to_owned()),
        Just("toggle-bookmark = [\"B\"]".to_owned()),
        Just("quit = [\"ctrl-İ\", \"alt-\"]".to_owned()),
        "[a-z-]{1,12} = \\[\"[A-Za-z-]{0,8}\"\\]",
        texty().prop_map(|key| format!("toggle-read = [\"{}\"]", key.replace(['"', '\\', '\n'], ""))),
        texty(),
    ]
}

proptest! {
    #[test]
    fn a_config_file_never_crashes_mlpx(lines in prop::collection::vec(config_line(), 0..8)) {
        let _ = mlpx::config::Config::parse("config.toml", &lines.join("\n"));
    }
}
