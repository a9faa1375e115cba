-- Up Migration
-- A valid message whose processing failed for a reason retrying does not fix is dead-lettered as
-- processing_error (contract version 2), and can be re-driven after a fix.
ALTER TABLE dead_letters DROP CONSTRAINT IF EXISTS dead_letters_reason_check;
ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_reason_check CHECK (reason IN ('invalid_json', 'schema', 'invalid_uscc',
  'key_mismatch', 'wrong_topic', 'future_event', 'too_large', 'duplicate_conflict', 'processing_error'));

-- Every re-drive: who sent the message through the pipeline again, when, and what became of it.
-- Append-only: a re-drive is a human action on the record.
CREATE TABLE dead_letter_redrives (
  id              bigserial PRIMARY KEY,
  dead_letter_id  bigint NOT NULL REFERENCES dead_letters (id),
  by_username     text NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  outcome         text NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'rejected')),
  reason          text NULL,
  detail          text NOT NULL DEFAULT ''
);
CREATE INDEX dead_letter_redrives_letter_idx ON dead_letter_redrives (dead_letter_id, id DESC);

CREATE FUNCTION dead_letter_redrives_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dead_letter_redrives is append-only';
END $$;
CREATE TRIGGER dead_letter_redrives_append_only BEFORE UPDATE OR DELETE ON dead_letter_redrives
  FOR EACH ROW EXECUTE FUNCTION dead_letter_redrives_append_only();

-- Down Migration
DROP TABLE IF EXISTS dead_letter_redrives;
DROP FUNCTION IF EXISTS dead_letter_redrives_append_only();
DELETE FROM dead_letters WHERE reason = 'processing_error';
ALTER TABLE dead_letters DROP CONSTRAINT IF EXISTS dead_letters_reason_check;
ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_reason_check CHECK (reason IN ('invalid_json', 'schema', 'invalid_uscc',
  'key_mismatch', 'wrong_topic', 'future_event', 'too_large', 'duplicate_conflict'));
