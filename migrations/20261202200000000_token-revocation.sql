-- Up Migration

-- Revocation (issue 15). Every token carries the account's token_version at issue time; disabling an
-- account or changing its password bumps the version, so every token issued before is refused.
ALTER TABLE users
  ADD COLUMN token_version integer NOT NULL DEFAULT 0 CHECK (token_version >= 0),
  ADD COLUMN last_login_at timestamptz NULL;

-- Logout ends one session: its token id (jti) is refused until the token would have expired anyway.
-- Rows past expires_at are useless and deleted by the app.
CREATE TABLE revoked_sessions (
  session_id text PRIMARY KEY CHECK (length(session_id) BETWEEN 16 AND 128),
  user_id    bigint NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revoked_sessions_expires_at ON revoked_sessions (expires_at);

-- Failed logins per attempted user name (a keyed hash of it: a name typed wrong is often a password,
-- and whether the name exists must not matter). Shared by all instances.
CREATE TABLE login_failures (
  name_hash       bytea PRIMARY KEY CHECK (octet_length(name_hash) = 32),
  failures        integer NOT NULL CHECK (failures > 0),
  locked_until    timestamptz NULL,
  last_failure_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_last_failure_at ON login_failures (last_failure_at);

-- Down Migration

DROP TABLE IF EXISTS login_failures;
DROP TABLE IF EXISTS revoked_sessions;
ALTER TABLE users DROP COLUMN IF EXISTS last_login_at, DROP COLUMN IF EXISTS token_version;
