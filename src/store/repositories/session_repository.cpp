// SQL for sessions and login attempts.
#include "store/repositories/session_repository.h"

namespace haven::store {

void SessionRepository::insert(Tx& tx, const SessionRow& s) {
  tx.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_secret, second_factor, created_at, "
      "last_seen_at, expires_at, client_address, user_agent) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      // csrf_secret (0001) is unused: CSRF tokens are derived from the token hash and a server key.
      params(s.token_hash, s.user_id, Blob{}, s.second_factor, s.created_at, s.last_seen_at,
             s.expires_at, s.client_address, s.user_agent));
}

std::optional<SessionRow> SessionRepository::find(Tx& tx, const Blob& token_hash) {
  auto r = tx.query_one(
      "SELECT token_hash, user_id, second_factor, created_at, last_seen_at, expires_at, "
      "client_address, user_agent FROM sessions WHERE token_hash = $1",
      params(token_hash));
  if (!r) return std::nullopt;
  return SessionRow{r->blob(0),    r->text(1),    r->boolean(2),
                    r->integer(3), r->integer(4), r->integer(5),
                    r->opt_text(6).value_or(""), r->opt_text(7).value_or("")};
}

void SessionRepository::touch(Tx& tx, const Blob& token_hash, int64_t last_seen_at,
                              int64_t expires_at) {
  tx.execute("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1",
             params(token_hash, last_seen_at, expires_at));
}

void SessionRepository::set_second_factor(Tx& tx, const Blob& token_hash) {
  tx.execute("UPDATE sessions SET second_factor = 1 WHERE token_hash = $1", params(token_hash));
}

bool SessionRepository::remove(Tx& tx, const Blob& token_hash) {
  return tx.execute("DELETE FROM sessions WHERE token_hash = $1", params(token_hash)) > 0;
}

int64_t SessionRepository::remove_all_of_user(Tx& tx, const std::string& user_id) {
  return tx.execute("DELETE FROM sessions WHERE user_id = $1", params(user_id));
}

void SessionRepository::record_attempt(Tx& tx, const std::string& id, const std::string& username,
                                       const std::string& address, int64_t at, bool success) {
  tx.execute(
      "INSERT INTO login_attempts (id, username, address, at, success) VALUES ($1, $2, $3, $4, $5)",
      params(id, username, address, at, success));
}

LoginFailureCounts SessionRepository::failures(Tx& tx, const std::string& username,
                                               const std::string& address, int64_t address_since) {
  LoginFailureCounts c;
  auto account = tx.query_one(
      "SELECT COUNT(*), MAX(at) FROM login_attempts WHERE username = $1 AND success = 0 AND "
      "at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE username = $1 AND success = 1), -1)",
      params(username));
  c.account_failures = static_cast<int>(account->integer(0));
  c.last_account_failure_at = account->opt_integer(1);
  auto by_address = tx.query_one(
      "SELECT COUNT(*), MIN(at) FROM login_attempts WHERE address = $1 AND success = 0 AND at > $2",
      params(address, address_since));
  c.address_failures = static_cast<int>(by_address->integer(0));
  c.oldest_address_failure_at = by_address->opt_integer(1);
  return c;
}

}  // namespace haven::store
