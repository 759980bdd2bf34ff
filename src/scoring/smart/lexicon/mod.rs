//! The words the "specific" check looks for, in normalised form (lowercase ASCII,
//! punctuation turned into spaces, see `normalize.rs`). Dutch writes compounds as one
//! word with the telling part anywhere in it ("museumbezoekers", "webshopomzet"), so Dutch
//! stems are found anywhere; English stems only at the start of a word.

mod narrowing;

pub(super) use narrowing::{CHANNEL, GROUP, NOT_PLACES, PLACE, PROGRAMME};

pub(crate) use crate::scoring::lexicon::Lexicon;

/// What a goal changes: the quantity that goes up or down.
pub(super) const WHAT: Lexicon = Lexicon {
    inside: &[
        "bezoek",
        "ticket",
        "kaartje",
        "kaarten",
        "kaartverkoop",
        "verkoop",
        "verkocht",
        "aanmelding",
        "inschrijving",
        "abonnement",
        "abonnee",
        "omzet",
        "opbrengst",
        "inkomsten",
        "bezetting",
        "bereik",
        "volger",
        "donateur",
        "donatie",
        "ledenaantal",
        "ledental",
        "lidmaatschap",
        "conversie",
        "tevredenheid",
        "deelnemer",
        "deelname",
        "publiek",
        "klanten",
        "kopers",
        "gasten",
        "reservering",
        "boeking",
        "retentie",
        "loyaliteit",
        "verblijfsduur",
        "verblijftijd",
        "besteding",
        "weergave",
        "interactie",
        "doorklik",
        "toeschouwer",
        "kijker",
        "luisteraar",
        "sponsor",
        "opkomst",
        "aanwas",
    ],
    word_start: &[
        "leden",
        "lid ",
        "vrienden",
        "friends",
        "fans ",
        "visitor",
        "visits",
        "visit ",
        "attendance",
        "attendee",
        "audience",
        "footfall",
        "sales",
        "sold ",
        "sign up",
        "signup",
        "registration",
        "enrolment",
        "enrollment",
        "subscription",
        "subscriber",
        "revenue",
        "income",
        "turnover",
        "occupancy",
        "seats",
        "reach",
        "follower",
        "donor",
        "donation",
        "member",
        "conversion",
        "satisfaction",
        "participant",
        "participation",
        "customer",
        "guest",
        "booking",
        "reservation",
        "clicks",
        "click through",
        "open rate",
        "views",
        "page views",
        "likes",
        "engagement",
        "retention",
        "nps ",
        "net promoter",
        "rating",
        "reviews",
        "spend",
        "downloads",
        "traffic",
        "verkopen",
        "no show",
    ],
};

/// Words that may stand between a number and what it counts ("500 extra bezoekers").
pub(super) const COUNT_FILLERS: &[&str] = &[
    "extra",
    "nieuwe",
    "nieuw",
    "meer",
    "new",
    "more",
    "additional",
    "unieke",
    "unique",
    "betalende",
    "paying",
    "verkochte",
    "sold",
    "losse",
    "vaste",
    "actieve",
    "active",
    "online",
    "trouwe",
    "loyal",
    "regular",
];

/// Words that make a number an amount, a share or a duration rather than an age ("onder
/// de 35 euro", "1-2 weken").
pub(super) const AMOUNT_UNITS: &[&str] = &[
    "procent", "percent", "pct", "euro", "eur", "k", "duizend", "thousand", "miljoen", "million",
    "mln", "honderd", "hundred", "keer", "times", "x", "uur", "hours", "minuten", "minutes", "dag",
    "dagen", "days", "week", "weken", "weeks", "maand", "maanden", "months",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::normalize::normalize;

    #[test]
    fn entries_are_normalised() {
        let lexicons = [&WHAT, &GROUP, &PLACE, &PROGRAMME, &CHANNEL];
        let words = lexicons
            .iter()
            .flat_map(|lexicon| lexicon.inside.iter().chain(lexicon.word_start))
            .chain(COUNT_FILLERS)
            .chain(AMOUNT_UNITS)
            .chain(NOT_PLACES);
        for word in words {
            assert_eq!(
                normalize(word),
                word.trim_end(),
                "{word:?} is not normalised"
            );
        }
    }

    #[test]
    fn found_in_table() {
        let cases = [
            (&WHAT, " museumbezoekers ", true),
            (&WHAT, " tickets ", true),
            (&WHAT, " leden ", true),
            (&WHAT, " drie jaar geleden ", false),
            (&WHAT, " visitors ", true),
            (&CHANNEL, " app ", true),
            (&CHANNEL, " applaus ", false),
            (&CHANNEL, " instagramvolgers ", true),
            (&PLACE, " uit de gemeente ", true),
            (&PROGRAMME, " jeugdvoorstelling ", true),
            (&GROUP, " first time visitors ", true),
            (&GROUP, " ", false),
        ];
        for (lexicon, padded, want) in cases {
            assert_eq!(lexicon.found_in(padded), want, "found_in({padded:?})");
        }
    }
}
