-- Up Migration

-- Following a complaint (issue 14 §6): the citizen gets a secret code once, with the reference; only its
-- SHA-256 is kept (the code is 72 random bits, so a plain hash suffices, and the lookup is rate-limited).
ALTER TABLE complaints ADD COLUMN follow_code_hash text NULL;

-- Down Migration

ALTER TABLE complaints DROP COLUMN follow_code_hash;
