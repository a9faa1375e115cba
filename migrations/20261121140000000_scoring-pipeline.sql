-- Up Migration

-- How many events of the enterprise are stored. The scorer locks the enterprise row, compares this
-- with the count its in-memory ledger has seen, and rebuilds the ledger from `events` when another
-- instance (or the HTTP ingest) has stored events it has not seen: no state lives outside the database.
ALTER TABLE enterprises ADD COLUMN event_count integer NOT NULL DEFAULT 0 CHECK (event_count >= 0);
-- occurredAt and eventId of the registration that set the master data: the latest one wins,
-- whatever order registrations arrive in.
ALTER TABLE enterprises ADD COLUMN registered_at timestamptz NULL;
ALTER TABLE enterprises ADD COLUMN registered_by text NULL;

-- Messages to publish after the transaction that produced them has committed (transactional outbox):
-- rating changes (Kafka envface.ratings.v1 + socket.io) and dead letters (envface.dlq.v1). A crash
-- between commit and publish loses nothing; a publish that succeeded twice is harmless (at-least-once).
CREATE TABLE outbox (
  id         bigserial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('ratings', 'dlq')),
  key        text NULL,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A redelivered bad message must not be recorded twice.
CREATE UNIQUE INDEX dead_letters_source_idx ON dead_letters (topic, partition, kafka_offset)
  WHERE topic IS NOT NULL AND partition IS NOT NULL AND kafka_offset IS NOT NULL;

-- Down Migration

DROP INDEX IF EXISTS dead_letters_source_idx;
DROP TABLE IF EXISTS outbox;
ALTER TABLE enterprises DROP COLUMN IF EXISTS registered_by;
ALTER TABLE enterprises DROP COLUMN IF EXISTS registered_at;
ALTER TABLE enterprises DROP COLUMN IF EXISTS event_count;
