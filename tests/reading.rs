//! Reading like a reader: following links between papers, history with remembered scroll
//! positions, find in page, the outline, copy and open, math and tables.

mod common;

use common::{app, effect_of, open_id, press, render, screen_text};
use mlpx::app::{App, Effect, Focus, Msg};
use mlpx::catalog::Catalog;
use mlpx::document::{Document, Page};
use mlpx::index::CategoryTree;

fn rich_app(width: u16, height: u16) -> App {
    let catalog = Catalog::load_dir(std::path::Path::new("tests/fixtures/rich")).expect("fixture catalog");
    let mut app = App::new(catalog);
    press(&mut app, "");
    let _ = app.update(Msg::Resize(width, height));
    app
}

#[test]
fn digits_follow_links_and_history_returns_with_the_scroll_kept() {
    let mut app = app(100, 30);
    press(&mut app, "/faster rcnn<Enter>jjjj");
    assert_eq!(open_id(&app), Some("faster-rcnn"));
    let scroll = app.reader_scroll();
    press(&mut app, "1");
    assert_eq!(open_id(&app), Some("rcnn"), "link 1 of Faster R-CNN is R-CNN");
    assert_eq!(app.reader_scroll(), 0, "a new page opens at its top");
    press(&mut app, "G1");
    assert_eq!(open_id(&app), Some("fast-rcnn"));
    assert_eq!(app.breadcrumb(), ["Faster R-CNN", "R-CNN", "Fast R-CNN"]);
    press(&mut app, "<BS>");
    assert_eq!(open_id(&app), Some("rcnn"));
    assert!(app.reader_scroll() > 0, "R-CNN is back where it was left, at its end");
    press(&mut app, "[");
    assert_eq!(open_id(&app), Some("faster-rcnn"));
    assert_eq!(app.reader_scroll(), scroll);
    press(&mut app, "]]");
    assert_eq!(open_id(&app), Some("fast-rcnn"), "forward again");
    press(&mut app, "]");
    assert_eq!(app.status(), Some("no later page"));
}

#[test]
fn enter_in_the_reader_lists_the_links_and_follows_the_chosen_one() {
    let mut app = app(100, 30);
    press(&mut app, "/faster rcnn<Enter><Enter>");
    let picker = app.picker().expect("links open");
    let labels: Vec<&str> = picker.items.iter().map(|i| i.label.as_str()).collect();
    assert!(labels[0].starts_with("[1] R-CNN"), "{labels:?}");
    press(&mut app, "jj<Esc>");
    assert!(app.picker().is_none(), "Esc closes without moving");
    assert_eq!(open_id(&app), Some("faster-rcnn"));
    press(&mut app, "<Enter>j<Enter>");
    assert_eq!(open_id(&app), Some("fast-rcnn"));
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn clicking_a_link_row_follows_it() {
    let mut app = app(100, 30);
    press(&mut app, "/faster rcnn<Enter>G");
    let doc = app.document().unwrap();
    let link_row = doc.links[1].row;
    let text = app.areas().unwrap().reader_text();
    let y = text.y + u16::try_from(link_row - app.reader_scroll()).unwrap();
    let _ = app.update(Msg::Click(ratatui::layout::Position::new(text.x + 2, y)));
    assert_eq!(open_id(&app), Some("fast-rcnn"));
}

#[test]
fn find_in_page_counts_matches_and_n_moves_between_them() {
    let mut app = app(100, 30);
    press(&mut app, "/faster rcnn<Enter>/anchor");
    let find = app.find().expect("finding");
    assert!(find.typing);
    let count = find.matches.len();
    assert!(count >= 5, "Faster R-CNN is about anchors: {count}");
    press(&mut app, "<Enter>");
    assert!(!app.find().unwrap().typing);
    let first = app.find().unwrap().current;
    press(&mut app, "n");
    assert_eq!(app.find().unwrap().current, first + 1);
    press(&mut app, "NN");
    assert_eq!(app.find().unwrap().current, (first + count - 1) % count, "N wraps around");
    let row = app.find().unwrap().matches[app.find().unwrap().current].row;
    let page = usize::from(app.areas().unwrap().reader_text().height);
    assert!(row >= app.reader_scroll() && row < app.reader_scroll() + page, "the current match is on screen");
    let screen = screen_text(&render(&app));
    assert!(screen.contains(&format!("/{count}")), "the footer counts matches:\n{screen}");
    press(&mut app, "<Esc>");
    assert!(app.find().is_none(), "Esc clears the matches first");
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn matches_are_highlighted_on_screen() {
    let mut app = app(100, 30);
    press(&mut app, "/faster rcnn<Enter>/anchor<Enter>");
    let find = app.find().unwrap().clone();
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let text = app.areas().unwrap().reader_text();
    let current = find.matches[find.current];
    let y = text.y + u16::try_from(current.row - app.reader_scroll()).unwrap();
    let x = text.x + u16::try_from(current.start).unwrap();
    let word: String = (0..6).map(|i| buffer[(x + i, y)].symbol()).collect::<String>().to_lowercase();
    assert_eq!(word, "anchor");
    assert_eq!(buffer[(x, y)].bg, mlpx::ui::theme::current_match().bg.unwrap());
}

#[test]
fn the_outline_jumps_to_a_heading() {
    let mut app = app(100, 30);
    press(&mut app, "/tinybert<Enter>t");
    let outline: Vec<String> = app.picker().unwrap().items.iter().map(|i| i.label.clone()).collect();
    assert_eq!(&outline[..4], ["The problem", "Key ideas", "How it works", "Results"]);
    press(&mut app, "jjj<Enter>");
    let results = app.document().unwrap().headings.iter().find(|h| h.title == "Results").unwrap().row;
    assert_eq!(app.reader_scroll(), results);
    press(&mut app, "t");
    assert_eq!(app.picker().unwrap().cursor, 3, "the outline opens on the section being read");
}

#[test]
fn copy_offers_link_bibtex_and_citation_and_o_opens_the_link() {
    let mut app = app(100, 30);
    press(&mut app, "/tinybert<Enter>y");
    assert_eq!(app.picker().unwrap().items.len(), 4);
    let effect = effect_of(&mut app, "j<Enter>");
    let Effect::Copy { text, what } = effect else { panic!("expected a copy, got {effect:?}") };
    assert!(text.starts_with("@inproceedings{jiao2019tinybert,"), "{text}");
    assert_eq!(what, "the BibTeX entry");
    assert_eq!(effect_of(&mut app, "o"), Effect::OpenUrl("https://arxiv.org/abs/1909.10351".into()));
    let _ = app.update(Msg::Status("opening https://arxiv.org/abs/1909.10351".into()));
    assert!(screen_text(&render(&app)).contains("opening https://arxiv.org"));
    press(&mut app, "j");
    assert_eq!(app.status(), None, "the next key clears the status");
}

#[test]
fn math_and_tables_render_readably() {
    let app = rich_app(100, 30);
    let catalog = app.catalog();
    let tree = CategoryTree::new(catalog);
    let index = catalog.paper_index("attention").unwrap();
    let doc = Document::build(catalog, &tree, Page::Paper(index), 70, None);
    let text: Vec<String> = (0..doc.height()).map(|r| doc.row_text(r)).collect();
    let all = text.join("\n");
    assert!(all.contains("softmax(QKᵀ / √(dₖ))"), "{all}");
    assert!(all.contains("α ∈ [0, 1] and β ≥ 0"), "{all}");
    assert!(!all.contains('\\') && !all.contains('$'), "no LaTeX left:\n{all}");
    assert!(text.iter().any(|row| row.contains("│ large") && row.contains("80.4")), "{all}");
    let item = text.iter().position(|r| r.starts_with("• a first item") || r.starts_with("- a first item")).unwrap();
    assert!(text[item + 1].starts_with("  "), "the item's second row keeps its indent: {:?}", &text[item..item + 2]);
}

#[test]
fn no_formula_in_the_catalog_leaves_a_raw_command() {
    let catalog = mlpx::builtin::catalog();
    let tree = CategoryTree::new(&catalog);
    for (index, paper) in catalog.papers().iter().enumerate() {
        let doc = Document::build(&catalog, &tree, Page::Paper(index), 80, None);
        for row in 0..doc.height() {
            let text = doc.row_text(row);
            let raw = text.char_indices().any(|(i, c)| c == '\\' && text[i + 1..].starts_with(char::is_alphabetic));
            assert!(!raw, "{}: raw LaTeX on row {row}: {text}", paper.id);
        }
    }
}

#[test]
fn the_concepts_view_lists_concepts_and_opens_their_papers() {
    let mut app = app(100, 30);
    press(&mut app, "c");
    assert_eq!(app.view(), mlpx::app::ListView::Concepts);
    let distillation = app.catalog().concepts().iter().position(|c| c.name == "knowledge distillation").unwrap();
    for _ in 0..distillation {
        press(&mut app, "j");
    }
    assert_eq!(app.document().unwrap().page, Page::Concept(distillation));
    press(&mut app, "<Enter>1");
    let first = app.open_paper().expect("link 1 of a concept page is a paper");
    assert!(first.tags.contains(&"knowledge distillation".to_owned()));
    press(&mut app, "<Esc><Esc>");
    assert_eq!(app.view(), mlpx::app::ListView::Library, "Esc goes back to the library");
}

#[test]
fn a_paper_links_to_its_concepts_and_search_offers_concepts_first() {
    let mut app = app(100, 30);
    press(&mut app, "/tinybert<Enter><Enter>");
    let labels: Vec<String> = app.picker().unwrap().items.iter().map(|i| i.label.clone()).collect();
    let concept = labels.iter().position(|l| l == "concept: knowledge distillation").expect("concept link");
    for _ in 0..concept {
        press(&mut app, "j");
    }
    press(&mut app, "<Enter>");
    assert!(matches!(app.document().unwrap().page, Page::Concept(_)));

    let mut app = common::app(100, 30);
    press(&mut app, "/distillation");
    assert!(matches!(app.results().next(), Some(mlpx::app::ResultRow::Concept(_))));
    let concepts = app.results().take_while(|r| matches!(r, mlpx::app::ResultRow::Concept(_))).count();
    assert!(concepts >= 1);
    press(&mut app, &"<Down>".repeat(concepts));
    assert!(app.open_paper().is_some(), "papers follow the concepts");
}
