-- 0021_statistics_screening_index: a narrow covering index on cases by id for the statistics'
-- screening source (src/service/stats/case_data_queries.cpp), which looks up the case of each
-- screening decision in the window (about 250,000 in a year at a million children) for its
-- agency, status, report day and child: read from this index instead of the wide case rows.
-- Measured in docs/PERFORMANCE.md, "Regional statistics at a million children (session 8)":
-- 140 MB on the 14 GB demo database, the whole release 2.6 → 2.3 s; one more index entry per
-- insert of a case (and per update of the columns it holds). Its keys arrive in order when the
-- generator loads, so the bulk load keeps it live. IF NOT EXISTS: the shared measurement database
-- already holds it under this name and definition.
CREATE INDEX IF NOT EXISTS cases_screening_stats ON cases (id, agency_id, status, reported_at,
                                                            opened_at, child_id);
