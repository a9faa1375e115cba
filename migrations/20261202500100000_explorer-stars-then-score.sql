-- Up Migration

-- The explorer sorts by stars first, then score (#14): a vetoed 1-star enterprise with a computed 100.0 must not top
-- the list. One integer key (stars × 2000 + score in tenths, score ≤ 1000) keeps keyset paging a single index range.
CREATE INDEX enterprises_stars_then_score_key_idx ON enterprises ((COALESCE(stars, 0) * 2000 + COALESCE(score_tenths, -1)), uscc);

-- Down Migration

DROP INDEX IF EXISTS enterprises_stars_then_score_key_idx;
