-- Up Migration

-- Who sent an event over HTTP (POST /api/ingest, or a workflow decision made by an account):
-- `account:<id>:<username>`, `service-key:<id>:<name>` or `workflow:<what>:<account id>`.
-- NULL for events from Kafka or the built-in simulator. On event_ids (a plain table, one row per
-- event) rather than on the events hypertable, which may be compressed.
ALTER TABLE event_ids ADD COLUMN sent_by text NULL CHECK (length(sent_by) <= 200);

-- Down Migration

ALTER TABLE event_ids DROP COLUMN IF EXISTS sent_by;
