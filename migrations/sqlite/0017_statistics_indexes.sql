-- 0017_statistics_indexes: narrow covering indexes for `haven stats compute` and the statistics
-- dashboard (src/service/stats/case_data_queries.cpp), so the set-based queries over a million
-- children read index entries instead of the wide rows (a child row carries its encrypted fields).
-- Measured in docs/PERFORMANCE.md, "Regional statistics at a million children": together about 6 %
-- of the database's size, and one more index entry per insert of a child, report, case, screening
-- decision, risk level or referral (and per update of the columns they hold).
-- A child's age, sex and whether it was merged, by id: every query groups its records by them.
CREATE INDEX children_stats ON children (id, merged_into, birth_date, sex);
-- Reports received in a window by agency, with what they are grouped by (reporter, concerns).
CREATE INDEX reports_stats ON reports (agency_id, received_at, child_id, reporter_type,
                                       concern_categories);
-- Screening decisions of a window, by day.
CREATE INDEX screening_decisions_by_day ON screening_decisions (decided_on, case_id);
-- The risk level last set on a case by a day, without reading the rationale.
CREATE INDEX risk_levels_latest ON risk_levels (case_id, set_at, id, risk_level);
-- The cases open on a day, by agency.
CREATE INDEX cases_open_stats ON cases (agency_id, opened_at, status, closed_at, child_id, id);
-- Referrals to one service in one status (disability support in progress or completed).
CREATE INDEX referrals_stats ON referrals (service_type, status, referred_on, updated_at, case_id);
