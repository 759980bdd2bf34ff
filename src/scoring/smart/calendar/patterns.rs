//! The compiled patterns of the calendar reader, in matching form (see `text.rs`).

use regex::Regex;

use crate::scoring::lexicon::lists;
use crate::scoring::smart::text::compile;
use crate::scoring::smart::words::alternation;

/// The compiled patterns, built once.
pub(in crate::scoring::smart) struct Patterns {
    pub(super) iso: Regex,
    pub(super) numeric: Regex,
    pub(super) short_date: Regex,
    pub(super) day_month: Regex,
    pub(super) month_day: Regex,
    pub(super) month_year: Regex,
    pub(super) quarter: Regex,
    pub(super) year_quarter: Regex,
    pub(super) quarter_word: Regex,
    pub(super) week: Regex,
    pub(super) year: Regex,
    pub(super) short_year: Regex,
    pub(super) season: Regex,
    pub(super) half: Regex,
    pub(super) half_code: Regex,
    pub(super) medio: Regex,
    pub(super) cultural_season: Regex,
    /// The end of a period right before a season without year or "dit": "het einde van
    /// het seizoen", "the end of the season" (the current one).
    pub(super) season_end: Regex,
    pub(super) christmas: Regex,
    pub(super) relative: Regex,
    pub(super) period_end: Regex,
    pub(super) within: Regex,
    pub(super) coming: Regex,
    pub(super) end_word: Regex,
    pub(super) by_word: Regex,
    pub(super) before_word: Regex,
    pub(super) start_word: Regex,
    pub(super) not_deadline: Regex,
    pub(super) weak_word: Regex,
    /// A goal for a period: "Doel voor 2027" names the year the goal is for, not the
    /// day before it starts.
    pub(super) goal_for: Regex,
    pub(super) age_after: Regex,
    /// Words besides the measures of `smart.what` after which (or before which, opening a
    /// goal) a bare year is the year counted over: "calendar year 2026", "2027 target".
    pub(super) year_measure: Regex,
    /// A negated perfect right before "in <span>": "haven't borrowed in two years" says
    /// for how long, not by when.
    pub(super) not_since: Regex,
    /// A comparative right after a year: "H2 2027 bekender" names the half, not 2027
    /// things.
    pub(super) comparative_after: Regex,
    /// "de editie van juli 2027", "the edition of July 2027": the edition's month, though
    /// "van"/"of" in front of a date usually says since when.
    pub(super) edition_of: Regex,
    /// "vóór de opening van seizoen 2027-2028": the day before the period starts.
    pub(super) before_start_of: Regex,
    /// "de opening van seizoen 2027-2028": its first day.
    pub(super) start_of: Regex,
    /// A bare "van" in front: "van dit seizoen" is "of this season", not "since".
    pub(super) bare_van: Regex,
}

/// A year, written out ("2027", "'27") or named relative to this one.
const YEAR: &str = concat!(
    r"(?P<year>(?:19|20)\d{2}|'\d{2}|(?:dit|this)\s+(?:jaar|year)|(?:volgend|volgende|komend|",
    r"komende|next|coming)\s+(?:jaar|year))",
);

impl Patterns {
    /// Compiles every pattern.
    pub(super) fn new() -> Patterns {
        let lists = lists();
        let month = alternation(lists.calendar.months.iter().map(|name| name.word));
        let number = format!(
            r"een\s+half|een\s+halve|half\s+an?|anderhalf|anderhalve|\d{{1,4}}|{}|an|a",
            alternation(lists.numbers.words.iter().map(|(word, _)| *word))
        );
        // The units of a stretch of time.
        let units = alternation(lists.calendar.units.iter().map(|unit| unit.word));
        let seasons = alternation(lists.calendar.seasons.iter().map(|(word, _)| *word));
        let christmas = alternation(lists.calendar.christmas.iter().copied());
        Patterns {
            iso: compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
            numeric: compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})\b"),
            short_date: compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})\b"),
            day_month: compile(&format!(
                concat!(
                    r"\b(?P<d>\d{{1,2}})(?:e|de|ste|st|nd|rd|",
                    r"th)?\s+(?:of\s+)?(?P<mon>{month})\b\.?(?:,?\s+(?:van\s+|",
                    r"of\s+)?{YEAR}\b)?",
                ),
                month = month,
                YEAR = YEAR
            )),
            month_day: compile(&format!(
                r"\b(?P<mon>{month})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?"
            )),
            month_year: compile(&format!(
                r"\b(?P<mon>{month})\b\.?(?:\s+(?:van\s+|of\s+)?{YEAR}\b)?"
            )),
            quarter: compile(&format!(
                r"\bq(?P<q>[1-4])\b(?:\s*(?:,|-|/|van|of|in)?\s*{YEAR}\b)?"
            )),
            year_quarter: compile(r"\b(?P<year>\d{4})\s*[-/]?\s*q(?P<q>[1-4])\b"),
            quarter_word: compile(&format!(
                concat!(
                    r"\b(?P<q>eerste|tweede|derde|vierde|laatste|1e|2e|3e|4e|1ste|2de|3de|4de|",
                    r"first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+(?:kwartaal|",
                    r"quarter)\b(?:\s+(?:van\s+|of\s+)?(?:(?:het|the)\s+)?(?:jaar\s+|",
                    r"year\s+)?{YEAR}\b)?",
                ),
                YEAR = YEAR
            )),
            week: compile(&format!(
                r"\b(?:week|wk)\s*(?P<w>\d{{1,2}})\b(?:\s*(?:,|van|of|in|uit)?\s*{YEAR}\b)?"
            )),
            year: compile(r"\b(?P<lead>(?:het|the)\s+(?:jaar|year)\s+)?(?P<y>(?:19|20)\d{2})\b"),
            short_year: compile(r"'(?P<y>\d{2})\b"),
            season: compile(&format!(
                concat!(
                    r"\b(?:(?P<rel>deze|dit|komende|komend|aankomende|volgende|volgend|this|",
                    r"next|coming|upcoming)\s+|(?:de|het|the)\s+)?(?P<s>{seasons})\b(?:\s+(?:van\s+|",
                    r"of\s+)?{YEAR}\b)?",
                ),
                seasons = seasons,
                YEAR = YEAR
            )),
            half: compile(&format!(
                concat!(
                    r"\b(?:(?:de|het|the)\s+)?(?P<h>eerste|1e|1ste|tweede|2e|2de|first|1st|",
                    r"second|2nd)\s+(?:helft|halfjaar|half\s+jaar|half[\s-]+year|half)\s+(?:(?:van|of)\s+)?(?:(?:het|the)\s+)?(?:(?:jaar|",
                    r"year)\s+)?{YEAR}\b",
                ),
                YEAR = YEAR
            )),
            half_code: compile(&format!(r"\bh(?P<h>[12])\s*[-/]?\s*{YEAR}\b")),
            medio: compile(&format!(
                concat!(
                    r"\b(?:medio|midden|halverwege|mid)(?:\s+(?:van|of))?(?:\s*-\s*|\s+)(?:(?P<mon>",
                    r"{month})\b\.?)?(?:\s*(?:van\s+|of\s+)?{YEAR}\b)?",
                ),
                month = month,
                YEAR = YEAR
            )),
            cultural_season: compile(concat!(
                r"\b(?:(?:het|the)\s+)?(?:(?P<rel>dit|deze|this|huidige|current|volgend|",
                r"volgende|komend|komende|aankomende|next|coming|upcoming)\s+)?(?:(?:het|",
                r"the)\s+)?(?:(?P<a>\d{4}|\d{2})\s*[-/]\s*(?P<b>\d{4}|\d{2})\s+)?(?:speelseizoen|",
                r"theaterseizoen|concertseizoen|cultuurseizoen|seizoen|season)\b(?:\s+(?P<c>\d{4}|",
                r"\d{2})\s*[-/]\s*(?P<d>\d{4}|\d{2})\b)?",
            )),
            season_end: compile(r"\b(?:eind|einde)\s+(?:van\s+)?$|\bend\s+of\s+$"),
            christmas: compile(&format!(
                r"\b(?:(?:de|het|the)\s+)?(?:{christmas})\b(?:\s+{YEAR}\b)?"
            )),
            relative: compile(concat!(
                r"\b(?P<which>dit|deze|this|(?:het\s+)?huidige|(?:the\s+)?current|",
                r"(?:het\s+)?(?:volgend|volgende|komend|komende|aankomende)|",
                r"(?:the\s+)?(?:next|coming|following))\s+(?P<unit>jaar|year|maand|month|",
                r"kwartaal|quarter|week)\b",
            )),
            period_end: compile(concat!(
                r"\b(?:eind(?:e)?\s+(?:van\s+)?het\s+(?P<y1>jaar)|",
                r"end\s+of\s+(?:the\s+)?(?P<y2>year)|(?P<y3>jaareinde|year[-\s]end|eoy)|",
                r"eind(?:e)?\s+(?:van\s+)?de\s+maand|end\s+of\s+(?:the\s+)?month)\b",
            )),
            within: compile(&format!(
                concat!(
                    r"\b(?:binnen|within|over|in)\s+(?:(?:de|het|the)\s+)?(?P<next>(?:komende|",
                    r"volgende|aankomende|eerstvolgende|next|coming|",
                    r"following)\s+)?(?:(?P<n>{number})\s*)?(?P<unit>{units})\b",
                ),
                number = number,
                units = units
            )),
            coming: compile(&format!(
                concat!(
                    r"\b(?:de|the)\s+(?:komende|volgende|aankomende|next|coming|",
                    r"following)\s+(?P<n>{number})\s+(?P<unit>{units})\b",
                ),
                number = number,
                units = units
            )),
            end_word: compile(
                r"\b(?:eind|einde|ultimo|end|late|close\s+of)(?:\s+(?:van|of))?(?:\s+(?:de|het|the))?(?:\s*-)?\s*$",
            ),
            by_word: compile(concat!(
                r"\b(?:uiterlijk|by|no\s+later\s+than|not\s+later\s+than|",
                r"at\s+the\s+latest(?:\s+by)?|tot(?:\s+en\s+met)?|t/m|until|till|through|",
                r"tegen|deadline|op|on|ten\s+laatste|in\s+de\s+loop\s+van|",
                r"(?:in|over)\s+the\s+course\s+of)\s*:?\s*$",
            )),
            before_word: compile(r"\b(?:voor|before|befor|b4|prior\s+to|ahead\s+of)\s*$"),
            start_word: compile(
                r"\b(?:begin|start\s+of|beginning\s+of|early|per)(?:\s+(?:van|de|het|the))?(?:\s*-)?\s*$",
            ),
            not_deadline: compile(concat!(
                r"(?:\b(?:sinds|since|vanaf|from|van|na|after|ten\s+opzichte\s+van|",
                r"compared\s+(?:to|with)|vergeleken\s+met|than|dan|as\s+of|",
                r"met\s+ingang\s+van|starting|beginning|afgelopen|vorig|vorige|last|past)|",
                r"\bt\.?\s?o\.?\s?v\.?|\bm\.?\s?i\.?\s?v\.?)\s*$",
            )),
            weak_word: compile(
                r"\b(?:in|during|throughout|across|gedurende|tijdens|met)(?:\s+(?:de\s+maand|the\s+month\s+of))?\s*$",
            ),
            goal_for: compile(concat!(
                r"\b(?:doel|doelen|doelstelling|doelstellingen|ambitie|target|targets|goal|",
                r"goals)\s+(?:voor|for)\s*:?\s*$",
            )),
            age_after: compile(r"^\s+(?:oud|old|of\s+age)\b"),
            // Also the end of a compound: "het Nieuwjaarsconcert van 3 januari".
            edition_of: compile(concat!(
                r"(?:editie|edition|concert|voorstelling|uitvoering|premiere|evenement|",
                r"event|show|performance)\s+(?:van|of)\s*$",
            )),
            before_start_of: compile(concat!(
                r"\b(?:voor|before)\s+(?:de\s+|het\s+|the\s+)?(?:opening|start|begin|aanvang)\s+",
                r"(?:(?:van|of)\s+)?(?:de\s+|het\s+|the\s+)?$",
            )),
            bare_van: compile(r"(?:^|[^\p{L}])van\s*$"),
            start_of: compile(
                r"\b(?:opening|start|begin|aanvang)\s+(?:van|of)\s+(?:de\s+|het\s+|the\s+)?$",
            ),
            comparative_after: compile(concat!(
                r"^\s*(?:bekender|langer|korter|vaker|voller|vollere|beter|groter|hoger|lager|",
                r"drukker|better|bigger|higher|lower|longer|shorter|fuller|busier|more\s+often|",
                r"more\s+widely)\b",
            )),
            not_since: compile(concat!(
                r"\b(?:haven'?t|hasn'?t|hadn'?t|have\s+not|has\s+not|had\s+not|not|never|",
                r"no\s+longer|no|without|zonder|geen)(?:\s+\p{L}+){0,2}\s+$",
            )),
            year_measure: compile(concat!(
                r"^(?:kalenderjaar|boekjaar|begrotingsjaar|jaardoel|doel|doelstelling|target|",
                r"targets|goal|ambitie|ambition|budget|forecast|prognose|editie|edition)$",
            )),
        }
    }
}
