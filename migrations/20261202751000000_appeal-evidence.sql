-- Up Migration

-- Evidence an enterprise attaches to its appeal (issue 14 §5): PDFs as uploaded (type checked by their
-- first bytes), images re-encoded (no EXIF/GPS, nothing after the pixels), each size-limited by the app.
CREATE TABLE appeal_evidence (
  id           bigserial PRIMARY KEY,
  appeal_id    bigint NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  bytes        bytea NOT NULL,
  uploaded_by  bigint NULL REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_evidence_appeal_idx ON appeal_evidence (appeal_id, id);

-- Down Migration

DROP TABLE appeal_evidence;
