//! The picture rendered from its parts ([`super::panels`]): a part whose SVG did not change
//! since it was drawn lately comes from a cache of drawn parts, the others are drawn, and the
//! whole is put together and encoded. After a change to one goal only that goal's row is drawn
//! again, where the whole picture used to be.

use std::sync::Arc;

use anyhow::{Context, Result};
use resvg::tiny_skia::Pixmap;

use super::panels::Panel;
use super::png::{draw, encode};
use super::png_cache::Recent;
use super::svg::{Area, HEIGHT, WIDTH};

/// How many bytes of drawn parts are kept: a whole picture's parts take 3 MB at 1× and 12 MB at
/// 2×, so this holds the latest few teams' pictures.
const KEPT_BYTES: usize = 24 << 20;

/// How many whole pictures are kept: a few hundred kilobytes each.
const KEPT_PICTURES: usize = 16;

/// Drawn parts by their scale and SVG, the most recently used last, within [`KEPT_BYTES`].
type PartCache = Recent<Arc<Pixmap>>;

/// An empty cache of drawn parts.
const fn part_cache() -> PartCache {
    Recent::new(KEPT_BYTES, |part| part.data().len())
}

/// The part drawn from `svg` at `scale`: kept in `parts`, or drawn now and kept.
fn draw_kept(parts: &PartCache, svg: &str, scale: u32) -> Result<Arc<Pixmap>> {
    parts.get_or_make(&format!("{scale}\n{svg}"), || {
        Ok(Arc::new(draw(svg, scale)?))
    })
}

/// The picture from its parts as PNG bytes at `scale` times its size: the same picture as the
/// whole SVG ([`super::svg::render`]) drawn at that scale. The same parts asked again (a `/status` while the
/// plan did not change) are a lookup of the finished PNG.
pub fn render_parts(panels: &[Panel], scale: u32) -> Result<Vec<u8>> {
    static PARTS: PartCache = part_cache();
    static WHOLE: Recent<Arc<[u8]>> = Recent::new(KEPT_PICTURES, |_| 1);
    let mut key = scale.to_string();
    for p in panels {
        key.push('\n');
        key.push_str(&p.svg);
    }
    let png = WHOLE.get_or_make(&key, || {
        let (width, height) = (WIDTH * scale, HEIGHT * scale);
        let mut whole = Pixmap::new(width, height)
            .with_context(|| format!("cannot make a {width}×{height} picture"))?;
        for p in panels {
            let part = draw_kept(&PARTS, &p.svg, scale)?;
            place(&mut whole, &part, p.area, scale)?;
        }
        Ok(Arc::from(encode(&whole)?))
    })?;
    Ok(png.to_vec())
}

/// Copy `part` into `whole` at `area` (scaled), row by row.
fn place(whole: &mut Pixmap, part: &Pixmap, area: Area, scale: u32) -> Result<()> {
    let (x, y) = ((area.x * scale) as usize, (area.y * scale) as usize);
    let (w, h) = (part.width() as usize, part.height() as usize);
    let stride = whole.width() as usize * 4;
    anyhow::ensure!(
        x + w <= whole.width() as usize && y + h <= whole.height() as usize,
        "a part of the picture falls outside it"
    );
    let src = part.data();
    let dst = whole.data_mut();
    for row in 0..h {
        let from = row * w * 4;
        let to = (y + row) * stride + x * 4;
        dst[to..to + w * 4].copy_from_slice(&src[from..from + w * 4]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(svg_colour: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="{svg_colour}"/></svg>"#
        )
    }

    #[test]
    fn a_part_is_drawn_once_and_the_cache_keeps_to_its_budget() {
        let cache = part_cache();
        let a = draw_kept(&cache, &part("red"), 1).expect("a");
        let again = draw_kept(&cache, &part("red"), 1).expect("a again");
        assert!(Arc::ptr_eq(&a, &again), "the second ask is the kept part");
        let doubled = draw_kept(&cache, &part("red"), 2).expect("a at 2×");
        assert_eq!(doubled.width(), 20, "another scale is another part");
        assert_eq!(cache.len(), 2);
        // 10×10 at scale 256 is 26 MB: over the budget on its own, so it is kept alone.
        let huge = draw_kept(&cache, &part("blue"), 256).expect("a huge part");
        assert_eq!(huge.width(), 2560);
        assert_eq!(cache.len(), 1, "older parts went to keep within the budget");
    }
}
