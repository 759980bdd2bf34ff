//! The words of each focus area, the "plekken" of step 1 where a vraagstuk may come from,
//! in normalised form like the rest of the lexicon.

use super::lexicon::Lexicon;

/// The words of each focus area (step 1's "plekken"), keyed by focus-area id.
pub(super) const FOCUS: &[(&str, Lexicon)] = &[
    (
        "strategy",
        Lexicon {
            inside: &[
                "strateg",
                "samenwerking",
                "continuiteit",
                "trend",
                "markt",
                "positionering",
                "beleid",
                "toekomst",
                "meerjaren",
                "lange termijn",
            ],
            word_start: &[
                "missie",
                "visie",
                "partner",
                "strategy",
                "strategic",
                "partnership",
                "continuity",
                "market",
                "mission",
                "vision",
                "policy",
                "long term",
                "future",
                "positioning",
            ],
        },
    ),
    (
        "programming",
        Lexicon {
            inside: &[
                "programm",
                "voorstelling",
                "tentoonstelling",
                "expositie",
                "aanbod",
                "festival",
                "concert",
                "productie",
                "genre",
                "testen",
                "repertoire",
                "collectie",
                "film",
            ],
            word_start: &[
                "program",
                "show",
                "exhibition",
                "performance",
                "production",
                "line up",
                "lineup",
                "collection",
                "event",
                "test",
            ],
        },
    ),
    (
        "marketing",
        Lexicon {
            inside: &[
                "marketing",
                "communicatie",
                "campagne",
                "verkoop",
                "ticket",
                "kaartje",
                "nieuwsbrief",
                "social",
                "instagram",
                "facebook",
                "tiktok",
                "website",
                "webshop",
                "publieksstro",
                "bezoekfrequentie",
                "publieksaantal",
                "bezoekersaantal",
                "bezoekaantal",
                "bereik",
                "advert",
                "reclame",
                "promotie",
                "mailing",
                "zichtbaarheid",
                "naamsbekendheid",
            ],
            word_start: &[
                "aantal bezoeker",
                "aantal publiek",
                "e mail",
                "pers ",
                "sales",
                "campaign",
                "newsletter",
                "reach",
                "email",
                "attendance",
                "number of visitor",
                "visitor number",
                "brand",
                "promotion",
            ],
        },
    ),
    (
        "experience",
        Lexicon {
            inside: &[
                "beleving",
                "tevreden",
                "ervaring",
                "impact",
                "engagement",
                "klantreis",
                "waardering",
                "beoordeling",
                "feedback",
                "betrokkenheid",
                "gastvrijheid",
                "loyaliteit",
                "review",
                "klantcontact",
            ],
            word_start: &[
                "nps ",
                "experience",
                "satisf",
                "journey",
                "rating",
                "loyalty",
                "hospitality",
                "service",
            ],
        },
    ),
    (
        "operations",
        Lexicon {
            inside: &[
                "cashflow",
                "kosten",
                "omzet",
                "inkomsten",
                "risico",
                "e commerce",
                "ecommerce",
                "webshop",
                "efficien",
                "bedrijfsvoering",
                "personeel",
                "financ",
                "begroting",
                "budget",
                "operatione",
                "opbrengst",
                "winst",
            ],
            word_start: &[
                "revenue",
                "cost",
                "risk",
                "operation",
                "staff",
                "cash flow",
                "income",
                "profit",
                "online shop",
            ],
        },
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::normalize::normalize;

    #[test]
    fn every_area_once_and_every_entry_normalised() {
        let ids: Vec<&str> = FOCUS.iter().map(|(id, _)| *id).collect();
        let want = [
            "strategy",
            "programming",
            "marketing",
            "experience",
            "operations",
        ];
        assert_eq!(ids, want);
        for (id, lexicon) in FOCUS {
            assert!(
                !lexicon.inside.is_empty() && !lexicon.word_start.is_empty(),
                "{id}"
            );
            for entry in lexicon.entries() {
                assert_eq!(normalize(entry), entry, "{id}: {entry:?} is not normalised");
            }
        }
    }
}
