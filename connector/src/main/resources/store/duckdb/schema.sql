-- Schema of the DuckDB store. Idempotent: run at every start.
-- No PRIMARY KEY constraints: ids are kept unique by the ingest transaction (duplicates in a batch
-- are rejected, re-sent ids replace), and DuckDB's index would slow bulk loads and block
-- delete-then-insert of the same key in one transaction.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS org_unit (
  unit_id VARCHAR NOT NULL,
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
  depth INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS goal (
  goal_id VARCHAR NOT NULL,
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

CREATE TABLE IF NOT EXISTS followup (
  followup_id VARCHAR NOT NULL,
  goal_id VARCHAR NOT NULL,
  followup_date DATE NOT NULL,
  score INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS catalogue_label (
  dimension VARCHAR NOT NULL,
  code VARCHAR NOT NULL,
  label_da VARCHAR NOT NULL,
  label_en VARCHAR NOT NULL,
  parent_code VARCHAR,
  sort_order INTEGER NOT NULL
);

-- Scratch tables of the ingest transaction (row_no = the record's row in its batch).
CREATE TABLE IF NOT EXISTS stage_org_unit (
  row_no BIGINT NOT NULL, unit_id VARCHAR, name VARCHAR, parent_id VARCHAR, role VARCHAR,
  valid_from DATE, valid_to DATE, level VARCHAR
);

ALTER TABLE stage_org_unit ADD COLUMN IF NOT EXISTS level VARCHAR;

CREATE TABLE IF NOT EXISTS stage_goal (
  row_no BIGINT NOT NULL, goal_id VARCHAR, citizen_key VARCHAR, target_group VARCHAR,
  life_theme VARCHAR, effect_goal VARCHAR, goal_type VARCHAR, baseline_score INTEGER,
  target_score INTEGER, set_date DATE, due_date DATE, authority_unit_id VARCHAR,
  provider_unit_id VARCHAR, age_band VARCHAR
);

CREATE TABLE IF NOT EXISTS stage_followup (
  row_no BIGINT NOT NULL, followup_id VARCHAR, goal_id VARCHAR, followup_date DATE, score INTEGER
);

-- Records that broke their own rules: their id and the ids they refer to.
CREATE TABLE IF NOT EXISTS stage_rejected (
  kind VARCHAR NOT NULL, row_no BIGINT NOT NULL, id VARCHAR, unit_ref VARCHAR, unit_ref2 VARCHAR,
  goal_ref VARCHAR
);

-- When the store was last ingested into and refreshed (freshness of the datasets).
CREATE TABLE IF NOT EXISTS store_event (
  kind VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL, detail VARCHAR
);
