-- Up Migration

-- Service keys (issue 15): machine senders of POST /api/ingest (monitoring systems, permit registries)
-- get a key an admin creates, limited to some event types, revocable. The key itself is shown once;
-- only its SHA-256 is stored (the key is 256 random bits, so a fast hash is enough).
CREATE TABLE service_keys (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{3,64}$'),
  key_sha256  bytea NOT NULL CHECK (octet_length(key_sha256) = 32),
  -- exact event types (`monitoring.reading`) or a whole kind (`monitoring.*`)
  event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 64),
  created_by  bigint NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NULL,
  revoked_at  timestamptz NULL
);

-- Down Migration

DROP TABLE IF EXISTS service_keys;
