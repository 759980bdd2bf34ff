-- Reminders that cannot be delivered: a reminder can now fail (with its reason) instead of
-- blocking the queue, and one that failed for a passing reason waits for its own next try.
--
-- SQLite cannot change a CHECK constraint in place, so `reminders` is rebuilt. Foreign keys are
-- on while migrations run: dropping a table that `reminder_sends` still references would delete
-- its rows through ON DELETE CASCADE. So the send records are set aside in a plain temporary
-- table first, both tables are rebuilt, and the records are put back.

CREATE TABLE reminders_new (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    team_id     INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    platform    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('before', 'deadline', 'nudge', 'snooze')),
    days        INTEGER NOT NULL DEFAULT 0,
    local_at    TEXT    NOT NULL,
    timezone    TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sent', 'cancelled', 'failed')),
    idem_key    TEXT    NOT NULL UNIQUE,
    sent_at     TEXT,
    late        INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    -- Failed deliveries that may pass (server errors, network, rate limits) so far.
    attempts    INTEGER NOT NULL DEFAULT 0,
    -- Unix seconds before which the next try must not start; 0 before any failure.
    retry_at    INTEGER NOT NULL DEFAULT 0,
    -- When the scheduler tries it next: its due time, or later while it backs off. Computed,
    -- so whatever writes `due_at` keeps it right.
    next_try_at INTEGER GENERATED ALWAYS AS (max(due_at, retry_at)) VIRTUAL,
    failed_at   TEXT,
    -- Short machine reason, e.g. `discord 404 Unknown Channel`, `matrix M_FORBIDDEN …`.
    fail_reason TEXT,
    -- When the team's /status showed the failure (it is shown once).
    fail_shown_at TEXT,
    CHECK (state <> 'failed' OR fail_reason IS NOT NULL)
) STRICT;

INSERT INTO reminders_new
    (id, goal_id, team_id, platform, kind, days, local_at, timezone, due_at, state, idem_key,
     sent_at, late)
SELECT id, goal_id, team_id, platform, kind, days, local_at, timezone, due_at, state, idem_key,
       sent_at, late
FROM reminders;

CREATE TEMP TABLE reminder_sends_kept AS SELECT * FROM reminder_sends;
DROP TABLE reminder_sends;
DROP TABLE reminders;
ALTER TABLE reminders_new RENAME TO reminders;

CREATE TABLE reminder_sends (
    id          INTEGER PRIMARY KEY,
    reminder_id INTEGER NOT NULL UNIQUE REFERENCES reminders(id) ON DELETE CASCADE,
    idem_key    TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    late        INTEGER NOT NULL CHECK (late IN (0, 1))
) STRICT;
INSERT INTO reminder_sends (id, reminder_id, idem_key, platform, sent_at, late)
SELECT id, reminder_id, idem_key, platform, sent_at, late FROM temp.reminder_sends_kept;
DROP TABLE temp.reminder_sends_kept;

-- The scheduler takes the next reminder by when it is to be tried, so one backing off after a
-- failure never holds up another team's reminder that is due.
CREATE INDEX reminders_due ON reminders (platform, next_try_at, id) WHERE state = 'pending';
CREATE INDEX reminders_team_due ON reminders (team_id, next_try_at, id) WHERE state = 'pending';
-- A team's failures not yet shown in its /status.
CREATE INDEX reminders_team_failed ON reminders (team_id)
    WHERE state = 'failed' AND fail_shown_at IS NULL;
