-- Up Migration

-- The first day on which an enterprise's rating may differ from the last rated day's (a window
-- starts or ends, a permit takes effect or expires), as its scorer last computed it; 'infinity'
-- when no later day can differ, NULL when unknown. The nightly rollover copies yesterday's rating
-- in SQL for every enterprise whose next change lies after the new day, and evaluates only the rest.
-- Lives beside event_count: the scorer writes this narrow row anyway, and the column is not indexed
-- (updates stay HOT).
ALTER TABLE enterprise_ledgers ADD COLUMN next_change_day date NULL;

-- Down Migration

ALTER TABLE enterprise_ledgers DROP COLUMN IF EXISTS next_change_day;
