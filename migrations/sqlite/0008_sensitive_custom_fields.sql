-- 0008_sensitive_custom_fields: the values of country form fields marked sensitive or
-- special_category (config/forms/*.toml) are kept encrypted, one ciphertext per record holding all of
-- that record's sensitive values as a JSON object; the readable ones stay in the record's
-- custom_fields column. case_id lets a case view read the sealed values of all its records in one
-- query. The ciphertext names its key, and `haven keys rotate` re-encrypts it (service/key_service.cpp).
-- The unused children.custom_fields_ct column of 0003 is dropped: this table replaces it.
-- migrations/postgres/0008_sensitive_custom_fields.sql has the same in PostgreSQL's dialect.
CREATE TABLE sensitive_custom_fields (
  record_id   TEXT PRIMARY KEY,   -- the child, report, case, assessment or plan (UUIDv7, unique)
  record_type TEXT NOT NULL CHECK (record_type IN ('child', 'report', 'case', 'assessment', 'plan')),
  case_id     TEXT REFERENCES cases (id),
  values_ct   BLOB NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX sensitive_custom_fields_by_case ON sensitive_custom_fields (case_id);

ALTER TABLE children DROP COLUMN custom_fields_ct;
