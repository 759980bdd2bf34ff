//! What was drawn lately, by the SVG it was drawn from: whole pictures (a team that asks
//! `/status` again while its plan has not changed gets the same SVG, and then a lookup instead of
//! a render) and the parts a picture is put together from ([`super::png_parts`]). The key is the
//! whole SVG text, so a hit is always the very thing drawing would give.

use std::collections::VecDeque;
use std::sync::Mutex;

use anyhow::Result;

/// A small most-recently-used cache, kept within a budget of summed weights.
pub(super) struct Recent<V> {
    kept: Mutex<VecDeque<(String, V)>>,
    budget: usize,
    weight: fn(&V) -> usize,
}

impl<V: Clone> Recent<V> {
    /// An empty cache (`const`, for a process-wide one) that keeps what it made while the
    /// weights sum to at most `budget`, and always the latest one.
    pub(super) const fn new(budget: usize, weight: fn(&V) -> usize) -> Recent<V> {
        Recent {
            kept: Mutex::new(VecDeque::new()),
            budget,
            weight,
        }
    }

    /// What was made for `key`: from the cache when it was made lately, else from `make`, and
    /// then kept. A poisoned lock only costs the cache, never the value; a failure is not kept.
    pub(super) fn get_or_make(&self, key: &str, make: impl FnOnce() -> Result<V>) -> Result<V> {
        if let Ok(mut kept) = self.kept.lock()
            && let Some(at) = kept.iter().position(|(k, _)| k == key)
            && let Some(hit) = kept.remove(at)
        {
            let value = hit.1.clone();
            kept.push_back(hit);
            return Ok(value);
        }
        let value = make()?;
        if let Ok(mut kept) = self.kept.lock() {
            kept.push_back((key.to_string(), value.clone()));
            let mut total: usize = kept.iter().map(|(_, v)| (self.weight)(v)).sum();
            while total > self.budget
                && kept.len() > 1
                && let Some((_, gone)) = kept.pop_front()
            {
                total -= (self.weight)(&gone);
            }
        }
        Ok(value)
    }

    /// How many values are kept.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.kept.lock().map_or(0, |k| k.len())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// How many pictures a cache counted by pictures keeps in these tests.
    const KEPT: usize = 16;

    fn pictures() -> Recent<Vec<u8>> {
        Recent::new(KEPT, |_| 1)
    }

    #[test]
    fn the_same_svg_is_rendered_once_and_a_changed_one_again() {
        let cache = pictures();
        let renders = Cell::new(0);
        let render = |svg: &str| {
            renders.set(renders.get() + 1);
            Ok(svg.as_bytes().to_vec())
        };
        let first = cache
            .get_or_make("<svg>a</svg>", || render("<svg>a</svg>"))
            .expect("a");
        let again = cache
            .get_or_make("<svg>a</svg>", || render("<svg>a</svg>"))
            .expect("a again");
        assert_eq!(first, again);
        assert_eq!(renders.get(), 1, "the second ask is a hit");
        let other = cache
            .get_or_make("<svg>b</svg>", || render("<svg>b</svg>"))
            .expect("b");
        assert_eq!(other, b"<svg>b</svg>");
        assert_eq!(renders.get(), 2, "a changed SVG is rendered");
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn it_keeps_the_most_recently_used_and_a_failed_render_keeps_nothing() {
        let cache = pictures();
        let ok = |svg: &str| Ok(svg.as_bytes().to_vec());
        for i in 0..KEPT {
            cache
                .get_or_make(&format!("{i}"), || ok(&format!("{i}")))
                .expect("render");
        }
        // Touch the oldest, then push one more: the second oldest goes.
        cache.get_or_make("0", || ok("0")).expect("hit");
        cache.get_or_make("new", || ok("new")).expect("render");
        assert_eq!(cache.len(), KEPT);
        let renders = Cell::new(0);
        let counted = |svg: &str| {
            renders.set(renders.get() + 1);
            Ok(svg.as_bytes().to_vec())
        };
        cache.get_or_make("0", || counted("0")).expect("still kept");
        assert_eq!(renders.get(), 0, "the touched one stayed");
        cache
            .get_or_make("1", || counted("1"))
            .expect("gone, rendered again");
        assert_eq!(renders.get(), 1, "the least recently used went");
        let failed = cache.get_or_make("bad", || Err(anyhow::anyhow!("no")));
        assert!(failed.is_err());
        cache
            .get_or_make("bad", || counted("bad"))
            .expect("rendered now");
        assert_eq!(renders.get(), 2, "a failure was not kept");
    }
}
