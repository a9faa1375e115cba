-- Up Migration

-- socket.io fan-out across EnvFace instances (@socket.io/postgres-adapter): messages between
-- instances travel by LISTEN/NOTIFY; a payload over NOTIFY's 8,000 bytes (a rollover chunk's
-- rating changes) is stored here and only its id is notified. The adapter deletes rows after 30 s.
CREATE TABLE socket_io_attachments (
  id         bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload    bytea
);

-- Down Migration

DROP TABLE IF EXISTS socket_io_attachments;
