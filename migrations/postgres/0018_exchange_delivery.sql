-- 0018_exchange_delivery (PostgreSQL): delivery of exchange packages ([X1], docs/EXCHANGE.md).
-- transnational_referrals.delivered_at: when the partner's signed receipt for the request package
-- came back (over HTTPS, or carried back as a file); NULL until then.
-- exchange_seen_messages.digest: the digest of the accepted envelope, so the very same package
-- delivered again (a retry after a lost receipt) is recognised and answered with a receipt, while
-- another package under a used message id is still refused as a replay.
-- exchange_outbox: a package recorded before it is delivered (record, then deliver): the sealed
-- envelope (signed and encrypted to the partner) kept until the partner's receipt comes back, so a
-- failed delivery is retried with the same package and message id.
-- migrations/sqlite/0018_exchange_delivery.sql has the same in SQLite's dialect.
ALTER TABLE transnational_referrals ADD COLUMN delivered_at BIGINT;
ALTER TABLE exchange_seen_messages ADD COLUMN digest TEXT NOT NULL DEFAULT '';

CREATE TABLE exchange_outbox (
  message_id         TEXT PRIMARY KEY,
  referral_id        TEXT NOT NULL REFERENCES transnational_referrals (id),
  kind               TEXT NOT NULL,
  partner_authority  TEXT NOT NULL,
  envelope           TEXT NOT NULL,  -- sealed to the partner: readable only with its key
  created_at         BIGINT NOT NULL,
  attempts           BIGINT NOT NULL DEFAULT 0,
  last_error         TEXT NOT NULL DEFAULT '',
  delivered_at       BIGINT,        -- the receipt came back; the envelope is then cleared
  version            BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX exchange_outbox_pending ON exchange_outbox (referral_id, delivered_at);
