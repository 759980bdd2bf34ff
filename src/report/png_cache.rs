//! The last pictures rendered, by their SVG. A team that asks `/status` again while its plan
//! has not changed gets the same SVG, and then a lookup instead of a render (about 10 ms). The
//! key is the whole SVG text, so a hit is always the very picture a render would give.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use anyhow::Result;

/// How many pictures are kept: a few hundred kilobytes each.
const KEPT: usize = 16;

/// A small most-recently-used cache of rendered pictures.
#[derive(Default)]
pub(super) struct PngCache {
    kept: Mutex<VecDeque<(String, Arc<[u8]>)>>,
}

impl PngCache {
    /// An empty cache (`const`, for a process-wide one).
    pub(super) const fn new() -> PngCache {
        PngCache {
            kept: Mutex::new(VecDeque::new()),
        }
    }

    /// The PNG of `svg`: from the cache when it was rendered lately, else from `render`, and
    /// then kept. A poisoned lock only costs the cache, never the picture.
    pub(super) fn get_or_render(
        &self,
        svg: &str,
        render: impl FnOnce(&str) -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        if let Ok(mut kept) = self.kept.lock()
            && let Some(at) = kept.iter().position(|(s, _)| s == svg)
            && let Some(hit) = kept.remove(at)
        {
            let png = hit.1.to_vec();
            kept.push_back(hit);
            return Ok(png);
        }
        let png = render(svg)?;
        if let Ok(mut kept) = self.kept.lock() {
            while kept.len() >= KEPT {
                kept.pop_front();
            }
            kept.push_back((svg.to_string(), Arc::from(png.as_slice())));
        }
        Ok(png)
    }

    /// How many pictures are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.kept.lock().map_or(0, |k| k.len())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn the_same_svg_is_rendered_once_and_a_changed_one_again() {
        let cache = PngCache::new();
        let renders = Cell::new(0);
        let render = |svg: &str| {
            renders.set(renders.get() + 1);
            Ok(svg.as_bytes().to_vec())
        };
        let first = cache.get_or_render("<svg>a</svg>", render).expect("a");
        let again = cache
            .get_or_render("<svg>a</svg>", render)
            .expect("a again");
        assert_eq!(first, again);
        assert_eq!(renders.get(), 1, "the second ask is a hit");
        let other = cache.get_or_render("<svg>b</svg>", render).expect("b");
        assert_eq!(other, b"<svg>b</svg>");
        assert_eq!(renders.get(), 2, "a changed SVG is rendered");
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn it_keeps_the_most_recently_used_and_a_failed_render_keeps_nothing() {
        let cache = PngCache::new();
        let ok = |svg: &str| Ok(svg.as_bytes().to_vec());
        for i in 0..KEPT {
            cache.get_or_render(&format!("{i}"), ok).expect("render");
        }
        // Touch the oldest, then push one more: the second oldest goes.
        cache.get_or_render("0", ok).expect("hit");
        cache.get_or_render("new", ok).expect("render");
        assert_eq!(cache.len(), KEPT);
        let renders = Cell::new(0);
        let counted = |svg: &str| {
            renders.set(renders.get() + 1);
            Ok(svg.as_bytes().to_vec())
        };
        cache.get_or_render("0", counted).expect("still kept");
        assert_eq!(renders.get(), 0, "the touched one stayed");
        cache
            .get_or_render("1", counted)
            .expect("gone, rendered again");
        assert_eq!(renders.get(), 1, "the least recently used went");
        let failed = cache.get_or_render("bad", |_| Err(anyhow::anyhow!("no")));
        assert!(failed.is_err());
        cache.get_or_render("bad", counted).expect("rendered now");
        assert_eq!(renders.get(), 2, "a failure was not kept");
    }
}
