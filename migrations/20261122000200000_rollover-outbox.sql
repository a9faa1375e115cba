-- Up Migration

-- The nightly rollover rewrites the current rating of every enterprise (rated day, streak). With the
-- default packing a page has room for few new row versions, so most of those updates could not stay
-- on their page (HOT) and wrote an entry into each of the table's twelve indexes. Half-empty pages
-- keep a night's updates on their page; the table is rewritten once to apply it to existing rows.
ALTER TABLE enterprises SET (fillfactor = 50);
CLUSTER enterprises USING enterprises_pkey;

-- The rollover's copied ratings are announced by one outbox row per chunk of enterprises
-- (kind 'ratings_copy': the day, the enterprise ids and the count per star level) instead of one
-- row per enterprise; the drainer expands it into the ratings messages from daily_ratings. The
-- trend counts take the per-level counts from that row.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('ratings', 'dlq', 'ratings_copy'));
CREATE OR REPLACE FUNCTION rating_day_counts_from_outbox() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO rating_day_count_deltas (day, stars, delta)
  SELECT day, stars, sum(delta)::int
  FROM (
    SELECT (payload->>'day')::date AS day, (payload->>'stars')::smallint AS stars, 1 AS delta
    FROM added WHERE kind = 'ratings'
    UNION ALL
    SELECT (payload->>'day')::date, (payload->'previous'->>'stars')::smallint, -1
    FROM added WHERE kind = 'ratings' AND jsonb_typeof(payload->'previous') = 'object'
    UNION ALL
    SELECT (a.payload->>'day')::date, s.key::smallint, s.value::int
    FROM added a CROSS JOIN LATERAL jsonb_each_text(a.payload->'starCounts') AS s(key, value)
    WHERE a.kind = 'ratings_copy'
  ) changes
  GROUP BY day, stars
  HAVING sum(delta) <> 0;
  RETURN NULL;
END
$fn$;

-- Down Migration

CREATE OR REPLACE FUNCTION rating_day_counts_from_outbox() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('ratings', 'dlq'));
ALTER TABLE enterprises SET (fillfactor = 80);
