//! The catalog from scripts: `list`, `search`, `show`, `cite`, `categories`, `paths`, `path`,
//! `check`, `new`, `config`, `completions` and `man`. Output goes to any writer so tests can read
//! it; plain text for people, `--json` for programs.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use crossterm::style::Stylize;
use serde::Serialize;

use crate::catalog::{CATEGORIES_FILE, Catalog, LoadError, Paper, ReadingPath, StepTarget, is_slug};
use crate::cite;
use crate::document;
use crate::index::CategoryTree;
use crate::index::filter::Marks;
use crate::index::filter::Query;
use crate::shelf::Shelf;
use crate::suggest::closest;

#[derive(Debug, Parser)]
#[command(name = "mlpx", version, about = "Machine-learning papers, explained, in your terminal.")]
#[command(after_help = "Without a command, mlpx opens the browser. Press ? in it for the keys.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A folder of your own paper files to add to the catalog (repeatable). Papers in
    /// $XDG_CONFIG_HOME/mlpx/papers are always added.
    #[arg(long = "catalog", value_name = "DIR", global = true)]
    pub catalogs: Vec<PathBuf>,
    /// Colours in the browser and in printed output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List papers, in the order of the category tree.
    List {
        /// Only papers in this category (an id from `mlpx categories`) or below it.
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search by name, other name, concept, author, year, arXiv id or words of the explanation;
    /// best match first. Filters narrow the results: cat:vision tag:distillation year:2019
    /// year:2018..2020 is:bookmarked is:read is:unread has:arxiv has:venue.
    Search {
        /// Words and filters, in any order.
        #[arg(required = true)]
        query: Vec<String>,
        /// How many results at most.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Print a paper's explanation with its metadata.
    Show {
        /// The paper's id, as `mlpx list` prints it.
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
    /// Print a citation: a BibTeX entry, a one-line reference, or a Markdown link.
    Cite {
        id: String,
        #[arg(long, value_enum, default_value_t = CiteFormat::Bibtex)]
        format: CiteFormat,
    },
    /// List the reading paths, with how many of their papers you have read.
    Paths {
        #[arg(long)]
        json: bool,
    },
    /// Print a reading path: each step with its year and why it comes there.
    Path {
        /// The path's id, as `mlpx paths` prints it.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Write a commented template for a new paper, to fill in; it joins the catalog at once.
    New {
        /// The new paper's id: lowercase words joined by hyphens, e.g. my-detector.
        id: String,
        /// Its category id, from `mlpx categories`.
        #[arg(long)]
        category: String,
        /// Where to write it (default: $XDG_CONFIG_HOME/mlpx/papers).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Check your configuration file, or print a commented default one.
    Config {
        /// Print a config file with every setting at its default, explained.
        #[arg(long)]
        default: bool,
    },
    /// Print a shell completion script, e.g. `mlpx completions bash > ~/.local/share/bash-completion/completions/mlpx`.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `mlpx man | man -l -`.
    Man,
    /// Print the category tree with paper counts.
    Categories {
        #[arg(long)]
        json: bool,
    },
    /// Validate a folder of paper files; print every error as file:line:column.
    Check {
        /// A folder laid out like `papers/`: a categories.toml and one TOML file per paper.
        dir: PathBuf,
    },
}

/// Tables in plain output are laid out for a common terminal width.
const PLAIN_TABLE_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    Bibtex,
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Plain,
}

/// Where output goes and whether it may be coloured.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub color: bool,
}

impl Output<'_> {
    fn bold(&self, text: &str) -> String {
        if self.color { text.bold().to_string() } else { text.to_owned() }
    }

    fn dim(&self, text: &str) -> String {
        if self.color { text.dark_grey().to_string() } else { text.to_owned() }
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set (https://no-color.org).
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether output to a terminal (or not) gets colours; `no_color` is NO_COLOR being set.
    pub fn wanted(self, is_terminal: bool, no_color: bool) -> bool {
        match self {
            Self::Auto => is_terminal && !no_color,
            Self::Always => true,
            Self::Never => false,
        }
    }
}

/// NO_COLOR counts when set to anything but the empty string.
pub fn no_color_set() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

pub fn run(command: Command, catalog: &Catalog, shelf: &Shelf, output: &mut Output) -> io::Result<ExitCode> {
    match command {
        Command::List { category, json } => list(catalog, category.as_deref(), json, output),
        Command::Search { query, limit, json } => search(catalog, shelf, &query.join(" "), limit, json, output),
        Command::Show { id, format } => show(catalog, &id, format, output),
        Command::Cite { id, format } => cite_paper(catalog, &id, format, output),
        Command::Categories { json } => categories(catalog, json, output),
        Command::New { id, category, dir } => new_paper(catalog, &id, &category, dir, output),
        Command::Config { default: true } => {
            write!(output.out, "{}", crate::config::default_file())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Config { default: false } => check_config(output),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "mlpx", output.out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(output.out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Paths { json } => paths(catalog, shelf, json, output),
        Command::Path { id, json } => path(catalog, shelf, &id, json, output),
        Command::Check { dir } => check(&dir, output),
    }
}

#[derive(Serialize)]
struct PaperJson<'a> {
    id: &'a str,
    title: &'a str,
    full_title: &'a str,
    authors: &'a [String],
    year: u16,
    month: u8,
    venue: Option<&'a str>,
    arxiv: Option<&'a str>,
    url: &'a str,
    /// Category ids from the root down.
    category: Vec<&'a str>,
    tags: &'a [String],
    aliases: &'a [String],
    related: &'a [String],
    tldr: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
}

fn paper_json<'a>(catalog: &'a Catalog, paper: &'a Paper, score: Option<i64>) -> PaperJson<'a> {
    PaperJson {
        id: &paper.id,
        title: &paper.title,
        full_title: &paper.full_title,
        authors: &paper.authors,
        year: paper.year,
        month: paper.month,
        venue: paper.venue.as_deref(),
        arxiv: paper.arxiv.as_deref(),
        url: &paper.url,
        category: catalog.category_path(&paper.category).iter().map(|c| c.id.as_str()).collect(),
        tags: &paper.tags,
        aliases: &paper.aliases,
        related: &paper.related,
        tldr: &paper.tldr,
        score,
    }
}

fn write_json(output: &mut Output, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *output.out, value)?;
    writeln!(output.out)
}

fn paper_rows(output: &mut Output, papers: &[&Paper]) -> io::Result<()> {
    let id_width = papers.iter().map(|p| p.id.len()).max().unwrap_or(0);
    for paper in papers {
        writeln!(output.out, "{:<id_width$}  {}  {}", paper.id, paper.year, output.bold(&paper.title))?;
    }
    Ok(())
}

fn list(catalog: &Catalog, category: Option<&str>, json: bool, output: &mut Output) -> io::Result<ExitCode> {
    let tree = CategoryTree::new(catalog);
    let order = match category {
        None => tree.papers_in_order(),
        Some(id) => match tree.node_of_category(catalog, id) {
            Some(node) => tree.papers_under(node),
            None => {
                let ids = catalog.categories().iter().map(|c| c.id.as_str());
                return unknown(output, "category", id, &closest(id, ids, 3), "mlpx categories");
            }
        },
    };
    let papers: Vec<&Paper> = order.into_iter().map(|i| &catalog.papers()[i]).collect();
    if json {
        let items: Vec<PaperJson> = papers.iter().map(|p| paper_json(catalog, p, None)).collect();
        write_json(output, &items)?;
    } else {
        paper_rows(output, &papers)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn search(
    catalog: &Catalog,
    shelf: &Shelf,
    query: &str,
    limit: usize,
    json: bool,
    output: &mut Output,
) -> io::Result<ExitCode> {
    let parsed = match Query::parse_for(query, catalog) {
        Ok(parsed) => parsed,
        Err(error) => {
            writeln!(output.err, "mlpx: {error}")?;
            return Ok(ExitCode::from(2));
        }
    };
    let index = crate::builtin::index(catalog);
    let hits = parsed.run(&index, catalog, shelf);
    if hits.first().is_some_and(|hit| hit.mentioned_only) {
        writeln!(output.err, "mlpx: no paper named {:?} in the catalog; these mention it", parsed.words)?;
    }
    let hits = &hits[..hits.len().min(limit)];
    if json {
        let items: Vec<PaperJson> =
            hits.iter().map(|h| paper_json(catalog, &catalog.papers()[h.paper], Some(h.score))).collect();
        write_json(output, &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        writeln!(output.err, "mlpx: no paper matches {query:?}")?;
        return Ok(ExitCode::from(1));
    }
    let papers: Vec<&Paper> = hits.iter().map(|h| &catalog.papers()[h.paper]).collect();
    let id_width = papers.iter().map(|p| p.id.len()).max().unwrap_or(0);
    for (hit, paper) in hits.iter().zip(papers) {
        let why = match index.why(hit, catalog) {
            Some((field, text)) => output.dim(&format!("  ({}: {text})", field.label())),
            None => String::new(),
        };
        writeln!(output.out, "{:<id_width$}  {}  {}{why}", paper.id, paper.year, output.bold(&paper.title))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The paper with this id, or the exit code for an unknown one after suggesting near ids.
fn find_paper<'a>(catalog: &'a Catalog, id: &str, output: &mut Output) -> io::Result<Result<&'a Paper, ExitCode>> {
    if let Some(paper) = catalog.paper(id) {
        return Ok(Ok(paper));
    }
    let mut near = closest(id, catalog.papers().iter().map(|p| p.id.as_str()), 3);
    for hit in crate::builtin::index(catalog).search(id).iter().take(3) {
        let found = catalog.papers()[hit.paper].id.as_str();
        if !near.contains(&found) && near.len() < 3 {
            near.push(found);
        }
    }
    unknown(output, "paper", id, &near, "mlpx list").map(Err)
}

fn cite_paper(catalog: &Catalog, id: &str, format: CiteFormat, output: &mut Output) -> io::Result<ExitCode> {
    let paper = match find_paper(catalog, id, output)? {
        Ok(paper) => paper,
        Err(code) => return Ok(code),
    };
    let text = match format {
        CiteFormat::Bibtex => cite::bibtex(paper),
        CiteFormat::Text => cite::text(paper) + "\n",
        CiteFormat::Markdown => cite::markdown(paper) + "\n",
    };
    write!(output.out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}

fn show(catalog: &Catalog, id: &str, format: Format, output: &mut Output) -> io::Result<ExitCode> {
    let paper = match find_paper(catalog, id, output)? {
        Ok(paper) => paper,
        Err(code) => return Ok(code),
    };
    let markdown = paper_markdown(catalog, paper);
    match format {
        Format::Markdown => write!(output.out, "{markdown}")?,
        Format::Plain => {
            for line in document::markdown(&markdown, PLAIN_TABLE_WIDTH) {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                writeln!(output.out, "{}", text.trim_end())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A paper as one markdown document: metadata as a list, then the explanation.
pub fn paper_markdown(catalog: &Catalog, paper: &Paper) -> String {
    let mut md = format!("# {}\n\n*{}*\n\n", paper.title, paper.full_title);
    md += &format!("- **Authors:** {}\n", paper.authors.join(", "));
    md += &format!("- **Date:** {}\n", paper.date());
    if let Some(venue) = &paper.venue {
        md += &format!("- **Venue:** {venue}\n");
    }
    if let Some(arxiv) = &paper.arxiv {
        md += &format!("- **arXiv:** {arxiv}\n");
    }
    md += &format!("- **Link:** {}\n", paper.url);
    let path: Vec<&str> = catalog.category_path(&paper.category).iter().map(|c| c.name.as_str()).collect();
    md += &format!("- **Category:** {}\n", path.join(" > "));
    if !paper.tags.is_empty() {
        md += &format!("- **Concepts:** {}\n", paper.tags.join(", "));
    }
    if !paper.aliases.is_empty() {
        md += &format!("- **Also known as:** {}\n", paper.aliases.join(", "));
    }
    let listed = |papers: Vec<&Paper>| -> String {
        papers.iter().map(|p| format!("{} ({}, `{}`)", p.title, p.year, p.id)).collect::<Vec<_>>().join(", ")
    };
    let related: Vec<&Paper> = paper.related.iter().filter_map(|id| catalog.paper(id)).collect();
    if !related.is_empty() {
        md += &format!("- **Related:** {}\n", listed(related));
    }
    let referencing: Vec<&Paper> =
        catalog.backlinks(paper).into_iter().filter(|p| !paper.related.contains(&p.id)).collect();
    if !referencing.is_empty() {
        md += &format!("- **Referenced by:** {}\n", listed(referencing));
    }
    md += &format!("\n> {}\n\n{}\n", paper.tldr, paper.body.trim_end());
    md
}

#[derive(Serialize)]
struct CategoryJson<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    parent: Option<&'a str>,
    /// Papers in this category and all below it.
    papers: usize,
}

#[derive(Serialize)]
struct PathJson<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    papers: usize,
    read: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    steps: Vec<StepJson<'a>>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    /// "paper" or "concept".
    kind: &'static str,
    /// The paper's id or the concept's name.
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    read: bool,
    why: &'a str,
}

fn path_json<'a>(catalog: &'a Catalog, shelf: &Shelf, path: &'a ReadingPath, with_steps: bool) -> PathJson<'a> {
    let steps: Vec<StepJson> = path
        .steps
        .iter()
        .map(|step| match &step.target {
            StepTarget::Paper(id) => {
                let paper = catalog.paper(id).expect("validated step");
                let year = Some(paper.year);
                StepJson { kind: "paper", id, title: &paper.title, year, read: shelf.is_read(id), why: &step.why }
            }
            StepTarget::Concept(name) => {
                StepJson { kind: "concept", id: name, title: name, year: None, read: false, why: &step.why }
            }
        })
        .collect();
    let papers = steps.iter().filter(|s| s.kind == "paper").count();
    let read = steps.iter().filter(|s| s.read).count();
    let steps = if with_steps { steps } else { Vec::new() };
    PathJson { id: &path.id, title: &path.title, description: &path.description, papers, read, steps }
}

fn paths(catalog: &Catalog, shelf: &Shelf, json: bool, output: &mut Output) -> io::Result<ExitCode> {
    let items: Vec<PathJson> = catalog.paths().iter().map(|p| path_json(catalog, shelf, p, false)).collect();
    if json {
        write_json(output, &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let id_width = items.iter().map(|p| p.id.len()).max().unwrap_or(0);
    for item in &items {
        let done = if item.papers > 0 && item.read == item.papers { "done" } else { "" };
        let progress = format!("{:>2}/{:<2} {done:<4}", item.read, item.papers);
        writeln!(output.out, "{:<id_width$}  {progress}  {}", item.id, output.bold(item.title))?;
        let indent = id_width + progress.len() + 4;
        writeln!(output.out, "{:indent$}{}", "", output.dim(item.description))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn path(catalog: &Catalog, shelf: &Shelf, id: &str, json: bool, output: &mut Output) -> io::Result<ExitCode> {
    let Some(found) = catalog.path(id) else {
        let near = closest(id, catalog.paths().iter().map(|p| p.id.as_str()), 3);
        return unknown(output, "reading path", id, &near, "mlpx paths");
    };
    let item = path_json(catalog, shelf, found, true);
    if json {
        write_json(output, &item)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(output.out, "{}", output.bold(item.title))?;
    writeln!(output.out, "{}", item.description)?;
    writeln!(output.out, "{} of {} papers read", item.read, item.papers)?;
    for (number, step) in item.steps.iter().enumerate() {
        let year = step.year.map(|y| format!(" ({y})")).unwrap_or_default();
        let mark = if step.read { "  [read]" } else { "" };
        let name = if step.kind == "concept" { format!("concept: {}", step.title) } else { step.title.to_owned() };
        writeln!(output.out, "\n{:>2}. {}{year}{mark}", number + 1, output.bold(&name))?;
        writeln!(output.out, "    {}", step.why)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn categories(catalog: &Catalog, json: bool, output: &mut Output) -> io::Result<ExitCode> {
    let tree = CategoryTree::new(catalog);
    let everything = (0..tree.node_count()).collect();
    let nodes: Vec<(usize, usize)> = tree
        .rows(&everything)
        .into_iter()
        .filter_map(|row| match row {
            crate::index::TreeRow::Category { node, depth } => Some((node, depth)),
            crate::index::TreeRow::Paper { .. } => None,
        })
        .collect();
    if json {
        let items: Vec<CategoryJson> = nodes
            .iter()
            .map(|&(node, _)| {
                let c = &catalog.categories()[tree.category_of(node)];
                CategoryJson {
                    id: &c.id,
                    name: &c.name,
                    description: &c.description,
                    parent: c.parent.as_deref(),
                    papers: tree.paper_count(node),
                }
            })
            .collect();
        write_json(output, &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (node, depth) in nodes {
        let c = &catalog.categories()[tree.category_of(node)];
        let indent = "  ".repeat(depth);
        let count = output.dim(&format!("({})", tree.paper_count(node)));
        writeln!(output.out, "{indent}{}  {} {count}", c.id, output.bold(&c.name))?;
    }
    Ok(ExitCode::SUCCESS)
}

const TEMPLATE: &str = r#"# A paper of your own catalog. mlpx reads every .toml file in this folder at start-up;
# `mlpx check DIR` reports any mistake with its line. Lines starting with # are comments.

id = "{id}"                      # unique; lowercase words joined by hyphens
title = ""                       # the name people use, e.g. "Faster R-CNN"
full_title = ""                  # the paper's exact title
authors = [""]                   # in the paper's order
year = {year}                        # of the first public version (arXiv v1)
month = 1                        # 1 to 12
# venue = ""                     # where it was published, with the year
# arxiv = ""                     # e.g. "1506.01497", without version
url = "https://"                 # the paper's page
category = "{category}"          # `mlpx categories` lists them
tags = []                        # concepts, from the `c` view of the browser
aliases = []                     # other names and abbreviations people type
related = []                     # ids of papers it builds on or that build on it
tldr = ""                        # one sentence
body = """
## The problem

## Key ideas

## How it works

## Results

## Why it matters

## What came next
"""
"#;

fn new_paper(
    catalog: &Catalog,
    id: &str,
    category: &str,
    dir: Option<PathBuf>,
    output: &mut Output,
) -> io::Result<ExitCode> {
    if !is_slug(id) {
        writeln!(output.err, "mlpx: {id:?} is not an id: use lowercase words joined by hyphens, e.g. my-detector")?;
        return Ok(ExitCode::from(2));
    }
    if catalog.category(category).is_none() {
        let near = closest(category, catalog.categories().iter().map(|c| c.id.as_str()), 3);
        return unknown(output, "category", category, &near, "mlpx categories");
    }
    if let Some(existing) = catalog.paper(id) {
        writeln!(
            output.err,
            "note: {id:?} is a built-in paper ({}); your file will replace it once it is valid",
            existing.title
        )?;
    }
    let Some(dir) = dir.or_else(crate::paths::user_papers_dir) else {
        writeln!(output.err, "mlpx: no configuration folder on this system; pass --dir")?;
        return Ok(ExitCode::from(2));
    };
    let path = dir.join(format!("{id}.toml"));
    let year = catalog.papers().iter().map(|p| p.year).max().unwrap_or(2024);
    let text = TEMPLATE.replace("{id}", id).replace("{category}", category).replace("{year}", &year.to_string());
    std::fs::create_dir_all(&dir)?;
    // Created only if it is not there, in one step, so that no race can overwrite a paper.
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(mut file) => file.write_all(text.as_bytes())?,
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(output.err, "mlpx: {} exists already; nothing written", path.display())?;
            return Ok(ExitCode::from(1));
        }
        Err(err) => return Err(err),
    }
    writeln!(output.out, "{}", path.display())?;
    writeln!(output.err, "wrote a template; fill it in, then `mlpx check {}`", dir.display())?;
    Ok(ExitCode::SUCCESS)
}

fn check_config(output: &mut Output) -> io::Result<ExitCode> {
    let Some(path) = crate::paths::config_file() else {
        writeln!(output.err, "mlpx: no configuration folder on this system; set MLPX_CONFIG")?;
        return Ok(ExitCode::from(2));
    };
    match crate::config::Config::load(&path) {
        Ok(_) if !path.exists() => {
            writeln!(output.out, "{}: not there; mlpx uses its defaults (`mlpx config --default`)", path.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(_) => {
            writeln!(output.out, "{}: no errors", path.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for error in &errors {
                writeln!(output.out, "{error}")?;
            }
            Ok(ExitCode::from(1))
        }
    }
}

/// A folder with its own `categories.toml` is a whole catalog and is checked alone; any other
/// folder is checked as the browser reads it, laid over the built-in catalog.
fn check(dir: &std::path::Path, output: &mut Output) -> io::Result<ExitCode> {
    let result = if dir.join(CATEGORIES_FILE).is_file() {
        Catalog::load_dir(dir)
    } else {
        let layered = crate::builtin::layered(&[dir.to_path_buf()]);
        if !layered.unreadable.is_empty() {
            writeln!(output.err, "mlpx: {}", layered.unreadable.join("; "))?;
            return Ok(ExitCode::from(2));
        }
        if layered.skipped.is_empty() { Ok(layered.catalog) } else { Err(LoadError::Invalid(layered.skipped)) }
    };
    match result {
        Ok(catalog) => {
            let (papers, categories) = (catalog.papers().len(), catalog.categories().len());
            writeln!(
                output.out,
                "{}: {} in {}, no errors",
                dir.display(),
                plural(papers, "paper"),
                plural(categories, "category")
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(LoadError::Invalid(errors)) => {
            for error in &errors {
                writeln!(output.out, "{error}")?;
            }
            writeln!(
                output.err,
                "{} error{} in {}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                dir.display()
            )?;
            Ok(ExitCode::from(1))
        }
        Err(err @ LoadError::Io { .. }) => {
            writeln!(output.err, "mlpx: {err}")?;
            Ok(ExitCode::from(2))
        }
    }
}

fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        _ => format!("{count} {noun}s"),
    }
}

fn unknown(output: &mut Output, what: &str, id: &str, near: &[&str], listing: &str) -> io::Result<ExitCode> {
    write!(output.err, "mlpx: no {what} has the id {id:?}")?;
    if near.is_empty() {
        writeln!(output.err, "; `{listing}` shows them all")?;
    } else {
        writeln!(output.err, "; did you mean {}?", near.join(", "))?;
    }
    Ok(ExitCode::from(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_for_a_terminal_without_no_color_unless_asked() {
        assert!(ColorChoice::Auto.wanted(true, false));
        assert!(!ColorChoice::Auto.wanted(false, false));
        assert!(!ColorChoice::Auto.wanted(true, true));
        assert!(ColorChoice::Always.wanted(false, true));
        assert!(!ColorChoice::Never.wanted(true, false));
    }

    #[test]
    fn plurals_read_naturally() {
        assert_eq!(plural(1, "paper"), "1 paper");
        assert_eq!(plural(3, "category"), "3 categories");
        assert_eq!(plural(0, "error"), "0 errors");
    }
}
