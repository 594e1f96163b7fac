//! Key sequences against the app's state: what a person types, and where they land.

mod common;

use common::{app, effect_of, open_id, press, render, screen_text};
use mlpx::app::{Effect, Focus, Msg};
use ratatui::layout::Position;

#[test]
fn typing_a_misspelt_name_and_enter_reads_the_paper() {
    let mut app = app(120, 40);
    press(&mut app, "/tinybrt");
    assert_eq!(app.focus(), Focus::Search);
    assert_eq!(app.query(), "tinybrt");
    assert_eq!(open_id(&app), Some("tinybert"), "the top hit is previewed while typing");
    press(&mut app, "<Enter>");
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn letters_in_the_search_box_are_text_not_commands() {
    let mut app = app(120, 40);
    press(&mut app, "/qj?");
    assert_eq!(app.query(), "qj?");
    assert!(!app.help_open());
}

#[test]
fn search_editing_keys() {
    let mut app = app(120, 40);
    press(&mut app, "/faster rcnn");
    press(&mut app, "<BS>");
    assert_eq!(app.query(), "faster rcn");
    press(&mut app, "<C-w>");
    assert_eq!(app.query(), "faster ");
    press(&mut app, "<C-u>");
    assert_eq!(app.query(), "");
    assert!(!app.searching());
}

#[test]
fn arrows_in_the_search_box_move_through_results() {
    let mut app = app(120, 40);
    press(&mut app, "/rcnn");
    let first = open_id(&app).map(str::to_owned);
    press(&mut app, "<Down>");
    assert_eq!(app.cursor(), 1);
    assert_ne!(open_id(&app).map(str::to_owned), first);
    press(&mut app, "<C-p>");
    assert_eq!(app.cursor(), 0);
}

#[test]
fn esc_leaves_search_then_clears_it_and_reveals_the_paper_in_the_tree() {
    let mut app = app(120, 40);
    press(&mut app, "/fatser rcnn<Enter>");
    assert_eq!(open_id(&app), Some("faster-rcnn"));
    press(&mut app, "<Esc>");
    assert_eq!(app.focus(), Focus::List);
    assert!(app.searching(), "first Esc only leaves the reader");
    press(&mut app, "<Esc>");
    assert!(!app.searching());
    assert_eq!(open_id(&app), Some("faster-rcnn"), "the tree cursor sits on the paper");
    let screen = screen_text(&render(&app));
    assert!(screen.contains("▾ R-CNN Family"), "its category was opened:\n{screen}");
}

#[test]
fn tree_navigation_with_vim_keys() {
    let mut app = app(120, 40);
    // Language Models is open; its first child, Encoders, is closed.
    press(&mut app, "j");
    let collapsed_rows = app.rows().len();
    press(&mut app, "l");
    assert!(app.rows().len() > collapsed_rows, "l opens a category");
    press(&mut app, "l");
    assert_eq!(app.cursor(), 2, "l on an open category steps into it");
    press(&mut app, "hh");
    assert_eq!(app.cursor(), 1, "h on a closed category goes to its parent... after closing it");
    press(&mut app, "h");
    assert_eq!(app.rows().len(), collapsed_rows, "h closes an open category");
    press(&mut app, "G");
    assert_eq!(app.cursor(), app.rows().len() - 1);
    press(&mut app, "g");
    assert_eq!(app.cursor(), 0);
}

/// Where the tree lists the Transformer paper.
fn transformer_row(app: &mlpx::app::App) -> usize {
    let paper = app.catalog().paper_index("transformer").unwrap();
    app.rows().iter().position(|r| matches!(r, mlpx::index::TreeRow::Paper { paper: p, .. } if *p == paper)).unwrap()
}

#[test]
fn enter_on_a_paper_focuses_the_reader_and_on_a_category_toggles_it() {
    let mut app = app(120, 40);
    let open_rows = app.rows().len();
    press(&mut app, "<Enter>");
    assert!(app.rows().len() < open_rows, "Enter closed Language Models");
    press(&mut app, "<Enter>");
    let transformer = transformer_row(&app);
    press(&mut app, &"j".repeat(transformer));
    press(&mut app, "<Enter>");
    assert_eq!(open_id(&app), Some("transformer"));
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn the_reader_scrolls_by_line_page_and_half_page_within_bounds() {
    let mut app = app(80, 24);
    press(&mut app, "/swin<Enter>");
    let page = usize::from(app.areas().unwrap().reader_text().height);
    press(&mut app, "jj");
    assert_eq!(app.reader_scroll(), 2);
    press(&mut app, "k<Space>");
    assert_eq!(app.reader_scroll(), 1 + page - 1);
    press(&mut app, "g<C-d>");
    assert_eq!(app.reader_scroll(), page / 2);
    press(&mut app, "G");
    let height = app.document().unwrap().height();
    assert_eq!(app.reader_scroll(), height - page, "G stops at the last screenful");
    press(&mut app, "jjj<PgDn>");
    assert_eq!(app.reader_scroll(), height - page, "never past the end");
    press(&mut app, "<PgUp>g");
    assert_eq!(app.reader_scroll(), 0);
}

#[test]
fn a_new_paper_opens_at_its_top() {
    let mut app = app(120, 40);
    press(&mut app, "/bert<Enter>GG");
    assert!(app.reader_scroll() > 0);
    press(&mut app, "<Tab><C-u>vit"); // from the reader, `/` finds in the page
    assert_eq!(open_id(&app), Some("vit"));
    assert_eq!(app.reader_scroll(), 0);
}

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut app = app(120, 40);
    assert_eq!(app.focus(), Focus::List);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus(), Focus::Reader);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus(), Focus::Search);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus(), Focus::Reader);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn help_opens_takes_the_keys_and_closes() {
    let mut app = app(120, 40);
    press(&mut app, "?");
    assert!(app.help_open());
    press(&mut app, "jq"); // q closes help rather than quitting
    assert!(!app.help_open());
    assert_eq!(effect_of(&mut app, "q"), Effect::Quit);
    assert_eq!(effect_of(&mut app, "/abc<C-c>"), Effect::Quit, "Ctrl-c quits even from the search box");
}

#[test]
fn help_scrolls_to_its_last_line_and_no_further() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    for _ in 0..200 {
        press(&mut app, "j");
    }
    let bottom = app.help_scroll();
    assert!(bottom > 0, "the help is longer than 24 rows");
    press(&mut app, "k");
    assert_eq!(app.help_scroll(), bottom - 1, "one k scrolls back up at once");
    let screen = screen_text(&render(&app));
    assert!(!screen.contains("Anywhere"), "scrolled past the first section");
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls() {
    let mut app = app(120, 40);
    let areas = app.areas().unwrap();
    let inner = areas.list_inner();
    // Transformer sits under Language Models, after its sub-categories.
    let row = transformer_row(&app) as u16;
    let _ = app.update(Msg::Click(Position::new(inner.x + 3, inner.y + row)));
    assert_eq!(app.cursor(), usize::from(row));
    assert_eq!(open_id(&app), Some("transformer"));
    let _ = app.update(Msg::Click(Position::new(inner.x + 3, inner.y + row)));
    assert_eq!(app.focus(), Focus::Reader, "a second click on the same row opens it");
    let reader = areas.reader;
    let _ = app.update(Msg::ScrollDown(Position::new(reader.x + 5, reader.y + 5)));
    assert_eq!(app.reader_scroll(), 3);
    let _ = app.update(Msg::Click(Position::new(areas.search.x + 2, areas.search.y + 1)));
    assert_eq!(app.focus(), Focus::Search);
}

#[test]
fn resizing_rewraps_the_reader_and_keeps_the_scroll_in_range() {
    let mut app = app(160, 50);
    press(&mut app, "/layoutlmv3<Enter>G");
    let wide = app.document().unwrap().height();
    let _ = app.update(Msg::Resize(60, 16));
    let narrow = app.document().unwrap().height();
    assert!(narrow > wide, "a narrower reader wraps into more lines");
    let page = usize::from(app.areas().unwrap().reader_text().height);
    assert!(app.reader_scroll() <= narrow - page);
}

#[test]
fn no_size_makes_it_panic() {
    let mut app = app(120, 40);
    press(&mut app, "/bert<Enter>G?");
    for (w, h) in [(1, 1), (20, 5), (59, 16), (60, 15), (60, 16), (61, 17), (80, 24), (250, 80), (0, 0)] {
        let _ = app.update(Msg::Resize(w, h));
        if w > 0 && h > 0 {
            let screen = screen_text(&render(&app));
            if w < 60 || h < 16 {
                assert!(w < 20 || screen.contains("too small"), "{w}x{h}:\n{screen}");
            }
        }
        press(&mut app, "jk<Esc>G?");
    }
}
