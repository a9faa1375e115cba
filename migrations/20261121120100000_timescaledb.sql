-- Up Migration

-- TimescaleDB is optional: the same file runs on plain PostgreSQL (tables stay ordinary) and on
-- TimescaleDB (events and daily_ratings become compressed hypertables with retention).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    RAISE NOTICE 'timescaledb not available: events and daily_ratings stay plain tables';
    RETURN;
  END IF;
  BEGIN
    EXECUTE 'CREATE EXTENSION IF NOT EXISTS timescaledb';
  EXCEPTION WHEN OTHERS THEN
    -- typically "must be preloaded" (shared_preload_libraries): installed but not enabled on this server
    RAISE WARNING 'timescaledb is installed but cannot be created (%): plain tables are used', SQLERRM;
  END;
END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    RETURN;
  END IF;

  -- Weekly chunks: one chunk of hourly monitoring readings stays small enough to compress quickly.
  EXECUTE $q$SELECT create_hypertable('events', 'occurred_at', chunk_time_interval => INTERVAL '7 days', if_not_exists => true)$q$;
  EXECUTE $q$SELECT create_hypertable('daily_ratings', 'day', chunk_time_interval => INTERVAL '30 days', if_not_exists => true)$q$;

  -- Segment by enterprise: every read (history, recomputation) is per enterprise.
  EXECUTE $q$ALTER TABLE events SET (timescaledb.compress, timescaledb.compress_segmentby = 'enterprise_id',
                                     timescaledb.compress_orderby = 'occurred_at DESC, event_id')$q$;
  EXECUTE $q$ALTER TABLE daily_ratings SET (timescaledb.compress, timescaledb.compress_segmentby = 'enterprise_id',
                                            timescaledb.compress_orderby = 'day DESC, revision DESC')$q$;

  -- Late events and the revisions they cause mostly touch recent days; compress only after that
  -- traffic has calmed down (inserts into compressed chunks work but are slower).
  EXECUTE $q$SELECT add_compression_policy('events', compress_after => INTERVAL '30 days', if_not_exists => true)$q$;
  EXECUTE $q$SELECT add_compression_policy('daily_ratings', compress_after => INTERVAL '90 days', if_not_exists => true)$q$;

  -- Retention. Events are the bulky raw input (hourly readings); no effect window is longer than
  -- 365 days, so 3 years keeps everything needed to recompute and audit the last two years of
  -- ratings. Ratings are small and are the published credit record that enterprises may contest
  -- and that administrative archives must keep, hence 10 years.
  EXECUTE $q$SELECT add_retention_policy('events', drop_after => INTERVAL '3 years', if_not_exists => true)$q$;
  EXECUTE $q$SELECT add_retention_policy('daily_ratings', drop_after => INTERVAL '10 years', if_not_exists => true)$q$;
END
$$;

-- Down Migration

-- Hypertables cannot be turned back into plain tables in place; removing the policies is enough
-- for the initial schema to be dropped or for this migration to run again.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    EXECUTE $q$SELECT remove_retention_policy('events', if_exists => true)$q$;
    EXECUTE $q$SELECT remove_retention_policy('daily_ratings', if_exists => true)$q$;
    EXECUTE $q$SELECT remove_compression_policy('events', if_exists => true)$q$;
    EXECUTE $q$SELECT remove_compression_policy('daily_ratings', if_exists => true)$q$;
  END IF;
END
$$;
