-- The threads koers opened on Discord: one per team and round ("Stappenplan — ronde N"), so
-- the conversation runs there and the channel stays the team's own. The team itself stays
-- keyed by its channel; a thread only leads to it. The newest row of a team is the thread
-- its conversation and reminders go to.
CREATE TABLE discord_threads (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    thread_id  TEXT    NOT NULL UNIQUE,
    round      INTEGER NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;
CREATE INDEX discord_threads_by_team ON discord_threads (team_id, id);
