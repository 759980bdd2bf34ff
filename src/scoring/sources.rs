//! The data sources of step 2 and the guide's appendix "Toets de bruikbaarheid van je
//! data": where a source comes from (which sets the access), what kind of data it holds,
//! which purposes it serves, and the basic hygiene check (relevant, actueel, bruikbaar).

use super::yesno::YesNo;

/// Gives a fieldless enum its stable ids: `ALL`, `id()` and `from_id()`.
macro_rules! stable_ids {
    ($name:ident { $($variant:ident => $id:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in the order the guide lists them.
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The stable id stored in the database and used to key this value's texts.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// Reads an id written by `id()`; None for anything else.
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.id() == id)
            }
        }
    };
}

/// Where a source's data comes from ("herkomstbron").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The organisation's own systems: CRM, web analytics, social media, e-mail marketing.
    Internal,
    /// Third-party research data, data of value-chain partners that is not shared.
    External,
    /// Third-party research data, data of value-chain partners that is shared.
    Partner,
}

stable_ids!(Origin { Internal => "internal", External => "external", Partner => "partner" });

impl Origin {
    /// The access the team has to data of this origin, per the guide's appendix.
    pub fn access(self) -> Access {
        match self {
            Origin::Internal => Access::Full,
            Origin::External => Access::Limited,
            Origin::Partner => Access::ByAgreement,
        }
    }
}

/// How freely the team can use a source's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// "Volledige toegang".
    Full,
    /// "Beperkte toegang".
    Limited,
    /// "Toegang in overeenstemming met samenwerkingsafspraken".
    ByAgreement,
}

stable_ids!(Access { Full => "full", Limited => "limited", ByAgreement => "by_agreement" });

/// The kind of audience data a source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// "Anoniem": aggregated, not traceable to a person.
    Anonymous,
    /// "Individueel gepersonaliseerd": per person.
    Personal,
}

stable_ids!(DataKind { Anonymous => "anonymous", Personal => "personal" });

/// What the data is meant to serve: the columns of the guide's usability table. The focus
/// area Bedrijfsvoering has no row there, so it has no purpose here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Strategie.
    Strategy,
    /// Programmeren.
    Programming,
    /// Marketingcommunicatie/verkoop.
    Marketing,
    /// Publieks-/klantbeleving.
    Experience,
}

stable_ids!(Purpose {
    Strategy => "strategy",
    Programming => "programming",
    Marketing => "marketing",
    Experience => "experience",
});

impl Purpose {
    /// The purpose matching a step-1 focus-area id, or None for "operations"
    /// (Bedrijfsvoering, which the usability table does not cover) and unknown ids.
    pub fn from_focus(focus_id: &str) -> Option<Purpose> {
        Purpose::from_id(focus_id)
    }
}

/// How useful a kind of data is for a purpose, in the guide's two grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// "Zeer bruikbaar".
    High,
    /// "Weinig of niet bruikbaar".
    Low,
}

stable_ids!(Rating { High => "high", Low => "low" });

/// The basic hygiene factors a selected source must meet ("basishygiënefactoren").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hygiene {
    /// Is the data still relevant to a concrete action towards a relevant goal?
    Relevant,
    /// Is the data current, so decisions do not rest on outdated information?
    Current,
    /// Is the data usable in content and structure in the systems the team works with?
    Usable,
}

stable_ids!(Hygiene { Relevant => "relevant", Current => "current", Usable => "usable" });

/// The guide's usability table: anonymous data serves strategy, programming and
/// marketing well and experience poorly; personal data serves marketing and experience
/// well and strategy and programming poorly.
pub fn usability(kind: DataKind, purpose: Purpose) -> Rating {
    match (kind, purpose) {
        (DataKind::Anonymous, Purpose::Experience) => Rating::Low,
        (DataKind::Anonymous, _) => Rating::High,
        (DataKind::Personal, Purpose::Strategy | Purpose::Programming) => Rating::Low,
        (DataKind::Personal, Purpose::Marketing | Purpose::Experience) => Rating::High,
    }
}

/// The hygiene factors a source fails, in the order relevant, current, usable. Only a
/// clear yes passes: no, partly, unknown and a skipped answer (None) all fail, because the
/// check asks the team to be sure before relying on the data.
pub fn hygiene_failures(
    relevant: Option<YesNo>,
    current: Option<YesNo>,
    usable: Option<YesNo>,
) -> Vec<Hygiene> {
    [
        (Hygiene::Relevant, relevant),
        (Hygiene::Current, current),
        (Hygiene::Usable, usable),
    ]
    .into_iter()
    .filter(|(_, answer)| *answer != Some(YesNo::Yes))
    .map(|(factor, _)| factor)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usability_whole_table() {
        use DataKind::{Anonymous, Personal};
        use Purpose::{Experience, Marketing, Programming, Strategy};
        use Rating::{High, Low};
        let table = [
            (Anonymous, Strategy, High),
            (Anonymous, Programming, High),
            (Anonymous, Marketing, High),
            (Anonymous, Experience, Low),
            (Personal, Strategy, Low),
            (Personal, Programming, Low),
            (Personal, Marketing, High),
            (Personal, Experience, High),
        ];
        assert_eq!(table.len(), DataKind::ALL.len() * Purpose::ALL.len());
        for (kind, purpose, want) in table {
            assert_eq!(usability(kind, purpose), want, "{kind:?} × {purpose:?}");
        }
    }

    #[test]
    fn origin_sets_access() {
        let cases = [
            (Origin::Internal, Access::Full),
            (Origin::External, Access::Limited),
            (Origin::Partner, Access::ByAgreement),
        ];
        for (origin, want) in cases {
            assert_eq!(origin.access(), want, "{origin:?}");
        }
    }

    #[test]
    fn focus_maps_to_purpose() {
        let cases = [
            ("strategy", Some(Purpose::Strategy)),
            ("programming", Some(Purpose::Programming)),
            ("marketing", Some(Purpose::Marketing)),
            ("experience", Some(Purpose::Experience)),
            ("operations", None),
            ("", None),
            ("Strategy", None),
        ];
        for (focus, want) in cases {
            assert_eq!(Purpose::from_focus(focus), want, "from_focus({focus:?})");
        }
    }

    #[test]
    fn hygiene_failures_table() {
        const Y: Option<YesNo> = Some(YesNo::Yes);
        const N: Option<YesNo> = Some(YesNo::No);
        const P: Option<YesNo> = Some(YesNo::Partly);
        const U: Option<YesNo> = Some(YesNo::Unknown);
        use Hygiene::{Current, Relevant, Usable};
        let cases: [([Option<YesNo>; 3], &[Hygiene]); 7] = [
            ([Y, Y, Y], &[]),
            ([N, Y, Y], &[Relevant]),
            ([Y, P, Y], &[Current]),
            ([Y, Y, U], &[Usable]),
            ([None, Y, None], &[Relevant, Usable]),
            ([N, N, N], &[Relevant, Current, Usable]),
            ([None, None, None], &[Relevant, Current, Usable]),
        ];
        for ([relevant, current, usable], want) in cases {
            assert_eq!(
                hygiene_failures(relevant, current, usable),
                want,
                "hygiene_failures({relevant:?}, {current:?}, {usable:?})"
            );
        }
    }

    #[test]
    fn ids_round_trip() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            ids: &[&str],
            id: fn(T) -> &'static str,
            from_id: fn(&str) -> Option<T>,
        ) {
            assert_eq!(all.len(), ids.len());
            for (value, want) in all.iter().zip(ids) {
                assert_eq!(id(*value), *want);
                assert_eq!(from_id(want), Some(*value));
            }
            for bad in ["", "unknown", "INTERNAL", " full"] {
                assert_eq!(from_id(bad), None, "from_id({bad:?})");
            }
        }
        check(
            &Origin::ALL,
            &["internal", "external", "partner"],
            Origin::id,
            Origin::from_id,
        );
        check(
            &Access::ALL,
            &["full", "limited", "by_agreement"],
            Access::id,
            Access::from_id,
        );
        check(
            &DataKind::ALL,
            &["anonymous", "personal"],
            DataKind::id,
            DataKind::from_id,
        );
        check(
            &Purpose::ALL,
            &["strategy", "programming", "marketing", "experience"],
            Purpose::id,
            Purpose::from_id,
        );
        check(&Rating::ALL, &["high", "low"], Rating::id, Rating::from_id);
        check(
            &Hygiene::ALL,
            &["relevant", "current", "usable"],
            Hygiene::id,
            Hygiene::from_id,
        );
    }
}
