//! The reader's own shelf and the search filters, driven by keys: bookmarks, read marks, the
//! Shelf and Timeline views, and filters typed into the search box.

mod common;

use common::{app, open_id, press, render, screen_text};
use mlpx::app::{Effect, ListView, Msg, SectionRow};
use mlpx::index::filter::Marks;

#[test]
fn b_bookmarks_the_paper_being_read_and_the_shelf_lists_it() {
    let mut app = app(120, 40);
    press(&mut app, "/tinybert<Enter>b");
    assert!(app.shelf().is_bookmarked("tinybert"));
    assert_eq!(app.status(), Some("bookmarked TinyBERT"));
    press(&mut app, "<Esc><Esc>s");
    assert_eq!(app.view(), ListView::Shelf);
    let rows = app.sections();
    assert_eq!(rows[0], SectionRow::Heading("Bookmarks 1".to_owned()));
    let tinybert = app.catalog().paper_index("tinybert").unwrap();
    assert_eq!(rows[1], SectionRow::Paper(tinybert));
    assert!(rows.contains(&SectionRow::Heading("Recently opened 1".to_owned())));
    assert!(rows.contains(&SectionRow::Heading("Unread bookmarks 1".to_owned())));
    assert_eq!(open_id(&app), Some("tinybert"), "the shelf starts on its first paper");
    let screen = screen_text(&render(&app));
    assert!(screen.contains("TinyBERT 2019 ★"), "{screen}");
    // b again takes the bookmark back; s goes back to the library.
    press(&mut app, "bs");
    assert!(!app.shelf().is_bookmarked("tinybert"));
    assert_eq!(app.view(), ListView::Library);
}

#[test]
fn m_marks_read_and_scrolling_to_the_end_marks_read_too() {
    let mut app = app(120, 40);
    press(&mut app, "/bert<Enter>m");
    assert!(app.shelf().is_read("bert"));
    press(&mut app, "m");
    assert!(!app.shelf().is_read("bert"));
    press(&mut app, "G");
    assert!(app.shelf().is_read("bert"), "read to the end");
    assert_eq!(app.status(), Some("BERT marked as read (m to undo)"));
}

#[test]
fn the_timeline_lists_every_paper_under_its_year() {
    let mut app = app(120, 40);
    press(&mut app, "T");
    assert_eq!(app.view(), ListView::Timeline);
    let rows = app.sections();
    let papers = rows.iter().filter(|r| matches!(r, SectionRow::Paper(_))).count();
    assert_eq!(papers, app.catalog().papers().len());
    assert_eq!(rows[0], SectionRow::Heading(app.catalog().papers()[0].year.to_string()));
    let screen = screen_text(&render(&app));
    assert!(screen.contains("Jun Transformer") || screen.contains("Timeline"), "{screen}");
    // Moving skips the year headings: every j lands on the next paper.
    let next: Vec<String> = app.catalog().papers()[1..6].iter().map(|p| p.id.clone()).collect();
    for id in next {
        press(&mut app, "j");
        assert_eq!(open_id(&app), Some(id.as_str()));
    }
}

#[test]
fn filters_narrow_the_results_in_the_browser() {
    let mut app = app(120, 40);
    press(&mut app, "/year:2019.. tag:distillation");
    let ids: Vec<&str> = app.hits().iter().map(|h| app.catalog().papers()[h.paper].id.as_str()).collect();
    assert!(ids.contains(&"tinybert") && ids.contains(&"distilbert"), "{ids:?}");
    assert!(app.hits().iter().all(|h| app.catalog().papers()[h.paper].year >= 2019));
}

#[test]
fn a_mistyped_filter_is_shown_not_ignored() {
    let mut app = app(120, 40);
    press(&mut app, "/yaer:2019 bert");
    assert!(app.hits().is_empty());
    let error = app.query_error().expect("an error");
    assert!(error.contains("unknown filter `yaer:`"), "{error}");
    let screen = screen_text(&render(&app));
    assert!(screen.contains("unknown filter"), "{screen}");
}

#[test]
fn is_bookmarked_lists_the_bookmarks() {
    let mut app = app(120, 40);
    press(&mut app, "/vit<Enter>b<Esc>/<C-u>is:bookmarked");
    let ids: Vec<&str> = app.hits().iter().map(|h| app.catalog().papers()[h.paper].id.as_str()).collect();
    assert_eq!(ids, ["vit"]);
}

#[test]
fn up_in_an_empty_search_box_recalls_the_last_search() {
    let mut app = app(120, 40);
    press(&mut app, "/swin");
    let _ = common::effect_of(&mut app, "<C-c>");
    assert_eq!(app.shelf().data().last_query, "swin", "quitting keeps the last search");
    press(&mut app, "<C-u><Up>");
    assert_eq!(app.query(), "swin");
}

#[test]
fn n_asks_for_the_note_and_the_reader_shows_it_under_the_explanation() {
    let mut app = app(120, 40);
    press(&mut app, "/bert");
    let effect = common::effect_of(&mut app, "<Esc>n");
    assert_eq!(effect, Effect::EditNote { id: "bert".to_owned(), title: "BERT".to_owned() });
    // In the reader, n steps through find matches; e edits the note there.
    press(&mut app, "<Enter>");
    assert_eq!(common::effect_of(&mut app, "e"), Effect::EditNote { id: "bert".to_owned(), title: "BERT".to_owned() });
    let _ = app.update(Msg::NoteSaved("bert".to_owned(), Some("# My notes on BERT\n\nMask 15%.\n".to_owned())));
    let doc = app.document().expect("a page");
    let text: Vec<String> = (0..doc.height()).map(|row| doc.row_text(row)).collect();
    let heading = text.iter().position(|l| l == "Your note").expect("the note's section");
    assert!(text[heading..].iter().any(|l| l.contains("Mask 15%.")), "{text:?}");
    assert!(!text.iter().any(|l| l.contains("My notes on BERT")), "its own title is not repeated");
    let _ = app.update(Msg::NoteSaved("bert".to_owned(), None));
    let doc = app.document().expect("a page");
    assert!(!(0..doc.height()).any(|row| doc.row_text(row) == "Your note"));
}

#[test]
fn opening_from_the_shelf_keeps_the_cursor_on_the_paper() {
    let mut app = app(120, 40);
    press(&mut app, "/vit<Enter>b<Esc>/<C-u>bert<Enter>b<Esc>/<C-u>swin<Enter><Esc><Esc><Esc>s");
    // Rows: Bookmarks (BERT, ViT), Recently opened (Swin, BERT, ViT), Unread bookmarks. The
    // cursor starts on BERT; four steps down is ViT among the recents, whose opening moves it
    // to the top of the recents.
    press(&mut app, "jjjj<Enter>");
    assert_eq!(open_id(&app), Some("vit"));
    let rows = app.sections();
    let vit = app.catalog().paper_index("vit").unwrap();
    assert_eq!(rows[app.cursor()], SectionRow::Paper(vit), "the highlighted row is the paper being read");
}

#[test]
fn asking_for_a_view_while_results_show_leaves_the_search() {
    let mut app = app(120, 40);
    press(&mut app, "/bert<Enter><Esc>s");
    assert!(!app.searching(), "the results no longer hide the shelf");
    assert_eq!(app.view(), ListView::Shelf);
    let screen = screen_text(&render(&app));
    assert!(screen.contains("Shelf") && screen.contains("Recently opened 1"), "{screen}");
}
