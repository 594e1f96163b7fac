//! Where mlpx keeps what is the user's, by one rule on every platform, so that the README's
//! promise holds on macOS too (where the `dirs` crate ignores the XDG variables):
//!
//! - data (shelf, notes): `$MLPX_DATA_DIR`, else `$XDG_DATA_HOME/mlpx`, else the platform's
//!   data folder with `mlpx` in it;
//! - configuration: `$XDG_CONFIG_HOME/mlpx`, else the platform's configuration folder with
//!   `mlpx` in it; the config file is `$MLPX_CONFIG`, else `config.toml` there, and the user's
//!   papers are in `papers/` there.
//!
//! As the XDG specification asks, a variable that is empty or holds a relative path is ignored.

use std::ffi::OsString;
use std::path::PathBuf;

/// Reads an environment variable; tests pass their own.
type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

fn process_env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

fn absolute(env: Env, name: &str) -> Option<PathBuf> {
    env(name).map(PathBuf::from).filter(|path| path.is_absolute())
}

fn data_dir_in(env: Env) -> Option<PathBuf> {
    absolute(env, "MLPX_DATA_DIR")
        .or_else(|| absolute(env, "XDG_DATA_HOME").map(|dir| dir.join("mlpx")))
        .or_else(|| dirs::data_dir().map(|dir| dir.join("mlpx")))
}

fn config_dir_in(env: Env) -> Option<PathBuf> {
    absolute(env, "XDG_CONFIG_HOME")
        .map(|dir| dir.join("mlpx"))
        .or_else(|| dirs::config_dir().map(|dir| dir.join("mlpx")))
}

fn config_file_in(env: Env) -> Option<PathBuf> {
    env("MLPX_CONFIG")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| config_dir_in(env).map(|dir| dir.join("config.toml")))
}

/// The folder of the shelf and the notes.
pub fn data_dir() -> Option<PathBuf> {
    data_dir_in(&process_env)
}

/// The config file, which may not exist.
pub fn config_file() -> Option<PathBuf> {
    config_file_in(&process_env)
}

/// The folder of the user's own paper files, which may not exist.
pub fn user_papers_dir() -> Option<PathBuf> {
    config_dir_in(&process_env).map(|dir| dir.join("papers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn xdg_variables_are_honoured_on_every_platform() {
        let xdg = env(&[("XDG_DATA_HOME", "/x/data"), ("XDG_CONFIG_HOME", "/x/config")]);
        assert_eq!(data_dir_in(&xdg), Some(PathBuf::from("/x/data/mlpx")));
        assert_eq!(config_file_in(&xdg), Some(PathBuf::from("/x/config/mlpx/config.toml")));
    }

    #[test]
    fn mlpx_variables_come_first() {
        let both = env(&[("MLPX_DATA_DIR", "/mine"), ("XDG_DATA_HOME", "/x"), ("MLPX_CONFIG", "here.toml")]);
        assert_eq!(data_dir_in(&both), Some(PathBuf::from("/mine")));
        assert_eq!(config_file_in(&both), Some(PathBuf::from("here.toml")));
    }

    #[test]
    fn empty_or_relative_xdg_values_are_ignored() {
        let fallback = data_dir_in(&env(&[]));
        assert_eq!(data_dir_in(&env(&[("XDG_DATA_HOME", "")])), fallback);
        assert_eq!(data_dir_in(&env(&[("XDG_DATA_HOME", "relative/data")])), fallback);
        assert_eq!(data_dir_in(&env(&[("MLPX_DATA_DIR", "")])), fallback);
    }
}
