//! The fuzzing harness the `*fuzz*` tests share (tests only): a proptest runner that replays
//! every failure found before (`proptest-regressions/`, committed), then random cases, again
//! and again until `KOERS_FUZZ_SECS` have passed; and the hand-written seed corpus of nasty
//! inputs (`fuzz/seeds.json`) every target is run on first.

use std::fmt::Debug;
use std::time::{Duration, Instant};

use proptest::strategy::{BoxedStrategy, Strategy};
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use serde::Deserialize;

/// How long the fuzz tests run on: `KOERS_FUZZ_SECS` (each target that long), or one round.
fn budget() -> Duration {
    std::env::var("KOERS_FUZZ_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_secs)
}

/// Run `test` on `cases` random values of `strategy` (after the persisted failures of
/// `source_file`), and keep running fresh rounds until the time budget is spent. A failure is
/// shrunk, saved to `proptest-regressions/` and fails the test with the smallest input.
pub(crate) fn fuzz<S>(
    source_file: &'static str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let started = Instant::now();
    let deadline = started + budget();
    let mut rounds = 0u64;
    loop {
        let config = Config {
            cases,
            source_file: Some(source_file),
            failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
                "proptest-regressions",
            ))),
            max_shrink_time: 120_000,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(failure) = runner.run(&strategy, &test) {
            panic!("fuzzing found a failure (saved in proptest-regressions/): {failure}");
        }
        rounds += 1;
        if Instant::now() >= deadline {
            break;
        }
    }
    let test = std::thread::current()
        .name()
        .unwrap_or(source_file)
        .to_string();
    eprintln!(
        "fuzz {test}: {} random cases in {rounds} round(s), {:.1} s",
        rounds * u64::from(cases),
        started.elapsed().as_secs_f64()
    );
}

/// The seed corpus as written in `fuzz/seeds.json`.
#[derive(Deserialize)]
#[cfg_attr(not(feature = "matrix"), allow(dead_code))]
struct Seeds {
    texts: Vec<String>,
    repeated: Vec<Repeated>,
    bytes: Vec<Vec<u8>>,
}

/// A text too long to write out: `text` `times` times.
#[derive(Deserialize)]
struct Repeated {
    text: String,
    times: usize,
}

fn seeds() -> Seeds {
    serde_json::from_str(include_str!("../fuzz/seeds.json")).expect("fuzz/seeds.json")
}

/// The nasty texts of the seed corpus: empty, a megabyte, control characters, bidi overrides,
/// NUL, SQL, emoji sequences, very long numbers, impossible dates …
pub(crate) fn nasty_texts() -> Vec<String> {
    let seeds = seeds();
    let mut texts = seeds.texts;
    texts.extend(seeds.repeated.iter().map(|r| r.text.repeat(r.times)));
    texts
}

/// The seed corpus as raw bytes where bytes enter koers (a platform's JSON): every text, and
/// byte strings that are no UTF-8 at all.
#[cfg_attr(not(feature = "matrix"), allow(dead_code))]
pub(crate) fn nasty_bytes() -> Vec<Vec<u8>> {
    let seeds = seeds();
    let mut bytes = seeds.bytes;
    bytes.extend(nasty_texts().into_iter().map(String::into_bytes));
    bytes
}

/// Any text: mostly short and printable, sometimes anything at all (controls, bidi marks,
/// surrogates' neighbours, emoji), sometimes a seed of the corpus with random text around it.
pub(crate) fn any_text() -> BoxedStrategy<String> {
    use proptest::prelude::*;
    let seeds = nasty_texts()
        .into_iter()
        .filter(|s| s.len() < 4096)
        .collect::<Vec<_>>();
    prop_oneof![
        4 => "[ -~]{0,40}",
        2 => "\\PC{0,40}",
        2 => any::<String>(),
        1 => "[0-9.,\\- ]{0,30}",
        1 => "(ja|nee|klopt|yes|no|misschien|deels|weet ik niet|1|2|3|0|-1|99999999999999999999)",
        2 => (proptest::sample::select(seeds), "\\PC{0,8}", "\\PC{0,8}")
            .prop_map(|(seed, before, after)| format!("{before}{seed}{after}")),
    ]
    // Boxed: composed strategies of unboxed ones build value trees big enough to overflow a
    // test thread's stack in a debug build.
    .boxed()
}
