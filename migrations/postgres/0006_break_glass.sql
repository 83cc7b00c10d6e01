-- 0006_break_glass (PostgreSQL): what a supervisor needs to review emergency ("break the glass") reads.
-- The reads themselves are audit events (action 'policy.break_glass', written by AccessService); this
-- adds an index to find them by the reader's agency, and the supervisors' acknowledgements beside them
-- (the audit log is append-only, so the acknowledged state cannot live in it).
-- migrations/sqlite/0006_break_glass.sql has the same in SQLite's dialect; change both together.

CREATE INDEX audit_events_by_action_agency ON audit_events (action, agency_id, seq);

-- One row per break-the-glass event a supervisor has seen and acknowledged; immutable once written.
CREATE TABLE break_glass_acknowledgements (
  event_id        TEXT PRIMARY KEY REFERENCES audit_events (id),
  acknowledged_by TEXT NOT NULL REFERENCES users (id),
  acknowledged_at BIGINT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
