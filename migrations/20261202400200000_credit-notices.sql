-- Up Migration

-- Credit notices (环保信用记录告知书, docs/supervision.md §3): one per accepted penalty, inspection
-- with a violation, rectification order and verified complaint. The text is rendered once and kept, so
-- the portal, the print and any export show the same words; the structured fields are kept beside it.
CREATE TABLE credit_notices (
  id              bigserial PRIMARY KEY,
  event_id        text NOT NULL UNIQUE,
  enterprise_id   text NOT NULL,
  event_type      text NOT NULL,
  event_day       date NOT NULL,
  -- the notice's date; the appeal deadline is 30 days after it
  notice_day      date NOT NULL,
  appeal_deadline date NOT NULL,
  text            text NOT NULL,
  facts           jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz NULL,
  acknowledged_by text NULL,
  CONSTRAINT credit_notices_ack_complete CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX credit_notices_enterprise_idx ON credit_notices (enterprise_id, id DESC);
CREATE INDEX credit_notices_unacknowledged_idx ON credit_notices (id) WHERE acknowledged_at IS NULL;

-- Down Migration

DROP TABLE IF EXISTS credit_notices;
