-- Up Migration

-- The outbox is a queue: every row is inserted and deleted within seconds. Vacuum it eagerly so
-- claims (ORDER BY id LIMIT n) do not wade through dead index entries under sustained load.
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                        autovacuum_vacuum_cost_delay = 0);

-- Down Migration

ALTER TABLE outbox RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_cost_delay);
