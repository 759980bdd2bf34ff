-- Keep the earlier version of a changed answer with a trigger instead of a second statement on
-- every answer: a first answer (the common case) then costs one write, not a read and a write.
CREATE TRIGGER answers_keep_history
BEFORE UPDATE OF value, skipped ON answers
WHEN OLD.computed = 0
BEGIN
    INSERT INTO answer_history
        (team_id, round, key, value, skipped, user_name, answered_at, replaced_at)
    VALUES
        (OLD.team_id, OLD.round, OLD.key, OLD.value, OLD.skipped, OLD.user_name,
         OLD.answered_at, NEW.answered_at);
END;
