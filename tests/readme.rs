//! The README's table of keys is the keymap table written out: this test rebuilds it from
//! `keymap::BINDINGS` and fails when the README says something else.
//! `MLPX_UPDATE_README=1 cargo test --test readme` rewrites the section.

use mlpx::keymap::BINDINGS;
use mlpx::ui::help::HELP_ORDER;

const START: &str = "<!-- keys:start -->\n";
const END: &str = "<!-- keys:end -->";

fn keys_table() -> String {
    let mut out = String::new();
    for context in HELP_ORDER {
        out += &format!("**{}**\n\n| keys | does |\n| --- | --- |\n", context.title());
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            out += &format!("| `{}` | {} |\n", binding.label_in(context), binding.description);
        }
        out += "\n";
    }
    out
}

#[test]
fn the_readme_lists_the_keys_the_app_has() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let start = readme.find(START).expect("keys:start marker") + START.len();
    let end = readme.find(END).expect("keys:end marker");
    let table = keys_table();
    if std::env::var_os("MLPX_UPDATE_README").is_some() {
        std::fs::write("README.md", format!("{}{table}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert!(
        readme[start..end] == table,
        "README.md's keys differ from the keymap: run `MLPX_UPDATE_README=1 cargo test --test readme`"
    );
}

#[test]
fn the_readme_gives_the_two_commands() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
    assert!(readme.contains("assets/screenshot.svg"));
}
