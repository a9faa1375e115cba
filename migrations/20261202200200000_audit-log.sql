-- Up Migration

-- Security audit trail (issue 15): logins (success and failure), logouts, account changes.
-- Append-only, enforced by the database: UPDATE, DELETE and TRUNCATE are refused by triggers, so not
-- even the application role can rewrite history.
CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  action     text NOT NULL CHECK (action ~ '^[a-z_.]{1,64}$'),
  -- the account that acted (NULL: anonymous, e.g. a failed login)
  actor_id   bigint NULL,
  actor_name text NULL CHECK (length(actor_name) <= 64),
  -- the account acted upon, when there is one
  target     text NULL CHECK (length(target) <= 200),
  client     text NULL CHECK (length(client) <= 64),
  detail     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Down Migration

DROP TABLE IF EXISTS audit_log;
DROP FUNCTION IF EXISTS audit_log_append_only();
