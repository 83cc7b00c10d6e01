-- 0027_statistics_current_risk: the statistics' open cases by risk (src/service/stats/
-- case_data_queries.cpp, open_cases_by_risk) take a case's level at the end of the window from the
-- case itself. cases.risk_level is the case's latest risk level (CaseRecordService writes the
-- risk_levels row and the case's level in one transaction), so it is the level at the window's end
-- unless the case had a level set on or after that end: those cases are found from
-- risk_levels_by_time (none for the current period) and only they are looked up in
-- risk_levels_latest, where every open case was — 146,000 look-ups at a million children. Same
-- keys as the PostgreSQL migration. cases_open_now carries the level, and closed_at (always NULL
-- in it) because SQLite 3.40 counts the partial index's own WHERE column as one to read: with it
-- the open cases are read from the index alone, where each was also a read of its table row.
-- Measured in docs/PERFORMANCE.md, "Regional statistics: the open cases' risk level from the
-- case (session 21)". One more index entry per risk level set; a level set on an open case now
-- also rewrites its cases_open_now entry.
DROP INDEX IF EXISTS cases_open_now;
CREATE INDEX cases_open_now ON cases (child_id, opened_at DESC, id DESC, agency_id, status,
                                      risk_level, closed_at) WHERE closed_at IS NULL;
CREATE INDEX risk_levels_by_time ON risk_levels (set_at, case_id);
