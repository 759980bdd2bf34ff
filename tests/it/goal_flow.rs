//! End-to-end: the goal questions of step 3. A goal is SMART-checked the moment it is written;
//! a weak one is sharpened; what its text already says (owner, deadline, target) is filled in
//! by koers and not asked; dates and numbers are read or refused and asked again. One file per
//! part: `sharpen.rs` a weak goal sharpened, `english.rs` an English conversation, `deadline.rs`
//! how the deadline is shown and promised, `change.rs` `/wijzig` on the goal text; the questions
//! and the start they share are here.

mod change;
mod deadline;
mod english;
mod sharpen;

use crate::common::{Chat, FIRST_QUESTION, Sandbox, Session, WALK, line_of};

const SHARPEN_NL: &str = "[Actie 1 · Doel 1] Maak het doel nog iets scherper";
const DEADLINE_NL: &str = "Wanneer moet het doel gehaald zijn?";
const BASELINE_NL: &str = "Waar staan jullie nu: wat is de huidige waarde (de nulmeting)?";
const TARGET_NL: &str = "Welke waarde willen jullie bereiken";
const OWNER_NL: &str = "Wie is eigenaar van dit doel? Een naam";
const AGREED_NL: &str = "Staan de betrokkenen achter dit doel?";
const EXPERIMENT_NL: &str = "Is dit doel een experiment met twee varianten";

/// The weak goal, and how the team sharpens it: now specific and measurable, naming its owner
/// and an absolute target, but still without a deadline.
const WEAK: &str = "meer publiek";
const SHARPENED: &str = "Meer studenten bij de familievoorstelling: 1.500 kaartjes via de webshop \
                         verkopen, eigenaar: Sanne";

/// A conversation answered up to (not including) the line `key` of [`WALK`].
fn spawn_at(sandbox: &Sandbox, key: &str) -> Session {
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    for line in &WALK[..line_of(key)] {
        s.answer(line.input, line.next);
    }
    s
}
