//! Speed of what a user waits for: loading the catalog, building the index, one search per
//! keystroke, one frame. For the built-in catalog and for synthetic catalogs of 1,000, 10,000
//! and 100,000 papers. Run with `cargo bench`; the README's Performance section has the figures.

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mlpx::app::{App, Msg};
use mlpx::catalog::{Catalog, Source};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Queries typed one key at a time, as the browser searches them: a misspelt name, which
/// matches little, and two common words, which in the synthetic catalogs match half the papers.
const TYPED: [(&str, &str); 2] = [("misspelt name", "tinybrt distil"), ("common words", "vision token")];

const WORDS: [&str; 24] = [
    "attention",
    "sparse",
    "vision",
    "encoder",
    "retrieval",
    "contrastive",
    "layout",
    "document",
    "detection",
    "region",
    "pyramid",
    "diffusion",
    "adversarial",
    "residual",
    "token",
    "window",
    "distilled",
    "compact",
    "multilingual",
    "instruction",
    "embedding",
    "mask",
    "graph",
    "scaling",
];

/// A catalog of `n` made-up papers with the shape of real ones: names, aliases, four authors,
/// three concepts, related papers and a few paragraphs of explanation.
fn synthetic(n: usize) -> Vec<Source> {
    let mut sources = vec![
        source(
            "categories.toml",
            "[[category]]\nid = \"a\"\nname = \"Area A\"\ndescription = \"A\"\norder = 1\n\n\
             [[category]]\nid = \"b\"\nname = \"Area B\"\ndescription = \"B\"\norder = 2\nparent = \"a\"\n",
        ),
        source(
            "concepts.toml",
            &WORDS.iter().map(|w| format!("[[concept]]\nname = \"{w} learning\"\n\n")).collect::<String>(),
        ),
    ];
    for i in 0..n {
        let word = |k: usize| WORDS[(i * 7 + k * 5) % WORDS.len()];
        let title = format!("{}{} {}", capitalise(word(0)), capitalise(word(1)), i);
        let body = (0..6)
            .map(|p| {
                format!(
                    "## Part {p}\nThe {} model uses {} {} with a {} objective and {} data, \
                     evaluated on {} benchmarks against {} baselines.\n",
                    word(p),
                    word(p + 1),
                    word(p + 2),
                    word(p + 3),
                    word(p + 4),
                    word(p + 5),
                    word(p + 6)
                )
            })
            .collect::<String>();
        let related = if i > 0 { format!("\"p{}\"", i - 1) } else { String::new() };
        let text = format!(
            "id = \"p{i}\"\ntitle = \"{title}\"\nfull_title = \"{title}: {} {} for {}\"\n\
             authors = [\"Ada {0}\", \"Alan {1}\", \"Grace {2}\", \"Edsger {3}\"]\n\
             year = {}\nmonth = {}\nurl = \"https://example.org/p{i}\"\ncategory = \"{}\"\n\
             tags = [\"{} learning\", \"{} learning\", \"{} learning\"]\naliases = [\"P{i}\", \"{}-{i}\"]\n\
             related = [{related}]\ntldr = \"A {} approach to {} {}.\"\nbody = '''\n{body}'''\n",
            word(2),
            word(3),
            word(4),
            2000 + i % 25,
            1 + i % 12,
            if i % 2 == 0 { "a" } else { "b" },
            word(5),
            word(6),
            word(7),
            word(8),
            word(9),
            word(10),
            word(11),
        );
        sources.push(source(&format!("p{i}.toml"), &text));
    }
    sources
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn source(path: &str, text: &str) -> Source {
    Source { path: path.to_owned(), text: Cow::Owned(text.to_owned()) }
}

fn catalogs() -> Vec<(String, Vec<Source>)> {
    let mut all = vec![("built-in".to_owned(), Vec::new())];
    all.extend(SIZES.iter().map(|&n| (n.to_string(), synthetic(n))));
    all
}

fn load(sources: &[Source]) -> Catalog {
    if sources.is_empty() {
        mlpx::builtin::catalog()
    } else {
        Catalog::from_sources(sources).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(3)]))
    }
}

fn bench_load_and_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("load and index");
    group.sample_size(10);
    for (name, sources) in catalogs() {
        group.bench_with_input(BenchmarkId::new("load", &name), &sources, |b, s| b.iter(|| black_box(load(s))));
        let catalog = load(&sources);
        group.bench_with_input(BenchmarkId::new("index", &name), &catalog, |b, c| {
            b.iter(|| black_box(mlpx::builtin::index(c)))
        });
        // The text index is built by the first search; this is what the first keystroke costs.
        group.bench_with_input(BenchmarkId::new("index and first search", &name), &catalog, |b, c| {
            b.iter(|| black_box(mlpx::builtin::index(c).search("t")))
        });
    }
    group.finish();
}

fn bench_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("search per keystroke");
    group.sample_size(10);
    for (name, sources) in catalogs() {
        let catalog = load(&sources);
        let index = mlpx::builtin::index(&catalog);
        for (label, typed) in TYPED {
            let prefixes: Vec<&str> = (1..=typed.len()).map(|end| &typed[..end]).collect();
            // One iteration types the whole query; the figure per keystroke is this over its length.
            let id = BenchmarkId::new(format!("{label}, {} keys", prefixes.len()), &name);
            group.bench_with_input(id, &index, |b, index| {
                b.iter(|| {
                    for prefix in &prefixes {
                        black_box(index.search(prefix));
                    }
                })
            });
        }
    }
    group.finish();
}

fn bench_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke to frame");
    group.sample_size(10);
    for (name, sources) in catalogs() {
        let mut app = App::new(load(&sources));
        let _ = app.update(Msg::Resize(120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let mut typing = true;
        group.bench_function(BenchmarkId::new("type a letter and draw", &name), |b| {
            b.iter(|| {
                // Alternate typing and deleting so the query stays short and realistic.
                let msg = if typing { Msg::Insert('t') } else { Msg::Action(mlpx::keymap::Action::DeleteChar) };
                typing = !typing;
                let _ = app.update(msg);
                terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draw");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_load_and_index, bench_keystroke, bench_frame);
criterion_main!(benches);
