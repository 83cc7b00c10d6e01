// Users, their second-factor state and recovery codes as rows: the SQL behind UserService and
// AuthService. Secrets arrive here already hashed or encrypted; this file never sees plaintext.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct UserRow {
  std::string id;
  std::string username;  // normalised: lower-case
  std::string display_name;
  std::string agency_id;
  std::string role;  // security::role_name
  std::string password_hash;
  std::optional<Blob> totp_secret_ct;  // field ciphertext (users.totp_secret of this row)
  std::optional<int64_t> totp_confirmed_at;
  std::optional<int64_t> totp_last_step;
  std::string status;  // "active" | "disabled"
  int64_t version = 1;
  int64_t created_at = 0;
  std::optional<int64_t> last_login_at;
};

struct RecoveryCodeRow {
  int64_t idx = 0;
  std::string code_hash;
  std::optional<int64_t> used_at;
};

class UserRepository {
 public:
  static void insert(Tx& tx, const UserRow& row);
  static std::optional<UserRow> find(Tx& tx, const std::string& id);
  static std::optional<UserRow> find_by_username(Tx& tx, const std::string& username);
  static std::vector<UserRow> list(Tx& tx);
  // Display names by id for `ids` (unknown ids are left out), in one query.
  static std::map<std::string, std::string> display_names(Tx& tx,
                                                          const std::vector<std::string>& ids);
  static int64_t count(Tx& tx);
  // Replaces the password hash; bumps version. False if the user does not exist.
  static bool set_password(Tx& tx, const std::string& id, const std::string& hash, int64_t now);
  // Stores a new (unconfirmed) TOTP secret ciphertext, clearing confirmation and replay step.
  static void set_pending_totp(Tx& tx, const std::string& id, const Blob& ct, int64_t now);
  static void confirm_totp(Tx& tx, const std::string& id, int64_t step, int64_t now);
  // Records the step of an accepted code; false if a concurrent sign-in already used it or later
  // (the UPDATE only applies when the stored step is older), which the caller treats as a replay.
  static bool use_totp_step(Tx& tx, const std::string& id, int64_t step);
  static void record_login(Tx& tx, const std::string& id, int64_t now);

  static void replace_recovery_codes(Tx& tx, const std::string& user_id,
                                     const std::vector<RecoveryCodeRow>& codes, int64_t now);
  static std::vector<RecoveryCodeRow> recovery_codes(Tx& tx, const std::string& user_id);
  // Marks one code used; false if it already was (a concurrent redemption).
  static bool use_recovery_code(Tx& tx, const std::string& user_id, int64_t idx, int64_t now);
};

}  // namespace haven::store
