-- 0024_recent_reports_index: My work's newest reports of an agency (CaseloadRepository::recent_reports,
-- ORDER BY received_at DESC, id DESC LIMIT 100). The index (agency_id, received_at) gave the order of
-- received_at but not of id among reports received in the same millisecond, so every report of the
-- newest instant was read, joined to its case and sorted before the first 100 were kept: 1,758 of
-- them on the million-child demo database (the demo's caseload is filed at one instant), 20 ms of
-- CPU per My work (docs/PERFORMANCE.md, "Load", session 10). With id in the index the reports are
-- read in the answer's order and the scan stops at the limit. It serves every query the old index
-- served (the same leading columns), which is dropped: one index per report insert, as before.
-- IF NOT EXISTS: a measurement database may already hold it under this name and definition.
CREATE INDEX IF NOT EXISTS reports_by_agency_received_id ON reports (agency_id, received_at, id);
DROP INDEX IF EXISTS reports_by_agency_received;
