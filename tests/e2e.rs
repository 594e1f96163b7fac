//! The real binary in a pseudo-terminal, read back through a terminal emulator: what a person
//! would see after typing. These tests also check that the terminal is given back as it was.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use mlpx::catalog::StepTarget;
use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for a screen or an exit before it fails; generous for a loaded machine.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How often a waiting test looks again.
const POLL: Duration = Duration::from_millis(10);

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Feeds the screen until the terminal closes; joined to read the last output after exit.
    reader: Option<thread::JoinHandle<()>>,
    _data: Option<tempfile::TempDir>,
}

impl Session {
    /// A session with a shelf of its own, away from the user's, removed afterwards.
    fn start(cols: u16, rows: u16) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let mut session = Self::start_with_data(cols, rows, data.path());
        session._data = Some(data);
        session
    }

    fn start_with_data(cols: u16, rows: u16, data_dir: &std::path::Path) -> Self {
        Self::start_with_env(cols, rows, data_dir, &[])
    }

    fn start_with_env(cols: u16, rows: u16, data_dir: &std::path::Path, env: &[(&str, &str)]) -> Self {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open a pty");
        let mut cmd = mlpx_command(data_dir);
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn mlpx");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let sink = Arc::clone(&screen);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Self { master: pair.master, writer, child, screen, reader: Some(reader), _data: None }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn send(&mut self, bytes: &str) {
        let before = (bytes == "\x1b").then(|| self.contents());
        self.writer.write_all(bytes.as_bytes()).expect("write to pty");
        self.writer.flush().unwrap();
        // A lone Esc is told apart from the start of an escape sequence only when nothing follows
        // it at once: wait until it has been acted on before anything else is typed.
        if let Some(before) = before {
            self.wait_for_change(&before);
        }
    }

    /// Waits until the screen differs from `before`; fails with the screen as it is.
    fn wait_for_change(&self, before: &str) -> String {
        self.wait_until(|screen| screen != before, "any change")
    }

    /// Waits until every key sent so far has been handled and drawn: `?` opens the help and
    /// closes it again, and keys are handled in order, so once the help has come and gone the
    /// screen shows the state after the earlier keys.
    fn settle(&mut self) -> String {
        self.send("?");
        self.wait_for("╭ Keys ");
        self.send("?");
        self.wait_until(|screen| !screen.contains("╭ Keys "), "the help closed")
    }

    /// Waits until the screen shows `needle`; fails with the screen as it is.
    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(|screen| screen.contains(needle), needle)
    }

    fn wait_until(&self, done: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let contents = self.contents();
            if done(&contents) {
                return contents;
            }
            assert!(start.elapsed() < TIMEOUT, "never saw {what:?}; the screen was:\n{contents}");
            thread::sleep(POLL);
        }
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().screen_mut().set_size(rows, cols);
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
    }

    /// Quits with `q` and checks the terminal is handed back: main screen, cursor shown, mouse
    /// reporting off, line editing and echo on.
    fn quit_and_check_restored(mut self) {
        self.send("q");
        self.check_restored();
    }

    /// Waits for the process to end on its own, successfully, with the terminal handed back.
    fn check_restored(self) {
        let status = self.check_restored_after_exit();
        assert!(status.success(), "{status:?}");
    }

    /// Waits for the process to end, checks the terminal is handed back, and says how it ended.
    fn check_restored_after_exit(mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "mlpx did not quit:\n{}", self.contents());
            thread::sleep(POLL);
        };
        // The reader ends once the last of mlpx's output, the restoring sequences, is read.
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "cursor visible again");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting off");
        if let Some(termios) = self.master.get_termios() {
            assert!(termios.local_flags.contains(LocalFlags::ICANON | LocalFlags::ECHO), "cooked mode again");
        }
        drop(parser);
        status
    }
}

/// mlpx with its shelf and config in `data_dir`, away from the user's.
fn mlpx_command(data_dir: &std::path::Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mlpx"));
    isolate(&mut cmd, data_dir);
    cmd
}

fn isolate(cmd: &mut CommandBuilder, data_dir: &std::path::Path) {
    cmd.env("TERM", "xterm-256color");
    cmd.env("MLPX_DATA_DIR", data_dir);
    cmd.env("XDG_CONFIG_HOME", data_dir.join("config"));
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn a_misspelt_search_reads_tinybert_and_its_numbers() {
    let mut mlpx = Session::start(100, 30);
    mlpx.wait_for("Library");
    mlpx.send("/tinybrt");
    let screen = mlpx.wait_for("/ tinybrt ");
    assert!(screen.contains("TinyBERT 2019"), "{screen}");
    mlpx.send("\r");
    mlpx.wait_for("TinyBERT: Distilling BERT");
    // Page down until the results section, with its headline numbers, is on screen.
    for _ in 0..15 {
        let screen = mlpx.contents();
        if screen.contains("96.8%") {
            break;
        }
        mlpx.send(" ");
        mlpx.wait_for_change(&screen);
    }
    let screen = mlpx.wait_for("96.8%");
    assert!(screen.contains("9.4x") || screen.contains("9.4×") || screen.contains("9.4 times"), "{screen}");
    mlpx.quit_and_check_restored();
}

#[test]
fn the_line_of_work_around_faster_rcnn_is_in_the_reader() {
    let mut mlpx = Session::start(120, 40);
    mlpx.wait_for("Library");
    mlpx.send("/faster rcnn");
    mlpx.wait_for("/ faster rcnn ");
    mlpx.send("\r");
    let screen = mlpx.wait_for("Line of work: R-CNN (2013)");
    assert!(screen.contains("Fast R-CNN (2015)"), "{screen}");
    assert!(screen.contains("Focal Loss (2017)"), "{screen}");
    mlpx.quit_and_check_restored();
}

#[test]
fn the_layout_follows_live_resizes() {
    let mut mlpx = Session::start(100, 30);
    mlpx.wait_for("Library");
    mlpx.resize(50, 12);
    mlpx.wait_for("Terminal too small");
    mlpx.resize(80, 24);
    mlpx.wait_for("Library");
    mlpx.send("j");
    mlpx.quit_and_check_restored();
}

#[test]
fn following_two_links_and_going_back_twice_returns_to_the_same_place() {
    let mut mlpx = Session::start(110, 32);
    mlpx.wait_for("Library");
    mlpx.send("/faster rcnn");
    mlpx.wait_for("/ faster rcnn ");
    mlpx.send("\r");
    mlpx.wait_for("Line of work: R-CNN");
    // Scroll into the explanation and remember what is on screen.
    mlpx.send("     ");
    mlpx.send("jjj");
    let before = mlpx.settle();
    assert!(!before.contains("Line of work:"), "scrolled past the header:\n{before}");
    let reader_line = |screen: &str| screen.lines().nth(5).unwrap_or_default().to_owned();
    mlpx.send("1");
    mlpx.wait_for("Faster R-CNN › R-CNN");
    mlpx.send("1");
    mlpx.wait_for("Faster R-CNN › R-CNN › Fast R-CNN");
    mlpx.send("[");
    mlpx.wait_for("╭ Faster R-CNN › R-CNN ─");
    mlpx.send("[");
    let after = mlpx.wait_for("╭ Faster R-CNN ─");
    assert_eq!(reader_line(&after), reader_line(&before), "same scroll position:\n{before}\n---\n{after}");
    mlpx.quit_and_check_restored();
}

#[test]
fn a_bookmark_survives_a_restart_and_waits_on_the_shelf() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut mlpx = Session::start_with_data(100, 30, data.path());
    mlpx.wait_for("Library");
    mlpx.send("/swin");
    mlpx.wait_for("/ swin ");
    mlpx.send("\r");
    mlpx.wait_for("Shifted Windows");
    mlpx.send("b");
    mlpx.wait_for("bookmarked Swin");
    mlpx.quit_and_check_restored();

    let mut mlpx = Session::start_with_data(100, 30, data.path());
    mlpx.wait_for("Library");
    mlpx.send("s");
    let screen = mlpx.wait_for("Bookmarks 1");
    assert!(screen.contains("Swin Transformer 2021 ★"), "{screen}");
    mlpx.quit_and_check_restored();
    let shelf = std::fs::read_to_string(data.path().join("shelf.toml")).expect("the shelf file");
    assert!(shelf.contains("bookmarks = [\"swin\"]"), "{shelf}");
}

#[test]
fn reading_two_steps_of_a_path_shows_progress_that_survives_a_restart() {
    let catalog = mlpx::builtin::catalog();
    let index = catalog.paths().iter().position(|p| p.title == "BERT and its distillations").expect("the path");
    let steps = &catalog.paths()[index].steps;
    let total = steps.iter().filter(|s| matches!(s.target, StepTarget::Paper(_))).count();
    // The first two steps that are papers (a step may be a concept, which has no read mark).
    let papers: Vec<usize> = (0..steps.len()).filter(|&i| matches!(steps[i].target, StepTarget::Paper(_))).collect();
    let (first, second) = (papers[0], papers[1]);
    let data = tempfile::tempdir().expect("temp dir");

    let mut mlpx = Session::start_with_data(110, 34, data.path());
    mlpx.wait_for("Library");
    mlpx.send("p");
    mlpx.wait_for("Reading paths");
    mlpx.send(&"j".repeat(index));
    mlpx.send("\r");
    mlpx.wait_for(&format!("▾ BERT and its distillations 0/{total}"));
    mlpx.send(&"j".repeat(first + 1));
    mlpx.send("\r");
    mlpx.wait_for(&format!("step {} of", first + 1));
    mlpx.send("m");
    mlpx.send(&">".repeat(second - first));
    mlpx.wait_for(&format!("step {} of", second + 1));
    mlpx.send("m");
    mlpx.wait_for(&format!("BERT and its distillations 2/{total}"));
    mlpx.quit_and_check_restored();

    let mut mlpx = Session::start_with_data(110, 34, data.path());
    mlpx.wait_for("Library");
    mlpx.send("p");
    mlpx.wait_for(&format!("BERT and its distillations 2/{total}"));
    mlpx.quit_and_check_restored();
}

#[test]
fn a_note_written_in_the_editor_shows_under_the_explanation() {
    let data = tempfile::tempdir().expect("temp dir");
    // The "editor" appends a line and quits, as a person would after typing it.
    let editor = data.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\necho 'Anchors are the trick.' >> \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut mlpx = Session::start_with_env(100, 30, data.path(), &[("VISUAL", editor.to_str().unwrap())]);
    mlpx.wait_for("Library");
    mlpx.send("/faster rcnn");
    mlpx.wait_for("/ faster rcnn ");
    mlpx.send("\r");
    mlpx.wait_for("Line of work");
    mlpx.send("e");
    // Keys typed while the editor runs would go to the editor: wait until it is done.
    let note_file = data.path().join("notes/faster-rcnn.md");
    let start = Instant::now();
    while !std::fs::read_to_string(&note_file).is_ok_and(|note| note.contains("trick")) {
        assert!(start.elapsed() < TIMEOUT, "the editor never wrote the note");
        thread::sleep(Duration::from_millis(20));
    }
    mlpx.wait_for("Line of work");
    mlpx.send("G");
    let screen = mlpx.wait_for("Anchors are the trick.");
    assert!(screen.contains("Your note"), "{screen}");
    let note = std::fs::read_to_string(&note_file).expect("the note file");
    assert_eq!(note, "# My notes on Faster R-CNN\n\nAnchors are the trick.\n");
    mlpx.quit_and_check_restored();
}

#[test]
fn the_config_chooses_the_first_view_and_rebinds_keys() {
    let data = tempfile::tempdir().expect("temp dir");
    let config = data.path().join("config.toml");
    std::fs::write(&config, "start_view = \"paths\"\n[keys.anywhere]\ntoggle-bookmark = [\"B\"]\n").unwrap();
    let mut mlpx = Session::start_with_env(100, 30, data.path(), &[("MLPX_CONFIG", config.to_str().unwrap())]);
    mlpx.wait_for("Reading paths");
    mlpx.send("/swin");
    mlpx.wait_for("/ swin ");
    mlpx.send("\r");
    mlpx.wait_for("Shifted Windows");
    mlpx.send("b");
    mlpx.send("B");
    mlpx.wait_for("bookmarked Swin Transformer");
    mlpx.quit_and_check_restored();
    let shelf = std::fs::read_to_string(data.path().join("shelf.toml")).expect("the shelf");
    assert!(shelf.contains("bookmarks = [\"swin\"]"), "b no longer bookmarks, B does: {shelf}");
}

#[test]
fn a_broken_config_is_reported_and_the_defaults_used() {
    let data = tempfile::tempdir().expect("temp dir");
    let config = data.path().join("config.toml");
    std::fs::write(&config, "theme = \"dark\"\ncolour = \"red\"\n").unwrap();
    let mlpx = Session::start_with_env(140, 30, data.path(), &[("MLPX_CONFIG", config.to_str().unwrap())]);
    let screen = mlpx.wait_for("not a known field");
    assert!(screen.contains("config.toml:2:1"), "{screen}");
    assert!(screen.contains("Library"), "{screen}");
    mlpx.quit_and_check_restored();
}

#[test]
fn sigterm_and_sigint_end_mlpx_cleanly_mid_use() {
    for signal in [nix::sys::signal::Signal::SIGTERM, nix::sys::signal::Signal::SIGINT] {
        let mut mlpx = Session::start(100, 30);
        mlpx.wait_for("Library");
        mlpx.send("/bert");
        mlpx.wait_for("/ bert ");
        let pid = mlpx.child.process_id().expect("a pid");
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal).expect("signal");
        mlpx.check_restored();
    }
}

#[test]
fn a_tiny_terminal_and_a_resize_storm_do_not_break_it() {
    let mut mlpx = Session::start(20, 5);
    mlpx.wait_for("Terminal too");
    mlpx.resize(100, 30);
    mlpx.wait_for("Library");
    mlpx.send("/x");
    mlpx.wait_for("/ x ");
    mlpx.resize(20, 5);
    mlpx.wait_for("Terminal too");
    for step in 0..40u16 {
        mlpx.resize(20 + step * 3 % 90, 5 + step % 30);
    }
    mlpx.resize(100, 30);
    // The search typed before the storm is still there, drawn at the final size.
    mlpx.wait_for("/ x ");
    // Redraws for the last resizes may still come, so no key is sent that waits for a change
    // of screen: Ctrl-C quits from the search box.
    mlpx.send("\x03");
    mlpx.check_restored();
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "the panic trigger exists in debug builds only")]
fn a_panic_hands_the_terminal_back() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut mlpx = Session::start_with_env(100, 30, data.path(), &[("MLPX_PANIC_ON_KEY", "1")]);
    mlpx.wait_for("Library");
    mlpx.send("j");
    let status = mlpx.check_restored_after_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
}

/// When to close the terminal under mlpx.
#[derive(PartialEq)]
enum Moment {
    /// As soon as the screen shows the text: mid-frame.
    Drawing,
    /// Once mlpx, after showing the text, sleeps waiting for a key.
    Waiting,
}

/// Runs `cmd` in a terminal until it shows `needle`, then closes the terminal as closing its
/// window does, and says how the process ended.
fn close_the_terminal_at(cmd: CommandBuilder, needle: &str, moment: Moment) -> portable_pty::ExitStatus {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("open a pty");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (mut seen, mut buf) = (Vec::new(), [0u8; 4096]);
    while !String::from_utf8_lossy(&seen).contains(needle) {
        let n = reader.read(&mut buf).expect("read the screen");
        assert!(n > 0, "ended before showing {needle:?}");
        seen.extend_from_slice(&buf[..n]);
    }
    if moment == Moment::Waiting {
        wait_until_mlpx_sleeps(child.process_id().expect("a pid"));
    }
    drop(reader);
    drop(pair.master);
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("still running {TIMEOUT:?} after its terminal went away");
        }
        thread::sleep(POLL);
    }
}

/// Waits until the main thread of the mlpx process at or below `root` is asleep (state S in
/// /proc), which after its first frame means it waits for a key.
fn wait_until_mlpx_sleeps(root: u32) {
    let stat = |pid: &str| std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses: state, then parent pid.
    let fields =
        |stat: &str| stat.rsplit_once(") ").map(|(_, rest)| rest.split(' ').map(str::to_owned).collect::<Vec<_>>());
    let start = Instant::now();
    loop {
        let mut family = vec![root.to_string()];
        let mut found = None;
        while let Some(pid) = family.pop() {
            if stat(&pid).contains("(mlpx)") {
                found = Some(pid);
                break;
            }
            for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
                let other = entry.file_name().to_string_lossy().into_owned();
                if fields(&stat(&other)).is_some_and(|f| f.get(1) == Some(&pid)) {
                    family.push(other);
                }
            }
        }
        let asleep = found.is_some_and(|pid| {
            let main_thread = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/stat")).unwrap_or_default();
            fields(&main_thread).is_some_and(|f| f[0] == "S")
        });
        if asleep {
            return;
        }
        assert!(start.elapsed() < TIMEOUT, "mlpx never waited for a key");
        thread::sleep(POLL);
    }
}

/// The terminal closing while a frame is being drawn: writes fail, and restoring fails too;
/// mlpx must end without a crash (it once aborted, its panic hook panicking on the dead terminal).
#[test]
fn a_terminal_closed_mid_frame_ends_the_browser_without_a_crash() {
    let data = tempfile::tempdir().expect("temp dir");
    let status = close_the_terminal_at(mlpx_command(data.path()), "Search", Moment::Drawing);
    // Ended by the hang-up (1, a failed draw, or 129, the watchdog), never by a panic (101).
    assert!(status.signal().is_none(), "{status:?}");
    assert!([0, 1, 129].contains(&status.exit_code()), "{status:?}");
}

/// The terminal going away while mlpx waits for a key, with no SIGHUP to say so (as under tmux,
/// where it once spun at full CPU until killed): crossterm then reads end-of-input for ever, and
/// mlpx must notice the terminal is gone. `setsid` puts mlpx in a session of its own, which the
/// kernel's SIGHUP does not reach; `setsid -w`, itself deaf to SIGHUP, ends with mlpx's status.
#[test]
fn a_terminal_that_goes_away_without_a_sighup_ends_the_browser() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "trap '' HUP; exec setsid -w \"$0\"", env!("CARGO_BIN_EXE_mlpx")]);
    isolate(&mut cmd, data.path());
    let status = close_the_terminal_at(cmd, "Library", Moment::Waiting);
    assert!(status.signal().is_none(), "{status:?}");
    assert_eq!(status.exit_code(), 129, "the watchdog's exit, 128 + SIGHUP: {status:?}");
}
