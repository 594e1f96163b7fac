//! The browser's state driven through key messages, with no terminal, over the frozen fixture
//! catalog (`tests/fixtures/screens`): what each pane does with the keys it is given.

mod common;

use common::{fixture_app, open_id, press};
use mlpx::app::{Focus, ListView};
use mlpx::index::filter::Marks;

#[test]
fn leaving_a_mistyped_filter_clears_its_error_too() {
    let mut app = fixture_app(100, 30);
    press(&mut app, "/yaer:2019");
    assert!(app.query_error().is_some_and(|e| e.contains("yaer")), "{:?}", app.query_error());
    press(&mut app, "<Esc><Esc>");
    assert_eq!(app.query(), "");
    assert!(app.hits().is_empty());
    assert_eq!(app.query_error(), None, "the error went with its query");
}

#[test]
fn asking_for_a_view_mid_search_clears_the_search_and_its_error() {
    let mut app = fixture_app(100, 30);
    press(&mut app, "/yaer:2019<Esc>s");
    assert_eq!(app.view(), ListView::Shelf);
    assert_eq!((app.query(), app.query_error()), ("", None));
}

#[test]
fn a_typo_finds_the_paper_and_enter_reads_it() {
    let mut app = fixture_app(100, 30);
    press(&mut app, "/tinybrt");
    assert_eq!(app.focus(), Focus::Search);
    let first = app.hits().first().map(|h| app.catalog().papers()[h.paper].id.as_str());
    assert_eq!(first, Some("tinybert"));
    press(&mut app, "<Enter>");
    assert_eq!((open_id(&app), app.focus()), (Some("tinybert"), Focus::Reader));
}

#[test]
fn the_tree_opens_and_closes_categories() {
    let mut app = fixture_app(100, 30);
    let rows = app.rows().len();
    press(&mut app, "jl");
    assert!(app.rows().len() > rows, "the category under the cursor opened");
    press(&mut app, "h");
    assert_eq!(app.rows().len(), rows);
}

#[test]
fn a_bookmark_and_a_read_mark_toggle() {
    let mut app = fixture_app(100, 30);
    press(&mut app, "/swin<Enter>b");
    assert!(app.shelf().is_bookmarked("swin"));
    press(&mut app, "m");
    assert!(app.shelf().is_read("swin"));
    press(&mut app, "bm");
    assert!(!app.shelf().is_bookmarked("swin") && !app.shelf().is_read("swin"));
}

#[test]
fn following_a_link_and_going_back() {
    let mut app = fixture_app(100, 30);
    press(&mut app, "/faster rcnn<Enter>");
    assert_eq!(open_id(&app), Some("faster-rcnn"));
    press(&mut app, "1");
    let followed = open_id(&app).map(str::to_owned);
    assert!(followed.is_some() && followed.as_deref() != Some("faster-rcnn"), "{followed:?}");
    press(&mut app, "[");
    assert_eq!(open_id(&app), Some("faster-rcnn"));
    press(&mut app, "]");
    assert_eq!(open_id(&app).map(str::to_owned), followed);
}

#[test]
fn a_reading_path_walks_its_steps() {
    let mut app = fixture_app(100, 30);
    press(&mut app, "p");
    assert_eq!(app.view(), ListView::Paths);
    // The second path, then its first step.
    press(&mut app, "j<Enter>j<Enter>");
    assert_eq!(open_id(&app), Some("rcnn"));
    press(&mut app, ">");
    assert_eq!(open_id(&app), Some("fast-rcnn"));
    press(&mut app, "<lt>");
    assert_eq!(open_id(&app), Some("rcnn"));
}
