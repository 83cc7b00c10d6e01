-- 0020_statistics_barnahus_indexes: narrow covering indexes for the statistics' Barnahus sources and
-- the unaccompanied children (src/service/stats/case_data_queries.cpp). Same names and keys as the
-- SQLite migration; columns only read are INCLUDEd. Measured in docs/PERFORMANCE.md, "Regional
-- statistics at a million children (session 8)": together about 72 MB on 13 GB, and one more index
-- entry per insert of a child, Barnahus case, medical examination or information record (and per
-- update of the columns they hold). IF NOT EXISTS: the shared measurement cluster already holds
-- them under these names and definitions.
CREATE INDEX IF NOT EXISTS children_by_migration_status ON children (migration_status, registered_on);
CREATE INDEX IF NOT EXISTS barnahus_cases_stats ON barnahus_cases (barnahus_agency_id, referred_at)
  INCLUDE (id, child_id, child_role, violence_types);
CREATE INDEX IF NOT EXISTS barnahus_medical_exams_stats ON barnahus_medical_exams (barnahus_case_id, done)
  INCLUDE (examined_on, id);
CREATE INDEX IF NOT EXISTS barnahus_information_stats ON barnahus_information (barnahus_case_id, stage,
                                                                               recipient, given_on);
