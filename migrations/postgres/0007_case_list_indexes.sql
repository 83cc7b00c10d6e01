-- 0007_case_list_indexes: the case list filtered by status pages newest first within an agency; without
-- this index PostgreSQL fetched every case of the status through cases_by_agency_status and sorted them
-- (137 ms for a page of 50 "closed" cases among 100,000; docs/PERFORMANCE.md). The same index serves the
-- worker's own list ordered by opening time.
CREATE INDEX cases_by_agency_status_opened ON cases (agency_id, status, opened_at, id);
CREATE INDEX cases_by_worker_opened ON cases (assigned_worker_id, opened_at, id);
