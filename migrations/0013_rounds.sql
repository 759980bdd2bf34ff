-- Closing the circle (issue "Coaching depth").
-- What data a team said was missing when it evaluated a goal: koers names it when it sends the
-- team back to step 2.
ALTER TABLE evaluations ADD COLUMN data_need TEXT;

-- The step a team went back to with /stap N: while it is set, koers asks that step's questions
-- again in order (showing the answer given), instead of passing the answered ones.
ALTER TABLE teams ADD COLUMN revisit TEXT;
