-- Privacy by design, the team's side: a team can be deleted whole (`/verwijder team`, `koers
-- admin delete-team`), and retention removes teams that fell silent and rounds closed long ago.

-- When the team last wrote to koers (unix seconds), and when koers warned it that it would be
-- deleted for being inactive (NULL: not warned, or active again since). Existing teams count as
-- active at their last change.
ALTER TABLE teams ADD COLUMN last_active_at INTEGER;
ALTER TABLE teams ADD COLUMN retention_warned_at INTEGER;
UPDATE teams SET last_active_at = coalesce(unixepoch(updated_at), unixepoch('now'));

-- A pending `/verwijder team`: the code koers showed and until when (unix seconds) it counts.
ALTER TABLE teams ADD COLUMN delete_code TEXT;
ALTER TABLE teams ADD COLUMN delete_code_until INTEGER;

-- When each round was closed (by `/nieuw`), so retention can remove rounds closed long ago.
-- Rounds closed before this migration count as closed at their last answer.
CREATE TABLE round_closes (
    team_id   INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    round     INTEGER NOT NULL,
    closed_at INTEGER NOT NULL,                   -- unix seconds
    PRIMARY KEY (team_id, round)
) STRICT, WITHOUT ROWID;
INSERT INTO round_closes (team_id, round, closed_at)
SELECT a.team_id, a.round, coalesce(max(unixepoch(a.answered_at)), unixepoch('now'))
  FROM answers a JOIN teams t ON t.id = a.team_id
 WHERE a.round < t.round
 GROUP BY a.team_id, a.round;

-- Platform marks learn their team, so deleting a team takes them along. Older marks stay
-- without one; they are forgotten with age (handled events) or hold no content (a message id
-- and a question key).
ALTER TABLE handled_events ADD COLUMN team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE;
ALTER TABLE sent_questions ADD COLUMN team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE;
