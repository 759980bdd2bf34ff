//! Engine tests of what koers shows back: the plan overview of step 3 (each action with its own
//! goals, the long-term goal, no step-4 actions among the goals), a step-4 action named in
//! the team's current language, and the replies to steps and commands that do not exist.

use super::tests::{Chat, LEVEL_KEYS, WALK};
use crate::prompts::Lang;

/// Answer the question at the cursor as [`WALK`] does, until the cursor is at `stop`; with
/// `yes`, that many of the level questions are answered yes and the rest no, and the lerend
/// follow-up gets `embedded`. `stop` empty: to the end of the round.
fn follow_walk(chat: &mut Chat, stop: &str, yes: Option<usize>, embedded: &str) {
    for _ in 0..200 {
        let Some(at) = chat.cursor() else {
            assert!(stop.is_empty(), "the round ended before {stop}");
            return;
        };
        if at == stop {
            return;
        }
        let answer = if at == "data.embedded" {
            embedded
        } else {
            let (_, walked) = WALK
                .iter()
                .find(|(key, _)| *key == at)
                .unwrap_or_else(|| panic!("{at} is not in the walk"));
            match (yes, LEVEL_KEYS.iter().position(|k| *k == at)) {
                (Some(yes), Some(i)) if i < yes => "ja",
                (Some(_), Some(_)) => "nee",
                _ => walked,
            }
        };
        chat.say(answer);
    }
    panic!("never reached {stop}");
}

/// The plan overview in `text`: from its first line to its last (the question whether the
/// goals serve the vraagstuk, or that there are none).
fn overview(chat: &Chat, text: &str) -> String {
    let texts = chat.engine.texts();
    let head = texts.get(Lang::Nl, "action.plan.text");
    let head = head.lines().next().expect("a first line");
    let start = text
        .find(head)
        .unwrap_or_else(|| panic!("no overview in:\n{text}"));
    let rest = &text[start..];
    let ends = [
        texts.get(Lang::Nl, "action.plan.check"),
        texts.get(Lang::Nl, "action.plan.no_goals"),
    ];
    let end = ends
        .iter()
        .filter_map(|e| rest.find(e).map(|at| at + e.len()))
        .min()
        .unwrap_or_else(|| panic!("the overview does not end in:\n{rest}"));
    rest[..end].to_string()
}

#[test]
fn the_overview_lists_each_actions_own_goals_and_no_step_4_action_as_one() {
    let mut chat = Chat::new();
    follow_walk(&mut chat, "", None, "");
    // The walk left "Duidelijk mandaat" open with an owner and a date: tracked as action 2.
    let export = chat.say("/export");
    let shown = overview(&chat, &export);
    assert!(shown.contains("Actie: Instagram-campagne"), "{shown}");
    assert!(shown.contains("Doel 1: Het aantal studenten"), "{shown}");
    assert!(
        !shown.contains("Doel 2"),
        "a step-4 action as a goal:\n{shown}"
    );
    assert!(!shown.contains("Duidelijk mandaat"), "{shown}");

    // Round 2 takes the open action along; its overview has only the round's own goals.
    chat.say("/nieuw");
    chat.say("De campagne liep goed");
    chat.say("ja");
    follow_walk(&mut chat, "action.action#1.what", None, "");
    chat.say("Nieuwsbriefactie");
    chat.say(
        "Het aantal studenten dat via de nieuwsbrief een kaartje koopt verdubbelen vóór juni 2027",
    );
    follow_walk(&mut chat, "action.action#1", None, "");
    let out = chat.say("nee");
    let shown = overview(&chat, &out);
    assert!(shown.contains("Actie: Nieuwsbriefactie"), "{shown}");
    assert!(shown.contains("Doel 3: Het aantal studenten"), "{shown}");
    assert!(!shown.contains("Duidelijk mandaat"), "{shown}");
    assert!(!shown.contains("Doel 2"), "{shown}");
}

#[test]
fn the_overview_shows_a_learning_teams_long_term_goal() {
    let mut chat = Chat::new();
    follow_walk(&mut chat, "action.action#1", Some(4), "nee");
    assert_eq!(chat.value("data.level_final").as_deref(), Some("lerend"));
    chat.say("nee");
    assert_eq!(chat.cursor().as_deref(), Some("action.long_term"));
    let out = chat.say("In 2029 is een kwart van ons publiek jonger dan 30");
    let shown = overview(&chat, &out);
    assert!(
        shown.contains(
            "Doel voor de lange termijn: In 2029 is een kwart van ons publiek jonger dan 30"
        ),
        "{shown}"
    );
    assert!(shown.contains("Actie: Instagram-campagne"), "{shown}");
}

/// The tracked action the walk makes of "Duidelijk mandaat".
fn mandate_action(chat: &Chat) -> crate::store::TrackedGoal {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s
                .find_team(&team.platform, &team.id)?
                .ok_or_else(|| anyhow::anyhow!("no team"))?;
            s.find_goal_by_key(t.id, t.round, "implementation.mandate")
        })
        .expect("read")
        .expect("the mandate is tracked")
}

/// What the team's pending reminders about `goal_id` say.
fn reminder_texts(chat: &Chat, goal_id: i64) -> Vec<String> {
    let team = chat.team.clone();
    let ids = chat
        .db
        .run(move |s| {
            let t = s
                .find_team(&team.platform, &team.id)?
                .ok_or_else(|| anyhow::anyhow!("no team"))?;
            s.list_next_reminders(&crate::store::Scope::Team(t.id), 50)
        })
        .expect("reminders");
    ids.into_iter()
        .filter_map(|(id, _)| chat.engine.prepare_reminder(&chat.db, id).expect("worded"))
        .filter(|out| out.goal_id == goal_id)
        .map(|out| out.reply.text)
        .collect()
}

#[test]
fn a_step_4_action_is_named_in_the_teams_current_language() {
    let mut chat = Chat::new();
    follow_walk(&mut chat, "", None, "");
    let action = mandate_action(&chat);
    assert_eq!(action.text, "Duidelijk mandaat", "made in Dutch");
    chat.say("/taal en");
    for command in ["/status", "/goal", "/export", "/export json"] {
        let out = chat.say(command);
        assert!(out.contains("Clear mandate"), "{command}: {out}");
        assert!(!out.contains("Duidelijk mandaat"), "{command}: {out}");
    }
    assert!(chat.say("/goal").contains("2. Clear mandate"));
    let reminders = reminder_texts(&chat, action.id);
    assert!(!reminders.is_empty(), "the action has reminders");
    for text in reminders {
        assert!(text.contains("Clear mandate"), "{text}");
    }
    // A reminder that could not be delivered is listed by the same name.
    let team = chat.team.clone();
    let first = chat
        .db
        .run(move |s| {
            let t = s
                .find_team(&team.platform, &team.id)?
                .ok_or_else(|| anyhow::anyhow!("no team"))?;
            s.list_next_reminders(&crate::store::Scope::Team(t.id), 1)
        })
        .expect("reminders")[0]
        .0;
    chat.db
        .run(move |s| s.mark_reminder_failed(first, "test 404 gone", "now"))
        .expect("failed");
    let status = chat.say("/status");
    let failed = status
        .lines()
        .find(|l| l.contains("reminder of"))
        .unwrap_or_else(|| panic!("no failed reminder in {status}"));
    assert!(failed.contains("(Clear mandate)"), "{failed}");
    // Evaluating it now cancels its reminders: so after them.
    let asked = chat.say(&format!("/evaluate {}", action.number));
    assert!(asked.contains("'Clear mandate'"), "{asked}");
}

#[test]
fn a_step_4_action_made_in_english_reads_dutch_after_the_switch() {
    let mut chat = Chat::new();
    follow_walk(&mut chat, "implementation.mandate", None, "");
    chat.say("/taal en");
    for answer in ["no", "The board", "31-03-2027"] {
        chat.say(answer);
    }
    assert_eq!(
        mandate_action(&chat).text,
        "Clear mandate",
        "made in English"
    );
    chat.say("/taal nl");
    for command in ["/status", "/doel", "/export"] {
        let out = chat.say(command);
        assert!(out.contains("Duidelijk mandaat"), "{command}: {out}");
        assert!(!out.contains("Clear mandate"), "{command}: {out}");
    }
}

#[test]
fn any_whole_number_that_is_no_step_is_named_with_the_range() {
    let mut chat = Chat::new();
    chat.say("marketing");
    let at = chat.cursor();
    for (line, n) in [
        ("/stap 9", "9"),
        ("/stap 0", "0"),
        ("/stap -1", "-1"),
        ("/step 99999999999999999999", "99999999999999999999"),
        ("/step -00", "0"),
        ("/stap +5", "5"),
    ] {
        let want = chat
            .engine
            .texts()
            .fmt(Lang::Nl, "msg.step.unknown", &[("n", n), ("max", "4")]);
        let out = chat.say(line);
        assert!(out.contains(&want), "{line}: {out}");
        assert_eq!(chat.cursor(), at, "{line} moves nothing");
    }
    // A number too long to quote whole is cut.
    let out = chat.say(&format!("/stap {}", "9".repeat(400)));
    assert!(
        out.contains("Een stap 99999999999999999999… is er niet"),
        "{out}"
    );
    // Not a number: how the command is used.
    let out = chat.say("/stap twee");
    assert!(out.contains("Gebruik: /stap 2"), "{out}");
}

#[test]
fn a_slash_without_a_command_points_to_help() {
    let mut chat = Chat::new();
    let want = chat
        .engine
        .texts()
        .get(Lang::Nl, "msg.no_command")
        .to_string();
    for line in ["/", "//", " / ", "///"] {
        let out = chat.say(line);
        assert!(out.contains(&want), "{line:?}: {out}");
        assert!(!out.contains("ken ik niet"), "{line:?}: {out}");
    }
    // An unknown command is still named.
    assert!(
        chat.say("/vlieg")
            .contains("Het commando /vlieg ken ik niet.")
    );
}

#[test]
fn start_on_a_new_team_asks_the_first_question_once_and_welcomes_no_one_back() {
    // The chat opened with the greeting and the first question; a typed /start points to it.
    let mut chat = Chat::new();
    let texts = chat.engine.texts();
    let question = texts.get(Lang::Nl, "question.focus.text").to_string();
    let fresh = texts.get(Lang::Nl, "msg.start_fresh").to_string();
    let back = "Welkom terug";
    let out = chat.say("/start");
    assert!(!out.contains(back), "{out}");
    assert!(!out.contains(&question), "asked a second time: {out}");
    assert!(out.contains(&fresh), "{out}");
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    // A typed /start as a team's very first message: the greeting and the question, once.
    let first: Vec<String> = chat
        .replies_on("elders", "/start")
        .into_iter()
        .map(|r| r.text)
        .collect();
    let first = first.join("\n\n");
    assert!(first.contains("Hoi t!"), "{first}");
    assert_eq!(first.matches(&question).count(), 1, "{first}");
    assert!(!first.contains(back), "{first}");
    // Once the team has answered, /start welcomes it back at the open question.
    chat.say("marketing");
    let out = chat.say("/start");
    assert!(out.contains("Welkom terug, t!"), "{out}");
}

#[test]
fn a_tracked_action_is_confirmed_with_one_account_of_what_comes_next() {
    let mut chat = Chat::new();
    follow_walk(&mut chat, "implementation.mandate", None, "");
    chat.say("nee");
    chat.say("Directie");
    let out = chat.say("31-03-2027");
    let texts = chat.engine.texts();
    let planned = texts.fmt(
        Lang::Nl,
        "msg.readiness_action.reminders_planned",
        &[("days", "7 en 1")],
    );
    assert!(out.contains(&planned), "{out}");
    let goal_words = texts.fmt(
        Lang::Nl,
        "msg.goal.reminders_planned",
        &[("days", "7 en 1")],
    );
    assert!(!out.contains(&goal_words), "{out}");
    assert!(
        !out.contains("evaluatie"),
        "an action is not evaluated: {out}"
    );
    assert_eq!(out.matches("op die datum").count(), 1, "{out}");
}

#[test]
fn an_export_file_is_named_with_the_right_article() {
    let mut chat = Chat::new();
    chat.say("/taal en");
    let html = chat.say("/export html");
    assert!(html.contains("The plan of t as an HTML file."), "{html}");
    let png = chat.say("/export png");
    assert!(png.contains("The plan of t as a PNG file."), "{png}");
}
