//! The main screens rendered into ratatui's TestBackend at 80x24 and 120x40, compared with the
//! snapshots under tests/snapshots/ (run `cargo insta review` after an intended change).
//! Snapshots hold the characters; the styles that carry meaning are asserted on the buffer.
//! They render the frozen fixture catalog, so that a catalog batch never changes them; one test
//! checks that the built-in catalog's screens render at each size.

mod common;

use common::{app, fixture_app, press, render, screen_text};
use ratatui::style::{Color, Modifier};

fn snapshot(name: &str, width: u16, height: u16, keys: &str) {
    let mut app = fixture_app(width, height);
    press(&mut app, keys);
    let terminal = render(&app);
    insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
}

#[test]
fn the_built_in_catalog_renders_at_each_size() {
    for (width, height) in [(60, 16), (80, 24), (120, 40)] {
        for keys in ["", "/tinybrt", "/faster rcnn<Enter>", "/bert<Enter>G", "s", "p", "c", "T", "?"] {
            let mut app = app(width, height);
            press(&mut app, keys);
            let screen = screen_text(&render(&app));
            assert!(screen.contains("Search") || keys == "?", "{keys:?} at {width}x{height}:\n{screen}");
            assert!(!screen.contains("too small"), "{keys:?} at {width}x{height}");
        }
    }
}

#[test]
fn start_screen() {
    snapshot("start", 80, 24, "");
    snapshot("start", 120, 40, "");
}

#[test]
fn search_results_for_a_typo() {
    snapshot("search_tinybrt", 80, 24, "/tinybrt");
    snapshot("search_tinybrt", 120, 40, "/tinybrt");
}

#[test]
fn search_results_for_a_concept() {
    snapshot("search_distillation", 120, 40, "/distillation<Down>");
}

#[test]
fn reader_with_the_line_of_work() {
    snapshot("reader_faster_rcnn", 80, 24, "/faster rcnn<Enter>");
    snapshot("reader_faster_rcnn", 120, 40, "/faster rcnn<Enter>");
}

#[test]
fn reader_scrolled_into_the_explanation() {
    snapshot("reader_tinybert_results", 120, 40, "/tinybert<Enter><Space><Space>");
}

#[test]
fn help_overlay() {
    snapshot("help", 80, 24, "?");
    snapshot("help", 120, 40, "?");
}

#[test]
fn too_small() {
    snapshot("too_small", 50, 12, "");
}

#[test]
fn matched_letters_of_the_title_are_highlighted() {
    let mut app = fixture_app(80, 24);
    press(&mut app, "/tinybrt");
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let inner = app.areas().unwrap().list_inner();
    let row: Vec<_> = (inner.x..inner.x + 8).map(|x| &buffer[(x, inner.y)]).collect();
    let title: String = row.iter().map(|c| c.symbol()).collect();
    assert_eq!(title, "TinyBERT");
    let underlined: String =
        row.iter().filter(|c| c.modifier.contains(Modifier::UNDERLINED)).map(|c| c.symbol()).collect();
    assert_eq!(underlined, "TinyBRT", "the letters typed are marked, the skipped E is not");
}

#[test]
fn the_shelf_with_a_bookmark_and_a_read_mark() {
    snapshot("shelf", 100, 30, "/tinybert<Enter>b<Esc>/<C-u>bert<Enter>m<Esc><Esc><Esc>s");
}

#[test]
fn filtered_results() {
    snapshot("filtered", 100, 30, "/year:2019.. tag:distillation");
}

#[test]
fn a_reading_path_with_progress() {
    snapshot("paths", 100, 30, "p<Enter>j<Enter>m>m<Esc>");
}

#[test]
fn without_colours_only_emphasis_is_left() {
    let mut app = fixture_app(100, 30).with_colors(false);
    press(&mut app, "/tinybrt");
    let terminal = render(&app);
    let cells = terminal.backend().buffer().content();
    assert!(cells.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "no colour at all");
    assert!(cells.iter().any(|c| c.modifier.contains(Modifier::REVERSED)), "the selection still shows");
    assert!(cells.iter().any(|c| c.modifier.contains(Modifier::BOLD)), "so do the matched letters");
}

#[test]
fn a_match_in_the_text_shows_its_sentence_with_the_words_highlighted() {
    let mut app = app(120, 40);
    press(&mut app, "/shifted windows");
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let areas = app.areas().unwrap();
    let list = areas.list_inner();
    let row = (list.y..list.bottom())
        .find(|&y| {
            let line: String = (list.x..list.right()).map(|x| buffer[(x, y)].symbol().to_owned()).collect();
            line.contains("text:") && line.contains("shift")
        })
        .expect("a result that matched through its text");
    let emphasised = (list.x..list.right())
        .filter(|&x| buffer[(x, row)].modifier.contains(Modifier::UNDERLINED | Modifier::BOLD))
        .count();
    assert!(emphasised >= "shift".len(), "the word is highlighted, {emphasised} cells");
}
