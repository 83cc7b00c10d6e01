-- 0013_linkage_exchange (PostgreSQL): cross-border linkage and exchange ([X1]). linkage_exports and
-- linkage_refs keep, for each `haven link encode`, the map from the random record references in
-- the encoding file back to the children (only this instance can resolve a match; delete the
-- export once its review is done). exchange_seen_messages holds the message id of every package
-- accepted, so a replayed package is refused; exchange_messages is the log of every package sent,
-- received or refused: sender and receiver authority, legal basis, purpose, data categories, date.
-- migrations/sqlite/0013_linkage_exchange.sql has the same in SQLite's dialect.
CREATE TABLE linkage_exports (
  id              TEXT PRIMARY KEY,
  key_fingerprint TEXT NOT NULL,  -- hex of the linkage secret's fingerprint (names the secret only)
  records         BIGINT NOT NULL,
  skipped         BIGINT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  version         BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE linkage_refs (
  export_id TEXT NOT NULL REFERENCES linkage_exports (id) ON DELETE CASCADE,
  ref       TEXT NOT NULL,  -- 16 hex digits, as in the match output
  child_id  TEXT NOT NULL REFERENCES children (id),
  PRIMARY KEY (export_id, ref)
);

CREATE TABLE exchange_seen_messages (
  message_id     TEXT PRIMARY KEY,
  sender_country TEXT NOT NULL,
  sender         TEXT NOT NULL,
  received_at    BIGINT NOT NULL,
  expires_at     BIGINT NOT NULL
);

CREATE TABLE exchange_messages (
  id                 TEXT PRIMARY KEY,
  message_id         TEXT NOT NULL,  -- the package's own id ('' when it could not be read)
  direction          TEXT NOT NULL CHECK (direction IN ('sent', 'received', 'refused')),
  kind               TEXT NOT NULL DEFAULT '',    -- referral, receipt, …
  sender_country     TEXT NOT NULL,
  sender_authority   TEXT NOT NULL,
  receiver_country   TEXT NOT NULL,
  receiver_authority TEXT NOT NULL,
  legal_basis        TEXT NOT NULL,
  purpose            TEXT NOT NULL,
  data_categories    TEXT NOT NULL DEFAULT '[]',  -- JSON array of category codes
  reason             TEXT NOT NULL DEFAULT '',    -- why a package was refused
  at                 BIGINT NOT NULL,
  version            BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX exchange_messages_by_at ON exchange_messages (at);
CREATE INDEX exchange_messages_by_message ON exchange_messages (message_id);
