//! The user's settings (theme, start view, key bindings by context), from the file that
//! `paths::config_file` names. A mistake in it is reported with its line, and mlpx starts with
//! the defaults.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::app::ListView;
use crate::catalog::{CatalogError, Located};
use crate::keymap::{Action, BINDINGS, Context, Key, Overrides};
use crate::ui::theme::Theme;

/// What the config can set; everything has a default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub theme: Theme,
    pub start_view: Option<ListView>,
    pub keys: Overrides,
}

const VIEWS: [(&str, ListView); 5] = [
    ("library", ListView::Library),
    ("shelf", ListView::Shelf),
    ("timeline", ListView::Timeline),
    ("concepts", ListView::Concepts),
    ("paths", ListView::Paths),
];

/// The keys of one action, as written.
type RawKeys = Spanned<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<Spanned<String>>,
    start_view: Option<Spanned<String>>,
    /// Context name, then action name, then keys.
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawKeys>>,
}

impl Config {
    /// Reads the config at `path`; a missing file is the defaults.
    pub fn load(path: &std::path::Path) -> Result<Self, Vec<CatalogError>> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&path.display().to_string(), &text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(err) => Err(vec![CatalogError {
                path: path.display().to_string(),
                line: 1,
                column: 1,
                field: None,
                message: format!("cannot be read: {err}"),
            }]),
        }
    }

    pub fn parse(path: &str, text: &str) -> Result<Self, Vec<CatalogError>> {
        let loc = Located { path, text };
        let raw: RawConfig = toml::from_str(text).map_err(|err| vec![loc.toml_error(&err)])?;
        let mut errors = Vec::new();
        let mut config = Config::default();
        if let Some(theme) = &raw.theme {
            match Theme::NAMES.iter().find(|(name, _)| name == theme.get_ref()) {
                Some((_, chosen)) => config.theme = *chosen,
                None => errors.push(loc.error(
                    theme.span(),
                    Some("theme"),
                    format!("{:?} is not a theme: use dark, light or high-contrast", theme.get_ref()),
                )),
            }
        }
        if let Some(view) = &raw.start_view {
            match VIEWS.iter().find(|(name, _)| name == view.get_ref()) {
                Some((_, chosen)) => config.start_view = Some(*chosen),
                None => errors.push(loc.error(
                    view.span(),
                    Some("start_view"),
                    format!("{:?} is not a view: use library, shelf, timeline, concepts or paths", view.get_ref()),
                )),
            }
        }
        for (section, actions) in &raw.keys {
            let Some(context) = Context::ALL.iter().copied().find(|c| c.name() == section.get_ref()) else {
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                let message = format!("[keys.{}] is not a place: use one of {}", section.get_ref(), names.join(", "));
                errors.push(loc.error(section.span(), Some("keys"), message));
                continue;
            };
            for (name, keys) in actions {
                match keys_for(&loc, context, name, keys) {
                    Ok(parsed) => config.keys.push(parsed),
                    Err(error) => errors.extend(error),
                }
            }
        }
        let clashes = crate::keymap::clashes(&config.keys);
        if let Some((first, _)) = raw.keys.first_key_value().filter(|_| !clashes.is_empty()) {
            errors.extend(clashes.into_iter().map(|clash| loc.error(first.span(), Some("keys"), clash)));
        }
        if errors.is_empty() { Ok(config) } else { Err(errors) }
    }
}

/// One `action = ["key", ...]` line of a `[keys.CONTEXT]` section.
fn keys_for(
    loc: &Located,
    context: Context,
    name: &Spanned<String>,
    keys: &RawKeys,
) -> Result<(Context, Action, Vec<Key>), Vec<CatalogError>> {
    let here: Vec<Action> = BINDINGS.iter().filter(|b| b.context == context).map(|b| b.action).collect();
    let Some(action) = here.iter().copied().find(|a| a.name() == *name.get_ref()) else {
        let known: Vec<String> = here.iter().map(|a| a.name()).collect();
        let hint = crate::suggest::closest(name.get_ref(), known.iter().map(String::as_str), 1);
        let hint = hint.first().map(|h| format!(" (did you mean {h:?}?)")).unwrap_or_default();
        let message = format!(
            "{:?} is not an action of [keys.{}]{hint}; `mlpx config --default` lists them",
            name.get_ref(),
            context.name()
        );
        return Err(vec![loc.error(name.span(), Some("keys"), message)]);
    };
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for key in keys.get_ref() {
        match Key::parse(key.get_ref()) {
            Some(found) => parsed.push(found),
            None => errors.push(loc.error(
                key.span(),
                Some(name.get_ref()),
                format!("{:?} is not a key: write it as b, G, ctrl-d, alt-left, enter or f5", key.get_ref()),
            )),
        }
    }
    if keys.get_ref().is_empty() {
        errors.push(loc.error(keys.span(), Some(name.get_ref()), "an action needs at least one key".to_owned()));
    }
    if errors.is_empty() { Ok((context, action, parsed)) } else { Err(errors) }
}

/// A config file holding every setting at its default, each explained, for `mlpx config --default`.
pub fn default_file() -> String {
    let mut text = String::from(
        "# mlpx configuration: copy to ~/.config/mlpx/config.toml (or point $MLPX_CONFIG at it)\n\
         # and change what you like; every line here is the default.\n\n\
         # Colours: \"dark\", \"light\" or \"high-contrast\". Every theme uses the terminal's own 16\n\
         # colours. NO_COLOR or --color never turns colours off altogether.\n\
         theme = \"dark\"\n\n\
         # The list the browser opens on: library, shelf, timeline, concepts or paths.\n\
         start_view = \"library\"\n\n\
         # Keys, by the place they work in: an action, then the keys that trigger it there\n\
         # (they replace the defaults). Write keys as b, G, ctrl-d, alt-left, enter, esc, tab,\n\
         # space, pgdn, f5.\n",
    );
    for context in Context::ALL {
        text.push_str(&format!("\n# {}\n[keys.{}]\n", context.title(), context.name()));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.defaults.iter().map(|k| format!("{:?}", config_name(*k))).collect();
            text.push_str(&format!("# {} = [{}]\n", binding.action.name(), keys.join(", ")));
        }
    }
    text
}

/// A key as the config file writes it, the reverse of `Key::parse`.
fn config_name(key: Key) -> String {
    use crossterm::event::{KeyCode, KeyModifiers};
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "shift-tab".to_owned(),
        KeyCode::PageUp => "pgup".to_owned(),
        KeyCode::PageDown => "pgdn".to_owned(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("ctrl-{name}")
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        format!("alt-{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        Config::parse("config.toml", text).unwrap_err().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_config_sets_theme_view_and_keys() {
        let config = Config::parse(
            "config.toml",
            "theme = \"light\"\nstart_view = \"shelf\"\n[keys.anywhere]\ntoggle-bookmark = [\"B\", \"ctrl-b\"]\n",
        )
        .expect("valid");
        assert_eq!(config.theme, Theme::Light);
        assert_eq!(config.start_view, Some(ListView::Shelf));
        let keys = vec![Key::parse("B").unwrap(), Key::parse("ctrl-b").unwrap()];
        assert_eq!(config.keys, [(Context::Global, Action::ToggleBookmark, keys)]);
    }

    #[test]
    fn mistakes_name_their_line() {
        assert_eq!(errors("\ncolour = \"red\"\n")[0].split(": `").next(), Some("config.toml:2:1"));
        assert!(errors("\ncolour = \"red\"\n")[0].contains("`colour`: not a known field"));
        assert_eq!(
            errors("theme = \"drak\"\n"),
            ["config.toml:1:9: `theme`: \"drak\" is not a theme: use dark, light or high-contrast"]
        );
        assert_eq!(
            errors("[keys.anywhere]\ntoggle-bookmrk = [\"B\"]\n"),
            ["config.toml:2:1: `keys`: \"toggle-bookmrk\" is not an action of [keys.anywhere] \
                 (did you mean \"toggle-bookmark\"?); `mlpx config --default` lists them"]
        );
        assert_eq!(
            errors("[keys.anywhere]\nquit = [\"ctrl-\"]\n"),
            ["config.toml:2:9: `quit`: \"ctrl-\" is not a key: write it as b, G, ctrl-d, alt-left, enter or f5"]
        );
        assert!(
            errors("[keys.anywhere]\ntoggle-bookmark = [\"j\"]\n")[0]
                .contains("j would do both down and toggle-bookmark")
        );
        assert!(errors("[keys.everywhere]\nquit = [\"x\"]\n")[0].contains("[keys.everywhere] is not a place"));
    }

    #[test]
    fn the_default_file_is_a_valid_config_that_changes_nothing() {
        let text = default_file();
        let defaults = Config { start_view: Some(ListView::Library), ..Config::default() };
        assert_eq!(Config::parse("default", &text).expect("valid"), defaults);
        // Uncommented, every key line reads back as the defaults, without clashes.
        let uncommented: String = text
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.contains(" = [") => format!("{rest}\n"),
                _ => format!("{line}\n"),
            })
            .collect();
        let config = Config::parse("default", &uncommented).unwrap_or_else(|e| panic!("{e:?}\n{uncommented}"));
        assert_eq!(config.keys.len(), BINDINGS.len());
        for (context, action, keys) in &config.keys {
            let binding = BINDINGS.iter().find(|b| b.context == *context && b.action == *action).unwrap();
            assert_eq!(keys.as_slice(), binding.defaults, "{action:?} in {context:?}");
        }
    }
}
