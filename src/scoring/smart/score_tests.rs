//! Whole goals through [`score_goal`], Dutch and English, and the ids and helpers of
//! the module.

use jiff::civil::{Date, date};

use super::Suggestion::{
    AddDeadline, AddNumber, AddTargetGroup, AddWhatChanges, AskBaseline, AskOwner, AskSupport,
};
use super::Warning::{DeadlinePassed, ImplausibleChange, ImplausiblyShort};
use super::{SmartScore, Suggestion, Unit, Warning, score_goal};

/// The today of every row.
const TODAY: Date = date(2026, 11, 25);

/// One expected result: the letters S, M, A, R, T, the deadline, warnings, suggestions
/// and score.
struct Want {
    letters: (bool, bool, Option<bool>, Option<bool>, bool),
    deadline: Option<Date>,
    warnings: &'static [Warning],
    suggestions: &'static [Suggestion],
    score: u8,
}

/// Shorthand for a [`Want`].
const fn want(
    letters: (bool, bool, Option<bool>, Option<bool>, bool),
    deadline: Option<Date>,
    warnings: &'static [Warning],
    suggestions: &'static [Suggestion],
    score: u8,
) -> Want {
    Want {
        letters,
        deadline,
        warnings,
        suggestions,
        score,
    }
}

const T: bool = true;
const F: bool = false;
const NO: Option<bool> = Some(false);

#[test]
fn score_goal_table() {
    let cases: &[(&str, Want)] = &[
        // The guide's pair.
        (
            "Het aantal bezoekers uit de gemeente Utrecht van 25 jaar oud, voor voorstelling x, \
             verhogen met 10% vóór december 2023.",
            want(
                (T, T, None, NO, T),
                Some(date(2023, 11, 30)),
                &[DeadlinePassed],
                &[AskOwner],
                3,
            ),
        ),
        (
            "bezoekersaantallen verhogen",
            want(
                (F, F, None, None, F),
                None,
                &[],
                &[AddTargetGroup, AddNumber, AddDeadline, AskOwner],
                0,
            ),
        ),
        (
            "",
            want(
                (F, F, None, None, F),
                None,
                &[],
                &[AddWhatChanges, AddNumber, AddDeadline, AskOwner],
                0,
            ),
        ),
        (
            "We willen groeien",
            want(
                (F, F, None, None, F),
                None,
                &[],
                &[AddWhatChanges, AddNumber, AddDeadline, AskOwner],
                0,
            ),
        ),
        (
            "Meer bezoekers",
            want(
                (F, F, None, None, F),
                None,
                &[],
                &[AddTargetGroup, AddNumber, AddDeadline, AskOwner],
                0,
            ),
        ),
        (
            "Het aantal studenten dat een ticket koopt via de webshop met 20% verhogen vóór \
             1 juli 2027. Eigenaar: Sanne.",
            want(
                (T, T, None, None, T),
                Some(date(2027, 6, 30)),
                &[],
                &[AskSupport, AskBaseline],
                3,
            ),
        ),
        (
            "Increase newsletter sign-ups among families by 15% by the end of next month. \
             Owner: Sam.",
            want(
                (T, T, None, None, T),
                Some(date(2026, 12, 31)),
                &[],
                &[AskSupport, AskBaseline],
                3,
            ),
        ),
        (
            "Verdubbel het aantal Instagram-volgers binnen drie maanden",
            want(
                (T, T, None, None, T),
                Some(date(2027, 2, 25)),
                &[],
                &[AskOwner, AskBaseline],
                3,
            ),
        ),
        (
            "De omzet van de webshop vertienvoudigen in 2027",
            want(
                (T, T, None, NO, T),
                Some(date(2027, 12, 31)),
                &[ImplausibleChange],
                &[AskOwner],
                3,
            ),
        ),
        (
            "500% meer bezoekers op de website deze week",
            want(
                (T, T, None, NO, T),
                Some(date(2026, 11, 29)),
                &[ImplausibleChange, ImplausiblyShort],
                &[AskOwner],
                3,
            ),
        ),
        (
            "Increase the occupancy of the festival campsite by 30% within 5 days",
            want(
                (T, T, None, NO, T),
                Some(date(2026, 11, 30)),
                &[ImplausiblyShort],
                &[AskOwner],
                3,
            ),
        ),
        (
            "Het aantal no-shows bij de kassa halveren binnen een week",
            want(
                (T, T, None, NO, T),
                Some(date(2026, 12, 2)),
                &[ImplausiblyShort],
                &[AskOwner],
                3,
            ),
        ),
        (
            "Meer donateurs uit de regio: van 200 naar 300 vóór 1 maart 2027, verantwoordelijk: \
             team fondsenwerving",
            want(
                (T, T, None, None, T),
                Some(date(2027, 2, 28)),
                &[],
                &[AskSupport, AskBaseline],
                3,
            ),
        ),
        (
            "Increase revenue by €5,000 by Q2 2027",
            want(
                (F, T, None, None, T),
                Some(date(2027, 6, 30)),
                &[],
                &[AddTargetGroup, AskOwner, AskBaseline],
                2,
            ),
        ),
        (
            "Meer jongeren onder de 35 kopen een abonnement",
            want(
                (T, F, None, None, F),
                None,
                &[],
                &[AddNumber, AddDeadline, AskOwner],
                1,
            ),
        ),
        (
            "Bezoekers van 25 jaar uit Utrecht: 10% meer in het tweede kwartaal van 2027. \
             Sanne is eigenaar.",
            want(
                (T, T, None, None, T),
                Some(date(2027, 6, 30)),
                &[],
                &[AskSupport, AskBaseline],
                3,
            ),
        ),
        (
            "Double the number of first-time visitors to the exhibition by 30 June 2027, \
             owned by the education team",
            want(
                (T, T, None, None, T),
                Some(date(2027, 6, 30)),
                &[],
                &[AskSupport, AskBaseline],
                3,
            ),
        ),
        (
            "Een kwart meer herhaalbezoek van gezinnen eind volgend jaar",
            want(
                (T, T, None, None, T),
                Some(date(2027, 12, 31)),
                &[],
                &[AskOwner, AskBaseline],
                3,
            ),
        ),
        (
            "1.000 extra kaartjes verkopen voor voorstelling x, uiterlijk week 12 van 2027",
            want(
                (T, T, None, None, T),
                Some(date(2027, 3, 28)),
                &[],
                &[AskOwner, AskBaseline],
                3,
            ),
        ),
        (
            "Grow reach on TikTok among students aged 18-24 within 6 months. Owner: Sam",
            want(
                (T, F, None, None, T),
                Some(date(2027, 5, 25)),
                &[],
                &[AddNumber, AskSupport],
                2,
            ),
        ),
        (
            "Bezettingsgraad van de grote zaal verhogen naar 85% voor 1 januari",
            want(
                (T, T, None, None, T),
                Some(date(2026, 12, 31)),
                &[],
                &[AskOwner, AskBaseline],
                3,
            ),
        ),
        (
            "Twice as many members from Rotterdam in 2025",
            want(
                (T, T, None, NO, T),
                Some(date(2025, 12, 31)),
                &[DeadlinePassed],
                &[AskOwner],
                3,
            ),
        ),
        (
            "Tevredenheid van senioren omhoog, eigenaar: Piet",
            want(
                (T, F, None, None, F),
                None,
                &[],
                &[AddNumber, AddDeadline, AskSupport],
                1,
            ),
        ),
        (
            "Vijf nieuwe leden voor de vriendenkring binnen twee maanden",
            want(
                (T, T, None, None, T),
                Some(date(2027, 1, 25)),
                &[],
                &[AskOwner, AskBaseline],
                3,
            ),
        ),
        (
            "Het bereik van de nieuwsbrief met 2,5% laten groeien, tussen nu en eind Q1",
            want(
                (T, T, None, None, T),
                Some(date(2027, 3, 31)),
                &[],
                &[AskOwner, AskBaseline],
                3,
            ),
        ),
        (
            "Sell 2,000 more tickets for the summer concert in Amsterdam before March 2027; \
             Fatima is responsible",
            want(
                (T, T, None, None, T),
                Some(date(2027, 2, 28)),
                &[],
                &[AskSupport, AskBaseline],
                3,
            ),
        ),
    ];
    for (text, want) in cases {
        let got = score_goal(text, TODAY);
        let letters = (
            got.specific,
            got.measurable,
            got.acceptable,
            got.realistic,
            got.time_bound,
        );
        assert_eq!(letters, want.letters, "letters of {text:?}: {got:?}");
        assert_eq!(got.deadline, want.deadline, "deadline of {text:?}");
        assert_eq!(got.warnings, want.warnings, "warnings of {text:?}");
        assert_eq!(got.suggestions, want.suggestions, "suggestions of {text:?}");
        assert_eq!(got.score(), want.score, "score of {text:?}");
        assert_eq!(got.measurable, got.target.is_some(), "target of {text:?}");
        // Text alone cannot tell whether those involved stand behind the goal.
        assert_eq!(got.acceptable, None, "acceptable of {text:?}");
        assert_eq!(
            got.suggestions.contains(&AskSupport),
            got.owner.is_some(),
            "owner of {text:?}"
        );
    }
    assert!(cases.len() >= 20);
}

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
