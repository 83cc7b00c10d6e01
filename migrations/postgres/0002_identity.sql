-- 0002_identity (PostgreSQL): what signing in and API access need beside 0001's users and sessions —
-- TOTP enrolment state and the replay step, recovery codes, login attempts for throttling, API tokens.
-- migrations/sqlite/0002_identity.sql has the same tables in SQLite's dialect; change both together.
-- users.totp_secret (from 0001) holds the TOTP secret as a field ciphertext (security/field_cipher.h)
-- bound to users.totp_secret of its row; it is set at enrolment and counts only once confirmed.

ALTER TABLE users ADD COLUMN totp_confirmed_at BIGINT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- Agency names are unique within a country, so `--agency NAME` finds exactly one.
CREATE UNIQUE INDEX agencies_by_country_name ON agencies (country, name);

-- Single-use recovery codes for a lost authenticator, stored only as keyed hashes.
CREATE TABLE recovery_codes (
  user_id    TEXT NOT NULL REFERENCES users (id),
  idx        INTEGER NOT NULL,
  code_hash  TEXT NOT NULL,
  used_at    BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, idx)
);

-- Every sign-in attempt by typed (normalised) username and client address, for throttling and lockout.
CREATE TABLE login_attempts (
  id       TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  address  TEXT NOT NULL,
  at       BIGINT NOT NULL,
  success  INTEGER NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_by_username ON login_attempts (username, at);
CREATE INDEX login_attempts_by_address ON login_attempts (address, at);

-- Bearer tokens for machine clients: scoped (JSON list of permissions), expiring, revocable; hashes only.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  token_hash   BYTEA NOT NULL UNIQUE,
  user_id      TEXT NOT NULL REFERENCES users (id),
  name         TEXT NOT NULL,
  scopes       TEXT NOT NULL DEFAULT '[]',
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  revoked_at   BIGINT,
  last_used_at BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
