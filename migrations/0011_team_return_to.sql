-- The question a team returns to after a goal entered on the side (`/doel nieuw`, a form, the
-- next goal an evaluation proposes), kept on the team instead of as a hidden "~return" answer
-- among the team's real answers.
ALTER TABLE teams ADD COLUMN return_to TEXT;

UPDATE teams SET return_to = (
    SELECT a.value FROM answers a
     WHERE a.team_id = teams.id AND a.round = teams.round AND a.key = '~return'
);
DELETE FROM answers WHERE key = '~return';
