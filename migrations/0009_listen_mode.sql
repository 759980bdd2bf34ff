-- What a team's free text koers reads: every line while a question is open ('all', the
-- default), or only replies to koers and mentions of it ('replies'), for busy rooms where
-- people talk among themselves. A manager sets it with /luisteren.
ALTER TABLE teams ADD COLUMN listen TEXT NOT NULL DEFAULT 'all' CHECK (listen IN ('all', 'replies'));
