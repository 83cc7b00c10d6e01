-- 0004_case_services (PostgreSQL): the records kept under a case while it is worked ([F3]) — referrals
-- to services with consent (or a supervisor's override), alternative-care placements, how the child
-- was heard (participation, Lundy) and informed, case notes, documents, and transfers of the case to
-- another agency. migrations/sqlite/0004_case_services.sql is the same in SQLite's dialect;
-- change both together. Every record: id, case_id, version, created_by, created_at, updated_at.

-- Referrals to a service provider. Consent (who, when, recorded by) or a supervisor's override with
-- a written reason must exist before the status passes `proposed` (domain/referral.h).
CREATE TABLE referrals (
  id                    TEXT PRIMARY KEY,
  case_id               TEXT NOT NULL REFERENCES cases (id),
  service_type          TEXT NOT NULL,
  provider              TEXT NOT NULL,
  status                TEXT NOT NULL,
  referred_on           TEXT,
  consent_required      INTEGER NOT NULL DEFAULT 1 CHECK (consent_required IN (0, 1)),
  consent_given_by      TEXT,
  consent_given_on      TEXT,
  consent_recorded_by   TEXT,
  override_by           TEXT REFERENCES users (id),
  override_reason       TEXT,
  override_on           TEXT,
  notes                 TEXT NOT NULL DEFAULT '',
  created_by            TEXT NOT NULL,
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX referrals_by_case ON referrals (case_id, created_at);

-- Alternative-care placements; review_dates is a JSON list of 'YYYY-MM-DD'.
CREATE TABLE placements (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases (id),
  type         TEXT NOT NULL,
  provider     TEXT NOT NULL,
  start_on     TEXT NOT NULL,
  end_on       TEXT,
  reason       TEXT NOT NULL,
  end_reason   TEXT NOT NULL DEFAULT '',
  review_dates TEXT NOT NULL DEFAULT '[]',
  created_by   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX placements_by_case ON placements (case_id, start_on);

-- How the child was heard on one decision (Lundy: space, voice, audience, influence); the child's
-- views are stored only encrypted (views_ct).
CREATE TABLE participation_records (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  stage                TEXT NOT NULL,
  decision             TEXT NOT NULL,
  offered_on           TEXT,
  setting              TEXT NOT NULL DEFAULT '',
  support_person       TEXT NOT NULL DEFAULT '',
  interpreter_language TEXT NOT NULL DEFAULT '',
  accessible_format    TEXT,
  views_ct             BYTEA,
  declined             INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
  decision_maker       TEXT NOT NULL DEFAULT '',
  weight_given         TEXT NOT NULL DEFAULT '',
  feedback_given_on    TEXT,
  feedback_how         TEXT NOT NULL DEFAULT '',
  created_by           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);
CREATE INDEX participation_records_by_case ON participation_records (case_id, created_at);

-- The log of what the child (or a caregiver) was told, when, in which language and format.
CREATE TABLE information_given (
  id                  TEXT PRIMARY KEY,
  case_id             TEXT NOT NULL REFERENCES cases (id),
  given_on            TEXT NOT NULL,
  stage               TEXT NOT NULL,
  what                TEXT NOT NULL,
  language            TEXT NOT NULL,
  format              TEXT NOT NULL,
  recipient_person_id TEXT,
  given_by            TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL
);
CREATE INDEX information_given_by_case ON information_given (case_id, given_on);

-- Case notes: the text only encrypted (body_ct, bound to the row).
CREATE TABLE case_notes (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  written_at  BIGINT NOT NULL,
  occurred_on TEXT,
  body_ct     BYTEA NOT NULL,
  created_by  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes (case_id, written_at);

-- Files attached to a case (court decisions, medical letters, scanned forms): the content only
-- encrypted and bound to the row; the media type as detected from the content, never as claimed.
CREATE TABLE case_documents (
  id            TEXT PRIMARY KEY,
  case_id       TEXT NOT NULL REFERENCES cases (id),
  document_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  media_type    TEXT NOT NULL,
  size_bytes    BIGINT NOT NULL,
  sha256        TEXT NOT NULL,
  content_ct    BYTEA NOT NULL,
  uploaded_by   TEXT NOT NULL,
  uploaded_at   BIGINT NOT NULL,
  created_by    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX case_documents_by_case ON case_documents (case_id, uploaded_at);

-- A case handed from one agency to another of the same country: requested → accepted | rejected by
-- the receiving agency. The case changes hands only on acceptance (docs/CASES.md, "Transfers").
CREATE TABLE case_transfers (
  id             TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL REFERENCES cases (id),
  from_agency_id TEXT NOT NULL REFERENCES agencies (id),
  to_agency_id   TEXT NOT NULL REFERENCES agencies (id),
  requested_by   TEXT NOT NULL,
  requested_at   BIGINT NOT NULL,
  reason         TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'accepted', 'rejected')),
  decided_by     TEXT,
  decided_at     BIGINT,
  comment        TEXT NOT NULL DEFAULT '',
  created_by     TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX case_transfers_by_case ON case_transfers (case_id, requested_at);
CREATE INDEX case_transfers_by_to_agency ON case_transfers (to_agency_id, state, requested_at);
CREATE INDEX case_transfers_by_from_agency ON case_transfers (from_agency_id, state, requested_at);
