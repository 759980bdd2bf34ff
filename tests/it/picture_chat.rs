//! End-to-end: `/plaatje` in `koers chat` writes the plan's picture next to the database and
//! prints its path; `/status` in the terminal stays text only.

use koers::report::png::SCALE;
use koers::report::svg::{HEIGHT, WIDTH};
use resvg::tiny_skia::Pixmap;

use crate::common::{Chat, Sandbox};

#[test]
fn plaatje_writes_a_png_next_to_the_database_and_prints_its_path() {
    let sandbox = Sandbox::new();
    let done = sandbox.run(
        &Chat::new("Museum X", "ann"),
        "Strategie\n/plaatje\n/status\n/picture\n",
    );
    done.assert_success();
    let folder = sandbox.db_path().parent().expect("a folder").to_path_buf();
    let path = folder.join("koers-museum-x-plan.png");
    let printed = format!("Plaatje opgeslagen: {}", path.display());
    assert_eq!(
        done.stdout.matches(&printed).count(),
        2,
        "/plaatje and /picture print the path, /status does not:\n{}",
        done.stdout
    );
    assert!(done.stdout.contains("Het plan van Museum X als plaatje."));
    let bytes = std::fs::read(&path).expect("the picture is written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let pixmap = Pixmap::decode_png(&bytes).expect("a valid PNG");
    assert_eq!(
        (pixmap.width(), pixmap.height()),
        (WIDTH * SCALE, HEIGHT * SCALE)
    );
    let inked = pixmap.pixels().iter().filter(|p| p.red() < 128).count();
    assert!(
        inked > 1000,
        "the picture is not blank: {inked} dark pixels"
    );
    let pngs = std::fs::read_dir(&folder)
        .expect("list the folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .count();
    assert_eq!(pngs, 1, "only /plaatje writes a file");
}
