//! Reading paths driven by keys: the Paths view, opening a path, walking its steps with > and <,
//! and progress counted from read marks.

mod common;

use common::{app, open_id, press, render, screen_text};
use mlpx::app::{ListView, PathPosition, SectionRow};
use mlpx::catalog::StepTarget;

fn bert_path(app: &mlpx::app::App) -> usize {
    app.catalog().paths().iter().position(|p| p.title == "BERT and its distillations").expect("the path")
}

/// Opens the Paths view with the cursor on "BERT and its distillations".
fn on_bert_path() -> mlpx::app::App {
    let mut app = app(120, 40);
    press(&mut app, "p");
    let target = bert_path(&app);
    while app.sections()[app.cursor()] != SectionRow::Path(target) {
        press(&mut app, "j");
    }
    app
}

#[test]
fn p_lists_the_paths_and_the_reader_shows_the_highlighted_one() {
    let app = on_bert_path();
    assert_eq!(app.view(), ListView::Paths);
    assert_eq!(app.document().map(|d| d.title.as_str()), Some("BERT and its distillations"));
    let screen = screen_text(&render(&app));
    assert!(screen.contains("▸ BERT and its distillations 0/"), "{screen}");
    assert!(screen.contains("Reading path"), "{screen}");
}

#[test]
fn enter_opens_a_path_and_its_steps_lead_the_way() {
    let mut app = on_bert_path();
    let path = bert_path(&app);
    press(&mut app, "<Enter>");
    assert_eq!(app.active_path(), Some(path));
    assert!(app.sections().contains(&SectionRow::Step(path, 0)));
    // Down to the first step, Enter reads it; > and < walk the path from there.
    press(&mut app, "j<Enter>");
    assert_eq!(app.path_position(), Some(PathPosition { path, step: 0 }));
    assert_eq!(open_id(&app), Some("bert"), "the path starts with BERT");
    press(&mut app, ">");
    assert_eq!(app.path_position(), Some(PathPosition { path, step: 1 }));
    let second = match &app.catalog().paths()[path].steps[1].target {
        StepTarget::Paper(id) => app.catalog().paper(id).unwrap().title.clone(),
        StepTarget::Concept(name) => name.clone(),
    };
    assert_eq!(app.document().map(|d| d.title.clone()), Some(second), "a step may be a concept's page");
    let screen = screen_text(&render(&app));
    assert!(screen.contains("BERT and its distillations · step 2 of"), "{screen}");
    press(&mut app, "<lt><lt>");
    assert_eq!(app.path_position(), Some(PathPosition { path, step: 0 }));
    assert_eq!(app.status(), Some("this is the first step of BERT and its distillations"));
}

#[test]
fn read_marks_count_toward_progress() {
    let mut app = on_bert_path();
    let path = bert_path(&app);
    assert_eq!(app.path_progress(path).0, 0);
    // Read marks go on papers; a concept step has none. Mark the first two papers read.
    let steps = app.catalog().paths()[path].steps.clone();
    let papers: Vec<usize> = (0..steps.len()).filter(|&i| matches!(steps[i].target, StepTarget::Paper(_))).collect();
    press(&mut app, "<Enter>");
    press(&mut app, &"j".repeat(papers[0] + 1));
    press(&mut app, "<Enter>m");
    press(&mut app, &">".repeat(papers[1] - papers[0]));
    press(&mut app, "m");
    assert_eq!(app.path_progress(path).0, 2);
    let total = app.path_progress(path).1;
    let screen = screen_text(&render(&app));
    assert!(screen.contains(&format!("BERT and its distillations 2/{total}")), "{screen}");
}

#[test]
fn stepping_without_a_path_says_how_to_follow_one() {
    let mut app = app(120, 40);
    press(&mut app, ">");
    assert_eq!(app.status(), Some("no path followed: p lists the reading paths, Enter opens one"));
}
