-- 0010_child_merges (PostgreSQL): a child registered twice is merged into one record by a
-- supervisor, and un-merged when that was a mistake ([S1], service/duplicates/merge_service.h).
-- child_merges keeps each merge with `moved`, the rows of every table that were re-pointed from the
-- merged child to the survivor, so un-merging moves exactly those back. duplicate_candidates is the
-- review queue that `haven dedupe` fills: one row per pair of likely duplicates (child_a_id <
-- child_b_id), open until a supervisor dismisses or merges it; a rerun refreshes open pairs and
-- leaves decided ones. migrations/sqlite/0010_child_merges.sql has the same in SQLite's dialect.
CREATE TABLE child_merges (
  id                TEXT PRIMARY KEY,
  survivor_child_id TEXT NOT NULL REFERENCES children (id),
  merged_child_id   TEXT NOT NULL REFERENCES children (id),
  reason            TEXT NOT NULL,
  moved             TEXT NOT NULL DEFAULT '{}',  -- JSON: {"cases": [ids], "reports": [ids], …}
  merged_by         TEXT NOT NULL,
  merged_at         BIGINT NOT NULL,
  unmerged_by       TEXT,
  unmerged_at       BIGINT,
  unmerge_reason    TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  CHECK (survivor_child_id <> merged_child_id)
);
CREATE INDEX child_merges_by_survivor ON child_merges (survivor_child_id);
CREATE INDEX child_merges_by_merged ON child_merges (merged_child_id);

CREATE TABLE duplicate_candidates (
  id           TEXT PRIMARY KEY,
  child_a_id   TEXT NOT NULL REFERENCES children (id),
  child_b_id   TEXT NOT NULL REFERENCES children (id),
  weight       DOUBLE PRECISION NOT NULL,
  probability  DOUBLE PRECISION NOT NULL,
  explanation  TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'merged')),
  found_at     BIGINT NOT NULL,
  decided_by   TEXT,
  decided_at   BIGINT,
  version      INTEGER NOT NULL DEFAULT 1,
  UNIQUE (child_a_id, child_b_id),
  CHECK (child_a_id < child_b_id COLLATE "C")  -- byte order, as the service sorts them
);
CREATE INDEX duplicate_candidates_by_status ON duplicate_candidates (status, probability);
CREATE INDEX duplicate_candidates_by_b ON duplicate_candidates (child_b_id);
