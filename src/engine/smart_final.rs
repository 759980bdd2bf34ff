//! The final SMART score of a goal: its text scored, then the team's answers (owner, support,
//! deadline, baseline and target) counted.

use jiff::civil::Date;

use crate::scoring::smart::{
    SmartScore, Suggestion, Warning, direction_warning, score_goal, stated_change, warnings,
};

/// A goal's answers, as the team gave them in its group.
pub(super) struct GoalAnswers {
    pub(super) action_text: String,
    pub(super) text: String,
    pub(super) owner: Option<String>,
    /// Whether those involved stand behind it (`yes`, `no`, `partly`, `unknown`).
    pub(super) agreed: Option<String>,
    pub(super) deadline: Option<String>,
    pub(super) baseline: Option<String>,
    pub(super) target: Option<String>,
    /// Whether the goal is done with (evaluated, closed or dropped): a deadline that has
    /// passed since is how it went, not something to act on.
    pub(super) finished: bool,
}

/// The goal's final SMART score from its text and the team's answers, with the baseline and
/// target read as numbers: an owner makes it acceptable unless those involved do not stand
/// behind it, a deadline answer replaces the one in the text, and a baseline with a target is
/// judged for realism.
pub(super) fn final_score(a: &GoalAnswers, today: Date) -> (SmartScore, Option<f64>, Option<f64>) {
    let mut score = score_goal(&a.text, today);
    let deadline_date = a.deadline.as_deref().and_then(|d| d.parse::<Date>().ok());
    let (base, goal_target) = (
        a.baseline.as_deref().and_then(|b| b.parse::<f64>().ok()),
        a.target.as_deref().and_then(|t| t.parse::<f64>().ok()),
    );
    // A number the team gave as the target makes the goal measurable, whatever its text says.
    if goal_target.is_some() {
        score.measurable = true;
    }
    score.deadline = deadline_date.or(score.deadline);
    score.time_bound = score.deadline.is_some();
    // Acceptable is an owner and the support of those involved: met once both are there, not
    // met when support is anything but yes, unknown until it is answered.
    let owner_known = a.owner.is_some() || score.owner.is_some();
    score.acceptable = match a.agreed.as_deref() {
        Some("yes") if owner_known => Some(true),
        Some("yes") => None,
        Some(_) => Some(false),
        None => None,
    };
    // With a baseline and a target the team has said how far it wants to go: judge that.
    // Judged as the text's own "van … naar …" is, so the same numbers get the same verdict.
    let change = stated_change(base.zip(goal_target));
    let stated = stated_change(score.stated);
    score.warnings = warnings(
        score.deadline,
        change
            .as_ref()
            .or(stated.as_ref())
            .or(score.target.as_ref()),
        today,
    );
    // The same check as on the text alone, now with the team's numbers when it gave both.
    score.warnings.extend(direction_warning(
        &a.text,
        base.zip(goal_target).or(score.stated),
    ));
    if a.finished {
        score.warnings.retain(|w| *w != Warning::DeadlinePassed);
    }
    score.realistic = if !score.warnings.is_empty() {
        Some(false)
    } else if base.is_some() && goal_target.is_some() {
        Some(true)
    } else {
        None
    };
    let asked = score.suggestions.clone();
    score.suggestions = Suggestion::ALL
        .into_iter()
        .filter(|s| match s {
            Suggestion::AskOwner => !owner_known,
            Suggestion::AskSupport => owner_known && a.agreed.is_none(),
            Suggestion::AddDeadline => asked.contains(s) && !score.time_bound,
            Suggestion::AskBaseline => asked.contains(s) && score.realistic.is_none(),
            Suggestion::AddNumber => asked.contains(s) && !score.measurable,
            _ => asked.contains(s),
        })
        .collect();
    (score, base, goal_target)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn answers(text: &str, baseline: Option<&str>, target: Option<&str>) -> GoalAnswers {
        GoalAnswers {
            action_text: "Lesbrieven".into(),
            text: text.into(),
            owner: None,
            agreed: None,
            deadline: None,
            baseline: baseline.map(Into::into),
            target: target.map(Into::into),
            finished: false,
        }
    }

    #[test]
    fn a_start_and_end_in_the_text_are_judged_until_the_team_gives_its_own() {
        let today = date(2026, 11, 25);
        let text = "Downloads van de lesbrief in Utrecht van 40 naar 800 in 2027";
        let (said, _, _) = final_score(&answers(text, None, None), today);
        assert_eq!(said.warnings, [Warning::ImplausibleChange]);
        assert_eq!(said.realistic, Some(false));
        // The team's own baseline and target are what counts once given.
        let (given, _, _) = final_score(&answers(text, Some("600"), Some("800")), today);
        assert_eq!(given.warnings, []);
        assert_eq!(given.realistic, Some(true));
    }

    #[test]
    fn the_same_start_and_end_get_the_same_verdict_from_the_text_or_the_team() {
        let today = date(2026, 11, 25);
        let text = "Het aantal studentenkaarten verhogen van 1.200 naar 5.000 voor eind juni 2027";
        let (said, _, _) = final_score(&answers(text, None, None), today);
        let (given, _, _) = final_score(&answers(text, Some("1200"), Some("5000")), today);
        assert_eq!(said.warnings, [Warning::ImplausibleChange]);
        assert_eq!(given.warnings, said.warnings);
        assert_eq!(given.realistic, Some(false));
        // Without a start in the text, the team's numbers alone are judged alike.
        let plain = "Het aantal studentenkaarten verhogen voor eind juni 2027";
        let (team, _, _) = final_score(&answers(plain, Some("1200"), Some("5000")), today);
        assert_eq!(team.warnings, [Warning::ImplausibleChange]);
    }
}
