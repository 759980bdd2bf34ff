//! The items a computation reads next to it by name (`Compute::siblings` in
//! [`super::needs`]): a source's answers for its summary, a goal's for its SMART check.

use crate::scoring::sources::Hygiene;

/// An item a computation reads next to it (in its own step or group), or a goal group reads
/// inside it. Its name in flow.toml is [`Sibling::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sibling {
    /// The experience level from the questions (`level`).
    Level,
    /// The follow-up question of a lerend team (`embedded`).
    Embedded,
    /// A source's name (`name`).
    Name,
    /// A source's origin choice (`origin`).
    Origin,
    /// A source's kind of data (`kind`).
    Kind,
    /// Hygiene: still relevant (`relevant`).
    Relevant,
    /// Hygiene: current (`current`).
    Current,
    /// Hygiene: usable (`usable`).
    Usable,
    /// Where the expertise comes from, in step 4 (`expertise`).
    Expertise,
    /// A goal's text (`text`).
    Text,
    /// A goal's sharpened text (`sharpen`).
    Sharpen,
    /// A goal's owner (`owner`).
    Owner,
    /// Whether those involved stand behind the goal (`agreed`).
    Agreed,
    /// A goal's deadline (`deadline`).
    Deadline,
    /// A goal's baseline (`baseline`).
    Baseline,
    /// A goal's target (`target`).
    Target,
    /// Whether a goal is an A/B experiment (`experiment`).
    Experiment,
    /// What an experiment's variant A is (`variant_a`).
    VariantA,
    /// What an experiment's variant B is (`variant_b`).
    VariantB,
    /// The conversion rate expected of A, in percent (`rate_a`).
    RateA,
    /// The conversion rate expected of B, in percent (`rate_b`).
    RateB,
    /// How many people the team can reach (`list_size`).
    ListSize,
    /// The answer a repeat check compares with what it was asked about (`answer`).
    Answer,
    /// Whether a goal that shares nothing with the vraagstuk serves it (`serves`).
    Serves,
}

impl Sibling {
    /// The item id in flow.toml.
    pub fn name(self) -> &'static str {
        match self {
            Sibling::Level => "level",
            Sibling::Embedded => "embedded",
            Sibling::Name => "name",
            Sibling::Origin => "origin",
            Sibling::Kind => "kind",
            // A source summary stores its hygiene failures by these ids.
            Sibling::Relevant => Hygiene::Relevant.id(),
            Sibling::Current => Hygiene::Current.id(),
            Sibling::Usable => Hygiene::Usable.id(),
            Sibling::Expertise => "expertise",
            Sibling::Text => "text",
            Sibling::Sharpen => "sharpen",
            Sibling::Owner => "owner",
            Sibling::Agreed => "agreed",
            Sibling::Deadline => "deadline",
            Sibling::Baseline => "baseline",
            Sibling::Target => "target",
            Sibling::Experiment => "experiment",
            Sibling::VariantA => "variant_a",
            Sibling::VariantB => "variant_b",
            Sibling::RateA => "rate_a",
            Sibling::RateB => "rate_b",
            Sibling::ListSize => "list_size",
            Sibling::Answer => "answer",
            Sibling::Serves => "serves",
        }
    }

    /// The item a hygiene factor is asked with.
    pub fn hygiene(h: Hygiene) -> Sibling {
        match h {
            Hygiene::Relevant => Sibling::Relevant,
            Hygiene::Current => Sibling::Current,
            Hygiene::Usable => Sibling::Usable,
        }
    }
}
