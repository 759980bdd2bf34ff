//! The plan's picture in four parts that tile it: the header, the steps' circle, the goals and
//! the bottom row (open readiness conditions and the experiment). Each part is an SVG document
//! of its own area, drawn by the same functions as the whole picture ([`svg::render`]), so the
//! parts put side by side are that picture.
//!
//! Why: rendering the picture after a change (a goal's progress, say) redraws every glyph of
//! it, most of the time it costs; in parts, only the part that changed is drawn again and the
//! others come from a cache ([`super::png::render_panels`]).

use super::Texts;
use super::canvas::Canvas;
use super::svg::{self, Area, FONT_FAMILY, HEIGHT, WIDTH};
use crate::engine::Plan;

/// Where the top row ends and the bottom row (with its dividing line at y 508) begins.
const ROW_SPLIT: u32 = 507;
/// Where the steps' column ends and the goals' begins (the step counts end at x 396, the goals
/// start at x 430).
const COLUMN_SPLIT: u32 = 415;
/// Where the header (with its line at y 88) ends.
const HEADER_END: u32 = 96;

/// The four areas, tiling the picture without overlap.
pub const AREAS: [Area; 4] = [
    Area {
        x: 0,
        y: 0,
        w: WIDTH,
        h: HEADER_END,
    },
    Area {
        x: 0,
        y: HEADER_END,
        w: COLUMN_SPLIT,
        h: ROW_SPLIT - HEADER_END,
    },
    Area {
        x: COLUMN_SPLIT,
        y: HEADER_END,
        w: WIDTH - COLUMN_SPLIT,
        h: ROW_SPLIT - HEADER_END,
    },
    Area {
        x: 0,
        y: ROW_SPLIT,
        w: WIDTH,
        h: HEIGHT - ROW_SPLIT,
    },
];

/// One part of the picture: its area and an SVG document showing that area alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// Where the part sits in the whole picture, in SVG units.
    pub area: Area,
    /// The SVG document of the part (its view box is the area).
    pub svg: String,
}

/// The plan's picture as the four parts of [`AREAS`].
pub fn render(plan: &Plan, texts: &Texts<'_>) -> Vec<Panel> {
    type Draw = fn(&mut Canvas, &Plan, &Texts<'_>);
    let parts: [&[Draw]; 4] = [
        &[svg::header],
        &[svg::steps],
        &[svg::goals],
        &[svg::open_items, svg::experiment],
    ];
    AREAS
        .iter()
        .zip(parts)
        .map(|(area, draws)| {
            let mut canvas = Canvas::default();
            let Area { x, y, w, h } = *area;
            canvas.out.push_str(&format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{FONT_FAMILY}">"#
            ));
            for draw in draws {
                draw(&mut canvas, plan, texts);
            }
            canvas.out.push_str("</svg>\n");
            Panel {
                area: *area,
                svg: canvas.out,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_areas_tile_the_picture() {
        let mut covered = vec![0u8; (WIDTH * HEIGHT) as usize];
        for a in AREAS {
            for y in a.y..a.y + a.h {
                for x in a.x..a.x + a.w {
                    covered[(y * WIDTH + x) as usize] += 1;
                }
            }
        }
        assert!(covered.iter().all(|&c| c == 1), "every point in one area");
    }
}
