-- 0020_statistics_barnahus_indexes: narrow covering indexes for the statistics' Barnahus sources and
-- the unaccompanied children (src/service/stats/case_data_queries.cpp), so that at a million
-- children the queries read a window of index entries instead of every Barnahus case row, every
-- information row of a case, or every child. Measured in docs/PERFORMANCE.md, "Regional statistics
-- at a million children (session 8)": together about 67 MB on the 14 GB demo database (built in
-- under 5 s), and one more index entry per insert of a child, Barnahus case, medical examination or
-- information record (and per update of the columns they hold). IF NOT EXISTS: the shared
-- measurement databases already hold them under these names and definitions.
-- Children registered in a window with a migration status (UAM_REGISTERED).
CREATE INDEX IF NOT EXISTS children_by_migration_status ON children (migration_status, registered_on);
-- A country's Barnahus cases referred in a window, with what the three Barnahus sources group by.
CREATE INDEX IF NOT EXISTS barnahus_cases_stats ON barnahus_cases (barnahus_agency_id, referred_at, id,
                                                                   child_id, child_role, violence_types);
-- A case's first medical examination done, without reading the findings.
CREATE INDEX IF NOT EXISTS barnahus_medical_exams_stats ON barnahus_medical_exams (barnahus_case_id, done,
                                                                                   examined_on, id);
-- Whether the child and a caregiver were informed at a stage by a day (BARNAHUS_INFORMED_SHARE).
CREATE INDEX IF NOT EXISTS barnahus_information_stats ON barnahus_information (barnahus_case_id, stage,
                                                                               recipient, given_on);
