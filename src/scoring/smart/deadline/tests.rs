//! The deadline reader against tables of goals, Dutch and English, and other todays.

use super::*;
use jiff::civil::date;

/// The today of most rows: a Wednesday in ISO week 48.
const TODAY: Date = date(2026, 11, 25);

#[test]
fn parse_deadline_table() {
    let d = |year, month, day| Some(date(year, month, day));
    let cases: &[(&str, Option<Date>)] = &[
        // Absolute dates.
        ("15-03-2027", d(2027, 3, 15)),
        ("15/03/2027", d(2027, 3, 15)),
        ("15.3.2027", d(2027, 3, 15)),
        ("2027-03-15", d(2027, 3, 15)),
        ("03/15/2027", d(2027, 3, 15)),
        ("15 maart 2027", d(2027, 3, 15)),
        ("15 mrt 2027", d(2027, 3, 15)),
        ("15 mrt. 2027", d(2027, 3, 15)),
        ("op 1 juli", d(2027, 7, 1)),
        ("1 juli", d(2027, 7, 1)),
        ("1 december", d(2026, 12, 1)),
        ("March 1, 2027", d(2027, 3, 1)),
        ("1 March 2027", d(2027, 3, 1)),
        ("1st of March 2027", d(2027, 3, 1)),
        ("30 June 2027", d(2027, 6, 30)),
        ("June 30", d(2027, 6, 30)),
        ("15 jan", d(2027, 1, 15)),
        // Before: the day before the period starts.
        ("vóór december 2023", d(2023, 11, 30)),
        ("voor december", d(2026, 11, 30)),
        ("voor 1 juli 2027", d(2027, 6, 30)),
        ("before March 2027", d(2027, 2, 28)),
        ("voor Q2 2027", d(2027, 3, 31)),
        ("vóór week 12 van 2027", d(2027, 3, 21)),
        ("voor 2028", d(2027, 12, 31)),
        // By: the date, or the last day of the period.
        ("uiterlijk 1 juli 2027", d(2027, 7, 1)),
        ("uiterlijk maart 2027", d(2027, 3, 31)),
        ("by March 2027", d(2027, 3, 31)),
        ("no later than 30 June 2027", d(2027, 6, 30)),
        ("tot en met 31 januari 2027", d(2027, 1, 31)),
        ("deadline: 15-03-2027", d(2027, 3, 15)),
        ("per 1 januari 2027", d(2027, 1, 1)),
        ("per maart 2027", d(2027, 3, 1)),
        ("begin 2027", d(2027, 1, 1)),
        // End of a month, year or quarter.
        ("eind maart", d(2027, 3, 31)),
        ("eind maart 2027", d(2027, 3, 31)),
        ("end of March", d(2027, 3, 31)),
        ("in maart 2027", d(2027, 3, 31)),
        ("in december", d(2026, 12, 31)),
        ("in May 2027", d(2027, 5, 31)),
        ("by end of May", d(2027, 5, 31)),
        ("sales may increase by 10% in May", d(2027, 5, 31)),
        ("eind dit jaar", d(2026, 12, 31)),
        ("end of this year", d(2026, 12, 31)),
        ("eind van het jaar", d(2026, 12, 31)),
        ("volgend jaar", d(2027, 12, 31)),
        ("next year", d(2027, 12, 31)),
        ("eind volgend jaar", d(2027, 12, 31)),
        ("in 2027", d(2027, 12, 31)),
        ("in het jaar 2027", d(2027, 12, 31)),
        ("Q2 2027", d(2027, 6, 30)),
        ("Q2", d(2027, 6, 30)),
        ("Q2 volgend jaar", d(2027, 6, 30)),
        ("eind Q1 2027", d(2027, 3, 31)),
        ("end of Q1 2027", d(2027, 3, 31)),
        ("tweede kwartaal 2027", d(2027, 6, 30)),
        ("in het eerste kwartaal van 2027", d(2027, 3, 31)),
        ("dit kwartaal", d(2026, 12, 31)),
        ("volgend kwartaal", d(2027, 3, 31)),
        // ISO weeks: the Sunday.
        ("week 12 van 2027", d(2027, 3, 28)),
        ("week 12 2027", d(2027, 3, 28)),
        ("week 12", d(2027, 3, 28)),
        ("in week 12 of 2027", d(2027, 3, 28)),
        ("deze week", d(2026, 11, 29)),
        ("volgende week", d(2026, 12, 6)),
        // Stretches from today, with digits and number words.
        ("binnen drie maanden", d(2027, 2, 25)),
        ("binnen 3 maanden", d(2027, 2, 25)),
        ("over twee weken", d(2026, 12, 9)),
        ("binnen een jaar", d(2027, 11, 25)),
        ("binnen één jaar", d(2027, 11, 25)),
        ("within 6 months", d(2027, 5, 25)),
        ("in the next 3 weeks", d(2026, 12, 16)),
        ("in two weeks", d(2026, 12, 9)),
        ("within a year", d(2027, 11, 25)),
        ("binnen 10 dagen", d(2026, 12, 5)),
        ("binnen 6 mnd", d(2027, 5, 25)),
        ("binnen 48 uur", d(2026, 11, 27)),
        ("within 36 hours", d(2026, 11, 27)),
        ("vóór 1/7", d(2027, 6, 30)),
        ("uiterlijk 15/1", d(2027, 1, 15)),
        ("binnen twaalf weken", d(2027, 2, 17)),
        ("binnen een half jaar", d(2027, 5, 25)),
        ("within half a year", d(2027, 5, 25)),
        ("over anderhalf jaar", d(2028, 5, 25)),
        ("in de komende 4 maanden", d(2027, 3, 25)),
        ("de komende twintig dagen", d(2026, 12, 15)),
        ("binnen een kwartaal", d(2027, 2, 25)),
        ("by the end of next month", d(2026, 12, 31)),
        ("eind volgende maand", d(2026, 12, 31)),
        ("eind deze maand", d(2026, 11, 30)),
        ("end of this month", d(2026, 11, 30)),
        // Seasons (see `season_period`), halves, the middle of a year or month,
        // cultural seasons (September to June) and Christmas.
        ("vóór de zomer van 2027", d(2027, 6, 20)),
        ("voor de zomer", d(2027, 6, 20)),
        ("in de zomer van 2027", d(2027, 9, 22)),
        ("zomer 2027", d(2027, 9, 22)),
        ("komende zomer", d(2027, 9, 22)),
        ("begin van de zomer 2027", d(2027, 6, 21)),
        ("end of summer 2027", d(2027, 9, 22)),
        ("before spring 2027", d(2027, 3, 20)),
        ("in het voorjaar", d(2027, 6, 20)),
        ("dit najaar", d(2026, 12, 20)),
        ("autumn 2027", d(2027, 12, 20)),
        ("deze winter", d(2027, 3, 20)),
        ("voor de winter", d(2026, 12, 20)),
        ("winter 2027", d(2028, 3, 20)),
        ("de eerste helft van 2027", d(2027, 6, 30)),
        ("second half of 2027", d(2027, 12, 31)),
        ("H1 2027", d(2027, 6, 30)),
        ("medio 2027", d(2027, 6, 30)),
        ("by mid-2027", d(2027, 6, 30)),
        ("medio maart", d(2027, 3, 15)),
        ("seizoen 2027-2028", d(2028, 6, 30)),
        ("the 2027/28 season", d(2028, 6, 30)),
        ("dit seizoen", d(2027, 6, 30)),
        ("volgend seizoen", d(2028, 6, 30)),
        ("by the end of the season", d(2027, 6, 30)),
        ("by the close of 2027", d(2027, 12, 31)),
        ("throughout 2027", d(2027, 12, 31)),
        ("in the final quarter of 2027", d(2027, 12, 31)),
        ("vóór het einde van het seizoen", d(2027, 6, 30)),
        ("eind van het seizoen", d(2027, 6, 30)),
        ("vóór seizoen 2027-2028", d(2027, 8, 31)),
        ("voor seizoen 2027-2028", d(2028, 6, 30)),
        (
            "abonnementen voor seizoen 2027-2028 vóór 1 juli 2027",
            d(2027, 6, 30),
        ),
        ("before the 2027/28 season", d(2027, 8, 31)),
        ("voor de kerst", d(2026, 12, 24)),
        ("before Christmas 2027", d(2027, 12, 24)),
        ("eind '27", d(2027, 12, 31)),
        ("by end-2027", d(2027, 12, 31)),
        ("late 2027", d(2027, 12, 31)),
        ("in de loop van 2027", d(2027, 12, 31)),
        ("by the end of Oct '27", d(2027, 10, 31)),
        ("voor juni '27", d(2027, 5, 31)),
        ("early 2027", d(2027, 1, 1)),
        ("Q3 '27", d(2027, 9, 30)),
        ("b4 september 2027", d(2027, 8, 31)),
        // Several dates: the one tied by a deadline word, else the latest.
        ("vanaf 1 januari 2027 tot 1 juli 2027", d(2027, 7, 1)),
        (
            "In maart 2027 evalueren we, uiterlijk 1 februari 2027 is het bereikt",
            d(2027, 2, 1),
        ),
        ("ten opzichte van 2025, in 2027", d(2027, 12, 31)),
        ("10% meer in 2027 dan in 2025", d(2027, 12, 31)),
        // A goal for a year: that year, not the day before it.
        (
            "Doel voor 2027: 5.000 bezoekers meer dan dit jaar",
            d(2027, 12, 31),
        ),
        ("Our goal for 2027: 300 new members", d(2027, 12, 31)),
        ("Doel: 300 leden voor 2027", d(2026, 12, 31)),
        (
            "in 2024 hadden we 500 leden; eind 2027 willen we er 800",
            d(2027, 12, 31),
        ),
        // No deadline.
        ("binnenkort", None),
        ("zo snel mogelijk", None),
        ("asap", None),
        ("meer bezoekers in het seizoen", None),
        ("during the season", None),
        ("25 jaar", None),
        ("voorstelling 12", None),
        ("bezoekersaantallen verhogen", None),
        ("", None),
        ("sinds 1 januari 2026", None),
        ("bezoekers over 65 jaar oud", None),
        ("meer bezoekers in 25 jaar", None),
        ("we may increase sales", None),
        ("2027", None),
        ("2000 bezoekers", None),
        // A bare year after the measure, or opening a target, is the year counted over.
        ("Totale kaartverkoop 2027 +10% tov 2026", d(2027, 12, 31)),
        ("Bezoekersaantal 2027: 180.000", d(2027, 12, 31)),
        ("2027 admissions target: 420k", d(2027, 12, 31)),
        (
            "Library visits at 1.1 million for calendar year 2026.",
            d(2026, 12, 31),
        ),
        ("2027 nieuwe leden", None),
        ("Omzet theatercafé 2027 +12%", d(2027, 12, 31)),
        (
            "average audience of 150 per set at the 2027 edition",
            d(2027, 12, 31),
        ),
        ("Wij, de 2027 vrijwilligers", None),
        // The date of an event the goal must be reached before: the day before.
        (
            "8.000 volgers vóór de kaartverkoop op 1 februari 2027",
            d(2027, 1, 31),
        ),
        (
            "1,000 tickets sold before general sale opens on 1 March",
            d(2027, 2, 28),
        ),
        (
            "een voorstelling voor de leden op 1 maart 2027",
            d(2027, 3, 1),
        ),
        // An edition's month, and Christmas with "met".
        ("95% retour tijdens de editie van juli 2027", d(2027, 7, 31)),
        ("2.000 kijkers met kerst 2026", d(2026, 12, 25)),
        (
            "Concert van 28 november in De Doelen uitverkopen",
            d(2026, 11, 28),
        ),
        (
            "5 nieuwe leden vóór de opening van seizoen 2027-2028",
            d(2027, 8, 31),
        ),
        (
            "abonnementen verkocht bij de start van seizoen 2027-2028",
            d(2027, 9, 1),
        ),
        // A range of days ends on its last day.
        (
            "Heritage Open Days (10-19 September 2027): 2,500 visitors",
            d(2027, 9, 19),
        ),
        ("1.500 bezoekers op 10-12 april 2027", d(2027, 4, 12)),
        // "van dit seizoen" is the season counted over; "van januari" says since when.
        (
            "Van de eerste bezoekers van dit seizoen koopt 25% nog een kaart",
            d(2027, 6, 30),
        ),
        ("van januari tot nu 20% meer", None),
        (
            "NPS stijgt van +10 naar +35 bij de editie van 2027",
            d(2027, 12, 31),
        ),
        (
            "300 abonnementen vóór begin seizoen 2027-2028",
            d(2027, 8, 31),
        ),
        (
            "500 tickets bought by residents of B19 across 2027",
            d(2027, 12, 31),
        ),
        (
            "Lapsed members (no loan in 12 months): 1,000 back by 31 July 2027",
            d(2027, 7, 31),
        ),
        // For how long something has not happened is no deadline.
        (
            "win back 1,500 who haven't borrowed in two years, by the end of Q2 2027",
            d(2027, 6, 30),
        ),
        ("members who have not visited in 6 months", None),
        ("500 new members in 6 months", d(2027, 5, 25)),
        // A comparative after the year: the year is the half's.
        (
            "Erfgoedhuis moet in H2 2027 bekender zijn.",
            d(2027, 12, 31),
        ),
        ("in Q1 2027 better known among students", d(2027, 3, 31)),
        ("Kaartverkoop, 2027 stuks", None),
        ("eigenaar: Jan", None),
        ("owned by Jan", None),
        ("de maart-editie", None),
        ("31 februari 2027", None),
        ("week 60", None),
        ("1/3 meer bezoekers", None),
        ("in 1/3 van de zalen", None),
        ("binnen een halve week", None),
        ("in de komende maanden", None),
        ("de zomervoorstelling", None),
        ("for the summer show", None),
        ("the Christmas show", None),
        ("a season ticket", None),
        ("het seizoen", None),
        ("in het midden van de zaal", None),
        ("de eerste helft van de voorstelling", None),
        ("Q2 1500 bezoekers", d(2027, 6, 30)),
        ("komende zomer 2000 bezoekers", d(2027, 9, 22)),
        ("in de zomer van 2000 nieuwe leden", d(2027, 9, 22)),
        // A year before punctuation heads the goal; it counts nothing.
        (
            "Summer 2027: NPS among campers rises from 32 to 45.",
            d(2027, 9, 22),
        ),
        ("Winter 2027, visitors up 10%", d(2028, 3, 20)),
        // A date in a clause of reason says why, not by when.
        (
            "Meer kaartverkoop, zodat we volgend jaar een productie maken",
            None,
        ),
        ("Meer kaartverkoop, want volgend jaar verhuizen we", None),
        ("Meer kaartverkoop volgend jaar", d(2027, 12, 31)),
        (
            "Meer kaartverkoop in 2027, zodat we in 2028 kunnen verbouwen",
            d(2027, 12, 31),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(
            parse_deadline(text, TODAY),
            *want,
            "parse_deadline({text:?})"
        );
    }
    assert!(cases.len() >= 60);
}

#[test]
fn parse_deadline_other_todays() {
    let cases = [
        ("1 januari", date(2026, 12, 15), date(2027, 1, 1)),
        ("eind maart", date(2026, 4, 10), date(2027, 3, 31)),
        ("in maart", date(2026, 3, 10), date(2026, 3, 31)),
        ("vóór december", date(2026, 12, 5), date(2027, 11, 30)),
        ("week 1", date(2026, 12, 30), date(2027, 1, 10)),
        ("Q1", date(2026, 3, 31), date(2026, 3, 31)),
        ("end of next month", date(2027, 1, 31), date(2027, 2, 28)),
        ("binnen 1 maand", date(2027, 1, 31), date(2027, 2, 28)),
        ("volgend jaar", date(2026, 12, 31), date(2027, 12, 31)),
        ("volgend kwartaal", date(2026, 12, 31), date(2027, 3, 31)),
        ("29 februari", date(2027, 3, 1), date(2028, 2, 29)),
        ("deze winter", date(2027, 1, 10), date(2027, 3, 20)),
        ("dit seizoen", date(2027, 7, 15), date(2028, 6, 30)),
        ("dit seizoen", date(2027, 3, 1), date(2027, 6, 30)),
    ];
    for (text, today, want) in cases {
        assert_eq!(
            parse_deadline(text, today),
            Some(want),
            "parse_deadline({text:?}, {today})"
        );
    }
}

/// Found by fuzzing: a date right after a character of several bytes cut that character in
/// two while looking for the word "voor" in front of it (a panic).
#[test]
fn a_date_after_a_wide_character_is_read() {
    let today = jiff::civil::date(2026, 11, 25);
    assert_eq!(parse_deadline("𖼀៰31-02-2027:", today), None);
    assert_eq!(
        parse_deadline("𖼀៰15-03-2027", today),
        Some(jiff::civil::date(2027, 3, 15))
    );
}
