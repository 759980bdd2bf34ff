//! `/verwijder team` (`/delete team`): a manager deletes the team and everything koers keeps of
//! it. koers first shows a short code; the team is deleted only when that code comes back
//! (`/verwijder team K7M2QX`) before it expires. A wrong code cancels, and says so.
//!
//! The last reply is a farewell ([`Reply::farewell`]): the platform posts it and stops reading
//! there (Matrix leaves the room, the terminal ends the chat). The team's reminders go with its
//! rows; the scheduler, woken after every turn, finds nothing left to send.

use std::hash::{BuildHasher, Hasher};

use anyhow::Result;

use super::{Reply, Turn};

/// How long a shown code counts.
const CODE_MINUTES: i64 = 10;
/// Letters and digits no one mixes up (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters in a code.
const CODE_LEN: usize = 6;

/// A fresh code. It guards against deleting by accident or by a copied line, not against an
/// attacker (a manager may delete anyway), so the standard library's randomly keyed hasher is
/// random enough.
fn new_code(salt: i64) -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_i64(salt);
    let mut bits = hasher.finish();
    let base = ALPHABET.len() as u64;
    (0..CODE_LEN)
        .map(|_| {
            // `bits % base` is below the alphabet's length, so the index fits.
            let i = usize::try_from(bits % base).unwrap_or(0);
            bits /= base;
            char::from(ALPHABET[i])
        })
        .collect()
}

impl Turn<'_, '_, '_> {
    /// `/verwijder team [code]`: show a code, or delete the team when it is the code shown.
    pub(super) fn delete_team(&mut self, typed: Option<String>) -> Result<()> {
        let now = self.engine.clock.now().as_second();
        let Some(typed) = typed else {
            let code = new_code(now ^ self.team.id);
            self.store
                .set_delete_code(self.team.id, &code, now + CODE_MINUTES * 60)?;
            let text = self.f(
                "msg.delete_team.confirm",
                &[
                    ("team", &self.team.name),
                    ("code", &code),
                    ("minutes", &CODE_MINUTES.to_string()),
                ],
            );
            self.say(text);
            return Ok(());
        };
        let key = match self.store.take_delete_code(self.team.id)? {
            None => "msg.delete_team.none_pending",
            Some((_, until)) if until < now => "msg.delete_team.expired",
            Some((code, _)) if !code.eq_ignore_ascii_case(typed.trim()) => "msg.delete_team.wrong",
            Some(_) => return self.delete_now(),
        };
        let text = self.t(key).to_string();
        self.say(text);
        Ok(())
    }

    /// Delete the team's rows and say goodbye.
    fn delete_now(&mut self) -> Result<()> {
        let removed = self.store.delete_team(self.team.id)?;
        tracing::info!(
            team = self.team.id,
            rows = removed.total(),
            "team deleted by its manager"
        );
        let text = self.f("msg.delete_team.done", &[("team", &self.team.name)]);
        self.out.push(Reply {
            text,
            farewell: true,
            ..Reply::default()
        });
        Ok(())
    }
}

#[cfg(test)]
#[path = "team_delete_tests.rs"]
mod tests;
