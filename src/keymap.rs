//! Every key binding, in one table. Dispatch, the footer hints and the `?` help overlay all
//! read this table, so what the help says is what the keys do.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies: the focused pane, or the help overlay when it is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Global,
    Search,
    List,
    Reader,
    /// A list to choose from: the page's links, its outline, what to copy.
    Picker,
    /// Typing a word to find in the page.
    Find,
    Help,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Global,
        Context::Search,
        Context::List,
        Context::Reader,
        Context::Picker,
        Context::Find,
        Context::Help,
    ];

    /// The name of its section in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "anywhere",
            Self::Search => "search",
            Self::List => "list",
            Self::Reader => "reader",
            Self::Picker => "menu",
            Self::Find => "find",
            Self::Help => "help",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Anywhere",
            Self::Search => "Search box",
            Self::List => "Library and results",
            Self::Reader => "Reader",
            Self::Picker => "Links, outline and copy menus",
            Self::Find => "Find in page",
            Self::Help => "This help",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    FocusNext,
    FocusPrev,
    FocusSearch,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Expand,
    Collapse,
    Open,
    Back,
    DeleteChar,
    DeleteWord,
    ClearQuery,
    Links,
    FollowNumbered,
    Outline,
    HistoryBack,
    HistoryForward,
    FindInPage,
    NextMatch,
    PreviousMatch,
    OpenInBrowser,
    CopyMenu,
    ToggleConcepts,
    ToggleShelf,
    ToggleTimeline,
    TogglePaths,
    NextStep,
    PreviousStep,
    ToggleBookmark,
    EditNote,
    ToggleRead,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

pub struct Binding {
    pub context: Context,
    /// The keys unless the user's config rebinds the action.
    pub defaults: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// Shown in the footer of its context, not only in the help.
    pub in_footer: bool,
}

const fn ch(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::NONE }
}

const fn code(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    in_footer: bool,
) -> Binding {
    Binding { context, defaults: keys, action, description, in_footer }
}

use Action as A;
use Context as C;

const DIGITS: [Key; 9] = [ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')];

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The list: the category tree, or search results while a query is typed.
    bind(C::List, &[ch('j'), code(KeyCode::Down)], A::Down, "down", true),
    bind(C::List, &[ch('k'), code(KeyCode::Up)], A::Up, "up", true),
    bind(C::List, &[ch('l'), code(KeyCode::Right)], A::Expand, "expand/read", true),
    bind(C::List, &[ch('h'), code(KeyCode::Left)], A::Collapse, "collapse", true),
    bind(C::List, &[code(KeyCode::Enter)], A::Open, "read", true),
    bind(C::List, &[ch('g'), code(KeyCode::Home)], A::Top, "first row", false),
    bind(C::List, &[ch('G'), code(KeyCode::End)], A::Bottom, "last row", false),
    bind(C::List, &[code(KeyCode::PageDown), ctrl('d')], A::PageDown, "page down", false),
    bind(C::List, &[code(KeyCode::PageUp), ctrl('u')], A::PageUp, "page up", false),
    bind(C::List, &[ch('c')], A::ToggleConcepts, "concepts / library", true),
    bind(C::List, &[ch('s')], A::ToggleShelf, "shelf / library", true),
    bind(C::List, &[ch('p')], A::TogglePaths, "reading paths / library", true),
    bind(C::List, &[ch('T')], A::ToggleTimeline, "timeline / library", false),
    bind(C::List, &[code(KeyCode::Esc)], A::Back, "clear the search, back to the tree", false),
    // The reader.
    bind(C::Reader, &[ch('j'), code(KeyCode::Down)], A::Down, "down", true),
    bind(C::Reader, &[ch('k'), code(KeyCode::Up)], A::Up, "up", true),
    bind(C::Reader, &[ch(' '), code(KeyCode::PageDown)], A::PageDown, "page", true),
    bind(C::Reader, &[code(KeyCode::PageUp)], A::PageUp, "page up", false),
    bind(C::Reader, &[ctrl('d')], A::HalfPageDown, "half a page down", false),
    bind(C::Reader, &[ctrl('u')], A::HalfPageUp, "half a page up", false),
    bind(C::Reader, &[ch('g'), code(KeyCode::Home)], A::Top, "top", false),
    bind(C::Reader, &[ch('G'), code(KeyCode::End)], A::Bottom, "end", false),
    bind(C::Reader, &[code(KeyCode::Enter)], A::Links, "links", true),
    bind(C::Reader, &DIGITS, A::FollowNumbered, "follow link 1-9", false),
    bind(C::Reader, &[ch('t')], A::Outline, "outline", true),
    bind(C::Reader, &[ch('/'), ctrl('f')], A::FindInPage, "find in page", true),
    bind(C::Reader, &[ch('n')], A::NextMatch, "next match", false),
    bind(C::Reader, &[ch('N')], A::PreviousMatch, "previous match", false),
    bind(C::Reader, &[ch('o')], A::OpenInBrowser, "open the paper in the browser", false),
    bind(C::Reader, &[ch('y')], A::CopyMenu, "copy link, BibTeX or citation", false),
    bind(C::Reader, &[code(KeyCode::Esc), ch('h'), code(KeyCode::Left)], A::Back, "back", true),
    // The search box: letters type; these keys act.
    bind(C::Search, &[code(KeyCode::Enter)], A::Open, "read", true),
    bind(C::Search, &[code(KeyCode::Down), ctrl('n')], A::Down, "next", true),
    bind(C::Search, &[code(KeyCode::Up), ctrl('p')], A::Up, "previous; in an empty box, the last search", false),
    bind(C::Search, &[code(KeyCode::Esc)], A::Back, "leave search", true),
    bind(C::Search, &[code(KeyCode::Backspace)], A::DeleteChar, "delete a character", false),
    bind(C::Search, &[ctrl('w')], A::DeleteWord, "delete a word", false),
    bind(C::Search, &[ctrl('u')], A::ClearQuery, "clear the query", false),
    // A list to choose from: the page's links, its outline, what to copy.
    bind(C::Picker, &[ch('j'), code(KeyCode::Down)], A::Down, "down", true),
    bind(C::Picker, &[ch('k'), code(KeyCode::Up)], A::Up, "up", true),
    bind(C::Picker, &[code(KeyCode::Enter)], A::Open, "choose", true),
    bind(C::Picker, &[code(KeyCode::Esc), ch('q')], A::Back, "close", true),
    bind(C::Picker, &[ctrl('c')], A::Quit, "quit", false),
    // Typing a word to find in the page: letters type; these keys act.
    bind(C::Find, &[code(KeyCode::Enter)], A::Open, "keep the matches", true),
    bind(C::Find, &[code(KeyCode::Esc)], A::Back, "cancel", true),
    bind(C::Find, &[code(KeyCode::Backspace)], A::DeleteChar, "delete a character", false),
    bind(C::Find, &[ctrl('c')], A::Quit, "quit", false),
    // Anywhere.
    bind(C::Global, &[ch('/')], A::FocusSearch, "search", true),
    bind(C::Global, &[code(KeyCode::Tab)], A::FocusNext, "next pane", true),
    bind(C::Global, &[code(KeyCode::BackTab)], A::FocusPrev, "previous pane", false),
    bind(C::Global, &[code(KeyCode::Backspace), ch('['), alt(KeyCode::Left)], A::HistoryBack, "back in history", false),
    bind(C::Global, &[ch(']'), alt(KeyCode::Right)], A::HistoryForward, "forward in history", false),
    bind(C::Global, &[ch('>')], A::NextStep, "next step of the reading path", false),
    bind(C::Global, &[ch('<')], A::PreviousStep, "previous step of the reading path", false),
    bind(C::Global, &[ch('b')], A::ToggleBookmark, "bookmark", false),
    bind(C::Global, &[ch('n'), ch('e')], A::EditNote, "write a note on the paper in $EDITOR", false),
    bind(C::Global, &[ch('m')], A::ToggleRead, "mark read/unread", false),
    bind(C::Global, &[ch('?')], A::ToggleHelp, "help", true),
    bind(C::Global, &[ch('q'), ctrl('c')], A::Quit, "quit", true),
    // The help overlay takes every key while it is open.
    bind(C::Help, &[ch('j'), code(KeyCode::Down)], A::Down, "down", true),
    bind(C::Help, &[ch('k'), code(KeyCode::Up)], A::Up, "up", true),
    bind(C::Help, &[code(KeyCode::Esc), ch('?'), ch('q')], A::ToggleHelp, "close help", true),
    bind(C::Help, &[ctrl('c')], A::Quit, "quit", false),
];

/// Keys the user's config puts in place of the defaults of an action in a context.
pub type Overrides = Vec<(Context, Action, Vec<Key>)>;

static OVERRIDES: OnceLock<Overrides> = OnceLock::new();

/// Rebinds actions for this process, before the first key; later calls change nothing.
pub fn use_overrides(overrides: Overrides) {
    let _ = OVERRIDES.set(overrides);
}

fn overrides() -> &'static [(Context, Action, Vec<Key>)] {
    OVERRIDES.get().map_or(&[], Vec::as_slice)
}

impl Action {
    /// The name the config file uses: `ToggleBookmark` is "toggle-bookmark".
    pub fn name(self) -> String {
        let mut name = String::new();
        for c in format!("{self:?}").chars() {
            if c.is_uppercase() && !name.is_empty() {
                name.push('-');
            }
            name.extend(c.to_lowercase());
        }
        name
    }
}

impl Key {
    /// Reads a key as the config writes it: "b", "G", "ctrl-d", "alt-left", "enter", "f5".
    pub fn parse(text: &str) -> Option<Key> {
        // The prefix is matched without case on the text itself, not on its lower case: a
        // character whose lower case is longer ("İ") would shift every byte offset after it.
        let prefixed = |prefix: &str| {
            text.get(..prefix.len())
                .filter(|head| head.eq_ignore_ascii_case(prefix))
                .map(|_| &text[prefix.len()..])
                .filter(|rest| !rest.is_empty())
        };
        let (modifiers, original) = if let Some(rest) = prefixed("ctrl-") {
            (KeyModifiers::CONTROL, rest)
        } else if let Some(rest) = prefixed("alt-") {
            (KeyModifiers::ALT, rest)
        } else {
            (KeyModifiers::NONE, text)
        };
        let name = original.to_lowercase();
        let code = match name.as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
            _ => {
                // A single character keeps its case: "G" is not "g".
                let mut chars = original.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                let c = if modifiers == KeyModifiers::NONE { c } else { c.to_ascii_lowercase() };
                KeyCode::Char(c)
            }
        };
        Some(Key { code, modifiers })
    }

    fn matches(self, event: &KeyEvent) -> bool {
        // Shift is part of the character itself ('G', '?'), so it is ignored for characters.
        let ignored = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        self.code == event.code && (event.modifiers - ignored) == self.modifiers
    }

    fn is_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.modifiers == KeyModifiers::NONE
    }

    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{name}")
        } else {
            name
        }
    }
}

impl Binding {
    /// The keys of this binding that actually reach it in `context`: in the search box and the
    /// find prompt, plain characters type text rather than trigger global bindings, and a key
    /// the context binds itself shadows the global binding of the same key.
    pub fn keys_in(&self, context: Context) -> impl Iterator<Item = Key> + '_ {
        keys_in_with(self, context, overrides()).into_iter()
    }

    /// The first key that works in `context`, for the footer's short hints.
    pub fn first_label_in(&self, context: Context) -> String {
        self.keys_in(context).next().map(Key::label).unwrap_or_default()
    }

    pub fn label_in(&self, context: Context) -> String {
        if self.action == Action::FollowNumbered {
            return "1-9".to_owned();
        }
        self.keys_in(context).map(Key::label).collect::<Vec<_>>().join("/")
    }
}

fn keys_with<'a>(binding: &'a Binding, overrides: &'a [(Context, Action, Vec<Key>)]) -> &'a [Key] {
    overrides
        .iter()
        .find(|(context, action, _)| *context == binding.context && *action == binding.action)
        .map_or(binding.defaults, |(_, _, keys)| keys)
}

fn keys_in_with(binding: &Binding, context: Context, overrides: &[(Context, Action, Vec<Key>)]) -> Vec<Key> {
    let global_here = binding.context == Context::Global && context != Context::Global;
    let typing = global_here && matches!(context, Context::Search | Context::Find);
    keys_with(binding, overrides)
        .iter()
        .copied()
        .filter(|key| {
            let shadowed =
                global_here && BINDINGS.iter().any(|b| b.context == context && keys_with(b, overrides).contains(key));
            !(shadowed || typing && key.is_text())
        })
        .collect()
}

const CONTEXTS: [Context; 6] =
    [Context::Search, Context::List, Context::Reader, Context::Picker, Context::Find, Context::Help];

/// Where `overrides` would bind one key to two actions of one context: one line per clash.
pub fn clashes(overrides: &[(Context, Action, Vec<Key>)]) -> Vec<String> {
    let mut found = Vec::new();
    // A key newly given to a global action, that a pane binds for itself, would be shadowed there.
    for binding in BINDINGS.iter().filter(|b| b.context == Context::Global) {
        for context in [Context::Search, Context::List, Context::Reader] {
            for key in keys_with(binding, overrides) {
                let typed = context == Context::Search && key.is_text();
                let taken = BINDINGS.iter().find(|b| {
                    b.context == context && b.action != binding.action && keys_with(b, overrides).contains(key)
                });
                // Default keys are shadowed on purpose (`/` finds in the reader); new ones are not.
                let chosen = !binding.defaults.contains(key);
                if let Some(other) = taken.filter(|_| chosen && !typed) {
                    found.push(format!(
                        "{} would do both {} and {} in {}",
                        key.label(),
                        other.action.name(),
                        binding.action.name(),
                        context.title()
                    ));
                }
            }
        }
    }
    for context in CONTEXTS {
        let mut seen: Vec<(Key, Action)> = Vec::new();
        for binding in bindings_with(context, overrides) {
            for key in keys_in_with(binding, context, overrides) {
                match seen.iter().find(|(k, _)| *k == key) {
                    Some((_, other)) if *other != binding.action => found.push(format!(
                        "{} would do both {} and {} in {}",
                        key.label(),
                        other.name(),
                        binding.action.name(),
                        context.title()
                    )),
                    Some(_) => {}
                    None => seen.push((key, binding.action)),
                }
            }
        }
    }
    found
}

fn bindings_with<'a>(
    context: Context,
    overrides: &'a [(Context, Action, Vec<Key>)],
) -> impl Iterator<Item = &'static Binding> + 'a {
    let own = BINDINGS.iter().filter(move |b| b.context == context);
    let global = BINDINGS.iter().filter(move |b| {
        let modal = matches!(context, Context::Help | Context::Picker | Context::Find);
        b.context == Context::Global && !modal && !keys_in_with(b, context, overrides).is_empty()
    });
    own.chain(global)
}

/// The bindings in force in `context`, its own first, then the global ones it can reach.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    bindings_with(context, overrides())
}

/// The action a key triggers in `context`, if any.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    bindings_for(context).find(|b| b.keys_in(context).any(|key| key.matches(event))).map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn letters_type_in_the_search_box_but_act_elsewhere() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Search, &q), None);
        assert_eq!(action_for(Context::List, &q), Some(Action::Quit));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Context::Search, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn shifted_characters_match_their_binding() {
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Context::Reader, &big_g), Some(Action::Bottom));
        let help = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Context::List, &help), Some(Action::ToggleHelp));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        assert_eq!(clashes(&[]), Vec::<String>::new());
    }

    #[test]
    fn config_key_names_read_back() {
        let parse = |text| Key::parse(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(parse("b"), ch('b'));
        assert_eq!(parse("G"), ch('G'));
        assert_eq!(parse("ctrl-d"), ctrl('d'));
        assert_eq!(parse("Ctrl-D"), ctrl('d'));
        assert_eq!(parse("alt-left"), alt(KeyCode::Left));
        assert_eq!(parse("enter"), code(KeyCode::Enter));
        assert_eq!(parse("f5"), code(KeyCode::F(5)));
        for bad in ["", "ctrl-", "bb", "f13", "hyper-x"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
        // Letters whose lower case is longer than they are once made this underflow.
        assert_eq!(parse("İ"), ch('İ'));
        assert_eq!(parse("alt-İ"), Key { code: KeyCode::Char('İ'), modifiers: KeyModifiers::ALT });
        assert_eq!(Key::parse("İİ"), None);
        assert_eq!(Action::ToggleBookmark.name(), "toggle-bookmark");
    }

    #[test]
    fn rebinding_onto_a_taken_key_is_a_clash() {
        let overrides = vec![(Context::Global, Action::ToggleBookmark, vec![ch('j')])];
        assert_eq!(
            clashes(&overrides),
            [
                "j would do both down and toggle-bookmark in Library and results",
                "j would do both down and toggle-bookmark in Reader"
            ]
        );
        let fine = vec![(Context::Global, Action::ToggleBookmark, vec![ch('B')])];
        assert!(clashes(&fine).is_empty());
    }

    #[test]
    fn the_help_overlay_swallows_other_keys() {
        let slash = key(KeyCode::Char('/'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Help, &slash), None);
    }
}
