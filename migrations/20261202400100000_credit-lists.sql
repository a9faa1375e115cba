-- Up Migration

-- Credit lists (docs/supervision.md): membership runs per list and enterprise, computed from the
-- latest revisions of the daily ratings by the scorer in the transaction that writes them.
-- to_day NULL: still a member on the latest rated day (the rollover's copied days need no write).
CREATE TABLE list_memberships (
  list          text NOT NULL CHECK (list IN ('red', 'black', 'incentive', 'exempt', 'priority', 'warning')),
  enterprise_id text NOT NULL,
  from_day      date NOT NULL,
  to_day        date NULL,
  PRIMARY KEY (enterprise_id, list, from_day),
  CONSTRAINT list_memberships_run CHECK (to_day IS NULL OR to_day >= from_day)
);
-- today's lists (open runs) and a day's lists (runs starting on or before it)
CREATE INDEX list_memberships_open_idx ON list_memberships (list, enterprise_id) WHERE to_day IS NULL;
CREATE INDEX list_memberships_list_from_idx ON list_memberships (list, from_day);

-- Join/leave messages go out through the outbox to envface.lists.v1.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('ratings', 'dlq', 'ratings_copy', 'lists'));

-- A database rated before lists existed gets its runs computed once by the app (ListBackfillService).
INSERT INTO app_settings (key, value) SELECT 'lists_backfill', 'pending' WHERE EXISTS (SELECT 1 FROM daily_ratings)
ON CONFLICT (key) DO NOTHING;

-- Down Migration

DELETE FROM app_settings WHERE key = 'lists_backfill';

DELETE FROM outbox WHERE kind = 'lists';
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('ratings', 'dlq', 'ratings_copy'));
DROP TABLE IF EXISTS list_memberships;
