// User use cases: authorize → validate → one transaction with its audit event.
#include "service/user_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/utf8.h"
#include "security/encoding.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/session_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

namespace {
bool valid_username(std::string_view u) {
  if (u.size() < 2 || u.size() > 64) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
          c == '@'))
      return false;
  return true;
}
}  // namespace

std::string normalize_username(std::string_view typed) {
  size_t b = typed.find_first_not_of(" \t\r\n");
  size_t e = typed.find_last_not_of(" \t\r\n");
  std::string out = b == std::string_view::npos ? "" : std::string(typed.substr(b, e - b + 1));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

UserView to_view(const store::UserRow& u, const store::AgencyRow* agency,
                 const security::RoleTable& roles) {
  UserView v;
  v.id = u.id;
  v.username = u.username;
  v.display_name = u.display_name;
  v.role = u.role;
  v.agency_id = u.agency_id;
  if (agency) {
    v.agency_name = agency->name;
    v.country = agency->country;
  }
  v.status = u.status;
  v.totp_enrolled = u.totp_confirmed_at.has_value();
  auto role = security::parse_role(u.role);
  v.requires_second_factor = !role || roles.requires_second_factor(*role);
  v.last_login_at = u.last_login_at;
  return v;
}

core::Status UserService::authorize(const Actor& actor) {
  if (!actor.principal) return core::ok_status();
  security::Resource r;
  r.kind = security::ResourceKind::kUserAdmin;
  r.country = actor.principal->country;
  r.owning_agency_id = actor.principal->agency_id;
  return access_.authorize(*actor.principal, security::Action::kAdministerUsers, r,
                           actor.request_id);
}

core::Result<UserView> UserService::create(const NewUser& in, const Actor& actor) {
  HAVEN_TRY(authorize(actor));
  const std::string username = normalize_username(in.username);
  std::vector<core::FieldError> errors;
  if (!valid_username(username))
    errors.push_back(
        {"username", "Use 2 to 64 characters: letters a-z, digits and . _ - @ (no spaces)."});
  if (!security::parse_role(in.role)) {
    std::string roles;
    for (auto r : security::kAllRoles)
      roles += (roles.empty() ? "" : ", ") + std::string(security::role_name(r));
    errors.push_back({"role", "The role must be one of: " + roles + "."});
  }
  std::string display = in.display_name.empty() ? username : in.display_name;
  if (display.size() > 200 || !core::is_valid_utf8(display))
    errors.push_back({"display_name", "The display name must be UTF-8, at most 200 bytes."});
  auto policy = security::check_password_policy(in.password, username, common_);
  if (!policy.ok())
    for (const auto& f : policy.error().fields) errors.push_back(f);
  std::optional<store::AgencyRow> agency;
  auto resolved = agencies_.resolve(in.agency);
  if (resolved.ok())
    agency = *resolved;
  else
    errors.push_back({"agency", resolved.error().message});
  if (!errors.empty()) return core::Error::invalid("The user cannot be created as given.", errors);

  auto hash = hasher_.hash(in.password);
  if (!hash.ok()) return hash.take_error();
  const core::Timestamp now = clock_.now();
  store::UserRow row;
  row.id = core::new_id(now);
  row.username = username;
  row.display_name = display;
  row.agency_id = agency->id;
  row.role = in.role;
  row.password_hash = *hash;
  row.status = "active";
  row.created_at = now.ms;
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<UserView> {
      if (store::UserRepository::find_by_username(tx, username))
        return core::Error::conflict("The username \"" + username + "\" is taken.");
      store::UserRepository::insert(tx, row);
      nlohmann::json details{
          {"username", username}, {"role", row.role}, {"agency_id", row.agency_id}};
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "user.create", "user",
                         row.id, "administration", "success", actor.request_id, details.dump()});
      return to_view(row, &*agency, access_.roles());
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::vector<UserView>> UserService::list(const Actor& actor) {
  HAVEN_TRY(authorize(actor));
  try {
    return db_.read([&](store::Tx& tx) {
      std::vector<UserView> out;
      for (const auto& u : store::UserRepository::list(tx)) {
        auto agency = store::AgencyRepository::find(tx, u.agency_id);
        out.push_back(to_view(u, agency ? &*agency : nullptr, access_.roles()));
      }
      return out;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<UserView> UserService::view(const std::string& user_id) {
  try {
    return db_.read([&](store::Tx& tx) -> core::Result<UserView> {
      auto u = store::UserRepository::find(tx, user_id);
      if (!u) return core::Error::not_found("No such user.");
      auto agency = store::AgencyRepository::find(tx, u->agency_id);
      return to_view(*u, agency ? &*agency : nullptr, access_.roles());
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<int64_t> UserService::count() {
  try {
    return db_.read([](store::Tx& tx) { return store::UserRepository::count(tx); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Status UserService::reset_password(const std::string& typed, const std::string& password,
                                         const Actor& actor) {
  HAVEN_TRY(authorize(actor));
  const std::string username = normalize_username(typed);
  HAVEN_TRY(security::check_password_policy(password, username, common_));
  auto hash = hasher_.hash(password);
  if (!hash.ok()) return hash.take_error();
  try {
    return db_.write([&](store::Tx& tx) -> core::Status {
      auto u = store::UserRepository::find_by_username(tx, username);
      if (!u) return core::Error::not_found("No user is named \"" + username + "\".");
      store::UserRepository::set_password(tx, u->id, *hash, clock_.now().ms);
      const int64_t ended = store::SessionRepository::remove_all_of_user(tx, u->id);
      nlohmann::json details{{"sessions_ended", ended}};
      audit_.record(
          tx, {actor.actor_id(), actor.role(), actor.agency_id(), "user.reset_password", "user",
               u->id, "administration", "success", actor.request_id, details.dump()});
      return core::ok_status();
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<security::Secret> UserService::totp_secret(const std::string& user_id,
                                                        const store::Blob& ct) const {
  return keys_.cipher().decrypt(ct.bytes, {"users", "totp_secret", user_id});
}

core::Result<security::TotpEnrollment> UserService::begin_totp_enrollment(
    const Authenticated& who) {
  if (who.user.totp_enrolled)
    return core::Error::conflict(
        "A second factor is already set up; ask an administrator to reset it.");
  security::Secret secret = security::generate_totp_secret();
  auto ct = keys_.cipher().encrypt(secret.view(), {"users", "totp_secret", who.user.id});
  if (!ct.ok()) return ct.take_error();
  auto enrollment = security::totp_enrollment(who.user.username, secret);
  if (!enrollment.ok()) return enrollment.take_error();
  try {
    db_.write([&](store::Tx& tx) {
      store::UserRepository::set_pending_totp(tx, who.user.id, store::Blob{std::move(ct).value()},
                                              clock_.now().ms);
      audit_.record(tx, {who.user.id, who.user.role, who.user.agency_id, "auth.totp.enroll", "user",
                         who.user.id, "sign-in", "success", "", std::nullopt});
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return enrollment;
}

core::Result<std::vector<security::Secret>> UserService::confirm_totp(const Authenticated& who,
                                                                      std::string_view code) {
  try {
    auto row =
        db_.read([&](store::Tx& tx) { return store::UserRepository::find(tx, who.user.id); });
    if (!row || !row->totp_secret_ct)
      return core::Error::conflict("Start the enrolment first (POST /api/v1/auth/totp/enroll).");
    if (row->totp_confirmed_at) return core::Error::conflict("A second factor is already set up.");
    auto secret = totp_secret(row->id, *row->totp_secret_ct);
    if (!secret.ok()) return secret.take_error();
    auto check = security::verify_totp(*secret, code, clock_, row->totp_last_step);
    if (!check.accepted())
      return core::Error::invalid("The code is not correct; check the authenticator's clock.",
                                  {{"code", "The code is not correct."}});
    auto batch = recovery_codes().generate(row->id);
    std::vector<store::RecoveryCodeRow> stored;
    for (size_t i = 0; i < batch.stored.size(); ++i)
      stored.push_back({static_cast<int64_t>(i), batch.stored[i].hash_hex, std::nullopt});
    db_.write([&](store::Tx& tx) {
      const int64_t now = clock_.now().ms;
      store::UserRepository::confirm_totp(tx, row->id, *check.matched_step, now);
      store::UserRepository::replace_recovery_codes(tx, row->id, stored, now);
      // The enrolment session becomes a full one: the user just proved the second factor.
      if (auto hash = security::from_hex(who.session_hash_hex))
        store::SessionRepository::set_second_factor(tx, store::Blob{std::move(*hash)});
      audit_.record(tx, {row->id, row->role, row->agency_id, "auth.totp.confirm", "user", row->id,
                         "sign-in", "success", "", std::nullopt});
    });
    return std::move(batch.codes);
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
