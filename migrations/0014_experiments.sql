-- A goal may be an A/B experiment: two variants, the conversion rate the team expects of each,
-- the list it can reach, and the people each variant needs (worked out at set-up). The latest
-- interim counts are kept for /status (who reported them is in goal_history, like progress);
-- the final counts are asked at the deadline. Results are never stored: they are worked out
-- from the counts each time, so they always match them.
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
