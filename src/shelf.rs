//! The reader's own shelf: bookmarks, read marks, recently opened papers and the last search.
//!
//! It lives in one human-readable TOML file, `shelf.toml`, in the data directory. Changes are
//! kept as a list of steps until saved; saving takes an advisory lock (`shelf.toml.lock`),
//! re-reads the file, replays the steps on what it finds and replaces the file atomically. So
//! two mlpx processes running at once each add their own steps to the other's, however their
//! saves interleave, and a crash at any moment leaves either the old file or the new one.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use fd_lock::RwLock;
use tempfile::NamedTempFile;

use serde::{Deserialize, Serialize};

use crate::index::filter::Marks;

pub const SHELF_FILE: &str = "shelf.toml";
/// Held, exclusively, by whoever is between reading the shelf and replacing it.
const LOCK_FILE: &str = "shelf.toml.lock";
/// How many recently opened papers are kept.
const RECENT_LIMIT: usize = 20;

const HEADER: &str = "\
# mlpx shelf: your bookmarks, read marks and recently opened papers, by paper id.
# mlpx rewrites this file whenever they change; edits made while mlpx is closed are kept.
";

/// What the file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShelfData {
    /// Oldest first.
    #[serde(default)]
    pub bookmarks: Vec<String>,
    #[serde(default)]
    pub read: Vec<String>,
    /// Most recent first.
    #[serde(default)]
    pub recent: Vec<String>,
    #[serde(default)]
    pub last_query: String,
}

/// One change, replayed on whatever the file holds when it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Bookmark(String, bool),
    Read(String, bool),
    Opened(String),
    Query(String),
}

impl ShelfData {
    fn apply(&mut self, step: &Step) {
        match step {
            Step::Bookmark(id, on) => set_member(&mut self.bookmarks, id, *on),
            Step::Read(id, on) => set_member(&mut self.read, id, *on),
            Step::Opened(id) => {
                self.recent.retain(|r| r != id);
                self.recent.insert(0, id.clone());
                self.recent.truncate(RECENT_LIMIT);
            }
            Step::Query(query) => self.last_query.clone_from(query),
        }
    }
}

fn set_member(list: &mut Vec<String>, id: &str, on: bool) {
    let present = list.iter().any(|x| x == id);
    if on && !present {
        list.push(id.to_owned());
    } else if !on {
        list.retain(|x| x != id);
    }
}

/// The shelf in memory, with the steps not yet saved.
#[derive(Debug, Clone, Default)]
pub struct Shelf {
    data: ShelfData,
    bookmarked: HashSet<String>,
    read: HashSet<String>,
    unsaved: Vec<Step>,
}

impl Shelf {
    pub fn new(mut data: ShelfData) -> Self {
        // The file may have been edited by hand; the saved search goes back on screen.
        data.last_query = crate::catalog::terminal_safe(&data.last_query).replace('\n', " ");
        let mut shelf = Self { data, ..Self::default() };
        shelf.reindex();
        shelf
    }

    pub fn data(&self) -> &ShelfData {
        &self.data
    }

    pub fn has_unsaved_changes(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// Bookmarks or un-bookmarks a paper; returns whether it is bookmarked now.
    pub fn toggle_bookmark(&mut self, id: &str) -> bool {
        let on = !self.is_bookmarked(id);
        self.change(Step::Bookmark(id.to_owned(), on));
        on
    }

    pub fn set_read(&mut self, id: &str, on: bool) {
        if self.is_read(id) != on {
            self.change(Step::Read(id.to_owned(), on));
        }
    }

    pub fn opened(&mut self, id: &str) {
        if self.data.recent.first().map(String::as_str) != Some(id) {
            self.change(Step::Opened(id.to_owned()));
        }
    }

    pub fn set_last_query(&mut self, query: &str) {
        if self.data.last_query != query {
            self.change(Step::Query(query.to_owned()));
        }
    }

    fn change(&mut self, step: Step) {
        self.data.apply(&step);
        self.unsaved.push(step);
        self.reindex();
    }

    fn reindex(&mut self) {
        self.bookmarked = self.data.bookmarks.iter().cloned().collect();
        self.read = self.data.read.iter().cloned().collect();
    }
}

impl Marks for Shelf {
    fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarked.contains(id)
    }

    fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }
}

/// Where the shelf is kept.
#[derive(Debug, Clone)]
pub struct ShelfStore {
    dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot save the shelf to {path}: {source}")]
pub struct SaveError {
    path: PathBuf,
    #[source]
    source: io::Error,
}

impl ShelfStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn in_data_dir() -> Option<Self> {
        crate::paths::data_dir().map(Self::new)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(SHELF_FILE)
    }

    /// Reads the shelf. A file that cannot be understood is moved aside (its name gets a
    /// timestamp) and an empty shelf is returned, with a message saying what happened.
    pub fn load(&self) -> (Shelf, Option<String>) {
        match self.read() {
            Ok(data) => (Shelf::new(data), None),
            Err(problem) => (Shelf::default(), Some(self.set_aside(&problem))),
        }
    }

    /// Reads the shelf and leaves a broken file where it is, for commands that only look.
    pub fn peek(&self) -> Result<Shelf, String> {
        self.read()
            .map(Shelf::new)
            .map_err(|problem| format!("{} could not be read ({problem})", self.path().display()))
    }

    /// Replays the unsaved steps on the file as it is now and replaces it atomically, holding the
    /// lock so that no other process saves between this one's read and its rename.
    pub fn save(&self, shelf: &mut Shelf) -> Result<Option<String>, SaveError> {
        if shelf.unsaved.is_empty() {
            return Ok(None);
        }
        let failed = |source| SaveError { path: self.path(), source };
        fs::create_dir_all(&self.dir).map_err(failed)?;
        let mut lock = RwLock::new(
            fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(self.dir.join(LOCK_FILE))
                .map_err(failed)?,
        );
        let _held = lock.write().map_err(failed)?;
        let (mut data, warning) = match self.read() {
            Ok(data) => (data, None),
            Err(problem) => (ShelfData::default(), Some(self.set_aside(&problem))),
        };
        for step in &shelf.unsaved {
            data.apply(step);
        }
        let written = self.write_temporary(&data).map_err(failed)?;
        written.persist(self.path()).map_err(|err| failed(err.error))?;
        sync_dir(&self.dir);
        shelf.data = data;
        shelf.unsaved.clear();
        shelf.reindex();
        Ok(warning)
    }

    fn read(&self) -> Result<ShelfData, String> {
        let text = match fs::read_to_string(self.path()) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(ShelfData::default()),
            Err(err) => return Err(err.to_string()),
        };
        toml::from_str(&text).map_err(|err| {
            let line = err.span().map(|span| text[..span.start].lines().count().max(1));
            let message = err.message().to_owned();
            line.map_or(message.clone(), |line| format!("line {line}: {message}"))
        })
    }

    /// Moves a broken shelf aside under a name no other set-aside file has, even one made in
    /// the same second: the time, then a unique suffix from a file created for the purpose.
    fn set_aside(&self, problem: &str) -> String {
        let stamp = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let moved = tempfile::Builder::new()
            .prefix(&format!("{SHELF_FILE}.corrupt-{stamp}-"))
            .rand_bytes(6)
            .tempfile_in(&self.dir)
            .and_then(|placeholder| placeholder.into_temp_path().keep().map_err(|err| err.error))
            .and_then(|aside| fs::rename(self.path(), &aside).map(|()| aside));
        match moved {
            Ok(aside) => format!(
                "{} could not be read ({problem}); it was moved to {} and the shelf starts empty",
                self.path().display(),
                aside.display()
            ),
            Err(err) => format!("{} could not be read ({problem}) nor moved aside ({err})", self.path().display()),
        }
    }

    /// Writes the new shelf to a temporary file beside it and flushes it to disk; persisting it
    /// then renames it over the shelf, which is atomic, so a reader sees the old file or the new
    /// one, never half. A crash before the rename leaves only the temporary file.
    fn write_temporary(&self, data: &ShelfData) -> io::Result<NamedTempFile> {
        let body = toml::to_string_pretty(data).map_err(io::Error::other)?;
        let mut file =
            tempfile::Builder::new().prefix(&format!(".{SHELF_FILE}.")).suffix(".tmp").tempfile_in(&self.dir)?;
        file.write_all(HEADER.as_bytes())?;
        file.write_all(b"\n")?;
        file.write_all(body.as_bytes())?;
        file.as_file().sync_all()?;
        Ok(file)
    }
}

/// Makes the rename itself durable; not every platform can open a directory, so failures pass.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, ShelfStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = ShelfStore::new(dir.path().join("mlpx"));
        (dir, store)
    }

    #[test]
    fn a_shelf_survives_a_round_trip() {
        let (_dir, store) = store();
        let (mut shelf, warning) = store.load();
        assert_eq!(warning, None);
        assert!(shelf.toggle_bookmark("bert"));
        shelf.set_read("rcnn", true);
        shelf.opened("bert");
        shelf.opened("tinybert");
        shelf.set_last_query("year:2019 distil");
        store.save(&mut shelf).expect("saved");
        assert!(!shelf.has_unsaved_changes());
        let (again, _) = store.load();
        assert_eq!(again.data(), shelf.data());
        assert_eq!(again.data().recent, ["tinybert", "bert"]);
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.starts_with("# mlpx shelf"), "{text}");
        assert!(text.contains("bookmarks = [\"bert\"]"), "{text}");
    }

    #[test]
    fn two_processes_do_not_erase_each_other() {
        let (_dir, store) = store();
        let (mut first, _) = store.load();
        let (mut second, _) = store.load();
        first.toggle_bookmark("bert");
        store.save(&mut first).unwrap();
        second.toggle_bookmark("vit");
        second.set_read("bert", true);
        store.save(&mut second).unwrap();
        // The first takes its bookmark back; the second's changes stay.
        first.toggle_bookmark("bert");
        store.save(&mut first).unwrap();
        let (shelf, _) = store.load();
        assert_eq!(shelf.data().bookmarks, ["vit"]);
        assert_eq!(shelf.data().read, ["bert"]);
        assert_eq!(first.data(), shelf.data(), "saving brings in the other process's changes");
    }

    #[test]
    fn a_corrupt_shelf_is_set_aside_and_mlpx_goes_on() {
        let (_dir, store) = store();
        fs::create_dir_all(&store.dir).unwrap();
        fs::write(store.path(), "bookmarks = [\"bert\"]\nread = 3\n").unwrap();
        let (shelf, warning) = store.load();
        let warning = warning.expect("a message");
        assert!(warning.contains("line 2"), "{warning}");
        assert!(warning.contains("moved to"), "{warning}");
        assert!(shelf.data().bookmarks.is_empty());
        assert!(!store.path().exists());
        let aside: Vec<_> = fs::read_dir(&store.dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(aside.len(), 1);
        let kept = fs::read_to_string(store.dir.join(&aside[0])).unwrap();
        assert!(kept.contains("read = 3"), "the broken file is kept for its owner");
    }

    #[test]
    fn a_crash_before_the_rename_loses_nothing() {
        let (_dir, store) = store();
        let (mut shelf, _) = store.load();
        shelf.toggle_bookmark("bert");
        store.save(&mut shelf).unwrap();
        // The next save gets as far as its temporary file, then the process dies: nothing
        // runs after that, so the file stays behind, written in full but never renamed.
        let mut next = ShelfData::default();
        next.bookmarks.push("vit".into());
        let left_behind = store.write_temporary(&next).unwrap().into_temp_path().keep().unwrap();
        assert!(left_behind.exists());
        let (after, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(after.data().bookmarks, ["bert"], "the old shelf, whole");
        // The next run saves as usual beside the leftover.
        let (mut again, _) = store.load();
        again.set_read("bert", true);
        store.save(&mut again).unwrap();
        assert_eq!(store.load().0.data().read, ["bert"]);
    }

    #[test]
    fn two_shelves_set_aside_in_the_same_second_keep_their_own_names() {
        let (_dir, store) = store();
        fs::create_dir_all(&store.dir).unwrap();
        for broken in ["read = 1\n", "read = 2\n"] {
            fs::write(store.path(), broken).unwrap();
            assert!(store.load().1.expect("a message").contains("moved to"));
        }
        let mut kept: Vec<String> = fs::read_dir(&store.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".corrupt-"))
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        kept.sort();
        assert_eq!(kept, ["read = 1\n", "read = 2\n"], "neither overwrote the other");
    }

    /// Set by `two_real_processes_saving_at_once_lose_no_mark` for the copies of this test
    /// binary it starts: the shelf's folder, and the prefix of the marks to add.
    const WRITER: &str = "MLPX_TEST_SHELF_WRITER";
    const MARKS_PER_WRITER: usize = 60;

    #[test]
    fn shelf_writer() {
        // Does nothing unless started as a writer by the test below.
        let Some(job) = std::env::var_os(WRITER) else { return };
        let job = job.to_string_lossy().into_owned();
        let (dir, prefix) = job.split_once('|').expect("dir|prefix");
        let store = ShelfStore::new(dir);
        let (mut shelf, _) = store.load();
        for n in 0..MARKS_PER_WRITER {
            shelf.toggle_bookmark(&format!("{prefix}-{n}"));
            store.save(&mut shelf).expect("saved");
        }
    }

    #[test]
    fn two_real_processes_saving_at_once_lose_no_mark() {
        let (_dir, store) = store();
        let writers: Vec<std::process::Child> = ["a", "b"]
            .iter()
            .map(|prefix| {
                std::process::Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", "shelf::tests::shelf_writer", "--quiet"])
                    .env(WRITER, format!("{}|{prefix}", store.dir.display()))
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .expect("start a writer")
            })
            .collect();
        for mut writer in writers {
            assert!(writer.wait().unwrap().success());
        }
        let bookmarks = store.load().0.data().bookmarks.clone();
        assert_eq!(bookmarks.len(), 2 * MARKS_PER_WRITER, "every mark of both writers is kept: {bookmarks:?}");
    }

    #[test]
    fn nothing_unsaved_writes_nothing() {
        let (_dir, store) = store();
        let (mut shelf, _) = store.load();
        shelf.set_read("bert", false);
        shelf.set_last_query("");
        assert!(!shelf.has_unsaved_changes());
        store.save(&mut shelf).unwrap();
        assert!(!store.path().exists());
    }
}
