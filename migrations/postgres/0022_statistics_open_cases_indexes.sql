-- 0022_statistics_open_cases_indexes: the cases open at the end of a statistics window, without a
-- scan of every case (src/service/stats/case_data_queries.cpp, open_cases_by_risk). A case open on
-- that day is either still open — the partial index cases_open_now, about 15 % of the cases, in
-- the child order the query's window function wants, read index-only — or was closed after it:
-- cases_closed_on, a range of closing times (empty for the current period). Measured in
-- docs/PERFORMANCE.md, "Regional statistics: open cases, parallel workers and the heap (session
-- 10)". Each costs one index entry per insert of a case; closing a case moves it from the first to
-- the second.
CREATE INDEX IF NOT EXISTS cases_open_now ON cases (child_id, opened_at DESC, id DESC)
  INCLUDE (agency_id, status) WHERE closed_at IS NULL;
CREATE INDEX IF NOT EXISTS cases_closed_on ON cases (closed_at) WHERE closed_at IS NOT NULL;
