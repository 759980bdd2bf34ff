-- Privacy by design, for one person (issue 13).
--
-- The first time a person answers in a team, koers says once what it keeps and how /privacy
-- works. Who was told is kept per team and platform id, so it is never said twice; the row is
-- a person's data too (/mijndata shows it, /vergeetmij removes it).
CREATE TABLE privacy_notices (
    team_id  INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id  TEXT    NOT NULL,
    shown_at TEXT    NOT NULL,
    PRIMARY KEY (team_id, user_id)
) STRICT, WITHOUT ROWID;

-- People who answered before this migration already know koers: they are not told again.
INSERT OR IGNORE INTO privacy_notices (team_id, user_id, shown_at)
SELECT team_id, user_id, min(answered_at) FROM answers
 WHERE user_id IS NOT NULL AND computed = 0
 GROUP BY team_id, user_id;

-- How many people of a team were forgotten: the next one is "oud-lid <n+1>" there, so a
-- pseudonym is stable and never names two people.
ALTER TABLE teams ADD COLUMN forgotten INTEGER NOT NULL DEFAULT 0;

-- Questions opened again because a person had their answers deleted while the team was not
-- in the conversation (another team, `koers admin forget-person`): said to the team once, on
-- its next turn, then cleared. One question key a line.
ALTER TABLE teams ADD COLUMN reopened TEXT;
