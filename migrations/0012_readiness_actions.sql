-- Step 4: an open readiness item with an owner and a date becomes a tracked action. It lives
-- in `goals` beside the step-3 goals (same numbers, reminders, evaluation and commands), told
-- apart by its kind. Existing rows are goals.
ALTER TABLE goals ADD COLUMN kind TEXT NOT NULL DEFAULT 'goal' CHECK (kind IN ('goal', 'readiness'));
