-- Up Migration

-- Jurisdictions (issue 15): an inspector may be limited to region-code prefixes (2–6 digits of the
-- 6-digit administrative code: province, city, county). Empty: the deployment's whole jurisdiction.
-- Changing it bumps token_version (by the app), so the inspector's open sessions end at once.
ALTER TABLE users
  ADD COLUMN region_prefixes text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(region_prefixes) <= 50
       AND array_to_string(region_prefixes, ',') ~ '^([0-9]{2,6}(,[0-9]{2,6})*)?$');

-- The audit trail records the request it came from, and why (a decision's reason).
ALTER TABLE audit_log
  ADD COLUMN request_id text NULL CHECK (length(request_id) <= 100),
  ADD COLUMN reason text NULL CHECK (length(reason) <= 2000);
CREATE INDEX audit_log_action_at ON audit_log (action, at);
CREATE INDEX audit_log_actor_at ON audit_log (actor_name, at);

-- Down Migration

DROP INDEX IF EXISTS audit_log_actor_at;
DROP INDEX IF EXISTS audit_log_action_at;
ALTER TABLE audit_log DROP COLUMN IF EXISTS reason, DROP COLUMN IF EXISTS request_id;
ALTER TABLE users DROP COLUMN IF EXISTS region_prefixes;
