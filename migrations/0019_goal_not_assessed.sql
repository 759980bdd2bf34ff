-- A goal whose evaluation ended without the team saying whether it was reached (the outcome
-- question skipped, or answered "weet niet") is 'not_assessed', not 'not_achieved'. Its
-- evaluation keeps outcome NULL.
--
-- SQLite cannot change a CHECK constraint in place, so `goals` is rebuilt. Foreign keys are on
-- while migrations run: dropping `goals` would delete, through ON DELETE CASCADE, the rows of
-- every table that references it (`goal_history`, `evaluations`, `reminders` and through them
-- `reminder_sends`, `experiments`), and a new table beside the old one cannot hold the goals'
-- references to earlier goals (`previous_goal_id`) while the old one is dropped. So every one
-- of those tables is set aside in a plain temporary table, dropped, made again as it was, and
-- filled back with the same ids.

CREATE TEMP TABLE goals_kept AS SELECT * FROM goals;
CREATE TEMP TABLE goal_history_kept AS SELECT * FROM goal_history;
CREATE TEMP TABLE evaluations_kept AS SELECT * FROM evaluations;
CREATE TEMP TABLE reminders_kept AS
    SELECT id, goal_id, team_id, platform, kind, days, local_at, timezone, due_at, state,
           idem_key, sent_at, late, attempts, retry_at, failed_at, fail_reason, fail_shown_at,
           handed_at
    FROM reminders;
CREATE TEMP TABLE reminder_sends_kept AS SELECT * FROM reminder_sends;
CREATE TEMP TABLE experiments_kept AS SELECT * FROM experiments;

DROP TABLE reminder_sends;
DROP TABLE reminders;
DROP TABLE goal_history;
DROP TABLE evaluations;
DROP TABLE experiments;
DROP TABLE goals;

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
    number        INTEGER NOT NULL DEFAULT 0,
    vraagstuk     TEXT,
    unit          TEXT,
    baseline      REAL,
    target        REAL,
    current       REAL,
    deadline      TEXT,
    timezone      TEXT    NOT NULL DEFAULT 'Europe/Amsterdam',
    smart_score   INTEGER,
    smart_json    TEXT,
    status        TEXT    NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'evaluating', 'achieved', 'partly', 'not_achieved',
                          'not_assessed', 'closed', 'dropped')),
    previous_goal_id INTEGER REFERENCES goals(id),
    created_by_id TEXT,
    kind          TEXT    NOT NULL DEFAULT 'goal' CHECK (kind IN ('goal', 'readiness')),
    UNIQUE (team_id, round, key)
) STRICT;
CREATE UNIQUE INDEX goals_by_number ON goals (team_id, number) WHERE number > 0;

CREATE TABLE goal_history (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    field      TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    reason     TEXT,
    user_name  TEXT    NOT NULL,
    changed_at TEXT    NOT NULL,
    user_id    TEXT
) STRICT;
CREATE INDEX goal_history_by_goal ON goal_history (goal_id);

CREATE TABLE evaluations (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL UNIQUE REFERENCES goals(id) ON DELETE CASCADE,
    step        TEXT    NOT NULL DEFAULT 'result',    -- result | outcome | effects | change | data | next | done
    result      TEXT,
    value       REAL,
    effects     TEXT,
    change      TEXT,
    -- NULL while not yet known, and after the evaluation when the team did not say.
    outcome     TEXT CHECK (outcome IN ('achieved', 'partly', 'not_achieved')),
    data_missing INTEGER CHECK (data_missing IN (0, 1)),
    started_at  TEXT    NOT NULL,
    finished_at TEXT,
    user_name   TEXT,
    user_id     TEXT,
    data_need   TEXT
) STRICT;
CREATE INDEX evaluations_open ON evaluations (goal_id) WHERE finished_at IS NULL;

CREATE TABLE reminders (
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
    handed_at   TEXT,
    CHECK (state <> 'failed' OR fail_reason IS NOT NULL)
) STRICT;
CREATE INDEX reminders_due ON reminders (platform, next_try_at, id) WHERE state = 'pending';
CREATE INDEX reminders_team_due ON reminders (team_id, next_try_at, id) WHERE state = 'pending';
CREATE INDEX reminders_team_failed ON reminders (team_id)
    WHERE state = 'failed' AND fail_shown_at IS NULL;

CREATE TABLE reminder_sends (
    id          INTEGER PRIMARY KEY,
    reminder_id INTEGER NOT NULL UNIQUE REFERENCES reminders(id) ON DELETE CASCADE,
    idem_key    TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    late        INTEGER NOT NULL CHECK (late IN (0, 1))
) STRICT;

CREATE TABLE experiments (
    goal_id       INTEGER PRIMARY KEY REFERENCES goals(id) ON DELETE CASCADE,
    variant_a     TEXT    NOT NULL,
    variant_b     TEXT    NOT NULL,
    expected_a    REAL,                      -- percent, 0 < x < 100; null when skipped
    expected_b    REAL,
    list_size     INTEGER,
    per_group     INTEGER,                   -- null when no plan could be made
    sent_a        INTEGER,                   -- latest interim counts
    converted_a   INTEGER,
    sent_b        INTEGER,
    converted_b   INTEGER,
    counted_at    TEXT,
    final_sent_a      INTEGER,               -- counts given at the evaluation
    final_converted_a INTEGER,
    final_sent_b      INTEGER,
    final_converted_b INTEGER
) STRICT;

INSERT INTO goals
    (id, team_id, round, key, action_text, text, owner, deadline_text, baseline_text,
     target_text, created_by, created_at, updated_at, number, vraagstuk, unit, baseline, target,
     current, deadline, timezone, smart_score, smart_json, status, previous_goal_id,
     created_by_id, kind)
SELECT id, team_id, round, key, action_text, text, owner, deadline_text, baseline_text,
       target_text, created_by, created_at, updated_at, number, vraagstuk, unit, baseline, target,
       current, deadline, timezone, smart_score, smart_json, status, previous_goal_id,
       created_by_id, kind
FROM temp.goals_kept;

INSERT INTO goal_history
    (id, goal_id, field, old_value, new_value, reason, user_name, changed_at, user_id)
SELECT id, goal_id, field, old_value, new_value, reason, user_name, changed_at, user_id
FROM temp.goal_history_kept;

INSERT INTO evaluations
    (id, goal_id, step, result, value, effects, change, outcome, data_missing, started_at,
     finished_at, user_name, user_id, data_need)
SELECT id, goal_id, step, result, value, effects, change, outcome, data_missing, started_at,
       finished_at, user_name, user_id, data_need
FROM temp.evaluations_kept;

INSERT INTO reminders
    (id, goal_id, team_id, platform, kind, days, local_at, timezone, due_at, state, idem_key,
     sent_at, late, attempts, retry_at, failed_at, fail_reason, fail_shown_at, handed_at)
SELECT id, goal_id, team_id, platform, kind, days, local_at, timezone, due_at, state, idem_key,
       sent_at, late, attempts, retry_at, failed_at, fail_reason, fail_shown_at, handed_at
FROM temp.reminders_kept;

INSERT INTO reminder_sends (id, reminder_id, idem_key, platform, sent_at, late)
SELECT id, reminder_id, idem_key, platform, sent_at, late FROM temp.reminder_sends_kept;

INSERT INTO experiments
    (goal_id, variant_a, variant_b, expected_a, expected_b, list_size, per_group, sent_a,
     converted_a, sent_b, converted_b, counted_at, final_sent_a, final_converted_a,
     final_sent_b, final_converted_b)
SELECT goal_id, variant_a, variant_b, expected_a, expected_b, list_size, per_group, sent_a,
       converted_a, sent_b, converted_b, counted_at, final_sent_a, final_converted_a,
       final_sent_b, final_converted_b
FROM temp.experiments_kept;

DROP TABLE temp.goals_kept;
DROP TABLE temp.goal_history_kept;
DROP TABLE temp.evaluations_kept;
DROP TABLE temp.reminders_kept;
DROP TABLE temp.reminder_sends_kept;
DROP TABLE temp.experiments_kept;

-- Until now a step-3 goal whose evaluation ended without an outcome was recorded as not
-- achieved; only that path leaves a finished evaluation without one (a step-4 action's check
-- always records its outcome). Those goals were never judged, so they say so now, and their
-- history says why.
INSERT INTO goal_history (goal_id, field, old_value, new_value, reason, user_name, changed_at)
SELECT g.id, 'status', 'not_achieved', 'not_assessed', 'migration 0019: the evaluation gave no outcome',
       'koers', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM goals g JOIN evaluations e ON e.goal_id = g.id
WHERE g.status = 'not_achieved' AND g.kind = 'goal' AND e.step = 'done' AND e.outcome IS NULL;
UPDATE goals SET status = 'not_assessed'
WHERE status = 'not_achieved' AND kind = 'goal'
  AND id IN (SELECT goal_id FROM evaluations WHERE step = 'done' AND outcome IS NULL);
