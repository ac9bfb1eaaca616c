-- Schema of the PostgreSQL store. Idempotent: run at every start (ADR 0006). Table and column names
-- are those of the DuckDB schema (store/duckdb/schema.sql), so the shared SQL runs on both.
-- Unlike DuckDB, PostgreSQL keeps PRIMARY KEYs cheaply and allows delete-then-insert of a key in
-- one transaction, so the stored tables have them: a second guard beside the ingest's own checks.

CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS org_unit (
  unit_id VARCHAR NOT NULL PRIMARY KEY,
  name VARCHAR NOT NULL,
  parent_id VARCHAR,
  role VARCHAR,
  valid_from DATE NOT NULL,
  valid_to DATE,
  level VARCHAR,
  org_level VARCHAR
);

-- Stores made before org levels: `level` is the level given in the input (null: derived),
-- `org_level` the effective level (given or derived by the documented rule, OrgLevels), kept by
-- every ingest of org units like org_closure.
ALTER TABLE org_unit ADD COLUMN IF NOT EXISTS level VARCHAR;

ALTER TABLE org_unit ADD COLUMN IF NOT EXISTS org_level VARCHAR;

CREATE TABLE IF NOT EXISTS org_closure (
  ancestor_id VARCHAR NOT NULL,
  descendant_id VARCHAR NOT NULL,
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);

CREATE TABLE IF NOT EXISTS goal (
  goal_id VARCHAR NOT NULL PRIMARY KEY,
  citizen_key VARCHAR NOT NULL,
  target_group VARCHAR NOT NULL,
  life_theme VARCHAR NOT NULL,
  effect_goal VARCHAR NOT NULL,
  goal_type VARCHAR NOT NULL,
  baseline_score INTEGER NOT NULL,
  target_score INTEGER NOT NULL,
  set_date DATE NOT NULL,
  due_date DATE NOT NULL,
  authority_unit_id VARCHAR NOT NULL,
  provider_unit_id VARCHAR,
  age_band VARCHAR NOT NULL
);

CREATE INDEX IF NOT EXISTS goal_authority_unit_id ON goal (authority_unit_id);

CREATE INDEX IF NOT EXISTS goal_provider_unit_id ON goal (provider_unit_id);

CREATE TABLE IF NOT EXISTS followup (
  followup_id VARCHAR NOT NULL PRIMARY KEY,
  goal_id VARCHAR NOT NULL,
  followup_date DATE NOT NULL,
  score INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS followup_goal_id ON followup (goal_id);

CREATE TABLE IF NOT EXISTS catalogue_label (
  dimension VARCHAR NOT NULL,
  code VARCHAR NOT NULL,
  label_da VARCHAR NOT NULL,
  label_en VARCHAR NOT NULL,
  parent_code VARCHAR,
  sort_order INTEGER NOT NULL
);

-- Scratch tables of the ingest transaction (row_no = the record's row in its batch). UNLOGGED: no
-- WAL for rows that never outlive their transaction (each ingest empties them before it commits).
CREATE UNLOGGED TABLE IF NOT EXISTS stage_org_unit (
  row_no BIGINT NOT NULL, unit_id VARCHAR, name VARCHAR, parent_id VARCHAR, role VARCHAR,
  valid_from DATE, valid_to DATE, level VARCHAR
);

ALTER TABLE stage_org_unit ADD COLUMN IF NOT EXISTS level VARCHAR;

CREATE UNLOGGED TABLE IF NOT EXISTS stage_goal (
  row_no BIGINT NOT NULL, goal_id VARCHAR, citizen_key VARCHAR, target_group VARCHAR,
  life_theme VARCHAR, effect_goal VARCHAR, goal_type VARCHAR, baseline_score INTEGER,
  target_score INTEGER, set_date DATE, due_date DATE, authority_unit_id VARCHAR,
  provider_unit_id VARCHAR, age_band VARCHAR
);

CREATE UNLOGGED TABLE IF NOT EXISTS stage_followup (
  row_no BIGINT NOT NULL, followup_id VARCHAR, goal_id VARCHAR, followup_date DATE, score INTEGER
);

-- Records that broke their own rules: their id and the ids they refer to.
CREATE UNLOGGED TABLE IF NOT EXISTS stage_rejected (
  kind VARCHAR NOT NULL, row_no BIGINT NOT NULL, id VARCHAR, unit_ref VARCHAR, unit_ref2 VARCHAR,
  goal_ref VARCHAR
);

-- When the store was last ingested into and refreshed (freshness of the datasets).
CREATE TABLE IF NOT EXISTS store_event (
  kind VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL, detail VARCHAR
);
