-- Up Migration

-- The scorer's per-enterprise event count (its ledger-cache check and cross-instance row lock) moves
-- out of the wide, heavily indexed enterprises row: bumping it on every event there rewrote the
-- row and every index entry (trigram name index included). This narrow table is updated in place
-- (HOT: its only index never changes, and the fill factor leaves room on the page).
CREATE TABLE enterprise_ledgers (
  uscc        text PRIMARY KEY,
  event_count integer NOT NULL CHECK (event_count >= 0)
) WITH (fillfactor = 70);
INSERT INTO enterprise_ledgers (uscc, event_count) SELECT uscc, event_count FROM enterprises;
ALTER TABLE enterprises DROP COLUMN event_count;
-- Room for HOT updates of the current rating when no indexed column changes.
ALTER TABLE enterprises SET (fillfactor = 80);

-- Down Migration

ALTER TABLE enterprises RESET (fillfactor);
ALTER TABLE enterprises ADD COLUMN event_count integer NOT NULL DEFAULT 0 CHECK (event_count >= 0);
UPDATE enterprises e SET event_count = l.event_count FROM enterprise_ledgers l WHERE l.uscc = e.uscc;
DROP TABLE enterprise_ledgers;
