-- Up Migration

-- Reports from the public page (码上监督). A report never changes a rating by itself: an inspector
-- verifies it (which emits enforcement.complaint_verified through the pipeline) or dismisses it.
CREATE TABLE complaints (
  id              bigserial PRIMARY KEY,
  enterprise_id   text NOT NULL REFERENCES enterprises (uscc) ON DELETE CASCADE,
  category        text NOT NULL CHECK (category IN ('air', 'water', 'noise', 'waste', 'odour', 'other')),
  text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  contact         text NULL CHECK (length(contact) <= 100),
  photo           bytea NULL,
  photo_type      text NULL CHECK (photo_type IN ('image/jpeg', 'image/png', 'image/webp')),
  -- sha256 of the client address: enough to rate-limit a flood, without keeping reporters' addresses
  client_key      text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'dismissed')),
  decision_reason text NULL CHECK (length(decision_reason) <= 2000),
  decided_by      bigint NULL REFERENCES users (id) ON DELETE SET NULL,
  decided_at      timestamptz NULL,
  -- the enforcement.complaint_verified event a verification emitted
  event_id        text NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT complaints_photo_typed CHECK ((photo IS NULL) = (photo_type IS NULL)),
  CONSTRAINT complaints_decided CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- The inspectors' queue (pending first, oldest first) and the two rate-limit windows.
CREATE INDEX complaints_status_created_idx ON complaints (status, created_at, id);
CREATE INDEX complaints_enterprise_created_idx ON complaints (enterprise_id, created_at);
CREATE INDEX complaints_client_created_idx ON complaints (client_key, created_at);

-- Appeals (复核) of enterprises against one stored event. Accepting one emits enforcement.voided for
-- that event, which revises every day it affected.
CREATE TABLE appeals (
  id              bigserial PRIMARY KEY,
  enterprise_id   text NOT NULL REFERENCES enterprises (uscc) ON DELETE CASCADE,
  event_id        text NOT NULL,
  reasons         text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 2000),
  submitted_by    bigint NULL REFERENCES users (id) ON DELETE SET NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  decision_reason text NULL CHECK (length(decision_reason) <= 2000),
  decided_by      bigint NULL REFERENCES users (id) ON DELETE SET NULL,
  decided_at      timestamptz NULL,
  -- the enforcement.voided event an acceptance emitted
  void_event_id   text NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT appeals_decided CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- One open appeal per event; a rejected one may be followed by a new one.
CREATE UNIQUE INDEX appeals_one_pending_idx ON appeals (event_id) WHERE status = 'pending';
CREATE INDEX appeals_enterprise_idx ON appeals (enterprise_id, created_at DESC);
CREATE INDEX appeals_status_created_idx ON appeals (status, created_at, id);

-- The public view lists penalties and leaves out voided ones: find voids by target.
CREATE INDEX events_void_target_idx ON events (enterprise_id, (body->'data'->>'targetEventId')) WHERE type = 'enforcement.voided';

-- Down Migration

DROP INDEX IF EXISTS events_void_target_idx;
DROP TABLE IF EXISTS appeals;
DROP TABLE IF EXISTS complaints;
