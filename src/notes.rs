//! The reader's notes: one markdown file per paper, `notes/<id>.md` in the data directory,
//! written with the user's own editor and shown under the paper's explanation.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::catalog::terminal_safe;

#[derive(Debug, Clone)]
pub struct NotesStore {
    dir: PathBuf,
}

impl NotesStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.md"))
    }

    /// Every note there is, by paper id. Unreadable files are passed over: a note is never
    /// worth failing to start for.
    pub fn load_all(&self) -> HashMap<String, String> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return HashMap::new() };
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let path = entry.path();
                let id = path.file_stem()?.to_str()?.to_owned();
                (path.extension()? == "md").then_some(())?;
                Some((id, terminal_safe(&fs::read_to_string(&path).ok()?)))
            })
            .collect()
    }

    /// The note's text, if it has any words, without anything a terminal would act on.
    pub fn read(&self, id: &str) -> Option<String> {
        fs::read_to_string(self.path(id)).ok().filter(|text| !text.trim().is_empty()).map(|text| terminal_safe(&text))
    }

    /// The note's file, created with a heading when it does not exist yet.
    pub fn prepare(&self, id: &str, title: &str) -> io::Result<PathBuf> {
        let path = self.path(id);
        if !path.exists() {
            fs::create_dir_all(&self.dir)?;
            fs::write(&path, format!("# My notes on {title}\n\n"))?;
        }
        Ok(path)
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`: the command that edits a file, as the shell reads it.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Runs the editor on `file` through the shell, so that "code --wait" works as it does in a
/// terminal, and waits for it.
pub fn run_editor(editor: &str, file: &Path) -> io::Result<std::process::ExitStatus> {
    std::process::Command::new("sh").arg("-c").arg(format!("{editor} \"$1\"")).arg("sh").arg(file).status()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_prepared_read_back_and_listed() {
        let dir = tempfile::tempdir().unwrap();
        let store = NotesStore::new(dir.path().join("notes"));
        assert_eq!(store.read("bert"), None);
        let path = store.prepare("bert", "BERT").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "# My notes on BERT\n\n");
        fs::write(&path, "# My notes on BERT\n\nMasking 15%.\n").unwrap();
        store.prepare("bert", "BERT").unwrap();
        assert!(store.read("bert").unwrap().contains("Masking 15%."), "prepare keeps what is there");
        assert_eq!(store.load_all().len(), 1);
    }

    #[test]
    fn the_editor_runs_through_the_shell_with_its_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a note.md");
        let status = run_editor("sed -i -e '$a added'", &file.with_file_name("missing")).unwrap();
        assert!(!status.success(), "a failing editor is reported, not hidden");
        fs::write(&file, "first\n").unwrap();
        assert!(run_editor("sed -i -e '$a added'", &file).unwrap().success());
        assert_eq!(fs::read_to_string(&file).unwrap(), "first\nadded\n");
    }
}
