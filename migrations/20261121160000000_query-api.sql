-- Up Migration

-- Keyset paging of the enterprise list: one index per sort key, each ending in uscc so (key, uscc)
-- is unique and "the rows after the cursor" is an index range. NULLs (no rating yet, no name yet)
-- are mapped to a value below every real one, because row comparisons with NULL are never true.
CREATE INDEX enterprises_score_key_idx ON enterprises ((COALESCE(score_tenths, -1)), uscc);
CREATE INDEX enterprises_stars_key_idx ON enterprises ((COALESCE(stars, 0)), uscc);
CREATE INDEX enterprises_streak_key_idx ON enterprises ((COALESCE(streak, -1)), uscc);
CREATE INDEX enterprises_name_key_idx ON enterprises ((COALESCE(name, '')), uscc);
-- "stars=1,2 sorted by score" (the inspectors' worklist) reads one range per star level.
CREATE INDEX enterprises_stars_score_key_idx ON enterprises (stars, (COALESCE(score_tenths, -1)), uscc);
-- USCC prefix search: the primary key uses the database collation, which LIKE 'prefix%' cannot use.
CREATE INDEX enterprises_uscc_prefix_idx ON enterprises (uscc text_pattern_ops);

-- One day of all enterprises' ratings, latest revision first: yesterday vs today (upgrades and
-- downgrades) and star drops over the last week read it without touching the rows. (Not named
-- daily_ratings_day_idx: TimescaleDB gives that name to the hypertable's own index on day.)
CREATE INDEX daily_ratings_day_latest_idx ON daily_ratings (day, enterprise_id, revision DESC) INCLUDE (stars, score_tenths);
-- Recent changes for the dashboard.
CREATE INDEX daily_ratings_recorded_at_idx ON daily_ratings (recorded_at DESC);
-- Overdue rectification orders (indicator E4) are rare: a partial index finds today's without
-- reading every rating's effects.
CREATE INDEX daily_ratings_overdue_order_idx ON daily_ratings (day, enterprise_id) WHERE effects @> '[{"indicator":"E4"}]';

-- Events accepted in the last minutes: event_ids grows in accepted_at order, so a BRIN index
-- answers "since T" from the last few block ranges and costs next to nothing on insert.
CREATE INDEX event_ids_accepted_at_brin ON event_ids USING brin (accepted_at);

-- Daily star distribution (latest revision of every enterprise-day), for the dashboard trend.
-- Counting 200,000 enterprises × N days on every request is too slow, so counts are kept:
-- rating_day_counts holds folded totals; every rating change appends its effect to
-- rating_day_count_deltas (insert-only, so concurrent scorers never wait on each other), and the
-- app folds deltas into the totals now and then. The true counts are always totals + deltas.
CREATE TABLE rating_day_counts (
  day   date NOT NULL,
  stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  n     bigint NOT NULL,
  PRIMARY KEY (day, stars)
);
CREATE TABLE rating_day_count_deltas (
  id    bigserial PRIMARY KEY,
  day   date NOT NULL,
  stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  delta integer NOT NULL
);

-- Every rating change is written to the outbox in the same transaction as its daily_ratings row,
-- as the ratings message (day, stars and the previous revision's stars, null for a day's first
-- revision). The trigger sits on the outbox rather than on daily_ratings because daily_ratings may
-- be a TimescaleDB hypertable, and older TimescaleDB versions reject statement triggers with
-- transition tables there (a row trigger would cost seconds on a 200,000-enterprise rollover).
CREATE FUNCTION rating_day_counts_from_outbox() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO rating_day_count_deltas (day, stars, delta)
  SELECT day, stars, sum(delta)::int
  FROM (
    SELECT (payload->>'day')::date AS day, (payload->>'stars')::smallint AS stars, 1 AS delta
    FROM added WHERE kind = 'ratings'
    UNION ALL
    SELECT (payload->>'day')::date, (payload->'previous'->>'stars')::smallint, -1
    FROM added WHERE kind = 'ratings' AND jsonb_typeof(payload->'previous') = 'object'
  ) changes
  GROUP BY day, stars
  HAVING sum(delta) <> 0;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER outbox_rating_day_counts AFTER INSERT ON outbox
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rating_day_counts_from_outbox();

-- Ratings stored before this migration: count them once. The lock waits for scorers that already
-- wrote to the outbox (their ratings are then visible here) and holds new ones back until the
-- trigger exists, so no change is counted twice or missed.
LOCK TABLE outbox IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO rating_day_counts (day, stars, n)
SELECT day, stars, count(*)
FROM (SELECT DISTINCT ON (enterprise_id, day) day, stars FROM daily_ratings ORDER BY enterprise_id, day, revision DESC) latest
GROUP BY day, stars;

-- Down Migration

DROP TRIGGER IF EXISTS outbox_rating_day_counts ON outbox;
DROP FUNCTION IF EXISTS rating_day_counts_from_outbox();
DROP TABLE IF EXISTS rating_day_count_deltas;
DROP TABLE IF EXISTS rating_day_counts;
DROP INDEX IF EXISTS event_ids_accepted_at_brin;
DROP INDEX IF EXISTS daily_ratings_overdue_order_idx;
DROP INDEX IF EXISTS daily_ratings_recorded_at_idx;
DROP INDEX IF EXISTS daily_ratings_day_latest_idx;
DROP INDEX IF EXISTS enterprises_uscc_prefix_idx;
DROP INDEX IF EXISTS enterprises_stars_score_key_idx;
DROP INDEX IF EXISTS enterprises_name_key_idx;
DROP INDEX IF EXISTS enterprises_streak_key_idx;
DROP INDEX IF EXISTS enterprises_stars_key_idx;
DROP INDEX IF EXISTS enterprises_score_key_idx;
