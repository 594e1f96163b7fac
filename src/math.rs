//! LaTeX math (`$...$`, `$$...$$`) made readable as plain Unicode: Greek letters, sub- and
//! superscripts, operators, `\frac{a}{b}` as a/b, `\sqrt{x}` as √x. unicodeit does the symbol
//! tables; this module handles the structure it leaves alone and guarantees that no backslash
//! command survives (an unknown one is shown by its name).

/// Words that LaTeX typesets upright; unicodeit would read `\log` as `\l` + "og".
const FUNCTIONS: &[&str] = &[
    "log", "ln", "exp", "sin", "cos", "tan", "tanh", "max", "min", "arg", "argmax", "argmin", "softmax", "sup", "inf",
    "lim", "det", "dim", "Pr", "sigmoid", "KL",
];
/// Commands whose braced argument is shown as it is.
const TEXT_COMMANDS: &[&str] =
    &["text", "mathrm", "operatorname", "textbf", "mathbf", "textit", "mathit", "boldsymbol", "mbox"];

/// Replaces every math span of a markdown source with its Unicode reading. Code spans and code
/// blocks are left untouched, and a lone `$` (a price) is not math.
pub fn render_math_in_markdown(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_fence = false;
    for line in source.split_inclusive('\n') {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || !line.contains('$') {
            out.push_str(line);
        } else {
            out.push_str(&render_line(line));
        }
    }
    out
}

fn render_line(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find(['$', '`']) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some(code) = tail.strip_prefix('`') {
            // Copy a code span verbatim.
            let end = code.find('`').map_or(tail.len(), |i| i + 2);
            out.push_str(&tail[..end]);
            rest = &tail[end..];
            continue;
        }
        let fence = if tail.starts_with("$$") { "$$" } else { "$" };
        let body = &tail[fence.len()..];
        let closing = body.find(fence).filter(|&end| end > 0 && (fence == "$$" || is_inline_math(&body[..end])));
        match closing {
            Some(end) => {
                out.push_str(&latex_to_unicode(&body[..end]));
                rest = &body[end + fence.len()..];
            }
            None => {
                out.push_str(fence);
                rest = body;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Pandoc's rule: inline math neither starts nor ends with a space, so "$5 and $6" is prose.
fn is_inline_math(inner: &str) -> bool {
    !inner.starts_with(' ') && !inner.ends_with(' ')
}

/// One formula, LaTeX in, Unicode out.
pub fn latex_to_unicode(latex: &str) -> String {
    let mut text = latex.trim().to_owned();
    for name in TEXT_COMMANDS {
        text = unwrap_command(&text, name, |arg| arg.to_owned());
    }
    text = unwrap_command(&text, "sqrt", |arg| {
        if arg.chars().count() == 1 { format!("√{arg}") } else { format!("√({arg})") }
    });
    text = replace_frac(&text);
    for name in FUNCTIONS {
        text = replace_word_command(&text, name, name);
    }
    let mut text = unicodeit::replace(&text);
    // Groups unicodeit could not raise or lower: x_{cls} reads as x_cls.
    for (from, to) in
        [("_{", "_"), ("^{", "^"), ("{", ""), ("}", ""), ("\\,", " "), ("\\;", " "), ("\\!", ""), ("\\ ", " ")]
    {
        text = text.replace(from, to);
    }
    strip_unknown_commands(&text)
}

/// `\name{arg}` becomes `show(arg)`, for every occurrence with a balanced argument.
fn unwrap_command(text: &str, name: &str, show: impl Fn(&str) -> String) -> String {
    let pattern = format!("\\{name}{{");
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(&pattern) {
        out.push_str(&rest[..at]);
        let after = &rest[at + pattern.len()..];
        match balanced(after) {
            Some((arg, tail)) => {
                out.push_str(&show(&latex_to_unicode_inner(arg)));
                rest = tail;
            }
            None => {
                out.push_str(&pattern);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Inside an argument, only structure is resolved; symbols are converted once, at the end.
fn latex_to_unicode_inner(arg: &str) -> String {
    replace_frac(arg)
}

fn replace_frac(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\frac{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "\\frac{".len()..];
        let parsed = balanced(after).and_then(|(top, tail)| {
            let tail = tail.strip_prefix('{')?;
            let (bottom, tail) = balanced(tail)?;
            Some((top, bottom, tail))
        });
        match parsed {
            Some((top, bottom, tail)) => {
                out.push_str(&format!("{}/{}", group(&replace_frac(top)), group(&replace_frac(bottom))));
                rest = tail;
            }
            None => {
                out.push_str("\\frac{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parentheses around anything longer than one symbol, so a/b stays unambiguous.
fn group(part: &str) -> String {
    let simple = part.chars().filter(|c| !c.is_whitespace()).count() <= 1
        || part.chars().all(|c| c.is_alphanumeric() || c == '\\');
    if simple { part.to_owned() } else { format!("({part})") }
}

/// The text up to the brace that closes an opened one, and what follows it.
fn balanced(text: &str) -> Option<(&str, &str)> {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&text[..i], &text[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// `\log` becomes `log`, but `\logit` is left for the next rule.
fn replace_word_command(text: &str, name: &str, shown: &str) -> String {
    let pattern = format!("\\{name}");
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(&pattern) {
        out.push_str(&rest[..at]);
        let after = &rest[at + pattern.len()..];
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push_str(&pattern);
        } else {
            out.push_str(shown);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Any command still standing is shown by its name, never as a raw backslash.
fn strip_unknown_commands(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if chars.peek() == Some(&'\\') {
                chars.next();
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_formulas_read_as_unicode() {
        for (latex, shown) in [
            (r"\frac{QK^T}{\sqrt{d_k}}", "(QKᵀ)/(√(dₖ))"),
            (r"\alpha_t (1 - p_t)^\gamma \log(p_t)", "αₜ (1 − pₜ)ᵞ log(pₜ)"),
            (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
            (r"\mathrm{softmax}(x)", "softmax(x)"),
            (r"W \in \mathbb{R}^{d \times k}", "W ∈ ℝ^d × k"),
            (r"\hat{y} \leq \epsilon", "y\u{302} ≤ ε"),
            (r"\text{Attention}(Q,K,V)", "Attention(Q,K,V)"),
            (r"\mathcal{L}_{cls}", "ℒ_cls"),
            (r"\unknowncommand x", "unknowncommand x"),
        ] {
            assert_eq!(latex_to_unicode(latex), shown, "{latex}");
        }
    }

    #[test]
    fn math_spans_are_found_in_markdown_but_code_and_prices_are_not() {
        let source = "Loss $\\alpha x$ and $$\\beta$$ but `$\\alpha$` costs $5 and $6.\n";
        assert_eq!(render_math_in_markdown(source), "Loss α x and β but `$\\alpha$` costs $5 and $6.\n");
        let fenced = "```\n$\\alpha$\n```\n";
        assert_eq!(render_math_in_markdown(fenced), fenced);
    }
}
