-- 0026_statistics_screening_by_case: the statistics' screening source (src/service/stats/
-- case_data_queries.cpp) joins a period's screening decisions to their cases. With the decisions
-- by day (screening_decisions_by_day, 0017), PostgreSQL sorted a quarter of a million of them
-- into case order for its merge join (on disk, with the default work_mem); from an index in case
-- order it merges two index scans without the sort (0.57–0.60 s → 0.40–0.59 s at a million
-- children, EXPLAIN ANALYZE). Same name and key as the SQLite migration, the day INCLUDEd; the
-- by-day index had no other reader and goes. Still one index entry per decision.
DROP INDEX IF EXISTS screening_decisions_by_day;
CREATE INDEX IF NOT EXISTS screening_decisions_stats ON screening_decisions (case_id)
  INCLUDE (decided_on);
