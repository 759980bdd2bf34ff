-- A person is their platform id (Discord user id, Matrix user id, terminal user name), not a
-- display name: two "Jan"s in two servers are two people. The id is kept next to the name on
-- everything a person wrote, so /privacy and /vergeetmij act on that person alone.
--
-- Existing rows keep their names. Where the old name already was the platform id (terminal
-- user names, Matrix user ids) it becomes the id too; old Discord rows held only a display name
-- and keep a NULL id, so no one can claim them by picking the same name.
ALTER TABLE answers ADD COLUMN user_id TEXT;
ALTER TABLE answer_history ADD COLUMN user_id TEXT;
ALTER TABLE goals ADD COLUMN created_by_id TEXT;
ALTER TABLE goal_history ADD COLUMN user_id TEXT;
ALTER TABLE evaluations ADD COLUMN user_name TEXT;
ALTER TABLE evaluations ADD COLUMN user_id TEXT;

UPDATE answers SET user_id = user_name
 WHERE computed = 0
   AND team_id IN (SELECT id FROM teams WHERE platform IN ('terminal', 'matrix'));
UPDATE answer_history SET user_id = user_name
 WHERE team_id IN (SELECT id FROM teams WHERE platform IN ('terminal', 'matrix'));
UPDATE goals SET created_by_id = created_by
 WHERE team_id IN (SELECT id FROM teams WHERE platform IN ('terminal', 'matrix'));
UPDATE goal_history SET user_id = user_name
 WHERE user_name <> 'koers'
   AND goal_id IN (SELECT g.id FROM goals g JOIN teams t ON t.id = g.team_id
                   WHERE t.platform IN ('terminal', 'matrix'));

-- The history trigger keeps the id with the earlier version.
DROP TRIGGER answers_keep_history;
CREATE TRIGGER answers_keep_history
BEFORE UPDATE OF value, skipped ON answers
WHEN OLD.computed = 0
BEGIN
    INSERT INTO answer_history
        (team_id, round, key, value, skipped, user_name, user_id, answered_at, replaced_at)
    VALUES
        (OLD.team_id, OLD.round, OLD.key, OLD.value, OLD.skipped, OLD.user_name, OLD.user_id,
         OLD.answered_at, NEW.answered_at);
END;

-- No index on the ids: /privacy and /vergeetmij are rare and may scan, while every answer
-- would pay for an index write.
