//! The plan's picture in parts that tile it: the header, the steps' circle, the goals' column
//! (its head, one part per goal row, its tail) and the bottom row (open readiness conditions and
//! the experiment). Each part is an SVG document of its own area, drawn by the same functions as
//! the whole picture ([`svg::render`]), so the parts put side by side are that picture.
//!
//! Why: rendering the picture after a change (a goal's progress, say) redraws every glyph of
//! it, most of the time it costs; in parts, only the part that changed is drawn again and the
//! others come from a cache ([`super::png_parts::render_parts`]).

use super::Texts;
use super::canvas::Canvas;
use super::svg::{self, Area, FONT_FAMILY, HEIGHT, WIDTH};
use super::svg_goals;
use crate::engine::Plan;

/// Where the top row ends and the bottom row (with its dividing line at y 508) begins.
const ROW_SPLIT: u32 = 507;
/// Where the steps' column ends and the goals' begins (the step counts end at x 396, the goals
/// start at x 430).
const COLUMN_SPLIT: u32 = 415;
/// Where the header (with its line at y 88) ends.
const HEADER_END: u32 = 96;
/// The lines between the goals' column's parts: its head (title, today's label) above the first,
/// then one goal row each, then its tail ("+N more"). No text crosses them: a glyph cut by a
/// part's edge is painted a shade differently than whole (tiny-skia clips its curves), so
/// every text lies inside one part ("no goals" in the first row's, "+N more" in the tail).
const GOAL_LINES: [u32; 8] = [136, 200, 260, 320, 380, 440, 492, ROW_SPLIT];

/// What a part of the picture shows.
#[derive(Debug, Clone, Copy)]
enum Part {
    Header,
    Steps,
    /// The goals' column above, between or below the rows: only its backdrop.
    GoalsBackdrop,
    /// One goal's row, over the part of the backdrop behind it.
    GoalRow(usize),
    Bottom,
}

/// The parts and their areas, tiling the picture without overlap: the header, the steps, the
/// goals' column as its head, one part per row and its tail, and the bottom row. A goal's
/// progress changes one row's part only.
fn parts() -> Vec<(Area, Part)> {
    let goals = |y: u32, h: u32, part: Part| {
        (
            Area {
                x: COLUMN_SPLIT,
                y,
                w: WIDTH - COLUMN_SPLIT,
                h,
            },
            part,
        )
    };
    let mut parts = vec![
        (
            Area {
                x: 0,
                y: 0,
                w: WIDTH,
                h: HEADER_END,
            },
            Part::Header,
        ),
        (
            Area {
                x: 0,
                y: HEADER_END,
                w: COLUMN_SPLIT,
                h: ROW_SPLIT - HEADER_END,
            },
            Part::Steps,
        ),
        goals(HEADER_END, GOAL_LINES[0] - HEADER_END, Part::GoalsBackdrop),
    ];
    for (i, pair) in GOAL_LINES.windows(2).enumerate() {
        let part = if i < svg::GOAL_ROWS {
            Part::GoalRow(i)
        } else {
            Part::GoalsBackdrop
        };
        parts.push(goals(pair[0], pair[1] - pair[0], part));
    }
    parts.push((
        Area {
            x: 0,
            y: ROW_SPLIT,
            w: WIDTH,
            h: HEIGHT - ROW_SPLIT,
        },
        Part::Bottom,
    ));
    parts
}

/// One part of the picture: its area and an SVG document showing that area alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// Where the part sits in the whole picture, in SVG units.
    pub area: Area,
    /// The SVG document of the part (its view box is the area).
    pub svg: String,
}

/// The plan's picture as its parts.
pub fn render(plan: &Plan, texts: &Texts<'_>) -> Vec<Panel> {
    parts()
        .into_iter()
        .map(|(area, part)| {
            let mut canvas = Canvas::default();
            let Area { x, y, w, h } = area;
            canvas.out.push_str(&format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{FONT_FAMILY}">"#
            ));
            // Every goals part draws the column's backdrop too: what of it falls outside the
            // part's area is cut off, and what falls inside is the same as in the whole picture.
            match part {
                Part::Header => svg::header(&mut canvas, plan, texts),
                Part::Steps => svg::steps(&mut canvas, plan, texts),
                Part::GoalsBackdrop => {
                    svg_goals::goals_backdrop(&mut canvas, plan, texts);
                }
                Part::GoalRow(i) => {
                    let scale = svg_goals::goals_backdrop(&mut canvas, plan, texts);
                    svg_goals::goal_row_at(&mut canvas, plan, texts, scale.as_ref(), i);
                }
                Part::Bottom => {
                    svg::open_items(&mut canvas, plan, texts);
                    svg::experiment(&mut canvas, plan, texts);
                }
            }
            canvas.out.push_str("</svg>\n");
            Panel { area, svg: canvas.out }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_areas_tile_the_picture() {
        let mut covered = vec![0u8; (WIDTH * HEIGHT) as usize];
        for (a, _) in parts() {
            for y in a.y..a.y + a.h {
                for x in a.x..a.x + a.w {
                    covered[(y * WIDTH + x) as usize] += 1;
                }
            }
        }
        assert!(covered.iter().all(|&c| c == 1), "every point in one area");
    }
}
