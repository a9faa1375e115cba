-- Up Migration

-- Undoing a verification (issue 14 §5): the complaint goes back to 'pending' and its
-- enforcement.complaint_verified event is voided. A later verification needs a new event id (the
-- voided one stays void), so the number of undone verifications is kept to derive it.
ALTER TABLE complaints ADD COLUMN undone_count integer NOT NULL DEFAULT 0 CHECK (undone_count >= 0);

-- Down Migration

ALTER TABLE complaints DROP COLUMN undone_count;
