-- Up Migration

-- Registry workflows (issue #13 §2). The enterprises themselves change only through enterprise.upserted
-- events (replayable); these tables keep what people did around them.

-- An uploaded file's checked rows (the dry run) until someone applies it. `rows` holds the good rows
-- only ({row, uscc, name, regionCode, industryCode, address, lat, lon}); `report` the dry-run report.
CREATE TABLE registry_imports (
  id          bigserial PRIMARY KEY,
  file_name   text NOT NULL CHECK (length(file_name) <= 255),
  sha256      text NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL,
  rows        jsonb NOT NULL,
  errors      jsonb NOT NULL,
  row_count   integer NOT NULL,
  -- set when the apply starts (its instant is every event's occurredAt, so a retry sends identical events)
  applied_at  timestamptz NULL,
  applied_by  text NULL,
  -- set when every event went through: {added, changed, unchanged, errorRows, events}
  result      jsonb NULL
);

-- Enterprises an inspector registered by hand (missing from the legal-person library): pending until
-- an inspector verifies them. A workflow table, not a column of `enterprises`: the flag is a human
-- decision, not registry data, so replaying events never sets or clears it.
CREATE TABLE hand_registrations (
  uscc          text PRIMARY KEY CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  event_id      text NOT NULL,
  registered_at timestamptz NOT NULL,
  registered_by text NOT NULL,
  note          text NULL CHECK (length(note) <= 500),
  verified_at   timestamptz NULL,
  verified_by   text NULL,
  CHECK ((verified_at IS NULL) = (verified_by IS NULL))
);
CREATE INDEX hand_registrations_pending ON hand_registrations (registered_at) WHERE verified_at IS NULL;

-- Batch edits of region / industry from the explorer: what was set and what changed (the result page).
CREATE TABLE registry_batch_edits (
  id           bigserial PRIMARY KEY,
  created_at   timestamptz NOT NULL,
  created_by   text NOT NULL,
  set_values   jsonb NOT NULL,
  selected     integer NOT NULL,
  unchanged    integer NOT NULL,
  unregistered integer NOT NULL,
  changed      jsonb NOT NULL
);

-- Down Migration

DROP TABLE IF EXISTS registry_batch_edits;
DROP TABLE IF EXISTS hand_registrations;
DROP TABLE IF EXISTS registry_imports;
