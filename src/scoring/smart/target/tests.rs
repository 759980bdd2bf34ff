//! The target reader against a table of goals, Dutch and English.

use super::*;

const GUIDE: &str = "Het aantal bezoekers uit de gemeente Utrecht van 25 jaar oud, voor \
                     voorstelling x, verhogen met 10% vóór december 2023.";

/// The value, unit and raw wording of a target.
type Expected = (f64, Unit, &'static str);

#[test]
fn find_target_table() {
    use Unit::{Absolute, Factor, Percent};
    let cases: &[(&str, Option<Expected>)] = &[
        (GUIDE, Some((10.0, Percent, "10%"))),
        ("bezoekersaantallen verhogen", None),
        ("", None),
        // Separators, Dutch and English.
        ("1.000 bezoekers extra", Some((1_000.0, Absolute, "1.000"))),
        ("2,000 more tickets", Some((2_000.0, Absolute, "2,000"))),
        (
            "1.000.000 views",
            Some((1_000_000.0, Absolute, "1.000.000")),
        ),
        ("2,5% meer omzet", Some((2.5, Percent, "2,5%"))),
        ("2.5% more revenue", Some((2.5, Percent, "2.5%"))),
        ("+12% conversie", Some((12.0, Percent, "12%"))),
        ("bezettingsgraad naar 85 %", Some((85.0, Percent, "85 %"))),
        ("10-15% meer aanmeldingen", Some((15.0, Percent, "10-15%"))),
        ("10 procent meer leden", Some((10.0, Percent, "10 procent"))),
        (
            "tien procent meer leden",
            Some((10.0, Percent, "tien procent")),
        ),
        (
            "vijfentwintig procent",
            Some((25.0, Percent, "vijfentwintig procent")),
        ),
        // Amounts.
        ("€ 5.000 meer omzet", Some((5_000.0, Absolute, "€ 5.000"))),
        (
            "5000 euro extra donaties",
            Some((5_000.0, Absolute, "5000 euro")),
        ),
        (
            "€10k revenue from the webshop",
            Some((10_000.0, Absolute, "€10k")),
        ),
        (
            "1,5 miljoen euro omzet",
            Some((1_500_000.0, Absolute, "1,5 miljoen euro")),
        ),
        // Factors and shares.
        ("de omzet verdubbelen", Some((2.0, Factor, "verdubbelen"))),
        (
            "double our newsletter subscribers",
            Some((2.0, Factor, "double")),
        ),
        (
            "het aantal no-shows halveren",
            Some((0.5, Factor, "halveren")),
        ),
        ("halve the number of no-shows", Some((0.5, Factor, "halve"))),
        // Imperatives: "halveer", and the English "halve" opening a sentence.
        (
            "Halveer het aantal no-shows bij de matinees",
            Some((0.5, Factor, "Halveer")),
        ),
        (
            "Halve no-shows for free open rehearsals",
            Some((0.5, Factor, "Halve")),
        ),
        (
            "Meer leden. Halve queueing time at the desk",
            Some((0.5, Factor, "Halve")),
        ),
        ("een halve dag extra open", None),
        (
            "dubbel zoveel aanmeldingen",
            Some((2.0, Factor, "dubbel zoveel")),
        ),
        (
            "één op de drie deelnemers",
            Some((100.0 / 3.0, Percent, "één op de drie")),
        ),
        ("1 in 5 visitors", Some((20.0, Percent, "1 in 5"))),
        ("verdrievoudigen", Some((3.0, Factor, "verdrievoudigen"))),
        (
            "a tenfold increase in reach",
            Some((10.0, Factor, "tenfold")),
        ),
        ("factor 3 meer volgers", Some((3.0, Factor, "factor 3"))),
        (
            "twee keer zoveel bezoekers",
            Some((2.0, Factor, "twee keer zoveel")),
        ),
        ("2x zoveel aanmeldingen", Some((2.0, Factor, "2x zoveel"))),
        // A factor in shorthand; a count of times per week is no change.
        (
            "Filmavonden: bezoek x8 in het eerste kwartaal",
            Some((8.0, Factor, "x8")),
        ),
        (
            "Online bookings conversion 3x by mid-2027",
            Some((3.0, Factor, "3x")),
        ),
        ("twice as many visitors", Some((2.0, Factor, "twice as"))),
        (
            "three times as many sign-ups",
            Some((3.0, Factor, "three times as")),
        ),
        (
            "een kwart meer bezoekers",
            Some((25.0, Percent, "een kwart")),
        ),
        (
            "a quarter more visitors",
            Some((25.0, Percent, "a quarter")),
        ),
        (
            "een derde meer leden",
            Some((100.0 / 3.0, Percent, "een derde")),
        ),
        (
            "de helft minder no-shows",
            Some((50.0, Percent, "de helft")),
        ),
        ("1/3 meer bezoekers", Some((100.0 / 3.0, Percent, "1/3"))),
        (
            "Half of the visitors come from the region",
            Some((50.0, Percent, "Half of")),
        ),
        (
            "Make sure that half of our members renew",
            Some((50.0, Percent, "half of")),
        ),
        ("in the first half of 2027", None),
        ("Over 1,000 visitors", Some((1_000.0, Absolute, "1,000"))),
        (
            "£1.5m in ticket sales",
            Some((1_500_000.0, Absolute, "£1.5m")),
        ),
        ("meer kinderen van 4 tot 12 jaar", None),
        ("children from 4 to 12 years old", None),
        ("meer mensen uit postcode 1012", None),
        (
            "op 4 en 5 mei 2027 500 bezoekers",
            Some((500.0, Absolute, "500")),
        ),
        ("more visitors on 4 and 5 May", None),
        (
            "van 800 naar 1.000 leden",
            Some((1_000.0, Absolute, "1.000")),
        ),
        ("the second half of the season", None),
        // Number words.
        (
            "duizend nieuwe volgers",
            Some((1_000.0, Absolute, "duizend")),
        ),
        (
            "a thousand new followers",
            Some((1_000.0, Absolute, "thousand")),
        ),
        ("vijf nieuwe donateurs", Some((5.0, Absolute, "vijf"))),
        (
            "tweehonderd extra abonnees",
            Some((200.0, Absolute, "tweehonderd")),
        ),
        (
            "vijf duizend bezoekers",
            Some((5_000.0, Absolute, "vijf duizend")),
        ),
        (
            "het aantal donateurs met vijf verhogen",
            Some((5.0, Absolute, "vijf")),
        ),
        (
            "twee keer per jaar een nieuwsbrief",
            Some((2.0, Absolute, "twee")),
        ),
        ("één nieuwe tentoonstelling", None),
        ("de twee voorstellingen beter vullen", None),
        ("dit in acht nemen", None),
        ("tientallen nieuwe bezoekers", None),
        ("honderden bezoekers", None),
        // Baselines.
        (
            "van 800 naar 1.000 abonnees",
            Some((1_000.0, Absolute, "1.000")),
        ),
        ("from 20% to 30% occupancy", Some((30.0, Percent, "30%"))),
        (
            "we hebben nu 500 leden en willen er 600",
            Some((600.0, Absolute, "600")),
        ),
        (
            "ten opzichte van 800 bezoekers met 10% groeien",
            Some((10.0, Percent, "10%")),
        ),
        ("currently 500 members", None),
        (
            "in 2026 hadden we 12.000 bezoekers; in 2027 willen we er 15.000",
            Some((15_000.0, Absolute, "15.000")),
        ),
        (
            "we have 300 members and want 400",
            Some((400.0, Absolute, "400")),
        ),
        // "hebben", "have" mark a baseline only when a target follows.
        (
            "Eind Q2 2027 hebben we 3000 kaartjes verkocht",
            Some((3_000.0, Absolute, "3000")),
        ),
        (
            "By April 2027, 400 volunteers have signed up",
            Some((400.0, Absolute, "400")),
        ),
        ("from 50 to 80 volunteers", Some((80.0, Absolute, "80"))),
        // A ceiling on a time is a target; an article after the bound does not make a name.
        (
            "Wachttijd aan de telefoon onder de 2 minuten",
            Some((2.0, Absolute, "2")),
        ),
        (
            "Main gate: peak queue under 10 mins.",
            Some((10.0, Absolute, "10")),
        ),
        ("de 2 zalen vullen", None),
        // Ages describe the group.
        ("jongeren onder de 35", None),
        ("25-jarigen", None),
        ("visitors aged 25", None),
        ("visitors under 35", None),
        ("visitors over 65", None),
        ("over 500 visitors", Some((500.0, Absolute, "500"))),
        ("18 tot 30 jaar", None),
        ("bezoekers 18-30", None),
        ("65+ers", None),
        ("meer 20-ers en 30-ers", None),
        ("people in their 20s and 30s", None),
        (
            "day tickets bought by under-25s up 20%",
            Some((20.0, Percent, "20%")),
        ),
        ("attract more under-fives", None),
        // Dates and spans of time.
        ("in 2027", None),
        ("2000 bezoekers", Some((2_000.0, Absolute, "2000"))),
        ("1 juli", None),
        ("vóór 1/7 50 nieuwe vrienden", Some((50.0, Absolute, "50"))),
        (
            "per 1 september 2027 250 leden",
            Some((250.0, Absolute, "250")),
        ),
        ("week 12", None),
        ("Q2", None),
        ("15-03-2027", None),
        ("binnen drie maanden", None),
        ("binnen 3 maanden", None),
        ("over twee weken", None),
        ("in 6 weken", None),
        ("vóór de zomer van 2027", None),
        ("in de eerste helft van 2027", None),
        ("seizoen 2027-2028", None),
        ("eind '27", None),
        (
            "deze winter 1500 bezoekers",
            Some((1_500.0, Absolute, "1500")),
        ),
        (
            "in Q3 2027 bezoeken 75 klassen",
            Some((75.0, Absolute, "75")),
        ),
        // Names, labels, clock times.
        ("voorstelling 2", None),
        ("zaal 3 beter vullen", None),
        ("\"Top 2000\" concert", None),
        ("om 20:00 uur", None),
        ("symfonie nr. 9", None),
        (
            "de kaartverkoop op 500 brengen",
            Some((500.0, Absolute, "500")),
        ),
        ("de 2e voorstelling", None),
        // A label word before a number that counts a thing: the number aims.
        (
            "Programme 25 extra performances.",
            Some((25.0, Absolute, "25")),
        ),
        (
            "de line-up-pagina moet 50k views halen",
            Some((50_000.0, Absolute, "50k")),
        ),
        (
            "de line-up-pagina 50k views",
            Some((50_000.0, Absolute, "50k")),
        ),
        ("zaal 3 50% voller", Some((50.0, Percent, "50%"))),
        // A unit of time opening a compound the number counts is no duration.
        (
            "Sell 2,500 day tickets to visitors from Kent",
            Some((2_500.0, Absolute, "2,500")),
        ),
        ("Sell 300 week passes", Some((300.0, Absolute, "300"))),
        ("Organise a 3 day course", None),
        ("Welcome 10 year olds", None),
        ("Binnen 3 maanden", None),
        (
            "Summer 2027: NPS among campers rises from 32 to 45.",
            Some((45.0, Absolute, "45")),
        ),
        // A time of day, from and to, is no target; people counted in words are.
        (
            "Zondagochtend 10-12 uur: 300 gezinnen",
            Some((300.0, Absolute, "300")),
        ),
        ("open van 9 tot 17 uur", None),
        (
            "Two thousand people at the opening day",
            Some((2_000.0, Absolute, "Two thousand")),
        ),
    ];
    for (text, want) in cases {
        let got = find_target(text);
        match (&got, want) {
            (None, None) => {}
            (Some(target), Some((value, unit, raw))) => {
                assert!(
                    (target.value - value).abs() < 1e-9,
                    "value of {text:?}: {got:?}"
                );
                assert_eq!(target.unit, *unit, "unit of {text:?}");
                assert_eq!(target.raw, *raw, "raw of {text:?}");
            }
            _ => panic!("find_target({text:?}) = {got:?}, want {want:?}"),
        }
    }
    assert!(cases.len() >= 40);
}

#[test]
fn patterns_compile() {
    let patterns = &*PATTERNS;
    assert_eq!(patterns.factor_words.len(), 5);
    assert!(patterns.percent.is_match("10%"));
    assert!(patterns.digits.is_match("1.000"));
}
