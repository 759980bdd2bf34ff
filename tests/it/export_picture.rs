//! End-to-end: `koers export --format png|html` on the database a real `koers chat` walk
//! wrote. The PNG is checked by its pixels — resvg draws nothing, without an error, for text
//! whose font is not loaded, so the title and label areas must not be blank — and the HTML by
//! what it holds and what it must not (anything fetched from elsewhere).
//!
//! `KOERS_WRITE_DOCS=1 cargo test --test it export_picture` also writes the picture to
//! `docs/plan.png` (the one README shows).

use std::path::PathBuf;

use koers::report::png::SCALE;
use koers::report::svg::{
    Area, EXPERIMENT_AREA, GOAL_LABELS_AREA, HEIGHT, STEP_LABELS_AREA, TITLE_AREA, WIDTH,
};
use resvg::tiny_skia::Pixmap;
use serde_json::Value;

use crate::common::text;
use crate::common::{Chat, NOW, Sandbox, WALK, line_of, script};
use crate::export_cli::{db, export};

/// The whole walk, its goal set up as an A/B experiment with interim counts: a plan as a team
/// some weeks in would have it.
fn walked_on(sandbox: &Sandbox) {
    let goal = line_of("action.action#1.goal#1.text");
    let mut lines: Vec<&str> = WALK[..goal].iter().map(|l| l.input).collect();
    lines.extend([
        "Het aantal kaartjes dat via de nieuwsbrief wordt gekocht met 25% verhogen voor 31-03-2027",
        "Sanne",
        "ja",
        "120",
        "150",
        "ja",
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        "5.000",
        "nee",
        "nee",
    ]);
    lines.extend(WALK[line_of("action.long_term")..].iter().map(|l| l.input));
    lines.push("/doel voortgang 1 1200 60 1180 85");
    let run = sandbox.run(
        &Chat::new("Stadsschouwburg Utrecht", "ann"),
        lines.join("\n") + "\n",
    );
    run.assert_success();
}

/// `koers export --format <format> --out <file>` of the walked team; the file's path.
fn export_to(sandbox: &Sandbox, format: &str, name: &str) -> PathBuf {
    let file = sandbox.db_path().with_file_name(name);
    let (db, file_arg) = (db(sandbox), file.display().to_string());
    let out = export(
        sandbox,
        &[
            "--team",
            "Stadsschouwburg Utrecht",
            "--db",
            &db,
            "--format",
            format,
            "--out",
            &file_arg,
            "--now",
            NOW,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "written to the file, not stdout");
    file
}

/// Pixels in `area` (SVG units) dark enough to be text in ink: the bars and markers in the
/// same areas are lighter, so a picture whose text was dropped has none.
fn inked(pixmap: &Pixmap, area: Area) -> usize {
    let mut count = 0;
    for y in area.y * SCALE..(area.y + area.h) * SCALE {
        for x in area.x * SCALE..(area.x + area.w) * SCALE {
            let p = pixmap.pixel(x, y).expect("inside the picture");
            let luma = 0.299 * f64::from(p.red())
                + 0.587 * f64::from(p.green())
                + 0.114 * f64::from(p.blue());
            if luma < 75.0 {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn png_is_the_plan_at_twice_the_size_with_its_text_drawn() {
    let sandbox = Sandbox::new();
    walked_on(&sandbox);
    let file = export_to(&sandbox, "png", "plan.png");
    let bytes = std::fs::read(&file).expect("plan.png");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    let pixmap = Pixmap::decode_png(&bytes).expect("a valid PNG");
    assert_eq!(
        (pixmap.width(), pixmap.height()),
        (WIDTH * SCALE, HEIGHT * SCALE)
    );
    for (name, area) in [
        ("title", TITLE_AREA),
        ("step labels", STEP_LABELS_AREA),
        ("goal labels", GOAL_LABELS_AREA),
        ("experiment", EXPERIMENT_AREA),
    ] {
        let ink = inked(&pixmap, area);
        assert!(ink > 400, "the {name} area is blank: {ink} dark pixels");
    }
    if std::env::var_os("KOERS_WRITE_DOCS").is_some() {
        let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/plan.png");
        std::fs::copy(&file, docs).expect("write docs/plan.png");
    }
}

#[test]
fn png_without_out_is_refused_before_anything_is_read() {
    let sandbox = Sandbox::new();
    walked_on(&sandbox);
    let db = db(&sandbox);
    let out = export(
        &sandbox,
        &[
            "--team",
            "Stadsschouwburg Utrecht",
            "--db",
            &db,
            "--format",
            "png",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no binary on stdout");
    let err = text(&out.stderr);
    assert!(err.contains("--out FILE"), "{err}");
}

#[test]
fn html_holds_the_plan_and_fetches_nothing() {
    let sandbox = Sandbox::new();
    walked_on(&sandbox);
    let html = std::fs::read_to_string(export_to(&sandbox, "html", "plan.html")).expect("html");
    let json = std::fs::read_to_string(export_to(&sandbox, "json", "plan.json")).expect("json");
    let plan: Value = serde_json::from_str(&json).expect("json");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html:.200}");
    assert!(html.contains("size: A4"), "printable on A4");
    assert!(html.contains("<svg "), "the picture is inline");
    assert!(html.contains("Stadsschouwburg Utrecht"));
    let goals = plan["goals"].as_array().expect("goals");
    assert!(!goals.is_empty());
    for goal in goals {
        let goal_text = goal["text"].as_str().expect("text");
        assert!(
            html.contains(goal_text),
            "goal {goal_text:?} is in the report"
        );
    }
    // Every open readiness item of the walk, with its owner.
    let open = plan["rounds"][0]["readiness"]["open"]
        .as_array()
        .expect("open items");
    assert!(!open.is_empty());
    for item in open {
        assert!(html.contains(item["label"].as_str().expect("label")));
    }
    assert!(
        html.contains("publieksdata@den.nl"),
        "where to get help, as in the export"
    );
    let lower = html.to_lowercase();
    for external in [
        "http://", "https://", "src=", "<link", "@import", "url(", "<script",
    ] {
        assert!(!lower.contains(external), "{external} in the report");
    }
}

#[test]
fn html_escapes_what_the_team_typed() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &Chat::new("team", "ann"),
        format!(
            "{}/doel nieuw <b>Meer</b> \"jong\" & oud publiek voor 30-06-2027\n",
            script(WALK)
        ),
    );
    run.assert_success();
    let db = db(&sandbox);
    let out = export(
        &sandbox,
        &["--team", "team", "--db", &db, "--format", "html"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = text(&out.stdout);
    assert!(
        html.contains("&lt;b&gt;Meer&lt;/b&gt; &quot;jong&quot; &amp; oud publiek"),
        "escaped in the report"
    );
    assert!(!html.contains("<b>Meer</b>"));
}
