-- 0001_base (PostgreSQL): the first schema — organisation, people, reports, cases, history, audit, sessions.
-- migrations/sqlite/0001_base.sql has the same tables in SQLite's dialect; change both together.
-- Rules (docs/DESIGN.md "Storage rules"): ids are UUIDv7 TEXT; instants are BIGINT milliseconds since
-- the epoch, UTC; calendar dates are TEXT 'YYYY-MM-DD'; flags are INTEGER 0/1; JSON lists are TEXT;
-- `…_ct` columns hold ciphertexts that name their key id; `…_bidx` columns hold keyed blind-index
-- hashes for exact look-ups. Every aggregate row carries `version` (bumped by each update that names
-- the version it read), `created_at` and `updated_at`.

-- Instance-wide settings an administrator can change (instance country, policy choices), key → value.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Organisations that hold or share cases: municipal services, national authorities, police, Barnahus.
CREATE TABLE agencies (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  country    TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
  parent_id  TEXT REFERENCES agencies (id),
  status     TEXT NOT NULL DEFAULT 'active',
  version    INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX agencies_by_parent ON agencies (parent_id);

-- Working groups inside an agency; cases can be assigned to a team as well as to a worker.
CREATE TABLE teams (
  id         TEXT PRIMARY KEY,
  agency_id  TEXT NOT NULL REFERENCES agencies (id),
  name       TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (agency_id, name)
);

-- People who sign in: caseworkers, supervisors, Barnahus members, analysts, administrators.
CREATE TABLE users (
  id                  TEXT PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  email               TEXT,
  agency_id           TEXT NOT NULL REFERENCES agencies (id),
  role                TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  password_changed_at BIGINT,
  totp_secret         BYTEA,
  language            TEXT NOT NULL DEFAULT 'en',
  status              TEXT NOT NULL DEFAULT 'active',
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        BIGINT,
  last_login_at       BIGINT,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL
);
CREATE INDEX users_by_agency ON users (agency_id);

-- Which users belong to which teams (a user may be on several).
CREATE TABLE team_members (
  team_id    TEXT NOT NULL REFERENCES teams (id),
  user_id    TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id);

-- Children known to the service; names kept as typed (with diacritics), duplicates merged into one.
CREATE TABLE children (
  id                    TEXT PRIMARY KEY,
  agency_id             TEXT NOT NULL REFERENCES agencies (id),
  given_names           TEXT NOT NULL,
  family_names          TEXT NOT NULL,
  names_original_script TEXT,
  sex                   TEXT NOT NULL DEFAULT 'unknown',
  birth_date            TEXT,
  birth_date_estimated  INTEGER NOT NULL DEFAULT 0 CHECK (birth_date_estimated IN (0, 1)),
  nationalities         TEXT NOT NULL DEFAULT '[]',
  languages             TEXT NOT NULL DEFAULT '[]',
  identity_number_ct    BYTEA,
  identity_number_bidx  BYTEA,
  merged_into           TEXT REFERENCES children (id),
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX children_by_family_name ON children (family_names, given_names);
CREATE INDEX children_by_agency ON children (agency_id);
CREATE INDEX children_by_identity_bidx ON children (identity_number_bidx);
CREATE INDEX children_by_merged_into ON children (merged_into);

-- Adults and others around a child: parents, carers, guardians, support persons, alleged perpetrators.
CREATE TABLE persons (
  id                    TEXT PRIMARY KEY,
  agency_id             TEXT NOT NULL REFERENCES agencies (id),
  given_names           TEXT NOT NULL,
  family_names          TEXT NOT NULL,
  names_original_script TEXT,
  sex                   TEXT NOT NULL DEFAULT 'unknown',
  birth_date            TEXT,
  birth_date_estimated  INTEGER NOT NULL DEFAULT 0 CHECK (birth_date_estimated IN (0, 1)),
  contact_ct            BYTEA,
  identity_number_ct    BYTEA,
  identity_number_bidx  BYTEA,
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX persons_by_family_name ON persons (family_names, given_names);
CREATE INDEX persons_by_identity_bidx ON persons (identity_number_bidx);

-- A typed link from a child or person to a child or person ("mother of", "sibling of", "guardian of").
CREATE TABLE relationships (
  id              TEXT PRIMARY KEY,
  from_child_id   TEXT REFERENCES children (id),
  from_person_id  TEXT REFERENCES persons (id),
  to_child_id     TEXT REFERENCES children (id),
  to_person_id    TEXT REFERENCES persons (id),
  type            TEXT NOT NULL,
  legal_guardian  INTEGER NOT NULL DEFAULT 0 CHECK (legal_guardian IN (0, 1)),
  valid_from      TEXT,
  valid_to        TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  CHECK ((from_child_id IS NULL) <> (from_person_id IS NULL)),
  CHECK ((to_child_id IS NULL) <> (to_person_id IS NULL))
);
CREATE INDEX relationships_from_child ON relationships (from_child_id);
CREATE INDEX relationships_from_person ON relationships (from_person_id);
CREATE INDEX relationships_to_child ON relationships (to_child_id);
CREATE INDEX relationships_to_person ON relationships (to_person_id);

-- Per-country, per-year counters behind human case numbers such as SE-2026-000123.
CREATE TABLE case_number_counters (
  country TEXT NOT NULL CHECK (length(country) = 2),
  year    INTEGER NOT NULL,
  next    BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (country, year)
);

-- A child protection case: one child, one responsible agency, a lifecycle from opening to closure.
CREATE TABLE cases (
  id                 TEXT PRIMARY KEY,
  case_number        TEXT NOT NULL UNIQUE,
  child_id           TEXT NOT NULL REFERENCES children (id),
  agency_id          TEXT NOT NULL REFERENCES agencies (id),
  status             TEXT NOT NULL,
  risk_level         TEXT,
  assigned_worker_id TEXT REFERENCES users (id),
  team_id            TEXT REFERENCES teams (id),
  restricted         INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  opened_at          BIGINT NOT NULL,
  closed_at          BIGINT,
  closure_reason     TEXT,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL
);
CREATE INDEX cases_by_agency_status ON cases (agency_id, status);
CREATE INDEX cases_by_worker_status ON cases (assigned_worker_id, status);
CREATE INDEX cases_by_team_status ON cases (team_id, status);
CREATE INDEX cases_by_child ON cases (child_id);

-- Reports of concern as received (step 1): who reported, how, what was observed, how urgent.
CREATE TABLE reports (
  id                 TEXT PRIMARY KEY,
  agency_id          TEXT NOT NULL REFERENCES agencies (id),
  received_at        BIGINT NOT NULL,
  received_by        TEXT REFERENCES users (id),
  channel            TEXT NOT NULL,
  reporter_type      TEXT NOT NULL,
  reporter_ct        BYTEA,
  concern_categories TEXT NOT NULL DEFAULT '[]',
  narrative_ct       BYTEA,
  urgency            TEXT NOT NULL,
  status             TEXT NOT NULL DEFAULT 'received',
  child_id           TEXT REFERENCES children (id),
  case_id            TEXT REFERENCES cases (id),
  screening_decision TEXT,
  screened_at        BIGINT,
  screened_by        TEXT REFERENCES users (id),
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL
);
CREATE INDEX reports_by_agency_received ON reports (agency_id, received_at);
CREATE INDEX reports_by_child ON reports (child_id);
CREATE INDEX reports_by_case ON reports (case_id);

-- Every change to a record, field by field (who, when, old → new); sensitive values only encrypted.
CREATE TABLE record_history (
  id             TEXT PRIMARY KEY,
  entity         TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  entity_version INTEGER NOT NULL,
  field          TEXT NOT NULL,
  old_value      TEXT,
  new_value      TEXT,
  old_value_ct   BYTEA,
  new_value_ct   BYTEA,
  changed_by     TEXT,
  changed_at     BIGINT NOT NULL,
  request_id     TEXT
);
CREATE INDEX record_history_by_entity ON record_history (entity, entity_id, changed_at);
CREATE INDEX record_history_by_user ON record_history (changed_by, changed_at);

-- The hash-chained audit log of every read and write of personal data; append-only, never updated.
CREATE TABLE audit_events (
  seq        BIGINT PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  at         BIGINT NOT NULL,
  actor_id   TEXT,
  role       TEXT,
  agency_id  TEXT,
  action     TEXT NOT NULL,
  entity     TEXT,
  entity_id  TEXT,
  purpose    TEXT,
  outcome    TEXT NOT NULL,
  request_id TEXT,
  details    TEXT,
  prev_hash  BYTEA NOT NULL,
  hash       BYTEA NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events (entity, entity_id, seq);
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_by_time ON audit_events (at);

-- Signed-in sessions, found by the hash of their token so every haven process can check them.
CREATE TABLE sessions (
  token_hash      BYTEA PRIMARY KEY,
  user_id         TEXT NOT NULL REFERENCES users (id),
  csrf_secret     BYTEA NOT NULL,
  second_factor   INTEGER NOT NULL DEFAULT 0 CHECK (second_factor IN (0, 1)),
  created_at      BIGINT NOT NULL,
  last_seen_at    BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  client_address  TEXT,
  user_agent      TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
