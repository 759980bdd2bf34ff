-- SMART goals with deadlines, their history, reminders and evaluations.

-- Per-team goal numbers, so commands can say "/doel voortgang 2 150".
ALTER TABLE goals ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goals ADD COLUMN vraagstuk TEXT;
ALTER TABLE goals ADD COLUMN unit TEXT;                       -- percent | absolute | factor
ALTER TABLE goals ADD COLUMN baseline REAL;
ALTER TABLE goals ADD COLUMN target REAL;
ALTER TABLE goals ADD COLUMN current REAL;
ALTER TABLE goals ADD COLUMN deadline TEXT;                   -- local date, YYYY-MM-DD
ALTER TABLE goals ADD COLUMN timezone TEXT NOT NULL DEFAULT 'Europe/Amsterdam';
ALTER TABLE goals ADD COLUMN smart_score INTEGER;
ALTER TABLE goals ADD COLUMN smart_json TEXT;
ALTER TABLE goals ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'evaluating', 'achieved', 'partly', 'not_achieved', 'closed', 'dropped'));
ALTER TABLE goals ADD COLUMN previous_goal_id INTEGER REFERENCES goals(id);
CREATE UNIQUE INDEX goals_by_number ON goals (team_id, number) WHERE number > 0;

-- Every change to a goal, with why.
CREATE TABLE goal_history (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    field      TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    reason     TEXT,
    user_name  TEXT    NOT NULL,
    changed_at TEXT    NOT NULL
) STRICT;
CREATE INDEX goal_history_by_goal ON goal_history (goal_id);

-- Reminders are kept as local date-time plus time zone (what the team asked for) and as the
-- UTC instant that local time means (what the scheduler sorts on). The partial index holds only
-- what is still to be sent, so finding the next one never scans sent reminders or goals.
CREATE TABLE reminders (
    id        INTEGER PRIMARY KEY,
    goal_id   INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    team_id   INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    platform  TEXT    NOT NULL,                              -- the team's, so each platform's
                                                             -- scheduler reads only its own
    kind      TEXT    NOT NULL CHECK (kind IN ('before', 'deadline', 'nudge', 'snooze')),
    days      INTEGER NOT NULL DEFAULT 0,                    -- days before the deadline
    local_at  TEXT    NOT NULL,                              -- e.g. 2027-03-28T09:00:00
    timezone  TEXT    NOT NULL,
    due_at    INTEGER NOT NULL,                              -- unix seconds, UTC
    state     TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sent', 'cancelled')),
    idem_key  TEXT    NOT NULL UNIQUE,
    sent_at   TEXT,
    late      INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1))
) STRICT;
CREATE INDEX reminders_due ON reminders (platform, due_at, id) WHERE state = 'pending';
CREATE INDEX reminders_team_due ON reminders (team_id, due_at, id) WHERE state = 'pending';

-- One row per delivery, written in the same transaction that marks the reminder sent.
CREATE TABLE reminder_sends (
    id          INTEGER PRIMARY KEY,
    reminder_id INTEGER NOT NULL UNIQUE REFERENCES reminders(id) ON DELETE CASCADE,
    idem_key    TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    late        INTEGER NOT NULL CHECK (late IN (0, 1))
) STRICT;

-- The evaluation of a goal once its deadline has passed.
CREATE TABLE evaluations (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL UNIQUE REFERENCES goals(id) ON DELETE CASCADE,
    step        TEXT    NOT NULL DEFAULT 'result',    -- result | outcome | effects | change | data | next | done
    result      TEXT,
    value       REAL,
    effects     TEXT,
    change      TEXT,
    outcome     TEXT CHECK (outcome IN ('achieved', 'partly', 'not_achieved')),
    data_missing INTEGER CHECK (data_missing IN (0, 1)),
    started_at  TEXT    NOT NULL,
    finished_at TEXT
) STRICT;

CREATE INDEX evaluations_open ON evaluations (goal_id) WHERE finished_at IS NULL;

-- A team's own reminder schedule.
ALTER TABLE teams ADD COLUMN reminder_days TEXT NOT NULL DEFAULT '7,1';
