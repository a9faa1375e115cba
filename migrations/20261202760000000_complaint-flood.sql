-- Up Migration

-- Issue #15 finding 5: past an enterprise's volume threshold, reports are accepted and flagged
-- (not refused), and each needs a solved proof-of-work challenge, spent at most once.
ALTER TABLE complaints ADD COLUMN flagged boolean NOT NULL DEFAULT false;

-- Signatures of solved challenges already spent (a challenge expires after minutes; rows are dropped after an hour).
CREATE TABLE complaint_challenge_uses (
  signature text PRIMARY KEY,
  used_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE IF EXISTS complaint_challenge_uses;
ALTER TABLE complaints DROP COLUMN IF EXISTS flagged;
