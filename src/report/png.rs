//! The plan's SVG rendered to a PNG in the process, with resvg (usvg parses, tiny-skia paints):
//! at twice the SVG's size for crisp text in a file a team asked for, at its own size for the
//! picture that comes with `/status`.
//!
//! The font is `DejaVu Sans`, embedded in the binary (`assets/fonts/`, licence beside it), so
//! neither system fonts nor fontconfig are needed. The embedded copies are subset to the Latin,
//! Greek and Cyrillic scripts and the punctuation, arrows and symbols the picture uses (see
//! `assets/fonts/README.md`): shaping a text builds a plan from the font's layout tables, and
//! the whole font's tables made that a sixth of a picture's cost. resvg draws nothing for text
//! whose font family is not loaded, without an error: [`svg::FONT_FAMILY`] must be the family
//! the embedded font declares, which a test checks through the pixels of the title and label
//! areas.

use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result};
use resvg::{tiny_skia, usvg};

use super::svg;

/// How many pixels per SVG unit in a picture a team asked for (`/plaatje`, `/export png`,
/// `koers export --format png`): crisp when zoomed or printed.
pub const SCALE: u32 = 2;
/// How many pixels per SVG unit in the picture that comes with `/status`: a chat shows it at
/// most about a thousand pixels wide, and at this size it is drawn in under half the time.
pub const STATUS_SCALE: u32 = 1;

const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The embedded fonts, loaded once per process.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(DEJAVU_SANS.to_vec());
        db.load_font_data(DEJAVU_SANS_BOLD.to_vec());
        db.set_sans_serif_family(svg::FONT_FAMILY);
        Arc::new(db)
    }))
}

/// The font families the embedded fonts declare (for tests and diagnostics).
pub fn loaded_families() -> Vec<String> {
    let mut names: Vec<String> = fonts()
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// An SVG document as PNG bytes, at [`SCALE`] times its size.
pub fn render(svg_text: &str) -> Result<Vec<u8>> {
    encode(&draw(svg_text, SCALE)?)
}

/// An SVG document painted on white at `scale` times its size.
pub(super) fn draw(svg_text: &str, scale: u32) -> Result<tiny_skia::Pixmap> {
    let options = usvg::Options {
        font_family: svg::FONT_FAMILY.to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg_text, &options).context("the plan's SVG is not valid")?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width() * scale, size.height() * scale);
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .with_context(|| format!("cannot make a {width}×{height} picture"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let factor = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(factor, factor),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The pixmap as PNG with the fastest deflate and the Up filter: tiny-skia's `encode_png`
/// compresses at the default level, four fifths of a picture's cost (callgrind, `cargo bench
/// --bench answer`), and even the fast level's adaptive filter, trying five filters on every
/// row, took a fifth (perf); on a picture of flat colours Up leaves rows of zeros. The picture
/// is painted on opaque white, so its premultiplied pixels are already the straight RGBA that
/// PNG stores.
pub(super) fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Fastest);
    let mut writer = encoder
        .write_header()
        .context("cannot encode the picture as PNG")?;
    writer
        .write_image_data(pixmap.data())
        .context("cannot encode the picture as PNG")?;
    writer
        .finish()
        .context("cannot encode the picture as PNG")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_asks_for_the_family_the_embedded_font_declares() {
        assert_eq!(loaded_families(), vec![svg::FONT_FAMILY.to_string()]);
    }

    #[test]
    fn a_text_is_drawn_in_the_embedded_font() {
        let doc = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="{}"><text x="4" y="30" font-size="24">koers &amp; co</text></svg>"#,
            svg::FONT_FAMILY
        );
        let png = render(&doc).expect("render");
        let pixmap = tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
        assert_eq!((pixmap.width(), pixmap.height()), (400, 80));
        let inked = pixmap
            .pixels()
            .iter()
            .filter(|p| p.red() < 128 && p.alpha() > 0)
            .count();
        assert!(inked > 500, "the text was drawn: {inked} dark pixels");
    }
}
