// API bearer tokens as rows: found by the hash of the token; scopes as a JSON list of permissions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ApiTokenRow {
  std::string id;
  Blob token_hash;
  std::string user_id;
  std::string name;
  std::string scopes_json;  // ["case.read", …]
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> revoked_at;
  std::optional<int64_t> last_used_at;
};

class ApiTokenRepository {
 public:
  static void insert(Tx& tx, const ApiTokenRow& row);
  static std::optional<ApiTokenRow> find_by_hash(Tx& tx, const Blob& token_hash);
  static std::optional<ApiTokenRow> find(Tx& tx, const std::string& id);
  static std::vector<ApiTokenRow> list(Tx& tx);
  // Sets revoked_at if not yet revoked; false if no such (unrevoked) token.
  static bool revoke(Tx& tx, const std::string& id, int64_t now);
  static void touch(Tx& tx, const std::string& id, int64_t now);
};

}  // namespace haven::store
