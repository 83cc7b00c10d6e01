-- 0017_statistics_indexes: narrow covering indexes for `haven stats compute` and the statistics
-- dashboard (src/service/stats/case_data_queries.cpp), so the set-based queries over a million
-- children can answer from index-only scans instead of reading the wide rows (a child row carries
-- its encrypted fields). Measured in docs/PERFORMANCE.md, "Regional statistics at a million
-- children": one more index entry per insert of a child, report, case, screening decision, risk
-- level or referral (and per update of the columns they hold). Same keys as the SQLite migration;
-- columns only read are INCLUDEd.
CREATE INDEX children_stats ON children (id) INCLUDE (merged_into, birth_date, sex);
CREATE INDEX reports_stats ON reports (agency_id, received_at)
  INCLUDE (child_id, reporter_type, concern_categories);
CREATE INDEX screening_decisions_by_day ON screening_decisions (decided_on) INCLUDE (case_id);
CREATE INDEX risk_levels_latest ON risk_levels (case_id, set_at, id) INCLUDE (risk_level);
CREATE INDEX cases_open_stats ON cases (agency_id, opened_at) INCLUDE (status, closed_at, child_id, id);
CREATE INDEX referrals_stats ON referrals (service_type, status, referred_on)
  INCLUDE (updated_at, case_id);
