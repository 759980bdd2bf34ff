-- What a chat platform must remember between runs, kept with the answers so one commit covers
-- both.

-- Small named values per platform: the Matrix sync token, user id and device id. Never a
-- secret: access tokens and passwords come from the environment only.
CREATE TABLE platform_state (
    platform TEXT NOT NULL,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (platform, name)
) WITHOUT ROWID;

-- Platform events already handled. Written in the same transaction as the answer an event
-- gives, so an event delivered again (a sync replayed after a crash, a page fetched twice) is
-- recognised and never answers the next question by accident.
CREATE TABLE handled_events (
    platform   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    handled_at TEXT NOT NULL,
    PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;

-- Questions koers posted, by the platform's message id, so a reaction to that message can be
-- read as an answer to that question.
CREATE TABLE sent_questions (
    platform   TEXT NOT NULL,
    message_id TEXT NOT NULL,
    question   TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (platform, message_id)
) WITHOUT ROWID;
