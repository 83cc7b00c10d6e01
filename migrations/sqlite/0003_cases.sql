-- 0003_cases (SQLite): what case management ([F3]) keeps beside 0001's children, persons, reports and
-- cases — the rest of a child's description, identity numbers, country-specific fields, and the
-- records of the lifecycle's steps (screening, assessment with risk history, plan, review, closure).
-- migrations/postgres/0003_cases.sql has the same in PostgreSQL's dialect; change both together.
-- Columns are only added (with defaults), so `haven generate`, which writes 0001's columns, keeps
-- working. Referrals, placements, participation, notes, documents and transfers are 0004's.

-- Children: the parts of domain::Child that 0001 lacks. disabilities_ct is the encrypted JSON list
-- of {type, support_needed}; custom_fields is the country form's JSON (sensitive values, if any, in
-- custom_fields_ct).
ALTER TABLE children ADD COLUMN other_names TEXT NOT NULL DEFAULT '[]';
ALTER TABLE children ADD COLUMN birth_date_estimate_basis TEXT;
ALTER TABLE children ADD COLUMN stateless INTEGER NOT NULL DEFAULT 0 CHECK (stateless IN (0, 1));
ALTER TABLE children ADD COLUMN interpreter_needed INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1));
ALTER TABLE children ADD COLUMN disabilities_ct BLOB;
ALTER TABLE children ADD COLUMN migration_status TEXT NOT NULL DEFAULT 'none';
ALTER TABLE children ADD COLUMN registered_on TEXT;
ALTER TABLE children ADD COLUMN young_adult_in_aftercare INTEGER NOT NULL DEFAULT 0 CHECK (young_adult_in_aftercare IN (0, 1));
ALTER TABLE children ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE children ADD COLUMN custom_fields_ct BLOB;
ALTER TABLE children ADD COLUMN created_by TEXT;

-- Persons: the parts of domain::Person that 0001 lacks.
ALTER TABLE persons ADD COLUMN other_names TEXT NOT NULL DEFAULT '[]';
ALTER TABLE persons ADD COLUMN description TEXT;
ALTER TABLE persons ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE persons ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE persons ADD COLUMN interpreter_needed INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1));
ALTER TABLE persons ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '{}';

-- Relationships: household facts of domain::Relationship.
ALTER TABLE relationships ADD COLUMN lives_with INTEGER NOT NULL DEFAULT 0 CHECK (lives_with IN (0, 1));
ALTER TABLE relationships ADD COLUMN note TEXT;

-- Identity numbers of children and persons, one row each: the value only encrypted (bound to this
-- row), the blind index of kind + normalised value for exact look-ups.
CREATE TABLE identity_numbers (
  id          TEXT PRIMARY KEY,
  child_id    TEXT REFERENCES children (id),
  person_id   TEXT REFERENCES persons (id),
  kind        TEXT NOT NULL,
  country     TEXT NOT NULL,
  value_ct    BLOB NOT NULL,
  value_bidx  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  CHECK ((child_id IS NULL) <> (person_id IS NULL))
) STRICT;
CREATE INDEX identity_numbers_by_child ON identity_numbers (child_id);
CREATE INDEX identity_numbers_by_person ON identity_numbers (person_id);
CREATE INDEX identity_numbers_by_bidx ON identity_numbers (value_bidx);

-- Reports: the reporter's organisation, the reporter as a person, country fields, author.
ALTER TABLE reports ADD COLUMN reporter_organisation TEXT;
ALTER TABLE reports ADD COLUMN reporter_person_id TEXT REFERENCES persons (id);
ALTER TABLE reports ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE reports ADD COLUMN created_by TEXT;

-- Cases: the author (four eyes), country fields, the urgency and receipt of the opening report
-- (deadlines before a risk level exists), and the days each step began (deadlines, task lists).
ALTER TABLE cases ADD COLUMN created_by TEXT;
ALTER TABLE cases ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN urgency TEXT NOT NULL DEFAULT 'medium';
ALTER TABLE cases ADD COLUMN reported_at INTEGER;
ALTER TABLE cases ADD COLUMN status_changed_at INTEGER;
ALTER TABLE cases ADD COLUMN assessment_opened_on TEXT;
ALTER TABLE cases ADD COLUMN planning_started_on TEXT;
ALTER TABLE cases ADD COLUMN implementation_started_on TEXT;
ALTER TABLE cases ADD COLUMN last_review_on TEXT;
ALTER TABLE cases ADD COLUMN next_review_on TEXT;
ALTER TABLE cases ADD COLUMN reopen_reason TEXT;
CREATE INDEX cases_by_agency_opened ON cases (agency_id, opened_at, id);
CREATE INDEX cases_by_risk ON cases (risk_level, status);

-- History rows name the case they belong to, so a case's history is one indexed query.
ALTER TABLE record_history ADD COLUMN case_id TEXT;
CREATE INDEX record_history_by_case ON record_history (case_id, changed_at);

-- Step 2: the screening decision on a case, with its reasons (a case has at most one per opening).
CREATE TABLE screening_decisions (
  id              TEXT PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (id),
  decided_on      TEXT NOT NULL,
  decided_by      TEXT NOT NULL,
  open_assessment INTEGER NOT NULL CHECK (open_assessment IN (0, 1)),
  reasons         TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX screening_decisions_by_case ON screening_decisions (case_id, created_at);

-- Step 3: assessments. The sections (safety, health, development, …, the child's views) are one
-- encrypted JSON object; the risk level and completion day stay clear for lists and statistics.
CREATE TABLE assessments (
  id             TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL REFERENCES cases (id),
  started_on     TEXT NOT NULL,
  completed_on   TEXT,
  risk_level     TEXT,
  content_ct     BLOB NOT NULL,
  custom_fields  TEXT NOT NULL DEFAULT '{}',
  created_by     TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX assessments_by_case ON assessments (case_id, created_at);

-- Every risk level a case has had, with where it came from (an assessment or a review).
CREATE TABLE risk_levels (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  risk_level  TEXT NOT NULL,
  rationale   TEXT NOT NULL,
  source      TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  set_by      TEXT NOT NULL,
  set_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX risk_levels_by_case ON risk_levels (case_id, set_at);

-- Step 4: case plans. Goals with their actions are a JSON list; approval follows
-- draft → submitted → approved | returned (with the supervisor's comment).
CREATE TABLE case_plans (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  goals            TEXT NOT NULL DEFAULT '[]',
  child_views      TEXT NOT NULL DEFAULT '',
  caregiver_views  TEXT NOT NULL DEFAULT '',
  approval         TEXT NOT NULL DEFAULT 'draft',
  submitted_by     TEXT,
  submitted_on     TEXT,
  approved_by      TEXT,
  approved_on      TEXT,
  approval_comment TEXT,
  custom_fields    TEXT NOT NULL DEFAULT '{}',
  created_by       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX case_plans_by_case ON case_plans (case_id, created_at);

-- Step 5: reviews of the plan, each re-rating the risk.
CREATE TABLE case_reviews (
  id                 TEXT PRIMARY KEY,
  case_id            TEXT NOT NULL REFERENCES cases (id),
  held_on            TEXT NOT NULL,
  progress           TEXT NOT NULL,
  risk_level         TEXT NOT NULL,
  risk_rationale     TEXT NOT NULL,
  decisions          TEXT NOT NULL,
  placement_review   INTEGER NOT NULL DEFAULT 0 CHECK (placement_review IN (0, 1)),
  child_participated INTEGER NOT NULL DEFAULT 0 CHECK (child_participated IN (0, 1)),
  next_review_on     TEXT,
  created_by         TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX case_reviews_by_case ON case_reviews (case_id, created_at);

-- Step 6: closure — reason, summary, the leaving-care plan (encrypted), request and approval.
CREATE TABLE case_closures (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  reason               TEXT NOT NULL,
  reason_detail        TEXT NOT NULL DEFAULT '',
  closing_on           TEXT NOT NULL,
  summary              TEXT NOT NULL DEFAULT '',
  leaving_care_plan_ct BLOB,
  requested_by         TEXT,
  requested_on         TEXT,
  approved_by          TEXT,
  approved_on          TEXT,
  created_by           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX case_closures_by_case ON case_closures (case_id, created_at);
