-- When koers last handed a reminder to its platform without (yet) recording it sent. A platform
-- that drops a resend with the same key (Discord's nonce, Matrix's transaction id) needs no more;
-- a terminal prints every send, so a reminder handed over before and still pending may have been
-- shown already, and koers says so when it prints it again (a "possible duplicate" flag).
ALTER TABLE reminders ADD COLUMN handed_at TEXT;
