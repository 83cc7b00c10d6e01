// SQL for users, TOTP state and recovery codes.
#include "store/repositories/user_repository.h"

#include "store/repositories/by_ids.h"

namespace haven::store {

namespace {
constexpr const char* kUserSelect =
    "SELECT id, username, display_name, agency_id, role, password_hash, totp_secret, "
    "totp_confirmed_at, totp_last_step, status, version, created_at, last_login_at FROM users ";

UserRow user_from_row(const Row& r) {
  UserRow u;
  u.id = r.text(0);
  u.username = r.text(1);
  u.display_name = r.text(2);
  u.agency_id = r.text(3);
  u.role = r.text(4);
  u.password_hash = r.text(5);
  if (!r.is_null(6)) u.totp_secret_ct = r.blob(6);
  u.totp_confirmed_at = r.opt_integer(7);
  u.totp_last_step = r.opt_integer(8);
  u.status = r.text(9);
  u.version = r.integer(10);
  u.created_at = r.integer(11);
  u.last_login_at = r.opt_integer(12);
  return u;
}
}  // namespace

void UserRepository::insert(Tx& tx, const UserRow& u) {
  tx.execute(
      "INSERT INTO users (id, username, display_name, agency_id, role, password_hash, "
      "password_changed_at, status, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $7, $7)",
      params(u.id, u.username, u.display_name, u.agency_id, u.role, u.password_hash, u.created_at,
             u.status));
}

std::optional<UserRow> UserRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kUserSelect) + "WHERE id = $1", params(id));
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::optional<UserRow> UserRepository::find_by_username(Tx& tx, const std::string& username) {
  auto row = tx.query_one(std::string(kUserSelect) + "WHERE username = $1", params(username));
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::map<std::string, std::string> UserRepository::display_names(
    Tx& tx, const std::vector<std::string>& ids) {
  return text_by_ids(tx, "SELECT id, display_name FROM users", ids);
}

std::vector<UserRow> UserRepository::list(Tx& tx) {
  std::vector<UserRow> out;
  for (const Row& r : tx.query(std::string(kUserSelect) + "ORDER BY username"))
    out.push_back(user_from_row(r));
  return out;
}

int64_t UserRepository::count(Tx& tx) {
  return tx.query_one("SELECT COUNT(*) FROM users")->integer(0);
}

bool UserRepository::set_password(Tx& tx, const std::string& id, const std::string& hash,
                                  int64_t now) {
  return tx.execute(
             "UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3, "
             "version = version + 1 WHERE id = $1",
             params(id, hash, now)) == 1;
}

void UserRepository::set_pending_totp(Tx& tx, const std::string& id, const Blob& ct, int64_t now) {
  tx.execute(
      "UPDATE users SET totp_secret = $2, totp_confirmed_at = NULL, totp_last_step = NULL, "
      "updated_at = $3, version = version + 1 WHERE id = $1",
      params(id, ct, now));
}

void UserRepository::confirm_totp(Tx& tx, const std::string& id, int64_t step, int64_t now) {
  tx.execute(
      "UPDATE users SET totp_confirmed_at = $3, totp_last_step = $2, updated_at = $3, "
      "version = version + 1 WHERE id = $1",
      params(id, step, now));
}

bool UserRepository::use_totp_step(Tx& tx, const std::string& id, int64_t step) {
  return tx.execute(
             "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND "
             "(totp_last_step IS NULL OR totp_last_step < $2)",
             params(id, step)) == 1;
}

void UserRepository::record_login(Tx& tx, const std::string& id, int64_t now) {
  tx.execute("UPDATE users SET last_login_at = $2 WHERE id = $1", params(id, now));
}

void UserRepository::replace_recovery_codes(Tx& tx, const std::string& user_id,
                                            const std::vector<RecoveryCodeRow>& codes,
                                            int64_t now) {
  tx.execute("DELETE FROM recovery_codes WHERE user_id = $1", params(user_id));
  for (const auto& c : codes)
    tx.execute(
        "INSERT INTO recovery_codes (user_id, idx, code_hash, used_at, created_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        params(user_id, c.idx, c.code_hash, c.used_at, now));
}

std::vector<RecoveryCodeRow> UserRepository::recovery_codes(Tx& tx, const std::string& user_id) {
  std::vector<RecoveryCodeRow> out;
  for (const Row& r : tx.query(
           "SELECT idx, code_hash, used_at FROM recovery_codes WHERE user_id = $1 ORDER BY idx",
           params(user_id)))
    out.push_back({r.integer(0), r.text(1), r.opt_integer(2)});
  return out;
}

bool UserRepository::use_recovery_code(Tx& tx, const std::string& user_id, int64_t idx,
                                       int64_t now) {
  return tx.execute(
             "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND idx = $2 AND "
             "used_at IS NULL",
             params(user_id, idx, now)) == 1;
}

}  // namespace haven::store
