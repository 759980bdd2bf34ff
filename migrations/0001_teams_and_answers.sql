-- Teams (one chat space each) and every answer they gave.
CREATE TABLE teams (
    id            INTEGER PRIMARY KEY,
    platform      TEXT    NOT NULL,               -- terminal | discord | matrix
    external_id   TEXT    NOT NULL,               -- team name, channel id, room id
    name          TEXT    NOT NULL,
    lang          TEXT    NOT NULL DEFAULT 'nl',
    timezone      TEXT    NOT NULL DEFAULT 'Europe/Amsterdam',
    round         INTEGER NOT NULL DEFAULT 1,
    cursor        TEXT,                           -- key of the open question; NULL when done
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (platform, external_id)
) STRICT;

CREATE TABLE answers (
    team_id     INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    key         TEXT    NOT NULL,                 -- e.g. data.source#2.origin
    value       TEXT,                             -- NULL when skipped
    skipped     INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    computed    INTEGER NOT NULL DEFAULT 0 CHECK (computed IN (0, 1)),
    user_name   TEXT    NOT NULL,
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (team_id, round, key)
) STRICT, WITHOUT ROWID;

-- Every earlier version of a changed answer, so a change never loses what was said.
CREATE TABLE answer_history (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    key         TEXT    NOT NULL,
    value       TEXT,
    skipped     INTEGER NOT NULL,
    user_name   TEXT    NOT NULL,
    answered_at TEXT    NOT NULL,
    replaced_at TEXT    NOT NULL
) STRICT;
CREATE INDEX answer_history_by_key ON answer_history (team_id, round, key);
