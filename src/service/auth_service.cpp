// Sign-in, sessions, CSRF and API tokens over the store, with audit events for each.
#include "service/auth_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "security/encoding.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/api_token_repository.h"
#include "store/repositories/session_repository.h"
#include "store/repositories/sweep_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

namespace {

store::Blob blob_of_hex(const std::string& hex) {
  auto bytes = security::from_hex(hex);
  return store::Blob{bytes ? std::move(*bytes) : std::vector<uint8_t>{}};
}

std::string cut(std::string s, size_t n) {
  if (s.size() > n) s.resize(n);
  return s;
}

}  // namespace

AuthService::AuthService(store::Database& db, const core::Clock& clock, AccessService& access,
                         AuditService& audit, UserService& users, KeyService& keys,
                         const security::PasswordHasher& hasher,
                         security::SessionPolicy session_policy, security::ThrottlePolicy throttle)
    : db_(db),
      clock_(clock),
      access_(access),
      audit_(audit),
      users_(users),
      keys_(keys),
      hasher_(hasher),
      session_policy_(session_policy),
      throttle_(throttle) {}

core::Error AuthService::fail(const LoginRequest& req, const std::string& username,
                              const std::string& why, const std::optional<store::UserRow>& user) {
  const core::Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) {
    store::SessionRepository::record_attempt(tx, core::new_id(now), username, req.address, now.ms,
                                             false);
  });
  // The typed name is recorded as the actor of a failed sign-in (SECURITY.md); `why` stays in the
  // audit log only, never in the answer.
  nlohmann::json details{{"reason", why}, {"address", req.address}};
  auto appended =
      audit_.append({user ? user->id : username, user ? user->role : "",
                     user ? user->agency_id : "", "auth.login", "user", user ? user->id : "",
                     "sign-in", "failure", req.request_id, details.dump()});
  if (!appended.ok()) return appended.error();
  return core::Error::unauthenticated(security::kGenericSignInFailure);
}

core::Result<LoginResult> AuthService::login(const LoginRequest& req, int64_t* retry_after_s) {
  const std::string username = cut(normalize_username(req.username), 128);
  if (username.empty() || req.password.empty())
    return core::Error::invalid("Enter a username and a password.");
  if (req.password.size() > security::kMaxPasswordBytes)
    return core::Error::unauthenticated(security::kGenericSignInFailure);
  try {
    const core::Timestamp now = clock_.now();
    // 1. Throttle, before any password work.
    auto counts = db_.read([&](store::Tx& tx) {
      return store::SessionRepository::failures(tx, username, req.address,
                                                now.ms - throttle_.address_window_ms);
    });
    security::FailureHistory history;
    history.consecutive_account_failures = counts.account_failures;
    if (counts.last_account_failure_at)
      history.last_account_failure_at = core::Timestamp{*counts.last_account_failure_at};
    history.address_failures_in_window = counts.address_failures;
    if (counts.oldest_address_failure_at)
      history.oldest_address_failure_in_window = core::Timestamp{*counts.oldest_address_failure_at};
    security::ThrottleDecision decision = security::decide_login_attempt(history, now, throttle_);
    if (!decision.allowed()) {
      if (retry_after_s) *retry_after_s = decision.retry_after_seconds(now);
      nlohmann::json details{
          {"verdict", decision.verdict == security::ThrottleVerdict::kLocked ? "locked"
                      : decision.verdict == security::ThrottleVerdict::kRateLimited
                          ? "address_rate_limited"
                          : "delayed"},
          {"address", req.address}};
      HAVEN_TRY(audit_.append({username, "", "", "auth.login", "user", "", "sign-in", "throttled",
                               req.request_id, details.dump()}));
      return core::Error::rate_limited(decision.message);
    }

    // 2. Password (the same Argon2id cost whether or not the user exists).
    auto user = db_.read(
        [&](store::Tx& tx) { return store::UserRepository::find_by_username(tx, username); });
    if (!user || user->status != "active") {
      (void)hasher_.verify_unknown_user(req.password);
      return fail(req, username, user ? "account disabled" : "unknown username", std::nullopt);
    }
    if (!hasher_.verify(req.password, user->password_hash))
      return fail(req, username, "wrong password", user);

    // 3. Second factor: required once enrolled, and for every role that sees personal data.
    auto role = security::parse_role(user->role);
    const bool role_needs_totp = !role || access_.roles().requires_second_factor(*role);
    const bool enrolled = user->totp_confirmed_at.has_value() && user->totp_secret_ct.has_value();
    bool second_factor = !role_needs_totp;
    std::optional<int64_t> matched_step;
    std::optional<int64_t> recovery_index;
    if (enrolled) {
      if (!req.recovery_code.empty()) {
        auto rows = db_.read(
            [&](store::Tx& tx) { return store::UserRepository::recovery_codes(tx, user->id); });
        std::vector<security::StoredRecoveryCode> stored;
        for (const auto& r : rows)
          stored.push_back(
              {r.code_hash, r.used_at ? std::optional(core::Timestamp{*r.used_at}) : std::nullopt});
        auto idx = users_.recovery_codes().redeem(user->id, req.recovery_code, stored, now);
        if (!idx) return fail(req, username, "wrong recovery code", user);
        recovery_index = rows[*idx].idx;
      } else {
        auto secret = users_.totp_secret(user->id, *user->totp_secret_ct);
        if (!secret.ok()) return secret.take_error();  // a tampered ciphertext: kInternal, logged
        auto check = security::verify_totp(*secret, req.totp, now, user->totp_last_step);
        if (!check.accepted())
          return fail(
              req, username,
              check.outcome == security::TotpOutcome::kReplayed ? "replayed code" : "wrong code",
              user);
        matched_step = check.matched_step;
      }
      second_factor = true;
    }

    // 4. One transaction: consume the code, record the success, open the session, audit.
    security::IssuedToken issued = security::issue_token(security::TokenKind::kSession);
    const store::Blob hash = blob_of_hex(issued.hash_hex);
    const int64_t expires = security::session_expires_at(now, now, session_policy_).ms;
    std::optional<std::string> rehash;
    if (hasher_.needs_rehash(user->password_hash)) {
      auto h = hasher_.hash(req.password);
      if (h.ok()) rehash = *h;
    }
    bool replayed = false;
    core::Result<UserView> view = db_.write([&](store::Tx& tx) -> core::Result<UserView> {
      if (matched_step && !store::UserRepository::use_totp_step(tx, user->id, *matched_step)) {
        replayed = true;  // a concurrent sign-in used the same code first
        return core::Error::unauthenticated(security::kGenericSignInFailure);
      }
      if (recovery_index &&
          !store::UserRepository::use_recovery_code(tx, user->id, *recovery_index, now.ms)) {
        replayed = true;
        return core::Error::unauthenticated(security::kGenericSignInFailure);
      }
      store::SessionRepository::record_attempt(tx, core::new_id(now), username, req.address, now.ms,
                                               true);
      store::SessionRepository::insert(tx, {hash, user->id, second_factor, now.ms, now.ms, expires,
                                            cut(req.address, 64), cut(req.user_agent, 256)});
      store::UserRepository::record_login(tx, user->id, now.ms);
      if (rehash) store::UserRepository::set_password(tx, user->id, *rehash, now.ms);
      nlohmann::json details{{"address", req.address},
                             {"second_factor", second_factor ? (recovery_index ? "recovery_code"
                                                                : matched_step ? "totp"
                                                                               : "not_required")
                                                             : "enrolment_pending"}};
      audit_.record(tx, {user->id, user->role, user->agency_id, "auth.login", "user", user->id,
                         "sign-in", "success", req.request_id, details.dump()});
      auto agency = store::AgencyRepository::find(tx, user->agency_id);
      return to_view(*user, agency ? &*agency : nullptr, access_.roles());
    });
    if (replayed) return fail(req, username, "replayed code", user);
    if (!view.ok()) return view.take_error();
    LoginResult out;
    out.token = std::move(issued.token);
    out.session_hash_hex = issued.hash_hex;
    out.csrf_token = csrf_token(issued.hash_hex);
    out.expires_at = expires;
    out.second_factor = second_factor;
    out.user = std::move(view).value();
    return out;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<Authenticated> AuthService::authenticate_session(std::string_view token) {
  static const char* kExpired = "Your session has ended; sign in again.";
  auto hash_hex = security::token_storage_hash(token, security::TokenKind::kSession);
  if (!hash_hex) return core::Error::unauthenticated("Sign in to continue.");
  const store::Blob hash = blob_of_hex(*hash_hex);
  try {
    const core::Timestamp now = clock_.now();
    bool needs_touch = false;
    int64_t created_at = 0;
    auto found = db_.read([&](store::Tx& tx) -> core::Result<Authenticated> {
      auto s = store::SessionRepository::find(tx, hash);
      if (!s) return core::Error::unauthenticated(kExpired);
      auto state =
          security::session_state({s->created_at}, {s->last_seen_at}, now, session_policy_);
      if (state != security::SessionState::kActive) return core::Error::unauthenticated(kExpired);
      auto u = store::UserRepository::find(tx, s->user_id);
      if (!u || u->status != "active") return core::Error::unauthenticated(kExpired);
      auto principal = access_.principal_for(tx, *u, nullptr);
      if (!principal.ok()) return principal.take_error();
      Authenticated a;
      a.kind = Authenticated::Kind::kSession;
      a.principal = std::move(principal).value();
      auto agency = store::AgencyRepository::find(tx, u->agency_id);
      a.user = to_view(*u, agency ? &*agency : nullptr, access_.roles());
      a.second_factor = s->second_factor;
      a.session_hash_hex = *hash_hex;
      a.expires_at =
          security::session_expires_at({s->created_at}, {s->last_seen_at}, session_policy_).ms;
      needs_touch = security::session_needs_touch({s->last_seen_at}, now, session_policy_);
      created_at = s->created_at;
      return a;
    });
    if (!found.ok()) {
      if (found.error().code == core::ErrorCode::kUnauthenticated)
        db_.write([&](store::Tx& tx) {
          if (auto s = store::SessionRepository::find(tx, hash);
              s && security::session_state({s->created_at}, {s->last_seen_at}, now,
                                           session_policy_) != security::SessionState::kActive)
            store::SessionRepository::remove(tx, hash);
        });
      return found;
    }
    if (needs_touch) {
      found->expires_at = security::session_expires_at({created_at}, now, session_policy_).ms;
      db_.write([&](store::Tx& tx) {
        store::SessionRepository::touch(tx, hash, now.ms, found->expires_at);
      });
    }
    return found;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<Authenticated> AuthService::authenticate_api_token(std::string_view token) {
  static const char* kRefused = "The API token is not valid, has expired or was revoked.";
  auto hash_hex = security::token_storage_hash(token, security::TokenKind::kApi);
  if (!hash_hex) return core::Error::unauthenticated(kRefused);
  const store::Blob hash = blob_of_hex(*hash_hex);
  try {
    const core::Timestamp now = clock_.now();
    auto found = db_.read([&](store::Tx& tx) -> core::Result<Authenticated> {
      auto t = store::ApiTokenRepository::find_by_hash(tx, hash);
      if (!t || t->revoked_at || t->expires_at <= now.ms)
        return core::Error::unauthenticated(kRefused);
      auto u = store::UserRepository::find(tx, t->user_id);
      if (!u || u->status != "active") return core::Error::unauthenticated(kRefused);
      std::vector<std::string> scopes;
      auto parsed = nlohmann::json::parse(t->scopes_json, nullptr, false);
      if (parsed.is_array())
        for (const auto& s : parsed)
          if (s.is_string()) scopes.push_back(s.get<std::string>());
      auto principal = access_.principal_for(tx, *u, &scopes);
      if (!principal.ok()) return principal.take_error();
      Authenticated a;
      a.kind = Authenticated::Kind::kApiToken;
      a.principal = std::move(principal).value();
      auto agency = store::AgencyRepository::find(tx, u->agency_id);
      a.user = to_view(*u, agency ? &*agency : nullptr, access_.roles());
      a.second_factor = true;  // issued by an administrator for a machine client
      a.expires_at = t->expires_at;
      a.token_id = t->id;
      a.scopes = std::move(scopes);
      return a;
    });
    if (found.ok())
      db_.write(
          [&](store::Tx& tx) { store::ApiTokenRepository::touch(tx, found->token_id, now.ms); });
    return found;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Status AuthService::logout(const Authenticated& who, const std::string& request_id) {
  if (who.kind != Authenticated::Kind::kSession)
    return core::Error::invalid(
        "An API token is revoked with `haven token revoke`, not signed out.");
  try {
    db_.write([&](store::Tx& tx) {
      store::SessionRepository::remove(tx, blob_of_hex(who.session_hash_hex));
      audit_.record(tx, {who.user.id, who.user.role, who.user.agency_id, "auth.logout", "user",
                         who.user.id, "sign-in", "success", request_id, std::nullopt});
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return core::ok_status();
}

std::string AuthService::csrf_token(const std::string& session_hash_hex) const {
  return security::CsrfTokens(keys_.purpose_key("havencsr")).token_for(session_hash_hex);
}

bool AuthService::verify_csrf(const std::string& session_hash_hex,
                              std::string_view submitted) const {
  if (submitted.empty()) return false;
  return security::CsrfTokens(keys_.purpose_key("havencsr")).verify(session_hash_hex, submitted);
}

core::Result<CreatedApiToken> AuthService::create_api_token(const std::string& typed,
                                                            const std::vector<std::string>& scopes,
                                                            int64_t ttl_ms, const std::string& name,
                                                            const Actor& actor) {
  if (actor.principal) {
    security::Resource r;
    r.kind = security::ResourceKind::kUserAdmin;
    r.country = actor.principal->country;
    HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kAdministerUsers, r,
                                actor.request_id));
  }
  const std::string username = normalize_username(typed);
  if (ttl_ms <= 0 || ttl_ms > 366LL * 86'400'000)
    return core::Error::invalid("A token must expire within a year.",
                                {{"expires", "Give 1 to 366 days, e.g. 30d."}});
  if (scopes.empty())
    return core::Error::invalid("Give at least one scope (a permission such as case.read).",
                                {{"scope", "At least one scope is required."}});
  try {
    const core::Timestamp now = clock_.now();
    auto user = db_.read(
        [&](store::Tx& tx) { return store::UserRepository::find_by_username(tx, username); });
    if (!user) return core::Error::not_found("No user is named \"" + username + "\".");
    auto role = security::parse_role(user->role);
    if (!role) return core::Error::internal("user has an unknown role");
    std::vector<core::FieldError> errors;
    for (const auto& s : scopes) {
      if (!security::is_known_permission(s))
        errors.push_back({"scope", "\"" + s + "\" is not a permission (see config/roles.toml)."});
      else if (!access_.roles().has(*role, s))
        errors.push_back({"scope", "The role " + user->role + " does not hold \"" + s +
                                       "\"; a token can only narrow its user's permissions."});
    }
    if (!errors.empty()) return core::Error::invalid("The token's scopes are not valid.", errors);

    security::IssuedToken issued = security::issue_token(security::TokenKind::kApi);
    CreatedApiToken out;
    out.id = core::new_id(now);
    out.expires_at = now.ms + ttl_ms;
    out.scopes = scopes;
    nlohmann::json scopes_json = scopes;
    db_.write([&](store::Tx& tx) {
      store::ApiTokenRepository::insert(
          tx, {out.id, blob_of_hex(issued.hash_hex), user->id, name.empty() ? "api" : name,
               scopes_json.dump(), now.ms, out.expires_at, std::nullopt, std::nullopt});
      nlohmann::json details{
          {"user_id", user->id}, {"scopes", scopes}, {"expires_at", out.expires_at}};
      audit_.record(tx,
                    {actor.actor_id(), actor.role(), actor.agency_id(), "token.create", "api_token",
                     out.id, "administration", "success", actor.request_id, details.dump()});
    });
    out.token = std::move(issued.token);
    return out;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Status AuthService::revoke_api_token(const std::string& id, const Actor& actor) {
  if (actor.principal) {
    security::Resource r;
    r.kind = security::ResourceKind::kUserAdmin;
    r.country = actor.principal->country;
    HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kAdministerUsers, r,
                                actor.request_id));
  }
  try {
    return db_.write([&](store::Tx& tx) -> core::Status {
      if (!store::ApiTokenRepository::revoke(tx, id, clock_.now().ms))
        return core::Error::not_found("No unrevoked API token has the id \"" + id + "\".");
      audit_.record(
          tx, {actor.actor_id(), actor.role(), actor.agency_id(), "token.revoke", "api_token", id,
               "administration", "success", actor.request_id, std::nullopt});
      return core::ok_status();
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<SweepResult> AuthService::sweep() {
  const int64_t now = clock_.now().ms;
  const int64_t keep_ms =
      std::max<int64_t>({kLoginAttemptRetentionMs, throttle_.lock_ms, throttle_.address_window_ms});
  try {
    return db_.write([&](store::Tx& tx) {
      SweepResult r;
      r.sessions = store::SweepRepository::delete_expired_sessions(tx, now);
      r.login_attempts = store::SweepRepository::delete_login_attempts_before(tx, now - keep_ms);
      return r;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
