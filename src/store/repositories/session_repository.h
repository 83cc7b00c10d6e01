// Sign-in sessions and login attempts as rows: the SQL behind AuthService. Sessions are found by the
// hash of their token, so every process sharing the database can check them; no token is stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace haven::store {

struct SessionRow {
  Blob token_hash;
  std::string user_id;
  bool second_factor = false;  // false: an enrolment-only session (password checked, TOTP not yet set up)
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
  std::string client_address;
  std::string user_agent;
};

struct LoginFailureCounts {
  int account_failures = 0;  // consecutive, since the account name's last success
  std::optional<int64_t> last_account_failure_at;
  int address_failures = 0;  // since `address_since`
  std::optional<int64_t> oldest_address_failure_at;
};

class SessionRepository {
 public:
  static void insert(Tx& tx, const SessionRow& row);
  static std::optional<SessionRow> find(Tx& tx, const Blob& token_hash);
  static void touch(Tx& tx, const Blob& token_hash, int64_t last_seen_at, int64_t expires_at);
  // An enrolment session whose user just confirmed a second factor becomes a full session.
  static void set_second_factor(Tx& tx, const Blob& token_hash);
  // True if a row was deleted.
  static bool remove(Tx& tx, const Blob& token_hash);
  static int64_t remove_all_of_user(Tx& tx, const std::string& user_id);

  static void record_attempt(Tx& tx, const std::string& id, const std::string& username,
                             const std::string& address, int64_t at, bool success);
  static LoginFailureCounts failures(Tx& tx, const std::string& username,
                                     const std::string& address, int64_t address_since);
};

}  // namespace haven::store
