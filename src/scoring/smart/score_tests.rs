//! Whole goals through [`score_goal`], Dutch and English, and the ids and helpers of
//! the module; the table of whole goals is in `score_table_tests.rs`.

use jiff::civil::{Date, date};

use super::Warning::{ImplausibleChange, ImplausiblyShort};
use super::{SmartScore, Unit, score_goal};

/// The today of every row.
pub(super) const TODAY: Date = date(2026, 11, 25);

/// A letter that is false for certain (realistic, when a change cannot be).
pub(super) const NO: Option<bool> = Some(false);

#[test]
fn score_goal_reports_what_it_found() {
    let got = score_goal(
        "Verdubbel het aantal Instagram-volgers binnen drie maanden; eigenaar: Team Online",
        TODAY,
    );
    let target = got
        .target
        .as_ref()
        .map(|t| (t.value, t.unit, t.raw.as_str()));
    assert_eq!(target, Some((2.0, Unit::Factor, "Verdubbel")));
    assert_eq!(got.owner.as_deref(), Some("Team Online"));
    assert_eq!(got.score(), 3);
    let mut all_true = got.clone();
    all_true.acceptable = Some(true);
    all_true.realistic = Some(true);
    assert_eq!(all_true.score(), SmartScore::MAX);
}

#[test]
fn deadline_today_is_not_passed_and_a_week_is_short() {
    let today = score_goal("30% meer bezoekers uit Delft op 25 november 2026", TODAY);
    assert_eq!(today.warnings, [ImplausiblyShort]);
    let eight_days = score_goal("30% meer bezoekers uit Delft binnen 8 dagen", TODAY);
    assert_eq!(eight_days.warnings, []);
    assert_eq!(eight_days.realistic, None);
    let small = score_goal("20% meer bezoekers uit Delft binnen 7 dagen", TODAY);
    assert_eq!(small.warnings, []);
    let at_limit = score_goal("300% meer bezoekers uit Delft in 2027", TODAY);
    assert_eq!(at_limit.warnings, []);
    let tiny = score_goal(
        "de wachttijd bij de kassa met factor 0,05 verkleinen",
        TODAY,
    );
    assert_eq!(tiny.warnings, [ImplausibleChange]);
}

#[test]
fn a_stated_start_and_end_are_judged_as_a_change() {
    // A factor 20 and a factor 12: too large, however the numbers are written.
    for goal in [
        "Het aantal downloads van de lesbrief moet binnen drie maanden van 40 naar 800.",
        "Take-up of residents' discount tickets from 5% to 60% in 2027.",
        "Increase attendance at the jazz stage from 2,000 to 25,000 next summer.",
        // +400 % is above 300 %, though a factor 5 is not above 5; money in pounds too.
        "Nieuwsbrief 'Doek Op': van 3.000 naar 15.000 inschrijvers in 2027.",
        "Programme book advertising: from £2,000 to £14,000 in 2027.",
    ] {
        let got = score_goal(goal, TODAY);
        assert_eq!(got.warnings, [ImplausibleChange], "{goal}");
        assert_eq!(got.realistic, NO, "{goal}");
    }
    // A factor 1.25 within the year is no warning; the target is still the end point.
    let modest = score_goal("Van 800 naar 1.000 abonnees in Delft in 2027", TODAY);
    assert_eq!(modest.warnings, []);
    assert_eq!(modest.target.map(|t| t.value), Some(1000.0));
    // A factor 2 within five days is large for so short a time.
    let rushed = score_goal(
        "Workshops in Delft: from 20 to 40 sign-ups within 5 days",
        TODAY,
    );
    assert_eq!(rushed.warnings, [ImplausiblyShort]);
}
