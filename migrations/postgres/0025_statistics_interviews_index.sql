-- 0025_statistics_interviews_index: a covering index on Barnahus interviews for the statistics'
-- interview source (src/service/stats/case_data_queries.cpp), which finds each child's first
-- interview among every Barnahus case of the country and whether a second one followed: an
-- index-only read instead of the interview rows. Same name as the SQLite migration; the column
-- only read is INCLUDEd. Measured in docs/PERFORMANCE.md, "Regional statistics … (session 13)".
-- One more index entry per interview recorded.
CREATE INDEX IF NOT EXISTS barnahus_interviews_stats ON barnahus_interviews (barnahus_case_id,
                                                                            sequence)
  INCLUDE (interviewed_on);
