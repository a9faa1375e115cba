-- Up Migration

-- Weighted random inspection plans (双随机、一公开). A plan is immutable once created: the seed, the
-- exact population file and the draw are what the public recomputes. Only a cancel may be recorded
-- afterwards (once, with a reason); the triggers below refuse every other change and any delete.
CREATE TABLE inspection_plans (
  id                bigserial PRIMARY KEY,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  day               date NOT NULL,
  region_prefixes   text[] NOT NULL,
  industry_prefixes text[] NOT NULL,
  size              integer NOT NULL CHECK (size >= 1),
  include_exempt    boolean NOT NULL,
  -- the inspector pool (user names) as given
  inspectors        text[] NOT NULL CHECK (cardinality(inspectors) >= 2),
  seed              text NOT NULL CHECK (seed ~ '^[0-9a-f]{64}$'),
  snapshot_sha256   text NOT NULL CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  population_size   integer NOT NULL CHECK (population_size >= 0),
  -- one line "USCC,stars\n" per member in USCC order: the exact text whose SHA-256 is snapshot_sha256
  population        text NOT NULL,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  cancelled_at      timestamptz NULL,
  cancelled_by      text NULL,
  cancel_reason     text NULL,
  CONSTRAINT inspection_plans_cancel_complete CHECK (
    (cancelled_at IS NULL AND cancelled_by IS NULL AND cancel_reason IS NULL)
    OR (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL AND length(cancel_reason) >= 1))
);
CREATE INDEX inspection_plans_created_idx ON inspection_plans (created_at DESC, id DESC);

-- The drawn enterprises in rank order with their inspector pair.
CREATE TABLE inspection_plan_draws (
  plan_id       bigint NOT NULL REFERENCES inspection_plans (id),
  rank          integer NOT NULL CHECK (rank >= 1),
  enterprise_id text NOT NULL,
  stars         smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  weight        double precision NOT NULL,
  -- the Efraimidis–Spirakis key; float8 keeps the double exactly
  key           double precision NOT NULL,
  inspectors    text[] NOT NULL CHECK (cardinality(inspectors) = 2),
  PRIMARY KEY (plan_id, rank),
  UNIQUE (plan_id, enterprise_id)
);
-- "my inspections": the plans where a user is one of the pair
CREATE INDEX inspection_plan_draws_inspectors_idx ON inspection_plan_draws USING gin (inspectors);

CREATE FUNCTION inspection_plans_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inspection plans are kept: cancel instead of deleting' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.cancelled_at IS NOT NULL THEN
    RAISE EXCEPTION 'inspection plan % is cancelled and can no longer change', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  -- Everything but the cancel fields must stay as it was.
  IF (NEW.id, NEW.name, NEW.day, NEW.region_prefixes, NEW.industry_prefixes, NEW.size, NEW.include_exempt, NEW.inspectors,
      NEW.seed, NEW.snapshot_sha256, NEW.population_size, NEW.population, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.name, OLD.day, OLD.region_prefixes, OLD.industry_prefixes, OLD.size, OLD.include_exempt, OLD.inspectors,
      OLD.seed, OLD.snapshot_sha256, OLD.population_size, OLD.population, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'inspection plan % is immutable: only a cancel may be recorded', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER inspection_plans_immutable BEFORE UPDATE OR DELETE ON inspection_plans
  FOR EACH ROW EXECUTE FUNCTION inspection_plans_immutable();

CREATE FUNCTION inspection_plan_draws_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the draw of an inspection plan is immutable' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER inspection_plan_draws_immutable BEFORE UPDATE OR DELETE ON inspection_plan_draws
  FOR EACH ROW EXECUTE FUNCTION inspection_plan_draws_immutable();

-- Results are enforcement.inspection events carrying the plan id (data.planId).
CREATE INDEX events_inspection_plan_idx ON events ((body -> 'data' ->> 'planId'))
  WHERE type = 'enforcement.inspection' AND body -> 'data' ? 'planId';

-- Down Migration

DROP INDEX IF EXISTS events_inspection_plan_idx;
DROP TABLE IF EXISTS inspection_plan_draws;
DROP TABLE IF EXISTS inspection_plans;
DROP FUNCTION IF EXISTS inspection_plan_draws_immutable();
DROP FUNCTION IF EXISTS inspection_plans_immutable();
