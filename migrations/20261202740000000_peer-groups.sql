-- Up Migration

-- Peer percentiles (#13 §4): the industry peers of an enterprise are the rated enterprises of the same GB/T 4754
-- class (first 3 characters) in the same city (first 4 digits of the region code). One index finds a group
-- without scanning the table; region peers use enterprises_region_code_idx.
CREATE INDEX enterprises_city_industry_class_idx ON enterprises ((left(region_code, 4)), (left(industry_code, 3)));

-- Down Migration

DROP INDEX IF EXISTS enterprises_city_industry_class_idx;
