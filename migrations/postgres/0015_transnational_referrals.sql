-- 0015_transnational_referrals (PostgreSQL): transnational referrals ([X1]) and the linkage review
-- queue. A referral is outgoing (drafted here from a case, approved by a supervisor, sealed and
-- sent to a partner authority) or incoming (made from an accepted package, seen by this country's
-- contact points). The fields it carries across the border are sealed with the key ring
-- (fields_ct, answer_ct: JSON). linkage_review_pairs holds candidate pairs from a linkage run until
-- a contact point confirms (a draft referral is opened) or rejects them.
-- migrations/sqlite/0015_transnational_referrals.sql has the same in SQLite's dialect.
CREATE TABLE transnational_referrals (
  id                TEXT PRIMARY KEY,
  direction         TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  case_id           TEXT REFERENCES cases (id),     -- outgoing: the case it was drafted from
  child_id          TEXT REFERENCES children (id),  -- outgoing: the child it is about
  agency_id         TEXT NOT NULL DEFAULT '',       -- the case's agency; '' for incoming
  country           TEXT NOT NULL,                  -- this instance's country
  request_type      TEXT NOT NULL,
  partner_country   TEXT NOT NULL,
  partner_authority TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'acknowledged',
                                                    'answered', 'closed', 'rejected', 'withdrawn')),
  legal_basis       TEXT NOT NULL DEFAULT '',
  purpose           TEXT NOT NULL DEFAULT '',
  fields_ct         BYTEA NOT NULL,  -- the template's fields, JSON object, encrypted
  answer_ct         BYTEA,           -- the answer (sent or received), JSON object, encrypted
  reason            TEXT NOT NULL DEFAULT '',  -- why it was rejected or withdrawn
  approved_by       TEXT,
  approved_at       BIGINT,
  message_id        TEXT,  -- the request package's id (sent, or received)
  answer_message_id TEXT,  -- the answer package's id
  review_pair_id    TEXT,  -- opened from a confirmed linkage pair
  created_by        TEXT NOT NULL,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  version           BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX transnational_referrals_by_case ON transnational_referrals (case_id);
CREATE INDEX transnational_referrals_by_status ON transnational_referrals (country, direction, status);
CREATE UNIQUE INDEX transnational_referrals_by_message ON transnational_referrals (message_id);

CREATE TABLE linkage_review_pairs (
  id                TEXT PRIMARY KEY,
  child_id          TEXT NOT NULL REFERENCES children (id),
  country           TEXT NOT NULL,  -- this instance's country (of the child's case)
  agency_id         TEXT NOT NULL,  -- the agency of the child's latest case
  local_reference   TEXT NOT NULL,  -- this instance's record reference in the pairs file
  partner_country   TEXT NOT NULL,
  partner_reference TEXT NOT NULL,  -- the partner's record reference or link number
  status            TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  referral_id       TEXT,           -- the draft referral a confirmation opened
  imported_by       TEXT NOT NULL,
  imported_at       BIGINT NOT NULL,
  decided_by        TEXT,
  decided_at        BIGINT,
  version           BIGINT NOT NULL DEFAULT 1,
  UNIQUE (child_id, partner_country, partner_reference)
);
CREATE INDEX linkage_review_pairs_by_status ON linkage_review_pairs (country, status, imported_at);
