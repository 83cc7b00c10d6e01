-- 0021_statistics_screening_index: a narrow covering index on cases by id for the statistics'
-- screening source (src/service/stats/case_data_queries.cpp), which looks up the case of each
-- screening decision in the window (about 250,000 in a year at a million children) for its
-- agency, status, report day and child: an index-only look-up instead of the wide case rows. Same
-- name as the SQLite migration; columns only read are INCLUDEd. Measured in docs/PERFORMANCE.md,
-- "Regional statistics at a million children (session 8)": about 170 MB on 13 GB; one more index
-- entry per insert of a case (and per update of the columns it holds). IF NOT EXISTS: the shared
-- measurement cluster already holds it under this name and definition.
CREATE INDEX IF NOT EXISTS cases_screening_stats ON cases (id)
  INCLUDE (agency_id, status, reported_at, opened_at, child_id);
