//! The table of whole goals through [`score_goal`], Dutch and English: the letters, deadline,
//! warnings, suggestions and score each must get.

use jiff::civil::{Date, date};

use super::Suggestion::{
    AddDeadline, AddNumber, AddTargetGroup, AddWhatChanges, AskBaseline, AskOwner, AskSupport,
};
use super::Warning::{DeadlinePassed, ImplausibleChange, ImplausiblyShort};
use super::score_tests::{NO, TODAY};
use super::{Suggestion, Warning, score_goal};

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
