//! The second vocabulary pass (`prompts/lexicon/`): words of UK and Dutch audience plans
//! that name what changes or narrow it, each list with a case it must leave alone, since a
//! stem that matches inside an unrelated word would make a vague goal specific.

use super::*;

/// Asserts, for each (text, names what changes, narrows it), both readings.
fn check(cases: &[(&str, bool, bool)]) {
    for &(text, what, narrowed) in cases {
        assert_eq!(changes_something(text), what, "changes_something({text:?})");
        assert_eq!(narrows(text), narrowed, "narrows({text:?})");
    }
}

#[test]
fn what_changes_in_library_and_box_office_words() {
    check(&[
        ("reach 5,000 pc sessions", true, false),
        ("more active users of the app", true, true),
        ("raise take-up of the offer", true, false),
        ("more full houses", true, false),
        ("meer actieve leners", true, false),
        ("de recettes omhoog", true, false),
        // Merchandise is a line of income: it changes, it narrows nothing.
        ("grow merchandise income", true, false),
        // Wellbeing was left out: "through the arts" would narrow it.
        ("improve wellbeing through the arts", false, true),
    ]);
}

#[test]
fn groups_of_uk_and_dutch_plans_narrow() {
    check(&[
        (
            "grow attendance from metroscope audiences by 10%",
            true,
            true,
        ),
        ("grow c2de attendance by 10%", true, true),
        (
            "increase bookings from lower socio-economic groups",
            true,
            true,
        ),
        ("increase attendance among cyp by 10%", true, true),
        ("grow income from monthly donors", true, true),
        (
            "more bookings from people new to classical music",
            true,
            true,
        ),
        ("10% meer bezoek van statushouders", true, true),
        ("meer bezoek van mensen met een smalle beurs", true, true),
        ("meer jong publiek", true, true),
        ("10% meer bezoek van duitse gezinnen", true, true),
        // Left alone: an impact, an adjective, everyone.
        (
            "grow the festival's socio-economic impact by 10%",
            true,
            false,
        ),
        ("more bookings from enthusiastic people", true, false),
        ("meer bezoekers, van jong tot oud", true, false),
        (
            "de kwetsbaarheid van de organisatie verminderen",
            false,
            false,
        ),
        // Friends counted bare are the public; their scheme is not (see below).
        ("1.500 nieuwe vrienden werven", true, false),
    ]);
}

#[test]
fn places_of_uk_and_dutch_plans_narrow() {
    check(&[
        (
            "increase attendance from priority places by 10%",
            true,
            true,
        ),
        ("increase attendance from imd decile 1 areas", true, true),
        ("increase visitors from tower hamlets by 10%", true, true),
        ("increase visitors to the deer park by 10%", true, true),
        ("10% meer bezoekers uit de krimpenerwaard", true, true),
        ("10% meer bezoekers uit ede", true, true),
        ("10% meer bezoekers in de orangerie", true, true),
        // Left alone: a name that is also a word, a window, a verb.
        ("een houten vloer leggen, 10% meer bezoek", true, false),
        ("meer bezoek dankzij een dakkapel", true, false),
        ("gooi het roer om en verhoog de omzet met 10%", true, false),
        ("more visitors, with cryptic clues", true, false),
    ]);
}

#[test]
fn programme_and_channel_words_narrow() {
    check(&[
        ("increase attendance at captioned performances", true, true),
        ("increase attendance at the warm space by 10%", true, true),
        ("grow the friends scheme to 3,000 members", true, true),
        ("vijf nieuwe leden voor de vriendenkring", true, true),
        (
            "verhoog het aantal vrienden van het museum met 300",
            true,
            true,
        ),
        ("increase sales of season tickets by 10%", true, true),
        ("increase pay what you decide bookings by 10%", true, true),
        ("10% meer deelnemers aan zomerlezen", true, true),
        ("10% meer verwijzingen via kunst op recept", true, true),
        ("meer opbrengst uit de straatcollecte", true, true),
        // Left alone: a footprint, pressing ahead, activities, collected data.
        ("reduce our carbon footprint by 20%", true, false),
        ("press ahead with growing our audiences", true, false),
        ("support activities that grow attendance", true, false),
        ("data collected from 500 visitors", true, false),
    ]);
}

/// The rules of the twelfth blind round (186-197): a venue named by its kind and name as the
/// heading or subject, the public of an art form, how full the hall is and "how we".
#[test]
fn the_venue_by_name_the_public_of_an_art_form_and_the_hall_do_not_narrow() {
    check(&[
        ("Fort Kijkuit: bezoekersaantal vertienvoudigen", true, false),
        ("Museum De Waag wil 20.000 bezoekers", true, false),
        ("Groei van het aantal concertbezoekers", true, false),
        ("90% zaalbezetting bij al onze concerten", true, false),
        ("improve how we talk to our audiences", true, false),
        // Left alone: a place named besides, an event of its own, a talk, a hall by name.
        ("Museum De Waag: 20.000 bezoekers uit Deventer", true, true),
        ("Heritage Open Days: 2,500 visitors", true, true),
        ("more bookings for the curator talk", true, true),
        ("meer concertbezoekers uit Zeeuws-Vlaanderen", true, true),
        ("zaalbezetting in de Grote Zaal naar 80%", true, true),
    ]);
}

/// The twelfth round too: the offer the team puts on, counted, is its work, not what
/// changes.
#[test]
fn the_offer_put_on_is_not_what_changes() {
    check(&[
        (
            "Drie concerten per seizoen geven in verzorgingshuizen",
            false,
            true,
        ),
        ("Run 12 workshops for families", false, true),
        // Left alone: tickets for the offer, the share of the hall.
        (
            "500 kaarten voor drie concerten in verzorgingshuizen",
            true,
            true,
        ),
        (
            "40% van de zaal blijft zitten na de voorstelling",
            true,
            true,
        ),
    ]);
}
