-- Goals of step 3, one row per goal, so later features (SMART scoring, deadlines, reminders,
-- evaluation) can hang off a stable id instead of parsing answer keys.
CREATE TABLE goals (
    id            INTEGER PRIMARY KEY,
    team_id       INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    round         INTEGER NOT NULL,
    key           TEXT    NOT NULL,               -- e.g. action.action#1.goal#2
    action_text   TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    owner         TEXT,
    deadline_text TEXT,
    baseline_text TEXT,
    target_text   TEXT,
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (team_id, round, key)
) STRICT;
