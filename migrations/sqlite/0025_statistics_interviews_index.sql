-- 0025_statistics_interviews_index: a covering index on Barnahus interviews for the statistics'
-- interview source (src/service/stats/case_data_queries.cpp), which finds each child's first
-- interview among every Barnahus case of the country (66,735 at a million children) and whether a
-- second one followed: read from this index instead of the interview rows, which the unique
-- (barnahus_case_id, sequence) index sends it to one page read each. Measured in
-- docs/PERFORMANCE.md, "Regional statistics … (session 13)". Led by barnahus_case_id, so the
-- generator's bulk load keeps it live. One more index entry per interview recorded.
CREATE INDEX IF NOT EXISTS barnahus_interviews_stats ON barnahus_interviews (barnahus_case_id,
                                                                            sequence,
                                                                            interviewed_on);
