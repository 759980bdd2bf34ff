//! Yes and no typed in free text, in Dutch and English: read, stored as a language-neutral id,
//! shown in the export, and counted for the experience level.

use super::LEVEL_KEYS;
use crate::common::{Chat, Sandbox, WALK, line_of};

/// A yes/no answer: as typed, as stored, as the export shows it.
type Typed = (&'static str, &'static str, &'static str);

#[test]
fn yes_no_free_text_is_read_in_dutch_and_english() {
    // Step 1 answered plainly (no "5x waarom"), to reach the seven yes/no questions.
    let step1: String = WALK[..line_of("question.why_offer")]
        .iter()
        .map(|l| format!("{}\n", l.input))
        .collect::<String>()
        + "nee\n"
        + WALK[line_of("question.statement")].input
        + "\n";
    let labels = [
        "Strategie op publieksdata",
        "Visie op publieksdata",
        "Eigenaar publieksdatagebruik",
        "Kennis over publieksdata",
        "Klantenbestand in gebruik",
        "Mogelijkheden duidelijk",
        "Systemen gekoppeld",
    ];
    let tables: [(&str, [Typed; 7], usize, &str); 2] = [
        (
            "een",
            [
                ("ja", "yes", "ja"),
                ("klopt", "yes", "ja"),
                ("jazeker", "yes", "ja"),
                ("nee", "no", "nee"),
                ("nog niet", "no", "nee"),
                ("niet echt", "no", "nee"),
                ("deels", "partly", "deels"),
            ],
            3,
            "Startend",
        ),
        (
            "twee",
            [
                ("weet ik niet", "unknown", "weet ik niet"),
                ("yes", "yes", "ja"),
                ("nope", "no", "nee"),
                ("Ja!", "yes", "ja"),
                ("  klopt  ", "yes", "ja"),
                ("JAZEKER", "yes", "ja"),
                ("yes", "yes", "ja"),
            ],
            5,
            "Lerend",
        ),
    ];
    let sandbox = Sandbox::new();
    for (team, answers, yes, level) in tables {
        let typed: String = answers
            .iter()
            .map(|(typed, _, _)| format!("{typed}\n"))
            .collect();
        let input = format!("{step1}{typed}/export\n");
        let run = sandbox.run(&Chat::new(team, "ann"), input);
        run.assert_success();
        assert!(
            !run.stdout.contains("Dat kon ik niet lezen als ja of nee"),
            "every answer of team {team} was read"
        );
        assert!(run.stdout.contains(&format!(
            "Jullie zeiden {yes} van de 7 keer 'ja'. Overwegend 'ja' (meer dan de helft) betekent lerend; anders is het startend.\n\
             Jullie ervaringsniveau: {level}."
        )));
        // Only a lerend team gets the extra question.
        assert_eq!(
            run.stdout
                .contains("Omdat jullie lerend zijn, nog één vraag:"),
            level == "Lerend"
        );
        let export = run.export();
        for ((key, label), (typed, stored, shown)) in LEVEL_KEYS.iter().zip(labels).zip(answers) {
            let want = format!("- **{label}**: {shown} (ann, ");
            assert!(
                export.contains(&want),
                "{typed:?}: export lacks {want:?}:\n{export}"
            );
            let row = sandbox
                .answer(team, 1, key)
                .unwrap_or_else(|| panic!("{typed:?} for {key} not stored"));
            assert_eq!(row.value.as_deref(), Some(stored), "{typed:?} for {key}");
        }
        assert_eq!(
            sandbox
                .answer(team, 1, "data.level")
                .and_then(|r| r.value)
                .as_deref(),
            Some(level.to_lowercase().as_str())
        );
    }
}
