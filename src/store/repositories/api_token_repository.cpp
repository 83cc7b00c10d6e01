// SQL for API tokens.
#include "store/repositories/api_token_repository.h"

namespace haven::store {

namespace {
constexpr const char* kApiTokenSelect =
    "SELECT id, token_hash, user_id, name, scopes, created_at, expires_at, revoked_at, "
    "last_used_at FROM api_tokens ";
ApiTokenRow api_token_from_row(const Row& r) {
  return {r.text(0),    r.blob(1),    r.text(2),        r.text(3),       r.text(4),
          r.integer(5), r.integer(6), r.opt_integer(7), r.opt_integer(8)};
}
}  // namespace

void ApiTokenRepository::insert(Tx& tx, const ApiTokenRow& t) {
  tx.execute(
      "INSERT INTO api_tokens (id, token_hash, user_id, name, scopes, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      params(t.id, t.token_hash, t.user_id, t.name, t.scopes_json, t.created_at, t.expires_at));
}

std::optional<ApiTokenRow> ApiTokenRepository::find_by_hash(Tx& tx, const Blob& token_hash) {
  auto r = tx.query_one(std::string(kApiTokenSelect) + "WHERE token_hash = $1", params(token_hash));
  if (!r) return std::nullopt;
  return api_token_from_row(*r);
}

std::optional<ApiTokenRow> ApiTokenRepository::find(Tx& tx, const std::string& id) {
  auto r = tx.query_one(std::string(kApiTokenSelect) + "WHERE id = $1", params(id));
  if (!r) return std::nullopt;
  return api_token_from_row(*r);
}

std::vector<ApiTokenRow> ApiTokenRepository::list(Tx& tx) {
  std::vector<ApiTokenRow> out;
  for (const Row& r : tx.query(std::string(kApiTokenSelect) + "ORDER BY created_at"))
    out.push_back(api_token_from_row(r));
  return out;
}

bool ApiTokenRepository::revoke(Tx& tx, const std::string& id, int64_t now) {
  return tx.execute("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                    params(id, now)) == 1;
}

void ApiTokenRepository::touch(Tx& tx, const std::string& id, int64_t now) {
  tx.execute("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", params(id, now));
}

}  // namespace haven::store
