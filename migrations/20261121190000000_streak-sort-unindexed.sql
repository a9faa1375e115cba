-- Up Migration

-- The streak of every 5-star enterprise grows by one each night. An index on it made every one of
-- those 200,000 nightly updates a non-HOT update rewriting all of the row's indexes (trigram name
-- index included), which dominated the rollover. Sorting the list by streak now sorts in memory
-- (about 0.1 s at 200,000 enterprises); every other sort key keeps its index.
DROP INDEX IF EXISTS enterprises_streak_key_idx;

-- Down Migration

CREATE INDEX enterprises_streak_key_idx ON enterprises ((COALESCE(streak, -1)), uscc);
