-- How many evaluations a team has open, kept on the team row that every message reads anyway,
-- so an ordinary answer does not need a query on evaluations to know it is not one.
ALTER TABLE teams ADD COLUMN open_evaluations INTEGER NOT NULL DEFAULT 0;
