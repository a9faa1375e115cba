-- Up Migration

-- The latest day on which the enterprise's stars fell below the previous day's, among the days
-- from a week before its last rating change through that change (NULL: none). The scorer keeps it
-- with every rating it writes; a copied (unchanged) day cannot be a drop, so it stays right as
-- days pass. The dashboard's early warnings ("stars fell in the last 7 days") read it instead of
-- comparing eight days of 200,000 enterprises' ratings on every request. Not indexed: updates stay HOT.
ALTER TABLE enterprises ADD COLUMN last_drop_day date NULL;

WITH today AS (SELECT max(rated_day) AS d FROM enterprises),
latest AS (
  SELECT DISTINCT ON (r.enterprise_id, r.day) r.enterprise_id, r.day, r.stars
  FROM daily_ratings r, today t
  WHERE r.day BETWEEN t.d - 8 AND t.d
  ORDER BY r.enterprise_id, r.day, r.revision DESC),
drops AS (
  SELECT c.enterprise_id, max(c.day) AS drop_day
  FROM latest c JOIN latest p ON p.enterprise_id = c.enterprise_id AND p.day = c.day - 1
  WHERE c.stars < p.stars
  GROUP BY c.enterprise_id)
UPDATE enterprises e SET last_drop_day = d.drop_day FROM drops d WHERE e.uscc = d.enterprise_id;

-- Down Migration

ALTER TABLE enterprises DROP COLUMN IF EXISTS last_drop_day;
