//! The command line as scripts use it: exit codes, plain and JSON output, and errors.

use assert_cmd::Command;
use predicates::prelude::*;

fn mlpx() -> Command {
    let mut cmd = Command::cargo_bin("mlpx").expect("binary");
    cmd.env_remove("NO_COLOR");
    // No test reads the user's own shelf: this folder does not exist, so the shelf is empty.
    cmd.env("MLPX_DATA_DIR", std::env::temp_dir().join("mlpx-cli-tests-no-such-dir"));
    cmd.env("XDG_CONFIG_HOME", std::env::temp_dir().join("mlpx-cli-tests-no-such-config"));
    cmd
}

#[test]
fn search_takes_filters() {
    let out = mlpx().args(["search", "year:2019..", "tag:distillation", "bert"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("tinybert") && text.contains("distilbert"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("bert ")), "{text}");
}

#[test]
fn a_mistyped_filter_is_an_error() {
    mlpx()
        .args(["search", "yera:2019"])
        .assert()
        .code(2)
        .stderr("mlpx: unknown filter `yera:`; the filters are cat: tag: year: is: has:\n");
}

#[test]
fn is_filters_read_the_shelf() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("shelf.toml"), "bookmarks = [\"vit\", \"bert\"]\nread = [\"bert\"]\n").unwrap();
    let out = mlpx().env("MLPX_DATA_DIR", data.path()).args(["search", "is:bookmarked", "is:unread"]).assert();
    let text = String::from_utf8(out.success().get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().map(|l| l.split_whitespace().next().unwrap()).collect::<Vec<_>>(), ["vit"]);
}

#[test]
fn a_broken_shelf_does_not_stop_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("shelf.toml"), "bookmarks = 3\n").unwrap();
    mlpx()
        .env("MLPX_DATA_DIR", data.path())
        .args(["search", "bert"])
        .assert()
        .success()
        .stderr(predicate::str::contains("could not be read").and(predicate::str::contains("line 1")));
    assert!(data.path().join("shelf.toml").exists(), "a command that only looks leaves the file alone");
}

#[test]
fn list_prints_every_paper_in_tree_order() {
    let out = mlpx().arg("list").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), mlpx::builtin::catalog().papers().len());
    assert!(text.contains("faster-rcnn") && text.contains("Faster R-CNN"));
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
}

#[test]
fn list_filters_by_category_including_subcategories() {
    mlpx().args(["list", "--category", "object-detection"]).assert().success().stdout(
        predicate::str::contains("rcnn")
            .and(predicate::str::contains("focal-loss"))
            .and(predicate::str::contains("bert").not()),
    );
}

#[test]
fn list_json_has_the_documented_fields() {
    let out = mlpx().args(["list", "--json"]).assert().success().get_output().stdout.clone();
    let papers: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let tinybert = papers.as_array().unwrap().iter().find(|p| p["id"] == "tinybert").expect("tinybert");
    for field in [
        "id",
        "title",
        "full_title",
        "authors",
        "year",
        "month",
        "venue",
        "arxiv",
        "url",
        "category",
        "tags",
        "aliases",
        "related",
    ] {
        assert!(tinybert.get(field).is_some(), "{field}");
    }
    assert_eq!(tinybert["arxiv"], "1909.10351");
    assert_eq!(tinybert["category"], serde_json::json!(["language-models", "lm-encoders", "lm-compact"]));
}

#[test]
fn search_ranks_best_first_and_forgives_typos() {
    let out = mlpx().args(["search", "tinybrt"]).assert().success().get_output().stdout.clone();
    let first = String::from_utf8(out).unwrap().lines().next().unwrap().to_owned();
    assert!(first.starts_with("tinybert "), "{first}");
    mlpx()
        .args(["search", "fatser", "rcnn", "--limit", "1", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"faster-rcnn\"").and(predicate::str::contains("\"score\"")));
}

#[test]
fn search_says_why_a_paper_matched() {
    mlpx()
        .args(["search", "distillation"])
        .assert()
        .success()
        .stdout(predicate::str::contains("concept: knowledge distillation"));
}

#[test]
fn a_mistyped_filter_value_is_an_error_with_the_closest_names() {
    mlpx()
        .args(["search", "cat:visoin", "bert"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("mlpx: `cat:visoin`: no such category; did you mean vision"));
    mlpx().args(["search", "tag:distilation"]).assert().code(2).stderr(predicate::str::contains("distillation"));
}

#[test]
fn a_pasted_arxiv_link_finds_its_paper() {
    for link in [
        "https://arxiv.org/abs/1706.03762",
        "https://arxiv.org/pdf/1810.04805v2",
        "https://huggingface.co/papers/1909.10351",
    ] {
        let out = mlpx().args(["search", "--limit", "1", link]).assert().success();
        let first = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let id = first.split_whitespace().next().unwrap_or_default().to_owned();
        assert!(["transformer", "bert", "tinybert"].contains(&id.as_str()), "{link}: {first}");
    }
}

#[test]
fn a_name_only_mentioned_in_prose_says_so() {
    mlpx()
        .args(["search", "megatron"])
        .assert()
        .success()
        .stderr("mlpx: no paper named \"megatron\" in the catalog; these mention it\n");
}

#[test]
fn search_without_results_exits_1() {
    mlpx().args(["search", "qqqqzzzz"]).assert().code(1).stderr(predicate::str::contains("no paper matches"));
}

#[test]
fn show_prints_metadata_and_explanation() {
    mlpx().args(["show", "tinybert"]).assert().success().stdout(
        predicate::str::starts_with("# TinyBERT\n")
            .and(predicate::str::contains("- **arXiv:** 1909.10351"))
            .and(predicate::str::contains("## Results"))
            .and(predicate::str::contains("96.8%")),
    );
}

#[test]
fn show_plain_has_no_markdown_emphasis() {
    let out = mlpx().args(["show", "faster-rcnn", "--format", "plain"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Authors: Shaoqing Ren"), "{text}");
    assert!(!text.contains("**"));
}

#[test]
fn an_unknown_id_exits_2_with_suggestions() {
    mlpx()
        .args(["show", "tinybret"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no paper has the id \"tinybret\"").and(predicate::str::contains("tinybert")));
    mlpx().args(["list", "--category", "visoin"]).assert().code(2).stderr(predicate::str::contains("did you mean"));
}

#[test]
fn categories_show_the_tree_with_counts() {
    let catalog = mlpx::builtin::catalog();
    let family = catalog.papers().iter().filter(|p| p.category == "rcnn-family").count();
    let line = format!("    rcnn-family  R-CNN Family ({family})");
    mlpx().arg("categories").assert().success().stdout(predicate::str::contains(line));
}

#[test]
fn check_reports_file_line_and_field_and_exits_1() {
    mlpx()
        .args(["check", "tests/fixtures/broken/unknown-category"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "unknown-category/paper.toml:9:12: `category`: no category has the id \"visoin\"",
        ))
        .stderr(predicate::str::contains("1 error in"));
    mlpx().args(["check", "tests/fixtures/good"]).assert().success().stdout(predicate::str::contains("no errors"));
    mlpx().args(["check", "papers"]).assert().success();
}

#[test]
fn the_browser_refuses_to_start_without_a_terminal() {
    mlpx().assert().failure().stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn cite_bibtex_matches_hand_written_entries() {
    let cases = [
        (
            "tinybert",
            "@inproceedings{jiao2019tinybert,\n  title = {TinyBERT: Distilling BERT for Natural Language Understanding},\n  author = {Xiaoqi Jiao and Yichun Yin and Lifeng Shang and Xin Jiang and Xiao Chen and Linlin Li and Fang Wang and Qun Liu},\n  booktitle = {Findings of EMNLP 2020},\n  year = {2019},\n  eprint = {1909.10351},\n  archivePrefix = {arXiv},\n  url = {https://arxiv.org/abs/1909.10351}\n}\n",
        ),
        (
            "faster-rcnn",
            "@inproceedings{ren2015faster,\n  title = {Faster R-CNN: Towards Real-Time Object Detection with Region Proposal Networks},\n  author = {Shaoqing Ren and Kaiming He and Ross Girshick and Jian Sun},\n  booktitle = {NIPS 2015},\n  year = {2015},\n  eprint = {1506.01497},\n  archivePrefix = {arXiv},\n  url = {https://arxiv.org/abs/1506.01497}\n}\n",
        ),
        (
            "convmixer",
            "@misc{trockman2022patches,\n  title = {Patches Are All You Need?},\n  author = {Asher Trockman and J. Zico Kolter},\n  year = {2022},\n  eprint = {2201.09792},\n  archivePrefix = {arXiv},\n  url = {https://arxiv.org/abs/2201.09792}\n}\n",
        ),
    ];
    for (id, expected) in cases {
        mlpx().args(["cite", id]).assert().success().stdout(expected);
    }
}

#[test]
fn cite_text_and_markdown() {
    mlpx()
        .args(["cite", "transformer", "--format", "text"])
        .assert()
        .success()
        .stdout("Vaswani et al. (2017). Attention Is All You Need. NIPS 2017. arXiv:1706.03762.\n");
    mlpx()
        .args(["cite", "sentence-bert", "--format", "markdown"])
        .assert()
        .success()
        .stdout("[Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks](https://arxiv.org/abs/1908.10084) (Reimers and Gurevych, 2019)\n");
    mlpx().args(["cite", "nope"]).assert().code(2);
}

#[test]
fn show_lists_related_papers_and_backlinks() {
    mlpx()
        .args(["show", "fast-rcnn"])
        .assert()
        .success()
        .stdout(predicate::str::contains("- **Related:** R-CNN (2013, `rcnn`), Faster R-CNN (2015, `faster-rcnn`)"));
    mlpx()
        .args(["show", "rcnn"])
        .assert()
        .success()
        .stdout(predicate::str::contains("- **Referenced by:** Faster R-CNN (2015, `faster-rcnn`)"));
}

#[test]
fn a_user_catalog_adds_and_replaces_papers() {
    let out = mlpx()
        .args(["--catalog", "tests/fixtures/user/adds", "--catalog", "tests/fixtures/user/replaces"])
        .args(["search", "own detector"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("my-paper"));
    mlpx()
        .args(["--catalog", "tests/fixtures/user/replaces", "show", "bert"])
        .assert()
        .success()
        .stdout(predicate::str::contains("# BERT (my notes)").and(predicate::str::contains("Notes to self.")));
}

#[test]
fn a_broken_user_file_is_skipped_and_the_rest_stays() {
    mlpx()
        .args(["--catalog", "tests/fixtures/user/broken", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("my-fine-paper").and(predicate::str::contains("faster-rcnn")))
        .stderr("mlpx: 1 file of your catalog skipped (mlpx check DIR says why)\n");
}

#[test]
fn check_reads_a_user_folder_over_the_built_in_catalog() {
    mlpx().args(["check", "tests/fixtures/user/adds"]).assert().success();
    mlpx().args(["check", "tests/fixtures/user/broken"]).assert().code(1).stdout(
        "tests/fixtures/user/broken/broken.toml:8:12: `category`: no category has the id \"lm-encodres\" \
         (did you mean \"lm-encoders\"?)\n",
    );
}

#[test]
fn new_writes_a_template_that_check_explains() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("papers");
    mlpx()
        .args(["new", "my-detector", "--category", "rcnn-family", "--dir"])
        .arg(&target)
        .assert()
        .success()
        .stdout(format!("{}\n", target.join("my-detector.toml").display()));
    let text = std::fs::read_to_string(target.join("my-detector.toml")).unwrap();
    assert!(text.contains("id = \"my-detector\"") && text.contains("category = \"rcnn-family\""), "{text}");
    // Unfilled, it names each field to fill, by line.
    let out = mlpx().arg("check").arg(&target).assert().code(1);
    let report = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(report.contains("my-detector.toml:5:9: `title`: must not be empty"), "{report}");
    // A second time, nothing is overwritten.
    mlpx().args(["new", "my-detector", "--category", "rcnn-family", "--dir"]).arg(&target).assert().code(1);
    mlpx()
        .args(["new", "My Detector", "--category", "rcnn-family", "--dir"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not an id"));
    mlpx()
        .args(["new", "x", "--category", "rcnn-famly", "--dir"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean rcnn-family"));
}

#[test]
fn completions_and_the_manual_page() {
    mlpx().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("_mlpx()"));
    mlpx().args(["completions", "zsh"]).assert().success().stdout(predicate::str::contains("#compdef mlpx"));
    mlpx().arg("man").assert().success().stdout(predicate::str::contains(".TH mlpx 1"));
}

#[test]
fn color_can_be_forced_on_or_off() {
    mlpx().args(["--color", "always", "list"]).assert().success().stdout(predicate::str::contains("\u{1b}["));
    mlpx()
        .args(["--color", "never", "search", "bert"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}").not());
}

/// Nothing a terminal would act on: escape sequences, bells, NULs, bidirectional overrides.
fn is_inert(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

#[test]
fn hostile_text_is_refused_and_never_echoed() {
    let out = mlpx().args(["check", "tests/fixtures/hostile"]).assert().code(1);
    let (stdout, stderr) = (
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        String::from_utf8(out.get_output().stderr.clone()).unwrap(),
    );
    assert!(is_inert(&stdout) && is_inert(&stderr), "{stdout:?} {stderr:?}");
    // One error per hostile field: clear screen, cursor moves, OSC 52, OSC 8, BEL, NUL, bidi.
    assert_eq!(stdout.lines().count(), 10, "{stdout}");
    assert!(stdout.contains("osc52-alias.toml:11:12: `aliases`: contains the control character U+001B"));
    assert!(stdout.contains("bidi-title.toml:2:9: `title`: contains the invisible bidirectional control U+202E"));
    // Laid over the built-in catalog, the hostile files are skipped and nothing leaks out.
    let out = mlpx().args(["--catalog", "tests/fixtures/hostile", "list"]).assert().success();
    let listed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let warned = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(is_inert(&listed) && is_inert(&warned), "{warned:?}");
    assert!(warned.contains("files of your catalog skipped"), "{warned}");
}
