//! `/voorbeeld` (`/example`): the guide's three practices told as short stories. It changes
//! nothing, so everyone may ask for it; the walk offers the fitting one where it helps (flow
//! items `data.sources_example` and `implementation.readiness_example`).

use super::Turn;

/// One of the guide's practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// Theater Utrecht's Innovation:Lab: data in the making process, an A/B test of existing
    /// against new audiences.
    Utrecht,
    /// The Mariniersmuseum: postcode and house number, the Culturele Doelgroepenmodel,
    /// targeting by neighbourhood.
    Mariniers,
    /// Theater De Schalm: the customer journey, programming driven by demand, time and budget.
    Schalm,
}

impl Example {
    /// Every example, in the order of the guide.
    pub const ALL: [Example; 3] = [Example::Utrecht, Example::Mariniers, Example::Schalm];

    /// The ids an argument takes, in the order of [`Example::ALL`] (also Discord's choices).
    pub const IDS: &'static [&'static str] = &["utrecht", "mariniers", "schalm"];

    /// The id that names it in commands and keys its texts.
    pub fn id(self) -> &'static str {
        match self {
            Example::Utrecht => "utrecht",
            Example::Mariniers => "mariniers",
            Example::Schalm => "schalm",
        }
    }

    /// Read an example from what was typed: its id or a name people use for it, in any case.
    pub fn parse(word: &str) -> Option<Example> {
        let word = word.trim().to_lowercase();
        let word = word
            .trim_start_matches("theater ")
            .trim_start_matches("de ")
            .trim();
        Example::ALL.into_iter().find(|e| {
            e.id() == word
                || match e {
                    Example::Utrecht => {
                        matches!(
                            word,
                            "innovation:lab" | "innovationlab" | "lab" | "ab" | "a/b"
                        )
                    }
                    Example::Mariniers => matches!(word, "mariniersmuseum" | "museum"),
                    Example::Schalm => word == "veldhoven",
                }
        })
    }
}

impl Turn<'_, '_, '_> {
    /// `/voorbeeld [naam]`: one practice as a story, or the list of them.
    pub(super) fn example(&mut self, which: Option<Example>) {
        let text = match which {
            Some(e) => self.t(&format!("msg.example.{}", e.id())).to_string(),
            None => self.t("msg.example.list").to_string(),
        };
        self.say(text);
    }
}
