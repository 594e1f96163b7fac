//! Screens of the reader's own features: a page with math, a table and its related list, and
//! the links picker over it.

mod common;

use common::press;
use mlpx::app::{App, Msg};
use mlpx::catalog::Catalog;

fn rich(keys: &str) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let catalog = Catalog::load_dir(std::path::Path::new("tests/fixtures/rich")).expect("fixture catalog");
    let mut app = App::new(catalog);
    let _ = app.update(Msg::Resize(100, 40));
    press(&mut app, keys);
    common::render(&app)
}

#[test]
fn a_page_with_math_a_table_and_related_papers() {
    insta::assert_snapshot!("rich_page_100x40", rich("jl").backend());
}

#[test]
fn the_links_picker() {
    insta::assert_snapshot!("rich_links_100x40", rich("jl<Enter>").backend());
}
