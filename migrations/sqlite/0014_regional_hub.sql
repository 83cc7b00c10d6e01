-- 0014_regional_hub (SQLite): the regional hub's own tables ([R1], [X1]); a hub holds no personal
-- data, only what national instances send it. hub_releases keeps every accepted statistics release
-- (the signed SDMX-CSV text as received, its detached signature and the key that made it), one row
-- per version: release_version counts 1, 2, … per country and period in the order accepted, and
-- prepared_at (signed by the sender) decides which is newer. hub_linkage_uploads holds each
-- country's latest linkage encodings (a newer upload from the same country replaces it, with its
-- runs); hub_linkage_runs and hub_linkage_links keep what one match of two uploads returns to each
-- country: link numbers beside its own record references, never a score.
-- migrations/postgres/0014_regional_hub.sql has the same in PostgreSQL's dialect.
CREATE TABLE hub_releases (
  id              TEXT PRIMARY KEY,
  country         TEXT NOT NULL,     -- ISO 3166-1 alpha-2, as signed and as in every row of the CSV
  authority       TEXT NOT NULL,     -- the publishing authority, as on the hub's trust list
  period          TEXT NOT NULL,     -- '2026' or '2026-Q1'
  release_version INTEGER NOT NULL,  -- 1, 2, … per (country, period), in the order accepted
  prepared_at     INTEGER NOT NULL,  -- ms UTC, when the sender computed it (signed)
  received_at     INTEGER NOT NULL,  -- ms UTC, when the hub accepted it
  dataflow        TEXT NOT NULL,     -- 'CBSS:CHILD_PROTECTION(1.0)'
  sdmx_csv        TEXT NOT NULL,     -- the release exactly as signed
  digest          TEXT NOT NULL,     -- BLAKE2b-256 of sdmx_csv, hex
  signature       TEXT NOT NULL,     -- Ed25519 detached signature, base64
  signer_key      TEXT NOT NULL,     -- the Ed25519 public key that verified it, base64
  observations    INTEGER NOT NULL,  -- rows in the CSV
  withheld        INTEGER NOT NULL,  -- rows withheld (CONF_STATUS C or D)
  version         INTEGER NOT NULL DEFAULT 1,
  UNIQUE (country, period, release_version)
) STRICT;
CREATE INDEX hub_releases_by_received ON hub_releases (received_at);

CREATE TABLE hub_linkage_uploads (
  id              TEXT PRIMARY KEY,
  country         TEXT NOT NULL,
  authority       TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,     -- 16 hex digits: which linkage secret (names it only)
  records         INTEGER NOT NULL,
  encodings       BLOB NOT NULL,     -- the file of `haven link encode`, as signed
  digest          TEXT NOT NULL,
  signature       TEXT NOT NULL,
  signer_key      TEXT NOT NULL,
  uploaded_at     INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX hub_linkage_uploads_by_country ON hub_linkage_uploads (country, uploaded_at);

CREATE TABLE hub_linkage_runs (
  id         TEXT PRIMARY KEY,
  upload_a   TEXT NOT NULL REFERENCES hub_linkage_uploads (id) ON DELETE CASCADE,
  upload_b   TEXT NOT NULL REFERENCES hub_linkage_uploads (id) ON DELETE CASCADE,
  country_a  TEXT NOT NULL,
  country_b  TEXT NOT NULL,
  pairs      INTEGER NOT NULL,
  compared   INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (upload_a, upload_b)
) STRICT;

CREATE TABLE hub_linkage_links (
  run_id  TEXT NOT NULL REFERENCES hub_linkage_runs (id) ON DELETE CASCADE,
  country TEXT NOT NULL,  -- whose record this is
  link    TEXT NOT NULL,  -- 16 hex digits, shared by the two countries' rows of one pair
  record  TEXT NOT NULL,  -- 16 hex digits: the country's own record reference
  PRIMARY KEY (run_id, country, link)
) STRICT;
