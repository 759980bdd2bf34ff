//! The walk: the scripted Dutch conversation through all four steps ([`WALK`]), what koers
//! computes along it ([`WALK_COMPUTED`]), and the checks built on them ([`assert_walk_stored`],
//! [`smart_check`]).

use super::harness::{Sandbox, tail};

/// One line of the Dutch walk through all four steps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// Answer key the line is stored under.
    pub key: &'static str,
    /// What the team types.
    pub input: &'static str,
    /// The stored value.
    pub stored: &'static str,
    /// The question's label in lists and the export ("" for the stop word, which the engine
    /// records itself and the export does not list).
    pub label: &'static str,
    /// How the export shows the value.
    pub shown: &'static str,
    /// A fragment of the question koers asks next: seeing it acknowledges this line.
    pub next: &'static str,
}

impl Line {
    /// Whether the engine records the line as its own (computed) value.
    pub(crate) fn computed(&self) -> bool {
        self.label.is_empty()
    }

    /// Key of the question this line is typed at (the team's cursor while it is open): the
    /// stop word is typed at the next "waarom" round's answer and recorded on the group.
    pub(crate) fn asked_key(&self) -> String {
        if self.computed() {
            format!("{}.answer", self.key)
        } else {
            self.key.to_string()
        }
    }

    /// The export line of this answer, up to the user: `- **label**: shown (user, `.
    pub(crate) fn export_line(&self, user: &str) -> String {
        format!("- **{}**: {} ({user}, ", self.label, self.shown)
    }
}

const fn l(
    key: &'static str,
    input: &'static str,
    stored: &'static str,
    label: &'static str,
    shown: &'static str,
    next: &'static str,
) -> Line {
    Line {
        key,
        input,
        stored,
        label,
        shown,
        next,
    }
}

/// A free-text line: stored and shown as typed.
const fn t(
    key: &'static str,
    input: &'static str,
    label: &'static str,
    next: &'static str,
) -> Line {
    l(key, input, input, label, input, next)
}

/// The question koers asks first (the focus area).
pub(crate) const FIRST_QUESTION: &str = "Met welke plek beginnen jullie?";

/// First and last line of the Dutch `/help` text.
pub(crate) const HELP_FIRST_LINE_NL: &str = "Zo werkt koers:";
pub(crate) const HELP_LAST_LINE_NL: &str = "/help — deze uitleg";

/// The closing message once the whole plan of a round is done.
pub(crate) const FINISHED: &str = "Daarmee is het hele stappenplan voor deze ronde doorlopen.";

/// The goal of the Dutch walk: specific, measurable and with a deadline (so the SMART check says
/// "ok", `sharpen` is not asked and the deadline is filled in from the text).
pub(crate) const GOAL_NL: &str =
    "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027";

/// The deadline koers reads in [`GOAL_NL`]: "vóór juni" is the last day of May.
pub(crate) const GOAL_NL_DEADLINE: &str = "2027-05-31";

/// The complete Dutch walk through all four steps, with what each line stores and which
/// question follows it.
#[rustfmt::skip]
pub(crate) const WALK: &[Line] = &[
    l("question.focus", "3", "marketing", "Focusgebied", "Marketingcommunicatie & verkoop", "Wat is de komende periode belangrijk"),
    t("question.important", "Meer jong publiek trekken", "Belangrijk komende periode", "Is er een (probleem)vraagstuk"),
    t("question.measure", "Hoeveel jongeren we bereiken", "Vraagstuk om te meten", "Is dit een vraagstuk voor jullie eigen afdeling"),
    t("question.departments", "Marketing en programmering", "Betrokken afdelingen", "Welke personen willen jullie"),
    t("question.people", "Het marketingteam en de programmeur", "Betrokken personen", "Wie willen jullie bereiken?"),
    t("question.audience", "Jongeren tussen 18 en 30, want zij zijn ons toekomstige publiek", "Wie we willen bereiken", "Wat zijn jullie uitdagingen"),
    t("question.obstacles", "Weinig budget", "Uitdagingen en obstakels", "En wat willen jullie níet?"),
    t("question.unwanted", "Geen korting op alles", "Wat we niet willen", "Wat willen jullie bereiken?"),
    t("question.achieve", "Meer jongeren in de zaal", "Wat we willen bereiken", "Willen jullie dat nu doen?"),
    l("question.why_offer", "ja", "yes", "5x waarom", "ja", "[Waarom 1] Jullie zeggen: “Meer jongeren in de zaal”. Waarom? (1/5)"),
    t("question.why#1.answer", "Omdat het publiek vergrijst", "Waarom 1 · Waarom-antwoord", "[Waarom 2] Jullie zeggen: “Omdat het publiek vergrijst”. Waarom? (2/5)"),
    t("question.why#2.answer", "Omdat we anders over tien jaar leeg zitten", "Waarom 2 · Waarom-antwoord", "[Waarom 3] Jullie zeggen: “Omdat we anders over tien jaar leeg zitten”. Waarom? (3/5)"),
    l("question.why#3", "klaar", "stop", "", "", "Probeer het in één vraag te vangen."),
    t("question.statement", "Hoeveel jongeren onder de 30 kopen via onze webshop een kaartje voor onze voorstellingen?", "Vraagstuk", "(1/7) Is er een strategie"),
    l("data.strategy", "ja", "yes", "Strategie op publieksdata", "ja", "(2/7)"),
    l("data.vision", "ja", "yes", "Visie op publieksdata", "ja", "(3/7)"),
    l("data.owner", "nee", "no", "Eigenaar publieksdatagebruik", "nee", "(4/7)"),
    l("data.knowledge", "ja", "yes", "Kennis over publieksdata", "ja", "(5/7)"),
    l("data.customer_base", "ja", "yes", "Klantenbestand in gebruik", "ja", "(6/7)"),
    l("data.possibilities", "nee", "no", "Mogelijkheden duidelijk", "nee", "(7/7)"),
    l("data.systems", "klopt", "yes", "Systemen gekoppeld", "ja", "Is het benutten van publieksdata-inzichten"),
    l("data.embedded", "nee", "no", "Data-inzichten overal vanzelfsprekend", "nee", "Wat doen jullie nu al met publieksdata?"),
    t("data.doing", "Nieuwsbrief en ticketing", "Wat we al doen", "Wat gaat goed en willen jullie behouden?"),
    t("data.keep", "Het CRM bijhouden", "Wat we behouden", "Wat is jullie volgende stap?"),
    t("data.next", "Koppelen", "Volgende stap", "[Databron 1] Welke databron bekijken we?"),
    t("data.source#1.name", "Ticketingsysteem", "Databron 1 · Naam databron", "[Databron 1] Waar komt de data"),
    l("data.source#1.origin", "intern", "internal", "Databron 1 · Herkomst", "Intern", "[Databron 1] Om wat voor publieksdata"),
    l("data.source#1.kind", "gepersonaliseerd", "personal", "Databron 1 · Soort data", "Individueel gepersonaliseerd", "[Databron 1] Relevant:"),
    l("data.source#1.relevant", "ja", "yes", "Databron 1 · Relevant", "ja", "[Databron 1] Actualiteit:"),
    l("data.source#1.current", "ja", "yes", "Databron 1 · Actueel", "ja", "[Databron 1] Bruikbaarheid:"),
    l("data.source#1.usable", "deels", "partly", "Databron 1 · Bruikbaar", "deels", "[Databron 1] Is er nog een databron"),
    l("data.source#1", "ja", "yes", "Databron 1 · Is er nog een databron die jullie willen bekijken?", "ja", "[Databron 2] Welke databron bekijken we?"),
    t("data.source#2.name", "Google Analytics", "Databron 2 · Naam databron", "[Databron 2] Waar komt de data"),
    l("data.source#2.origin", "1", "internal", "Databron 2 · Herkomst", "Intern", "[Databron 2] Om wat voor publieksdata"),
    l("data.source#2.kind", "anoniem", "anonymous", "Databron 2 · Soort data", "Anoniem", "[Databron 2] Relevant:"),
    l("data.source#2.relevant", "ja", "yes", "Databron 2 · Relevant", "ja", "[Databron 2] Actualiteit:"),
    l("data.source#2.current", "ja", "yes", "Databron 2 · Actueel", "ja", "[Databron 2] Bruikbaarheid:"),
    l("data.source#2.usable", "ja", "yes", "Databron 2 · Bruikbaar", "ja", "[Databron 2] Is er nog een databron"),
    l("data.source#2", "nee", "no", "Databron 2 · Is er nog een databron die jullie willen bekijken?", "nee", "[Actie 1] Wat gaan jullie doen?"),
    t("action.action#1.what", "Instagram-campagne voor studenten", "Actie 1 · Actie", "[Actie 1 · Doel 1] Welk doel hoort bij deze actie?"),
    t("action.action#1.goal#1.text", GOAL_NL, "Actie 1 · Doel 1 · Doel", "[Actie 1 · Doel 1] Wie is eigenaar van dit doel?"),
    // The goal names its deadline, so koers fills it in and asks the baseline next.
    t("action.action#1.goal#1.owner", "Sanne", "Actie 1 · Doel 1 · Eigenaar", "[Actie 1 · Doel 1] Staan de betrokkenen achter dit doel?"),
    l("action.action#1.goal#1.agreed", "ja", "yes", "Actie 1 · Doel 1 · Draagvlak bij betrokkenen", "ja", "[Actie 1 · Doel 1] Waar staan jullie nu"),
    l("action.action#1.goal#1.baseline", "ongeveer 150 per maand", "150", "Actie 1 · Doel 1 · Nulmeting", "150", "[Actie 1 · Doel 1] Welke waarde willen jullie bereiken"),
    t("action.action#1.goal#1.target", "180", "Actie 1 · Doel 1 · Streefwaarde", "[Actie 1 · Doel 1] Is dit doel een experiment"),
    l("action.action#1.goal#1.experiment", "nee", "no", "Actie 1 · Doel 1 · A/B-experiment", "nee", "[Actie 1 · Doel 1] Hoort er nog een doel bij deze actie?"),
    l("action.action#1.goal#1", "nee", "no", "Actie 1 · Doel 1 · Hoort er nog een doel bij deze actie?", "nee", "[Actie 1] Willen jullie nog een actie plannen?"),
    l("action.action#1", "nee", "no", "Actie 1 · Willen jullie nog een actie plannen?", "nee", "wat is jullie doel voor de lange termijn"),
    // The team is lerend: koers asks for one long-term goal next to the short-term ones.
    t("action.long_term", "Over twee jaar is een kwart van ons publiek jonger dan 30", "Doel voor de lange termijn", "Eerst het beleid zelf."),
    t("implementation.policy_what", "Elke campagne begint bij de cijfers uit de webshop", "Het beleid", "Hoe implementeren jullie dat beleid het best?"),
    t("implementation.policy_how", "Marketing bespreekt de cijfers elke maand met programmering", "Hoe we het implementeren", "Wat hebben jullie daarvoor nodig?"),
    t("implementation.policy_needs", "Een dashboard en vier uur per week", "Wat we nodig hebben", "(1/8) Duidelijk eigenaarschap"),
    l("implementation.ownership", "ja", "yes", "Eigenaarschap project en deeltaken", "ja", "(2/8)"),
    l("implementation.mandate", "nee", "no", "Duidelijk mandaat", "nee", "Wie gaat 'Duidelijk mandaat' oppakken?"),
    t("implementation.mandate.owner", "Anne", "Duidelijk mandaat: wie pakt het op", "Wanneer moet 'Duidelijk mandaat' geregeld zijn?"),
    l("implementation.mandate.date", "15-12-2026", "2026-12-15", "Duidelijk mandaat: geregeld op", "15-12-2026", "(3/8)"),
    l("implementation.agreements", "ja", "yes", "Afspraken samenwerking en rapportage", "ja", "(4/8)"),
    l("implementation.top_support", "ja", "yes", "Support vanuit de top", "ja", "(5/8)"),
    l("implementation.partners", "ja", "yes", "Samenwerking met externen", "ja", "(6/8)"),
    l("implementation.sharing", "deels", "partly", "Uitkomsten delen", "deels", "Wie gaat 'Uitkomsten delen' oppakken?"),
    t("implementation.sharing.owner", "Fatima", "Uitkomsten delen: wie pakt het op", "Wanneer moet 'Uitkomsten delen' geregeld zijn?"),
    l("implementation.sharing.date", "geen", "none", "Uitkomsten delen: geregeld op", "geen datum", "(7/8)"),
    l("implementation.policy_current", "ja", "yes", "Beleidsaanpak actueel houden", "ja", "(8/8)"),
    l("implementation.output_reuse", "ja", "yes", "Output voor vervolgacties", "ja", "Staan er een privacyreglement en een cookieverklaring"),
    l("implementation.privacy_statement", "ja", "yes", "Privacyreglement en cookieverklaring", "ja", "Is er een verwerkingsregister"),
    l("implementation.processing_register", "nee", "no", "Verwerkingsregister en verwerkersovereenkomsten", "nee", "Wie gaat 'Verwerkingsregister en verwerkersovereenkomsten' oppakken?"),
    t("implementation.processing_register.owner", "Piet", "Verwerkingsregister en verwerkersovereenkomsten: wie pakt het op", "Wanneer moet 'Verwerkingsregister en verwerkersovereenkomsten' geregeld zijn?"),
    l("implementation.processing_register.date", "31-03-2027", "2027-03-31", "Verwerkingsregister en verwerkersovereenkomsten: geregeld op", "31-03-2027", "Is er een datalekprotocol?"),
    l("implementation.breach_protocol", "ja", "yes", "Datalekprotocol", "ja", "Hebben jullie nagedacht over de ethische aspecten?"),
    l("implementation.ethics", "weet ik niet", "unknown", "Ethische aspecten", "weet ik niet", "Wie gaat 'Ethische aspecten' oppakken?"),
    t("implementation.ethics.owner", "Jan", "Ethische aspecten: wie pakt het op", "Wanneer moet 'Ethische aspecten' geregeld zijn?"),
    l("implementation.ethics.date", "nog niet", "none", "Ethische aspecten: geregeld op", "geen datum", "Waar kiezen jullie voor?"),
    l("implementation.expertise", "gemengd", "mixed", "Kennis en vaardigheden", "Gemengd", "(1/4) Faciliteert het systeem"),
    t("implementation.system_links", "Ja via leverancier", "Koppelingen zonder techkennis", "(2/4) Levert de structuur"),
    t("implementation.system_structure", "Ja", "Flexibele datastructuur", "(3/4) Zitten er juridische beperkingen"),
    t("implementation.system_legal", "Nee", "Juridische beperkingen", "(4/4) Wat zijn de gebruiksmogelijkheden"),
    t("implementation.system_use", "Goed", "Gebruiksmogelijkheden", FINISHED),
];

/// A value koers records itself (user "koers") along the complete walk.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Computed {
    pub key: &'static str,
    pub value: &'static str,
    /// Key of the [`WALK`] line whose answer makes koers record it (in the same transaction).
    pub after: &'static str,
    /// For an answer koers fills in from the goal text instead of asking: its label and how the
    /// export shows it. `None` for scores and overviews (the export quotes those, unlisted).
    pub filled: Option<(&'static str, &'static str)>,
}

impl Computed {
    /// The export line of a filled-in answer, up to the user: `- **label**: shown (koers, `.
    pub(crate) fn export_line(&self) -> Option<String> {
        self.filled
            .map(|(label, shown)| format!("- **{label}**: {shown} (koers, "))
    }
}

const fn c(key: &'static str, value: &'static str, after: &'static str) -> Computed {
    Computed {
        key,
        value,
        after,
        filled: None,
    }
}

/// Values the engine computes along the complete walk, in walk order.
#[rustfmt::skip]
pub(crate) const WALK_COMPUTED: &[Computed] = &[
    c("question.why#1.repeat", "new", "question.why#1.answer"),
    c("question.why#2.repeat", "new", "question.why#2.answer"),
    c("question.why#3", "stop", "question.why#3"),
    c("question.statement_score", "5", "question.statement"),
    c("data.level", "lerend", "data.systems"),
    c("data.level_final", "lerend", "data.embedded"),
    c("data.source#1.summary", "usable", "data.source#1.usable"),
    c("data.source#2.summary", "ok", "data.source#2.usable"),
    // The SMART check of the goal text, and the deadline it names.
    c("action.action#1.goal#1.smart", "ok", "action.action#1.goal#1.text"),
    // The goal shares "webshop" and "kaartje" with the vraagstuk: no question about it.
    c("action.action#1.goal#1.overlap", "shared", "action.action#1.goal#1.text"),
    Computed {
        key: "action.action#1.goal#1.deadline",
        value: GOAL_NL_DEADLINE,
        after: "action.action#1.goal#1.text",
        filled: Some(("Actie 1 · Doel 1 · Deadline", "31-05-2027")),
    },
    c("action.action#1.goal#1.record", "recorded", "action.action#1.goal#1.experiment"),
    // The vraagstuk shown back next to the one goal.
    c("action.plan", "1", "action.action#1"),
    c("implementation.readiness", "8/12", "implementation.system_use"),
];

/// What koers has computed once the first `n` lines of [`WALK`] are answered.
pub(crate) fn computed_after(n: usize) -> Vec<&'static Computed> {
    WALK_COMPUTED
        .iter()
        .filter(|c| WALK[..n].iter().any(|l| l.key == c.after))
        .collect()
}

/// How many answers the export lists once the first `n` lines of [`WALK`] are answered: the
/// team's answers and the ones koers filled in.
pub(crate) fn export_answer_count(n: usize) -> usize {
    WALK[..n].iter().filter(|l| !l.computed()).count()
        + computed_after(n)
            .iter()
            .filter(|c| c.filled.is_some())
            .count()
}

/// Every row the first `n` lines of [`WALK`] leave in the answers table: (key, value, computed).
pub(crate) fn walk_rows(n: usize) -> std::collections::BTreeSet<(String, String, bool)> {
    WALK[..n]
        .iter()
        .filter(|l| !l.computed())
        .map(|l| (l.key.to_string(), l.stored.to_string(), false))
        .chain(
            computed_after(n)
                .into_iter()
                .map(|c| (c.key.to_string(), c.value.to_string(), true)),
        )
        .collect()
}

/// Index in [`WALK`] of the line stored under `key`.
pub(crate) fn line_of(key: &str) -> usize {
    WALK.iter()
        .position(|l| l.key == key)
        .unwrap_or_else(|| panic!("{key} is not in the walk"))
}

/// The lines of `walk` as piped input (one line each).
pub(crate) fn script(walk: &[Line]) -> String {
    walk.iter().map(|l| format!("{}\n", l.input)).collect()
}

/// The step title of an answer key (`data.source#1.name` → "Stap 2 — Data").
pub(crate) fn step_title_nl(key: &str) -> &'static str {
    match key.split(['.', '#']).next() {
        Some("question") => "Stap 1 — Vraagstuk",
        Some("data") => "Stap 2 — Data",
        Some("action") => "Stap 3 — Actie & evaluatie",
        Some("implementation") => "Stap 4 — Implementatie",
        other => panic!("no step for key {other:?}"),
    }
}

/// Assert that everything the first `n` lines of [`WALK`] stored is in the database (value,
/// user) and in the export (label, shown value, user).
pub(crate) fn assert_walk_stored(
    sandbox: &Sandbox,
    team: &str,
    user: &str,
    n: usize,
    export: &str,
) {
    let rows = sandbox.answers(team, 1);
    for line in &WALK[..n] {
        let row = rows.iter().find(|r| r.key == line.key).unwrap_or_else(|| {
            panic!(
                "answer {} ({:?}) is not stored; rows: {rows:#?}",
                line.key, line.input
            )
        });
        assert_eq!(
            row.value.as_deref(),
            Some(line.stored),
            "stored value of {}",
            line.key
        );
        assert!(!row.skipped, "{} is not skipped", line.key);
        assert_eq!(
            row.computed,
            line.computed(),
            "computed flag of {}",
            line.key
        );
        if line.computed() {
            assert_eq!(row.user, "koers", "the engine records {}", line.key);
        } else {
            assert_eq!(row.user, user, "user of {}", line.key);
            let want = line.export_line(user);
            assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
        }
    }
    for computed in computed_after(n) {
        let row = rows
            .iter()
            .find(|r| r.key == computed.key)
            .unwrap_or_else(|| panic!("{} is not computed; rows: {rows:#?}", computed.key));
        assert_eq!(
            row.value.as_deref(),
            Some(computed.value),
            "computed value of {}",
            computed.key
        );
        assert!(row.computed && !row.skipped, "{row:?}");
        assert_eq!(row.user, "koers", "the engine records {}", computed.key);
        if let Some(want) = computed.export_line() {
            assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
        }
    }
}

/// A SMART check as koers prints it.
#[derive(Debug)]
pub(crate) struct SmartCheck<'a> {
    /// "SMART-check: 3 van de 5".
    pub header: &'a str,
    /// The marks of the five letters in order (S, M, A, R, T): ✓, ✗ or ?.
    pub marks: String,
    /// The lines after the letters up to the next empty line: deadline, warnings, suggestions
    /// and (when the goal is recorded) the line about reminders.
    pub rest: Vec<&'a str>,
}

/// The first SMART check in `text` whose header starts with `prefix` ("SMART-check: ").
pub(crate) fn smart_check<'a>(text: &'a str, prefix: &str) -> SmartCheck<'a> {
    let at = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix:?} in:\n{}", tail(text, 3000)));
    let lines: Vec<&str> = text[at..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(
        lines.len() >= 6,
        "a SMART check has five letters: {lines:#?}"
    );
    let marks = lines[1..6]
        .iter()
        .map(|l| l.chars().next().unwrap_or(' '))
        .collect();
    SmartCheck {
        header: lines[0],
        marks,
        rest: lines[6..].to_vec(),
    }
}
