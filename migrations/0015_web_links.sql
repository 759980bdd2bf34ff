-- The private web page of a team (`/link`): one link per team, kept only as the SHA-256 of its
-- token, never the token itself, so a copy of the database opens no page. `/link nieuw` puts a
-- new hash in the row (the old token stops working); `/link uit` marks it revoked.
CREATE TABLE web_links (
    team_id    INTEGER PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
    token_hash BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at TEXT    NOT NULL,
    revoked_at TEXT                      -- null while the link works
) STRICT;
