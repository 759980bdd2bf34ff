-- What data a team said was missing when it evaluated a goal: koers names it when it sends the
-- team back to step 2, and /status keeps showing it until the team has looked for a source.
ALTER TABLE evaluations ADD COLUMN data_need TEXT;
