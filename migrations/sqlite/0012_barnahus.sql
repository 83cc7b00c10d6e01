-- 0012_barnahus (SQLite): child-friendly justice ([J1], docs/BARNAHUS.md). A Barnahus case around a
-- child victim or witness of violence, the team invited into it, and every service on one timeline:
-- meetings, forensic interviews, medical examinations, therapy, court dates, the information given,
-- the non-offending caregivers and support persons, and the police and prosecutor records (which
-- name the agency that recorded them, so security/policy can keep them to law enforcement). Staff
-- training records per Barnahus (standard 9). migrations/postgres/0012_barnahus.sql is the same in
-- PostgreSQL's dialect; change both together. Records under a case carry agency_id: the agency that
-- recorded them (only it changes them).

CREATE TABLE barnahus_cases (
  id                     TEXT PRIMARY KEY,
  barnahus_agency_id     TEXT NOT NULL REFERENCES agencies (id),
  country                TEXT NOT NULL,
  child_id               TEXT NOT NULL REFERENCES children (id),
  case_id                TEXT REFERENCES cases (id),
  violence_types         TEXT NOT NULL DEFAULT '[]',
  child_role             TEXT NOT NULL CHECK (child_role IN ('victim', 'witness')),
  referred_by            TEXT NOT NULL,
  referred_by_agency_id  TEXT REFERENCES agencies (id),
  referred_at            INTEGER NOT NULL,
  contact_person         TEXT NOT NULL DEFAULT '',
  contact_person_user_id TEXT REFERENCES users (id),
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at              INTEGER,
  created_by             TEXT NOT NULL,
  version                INTEGER NOT NULL DEFAULT 1,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_cases_by_barnahus ON barnahus_cases (barnahus_agency_id, status, referred_at);
CREATE INDEX barnahus_cases_by_child ON barnahus_cases (child_id);

-- Invitations into a case: a user or a whole agency, with the parts of the case the team shares
-- with them (JSON list: "interview", "medical", "therapy", "court"). Revoked rows are kept.
CREATE TABLE barnahus_members (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  user_id          TEXT REFERENCES users (id),
  agency_id        TEXT REFERENCES agencies (id),
  shared_parts     TEXT NOT NULL DEFAULT '[]',
  invited_by       TEXT NOT NULL,
  invited_at       INTEGER NOT NULL,
  revoked_at       INTEGER,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK ((user_id IS NULL) <> (agency_id IS NULL))
) STRICT;
CREATE INDEX barnahus_members_by_case ON barnahus_members (barnahus_case_id);
CREATE INDEX barnahus_members_by_user ON barnahus_members (user_id);
CREATE INDEX barnahus_members_by_agency ON barnahus_members (agency_id);

-- Non-offending caregivers and support persons: their own party role in the case.
CREATE TABLE barnahus_parties (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  role             TEXT NOT NULL CHECK (role IN ('non_offending_caregiver', 'support_person')),
  name             TEXT NOT NULL,
  relationship     TEXT NOT NULL DEFAULT '',
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_parties_by_case ON barnahus_parties (barnahus_case_id);

-- Joint planning and review meetings; agencies_present is a JSON list of agency ids, tasks a JSON
-- list of {"agency_id", "task", "due_on"}.
CREATE TABLE barnahus_meetings (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  kind             TEXT NOT NULL CHECK (kind IN ('planning', 'review')),
  held_on          TEXT NOT NULL,
  agencies_present TEXT NOT NULL DEFAULT '[]',
  decisions        TEXT NOT NULL DEFAULT '',
  tasks            TEXT NOT NULL DEFAULT '[]',
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_meetings_by_case ON barnahus_meetings (barnahus_case_id, held_on);

-- Forensic interviews, numbered per case; every interview after the first names its reason.
CREATE TABLE barnahus_interviews (
  id                  TEXT PRIMARY KEY,
  barnahus_case_id    TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id           TEXT NOT NULL REFERENCES agencies (id),
  sequence            INTEGER NOT NULL CHECK (sequence >= 1),
  interviewed_on      TEXT NOT NULL,
  interviewer         TEXT NOT NULL,
  interviewer_user_id TEXT REFERENCES users (id),
  interviewer_trained INTEGER NOT NULL CHECK (interviewer_trained IN (0, 1)),
  protocol            TEXT NOT NULL,
  recorded            INTEGER NOT NULL CHECK (recorded IN (0, 1)),
  place               TEXT NOT NULL,
  used_in_court       INTEGER CHECK (used_in_court IN (0, 1)),
  repeat_reason       TEXT,
  created_by          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  UNIQUE (barnahus_case_id, sequence),
  CHECK (sequence = 1 OR repeat_reason IS NOT NULL)
) STRICT;

-- Medical examinations: offered, done (with the day), acute or not.
CREATE TABLE barnahus_medical_exams (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  offered          INTEGER NOT NULL CHECK (offered IN (0, 1)),
  offered_on       TEXT,
  done             INTEGER NOT NULL CHECK (done IN (0, 1)),
  examined_on      TEXT,
  acute            INTEGER NOT NULL CHECK (acute IN (0, 1)),
  examined_by      TEXT NOT NULL DEFAULT '',
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK (done = 0 OR examined_on IS NOT NULL)
) STRICT;
CREATE INDEX barnahus_medical_exams_by_case ON barnahus_medical_exams (barnahus_case_id);

-- Mental-health assessment, crisis support and therapy, for the child or a non-offending family
-- member (party_id names them).
CREATE TABLE barnahus_therapy (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  service          TEXT NOT NULL,
  recipient        TEXT NOT NULL CHECK (recipient IN ('child', 'family_member')),
  party_id         TEXT REFERENCES barnahus_parties (id),
  offered_on       TEXT,
  started_on       TEXT,
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_therapy_by_case ON barnahus_therapy (barnahus_case_id);

-- Court proceedings and their dates.
CREATE TABLE barnahus_court_dates (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  kind             TEXT NOT NULL,
  held_on          TEXT NOT NULL,
  court            TEXT NOT NULL DEFAULT '',
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_court_dates_by_case ON barnahus_court_dates (barnahus_case_id, held_on);

-- What the child or a caregiver was told at each stage, when, in which language and format.
CREATE TABLE barnahus_information (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  given_on         TEXT NOT NULL,
  stage            TEXT NOT NULL,
  what             TEXT NOT NULL,
  language         TEXT NOT NULL,
  format           TEXT NOT NULL,
  recipient        TEXT NOT NULL CHECK (recipient IN ('child', 'caregiver')),
  party_id         TEXT REFERENCES barnahus_parties (id),
  given_by         TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_information_by_case ON barnahus_information (barnahus_case_id, given_on);

-- Police and prosecutor records (law-enforcement directive data): the text only encrypted
-- (body_ct, bound to the row); agency_id is the recording police or prosecutor agency and
-- shared_with a JSON list of the user and agency ids it was shared with.
CREATE TABLE barnahus_law_enforcement_records (
  id               TEXT PRIMARY KEY,
  barnahus_case_id TEXT NOT NULL REFERENCES barnahus_cases (id),
  agency_id        TEXT NOT NULL REFERENCES agencies (id),
  kind             TEXT NOT NULL,
  recorded_on      TEXT NOT NULL,
  title            TEXT NOT NULL,
  body_ct          BLOB NOT NULL,
  shared_with      TEXT NOT NULL DEFAULT '[]',
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_law_enforcement_records_by_case
  ON barnahus_law_enforcement_records (barnahus_case_id, recorded_on);

-- Staff training per Barnahus (standard 9: capacity building): who, which training, when.
CREATE TABLE barnahus_training_records (
  id                 TEXT PRIMARY KEY,
  barnahus_agency_id TEXT NOT NULL REFERENCES agencies (id),
  user_id            TEXT NOT NULL REFERENCES users (id),
  training           TEXT NOT NULL,
  completed_on       TEXT NOT NULL,
  created_by         TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX barnahus_training_records_by_barnahus
  ON barnahus_training_records (barnahus_agency_id, completed_on);
