-- Up Migration

-- Enforcement events waiting for the workflows that follow them (today: credit notices). The scorer
-- adds a row in the transaction that stores the event; the notice workflow takes rows (FOR UPDATE
-- SKIP LOCKED, so instances share the work), writes the notices and deletes the rows in one
-- transaction. Before, the workflow scanned the last ten minutes of event_ids every two seconds —
-- millions of rows under a burst, and the whole table after a restart.
CREATE TABLE enforcement_event_queue (
  event_id      text NOT NULL PRIMARY KEY,
  enterprise_id text NOT NULL,
  occurred_at   timestamptz NOT NULL,
  queued_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_event_queue_order_idx ON enforcement_event_queue (queued_at, event_id);
ALTER TABLE enforcement_event_queue SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 1000);

-- Events stored before the queue existed that still lack their notice.
INSERT INTO enforcement_event_queue (event_id, enterprise_id, occurred_at)
SELECT ev.event_id, ev.enterprise_id, ev.occurred_at
  FROM events ev
 WHERE ev.type IN ('enforcement.penalty', 'enforcement.inspection', 'enforcement.rectification_order', 'enforcement.complaint_verified')
   AND NOT EXISTS (SELECT 1 FROM credit_notices n WHERE n.event_id = ev.event_id)
ON CONFLICT DO NOTHING;

-- Down Migration

DROP TABLE IF EXISTS enforcement_event_queue;
