-- Up Migration

-- The trend's daily star counts (rating_day_count_deltas, folded into rating_day_counts by the read
-- side) are written where the ratings are written: the scorer's Rerater appends +1 for each new
-- revision's stars and −1 for the previous revision's, and the rollover's copy adds its copied rows,
-- in the same transaction. The statement trigger that parsed them back out of the outbox JSON goes.
DROP TRIGGER IF EXISTS outbox_rating_day_counts ON outbox;
DROP FUNCTION IF EXISTS rating_day_counts_from_outbox();

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
CREATE TRIGGER outbox_rating_day_counts AFTER INSERT ON outbox
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rating_day_counts_from_outbox();
