//! The README's picture of the UI, `assets/screenshot.svg`, is the real app rendered into a
//! TestBackend and written out as SVG. This test fails when the picture no longer matches the
//! app; `MLPX_UPDATE_SCREENSHOT=1 cargo test --test screenshot` redraws it.

mod common;

use std::fmt::Write as _;

use common::{app, press, render};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const PATH: &str = "assets/screenshot.svg";
const CELL_WIDTH: f32 = 8.4;
const CELL_HEIGHT: f32 = 17.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d0d0d0";

#[test]
fn the_readme_screenshot_shows_the_current_app() {
    let mut app = app(112, 34);
    // Find Faster R-CNN by a misspelling, read it, then step back to see it in the tree.
    press(&mut app, "/fatser rcnn<Enter><Esc><Esc>");
    let svg = to_svg(render(&app).backend().buffer());
    if std::env::var_os("MLPX_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(PATH, &svg).expect("write the screenshot");
        return;
    }
    let current = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(current == svg, "{PATH} is out of date: run `MLPX_UPDATE_SCREENSHOT=1 cargo test --test screenshot`");
}

fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (width, height) = (f32::from(area.width) * CELL_WIDTH, f32::from(area.height) * CELL_HEIGHT);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{BACKGROUND}\"/>\n"
    );
    for y in 0..area.height {
        let top = f32::from(y) * CELL_HEIGHT;
        let baseline = (f32::from(y) + 0.78) * CELL_HEIGHT;
        let colors: Vec<(String, String)> = (0..area.width).map(|x| colors(&buffer[(x, y)])).collect();
        // One rectangle per run of the same background, so a highlighted row has no seams.
        let mut x = 0;
        while x < colors.len() {
            let run = colors[x..].iter().take_while(|c| c.1 == colors[x].1).count();
            if colors[x].1 != BACKGROUND {
                let (left, width) = (x as f32 * CELL_WIDTH, run as f32 * CELL_WIDTH);
                writeln!(
                    svg,
                    "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{CELL_HEIGHT}\" fill=\"{}\"/>",
                    colors[x].1
                )
                .unwrap();
            }
            x += run;
        }
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let mut style = String::new();
            if cell.modifier.contains(Modifier::BOLD) {
                style += " font-weight=\"bold\"";
            }
            if cell.modifier.contains(Modifier::ITALIC) {
                style += " font-style=\"italic\"";
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                style += " text-decoration=\"underline\"";
            }
            let left = f32::from(x) * CELL_WIDTH;
            let fg = &colors[usize::from(x)].0;
            writeln!(svg, "<text x=\"{left:.1}\" y=\"{baseline:.1}\" fill=\"{fg}\"{style}>{}</text>", escape(symbol))
                .unwrap();
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// Foreground and background of a cell as drawn, reverse video applied.
fn colors(cell: &ratatui::buffer::Cell) -> (String, String) {
    let (fg, bg) = (hex(cell.fg, FOREGROUND), hex(cell.bg, BACKGROUND));
    if cell.modifier.contains(Modifier::REVERSED) { (bg, fg) } else { (fg, bg) }
}

fn hex(color: Color, default: &str) -> String {
    let named = match color {
        Color::Reset => return default.to_owned(),
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#b5bd68",
        Color::Yellow => "#f0c674",
        Color::Blue => "#81a2be",
        Color::Magenta => "#b294bb",
        Color::Cyan => "#8abeb7",
        Color::Gray => "#c5c8c6",
        Color::DarkGray => "#707880",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        _ => default,
    };
    named.to_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
