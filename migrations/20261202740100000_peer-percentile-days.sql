-- Up Migration

-- Peer percentiles of past days (#13 §4), folded once per day by the read side (PeerDayFolder) so the 90-day line
-- is 90 primary-key rows instead of a scan of every peer's ratings (measured: 10 s for a county of 20,000).
-- below = peers rated strictly lower that day (fewer stars, or the same stars and a lower score); peers = the
-- other rated members of the group that day. NULL when the enterprise had no region (or no industry code).
CREATE TABLE peer_percentile_days (
  enterprise_id   text NOT NULL,
  day             date NOT NULL,
  industry_below  integer NULL,
  industry_peers  integer NULL,
  region_below    integer NULL,
  region_peers    integer NULL,
  PRIMARY KEY (enterprise_id, day)
);
-- Days older than the line are dropped by day.
CREATE INDEX peer_percentile_days_day_idx ON peer_percentile_days (day);

-- Which days are folded and when: a day with a rating revision recorded after its fold is folded again.
CREATE TABLE peer_percentile_folds (
  day        date PRIMARY KEY,
  folded_at  timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE IF EXISTS peer_percentile_folds;
DROP TABLE IF EXISTS peer_percentile_days;
