// Marking a demo database and creating its users with pre-enrolled TOTP secrets.
#include "service/demo_service.h"

#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "core/id.h"
#include "security/encoding.h"
#include "security/totp.h"
#include "service/generate/population.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/demo_caseload_repository.h"
#include "store/repositories/demo_repository.h"
#include "store/repositories/settings_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

const std::vector<DemoUser>& demo_users() {
  static const std::vector<DemoUser> kUsers = {
      {"demo-caseworker", "caseworker", "child_protection", "Demo caseworker", true},
      {"demo-caseworker2", "caseworker", "child_protection", "Demo caseworker 2", true},
      {"demo-supervisor", "supervisor", "child_protection", "Demo supervisor", true},
      {"demo-coordinator", "barnahus_coordinator", "barnahus", "Demo Barnahus coordinator", false},
      {"demo-police", "mdt_member", "police", "Demo police officer (MDT)", false},
      {"demo-paediatrician", "mdt_member", "health", "Demo paediatrician (MDT)", false},
      {"demo-contact-point", "contact_point", "national_contact_point",
       "Demo national contact point", false},
      {"demo-analyst", "analyst", "child_protection", "Demo analyst", false},
      {"demo-admin", "admin", "child_protection", "Demo administrator", false},
      {"demo-auditor", "auditor", "child_protection", "Demo auditor", false},
  };
  return kUsers;
}

namespace {

constexpr const char* kDemoTeam = "Demo team";

std::string fallback_agency_name(std::string_view kind, const std::string& country) {
  if (kind == "national_contact_point") return "National contact point (demo), " + country;
  return "Demo " + std::string(kind) + " agency, " + country;
}

}  // namespace

bool DemoService::is_demo() const {
  if (known_demo_.load()) return true;
  try {
    const bool demo = db_.read(
        [](store::Tx& tx) { return store::SettingsRepository::get(tx, kDemoSetting).has_value(); });
    if (demo) known_demo_.store(true);
    return demo;
  } catch (const store::DbError&) {
    return false;
  }
}

core::Status DemoService::check_can_become_demo() const {
  if (is_demo()) return core::ok_status();
  try {
    const int64_t used = db_.read(
        [](store::Tx& tx) { return store::DemoRepository::count_people_and_agencies(tx); });
    if (used > 0)
      return core::Error::conflict(
          "this database is not a demo database and already holds data; demo users are created "
          "only in a database that `haven demo` created from empty");
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return core::ok_status();
}

core::Status DemoService::mark_demo(const std::string& country) {
  try {
    return db_.write([&](store::Tx& tx) -> core::Status {
      if (store::SettingsRepository::get(tx, kDemoSetting)) return core::ok_status();
      if (store::UserRepository::count(tx) > 0)
        return core::Error::conflict(
            "this database has users and is not a demo database; it cannot become one");
      const int64_t now = clock_.now().ms;
      store::SettingsRepository::put(tx, kDemoSetting, country, now);
      audit_.record(tx, {"cli", "", "", "demo.create", "settings", kDemoSetting, "demo", "success",
                         "", nlohmann::json{{"country", country}}.dump()});
      return core::ok_status();
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::vector<DemoLogin>> DemoService::create_users(const std::string& country) {
  if (!is_demo())
    return core::Error::conflict(
        "demo users exist only in a demo database; this one was not created by `haven demo`");
  try {
    // The agencies: the generated municipality's, and those it lacks.
    std::map<std::string, std::string> agency_by_kind;
    for (const auto& u : demo_users()) {
      if (agency_by_kind.count(u.agency_kind)) continue;
      auto id = db_.read([&](store::Tx& tx) {
        return store::DemoRepository::agency_of_kind(tx, u.agency_kind, country);
      });
      if (!id) {
        auto created = agencies_.create(
            {fallback_agency_name(u.agency_kind, country), u.agency_kind, country}, Actor::cli());
        if (!created.ok()) return created.take_error();
        id = created->id;
      }
      agency_by_kind[u.agency_kind] = *id;
    }
    for (const auto& u : demo_users()) {
      const bool exists = db_.read([&](store::Tx& tx) {
        return store::UserRepository::find_by_username(tx, u.username).has_value();
      });
      if (exists) continue;
      auto created = users_.create(
          {u.username, u.display_name, u.role, agency_by_kind[u.agency_kind], kDemoPassword},
          Actor::cli());
      if (!created.ok()) return created.take_error();
      // Pre-enrolled second factor: the secret is stored encrypted, bound to the user's row, and
      // confirmed at once (step 0: any current code is accepted the first time).
      security::Secret secret = security::generate_totp_secret();
      auto ct = keys_.cipher().encrypt(secret.view(), {"users", "totp_secret", created->id});
      if (!ct.ok()) return ct.take_error();
      db_.write([&](store::Tx& tx) {
        const int64_t now = clock_.now().ms;
        store::UserRepository::set_pending_totp(tx, created->id, store::Blob{std::move(ct).value()},
                                                now);
        store::UserRepository::confirm_totp(tx, created->id, 0, now);
        if (u.on_team) {
          const std::string team = store::DemoRepository::ensure_team(
              tx, core::new_id(clock_.now()), agency_by_kind[u.agency_kind], kDemoTeam, now);
          store::DemoRepository::add_team_member(tx, team, created->id, now);
        }
        audit_.record(tx, {"cli", "", "", "demo.user", "user", created->id, "demo", "success", "",
                           nlohmann::json{{"username", u.username}, {"role", u.role}}.dump()});
      });
    }
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return logins();
}

namespace {
// How many open cases of each status each demo caseworker gets: {status, oldest, newest}.
struct CaseloadShare {
  const char* status;
  int oldest;
  int newest;
};
constexpr CaseloadShare kCaseworkerLoad[] = {
    {"reported", 1, 1}, {"screening", 2, 2},      {"assessment", 4, 4},
    {"planning", 3, 3}, {"implementation", 6, 6}, {"review", 2, 2},
};
constexpr CaseloadShare kSecondCaseworkerLoad[] = {
    {"screening", 1, 1}, {"assessment", 2, 2}, {"planning", 1, 1}, {"implementation", 3, 3}};
}  // namespace

core::Result<int64_t> DemoService::assign_caseload(const std::string& country) {
  if (!is_demo())
    return core::Error::conflict(
        "a demo caseload is given only in a demo database; this one was not created by `haven "
        "demo`");
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<int64_t> {
      auto user = [&](const char* name) -> std::optional<std::string> {
        auto row = store::UserRepository::find_by_username(tx, name);
        return row ? std::optional(row->id) : std::nullopt;
      };
      const auto worker = user("demo-caseworker");
      const auto worker2 = user("demo-caseworker2");
      const auto supervisor = user("demo-supervisor");
      if (!worker || !worker2 || !supervisor)
        return core::Error::not_found("the demo caseworkers and supervisor do not exist yet");
      if (store::DemoCaseloadRepository::count_assigned(tx, *worker) > 0) return int64_t{0};
      const auto agency = store::DemoRepository::agency_of_kind(tx, "child_protection", country);
      if (!agency) return core::Error::not_found("no child protection agency in " + country);
      const int64_t now = clock_.now().ms;
      const std::string today = core::Date::of(clock_.now()).to_string();
      const std::string team = store::DemoRepository::ensure_team(tx, core::new_id(clock_.now()),
                                                                  *agency, kDemoTeam, now);
      int64_t assigned = 0;
      auto give = [&](const std::string& to, std::span<const CaseloadShare> load) {
        for (const auto& share : load) {
          for (const auto& id : store::DemoCaseloadRepository::pick_unassigned(
                   tx, *agency, share.status, share.oldest, share.newest)) {
            store::DemoCaseloadRepository::assign(tx, id, to, team, now);
            store::DemoCaseloadRepository::replace_author(
                tx, id, std::string(generate::kGeneratedCaseworker), to);
            store::DemoCaseloadRepository::replace_author(
                tx, id, std::string(generate::kGeneratedSupervisor), *supervisor);
            // Plans being written are handed in: the supervisor's approvals are waiting.
            if (std::string_view(share.status) == "planning")
              store::DemoCaseloadRepository::submit_latest_plan(tx, id, to, today, now);
            ++assigned;
          }
        }
      };
      give(*worker, kCaseworkerLoad);
      give(*worker2, kSecondCaseworkerLoad);
      audit_.record(tx, {"cli", "", "", "demo.caseload", "agency", *agency, "demo", "success", "",
                         nlohmann::json{{"cases", assigned}}.dump()});
      return assigned;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::vector<DemoLogin>> DemoService::logins() const {
  std::vector<DemoLogin> out;
  if (!is_demo()) return out;
  try {
    for (const auto& u : demo_users()) {
      auto found =
          db_.read([&](store::Tx& tx) -> std::optional<std::pair<store::UserRow, std::string>> {
            auto row = store::UserRepository::find_by_username(tx, u.username);
            if (!row) return std::nullopt;
            auto agency = store::AgencyRepository::find(tx, row->agency_id);
            return std::make_pair(*row, agency ? agency->name : std::string());
          });
      if (!found) continue;
      const auto& [row, agency] = *found;
      DemoLogin login{row.username, row.role, row.display_name, agency, kDemoPassword, {}, {}};
      if (row.totp_secret_ct && row.totp_confirmed_at) {
        auto secret =
            keys_.cipher().decrypt(row.totp_secret_ct->bytes, {"users", "totp_secret", row.id});
        if (!secret.ok()) return secret.take_error();
        login.totp_secret_base32 = security::Secret::take(security::to_base32(secret->bytes()));
        login.otpauth_uri = security::otpauth_uri(row.username, *secret);
      }
      out.push_back(std::move(login));
    }
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return out;
}

std::string format_demo_logins(const std::vector<DemoLogin>& logins) {
  std::string out =
      "DEMO DATABASE: synthetic data only. Demo logins (password, then a code from the TOTP "
      "secret;\n`oathtool --totp -b SECRET` prints the current code, or scan the otpauth:// URI "
      "with an authenticator app):\n";
  for (const auto& l : logins) {
    out += "  " + l.username +
           std::string(l.username.size() < 20 ? 20 - l.username.size() : 1, ' ') + l.role + " — " +
           l.agency + "\n";
    out += "      password: " + l.password + "\n";
    if (l.totp_secret_base32.empty()) {
      out += "      TOTP:     (reset; enrol again at sign-in)\n";
    } else {
      out += "      TOTP:     " + std::string(l.totp_secret_base32.view()) + "\n";
      out += "      URI:      " + std::string(l.otpauth_uri.view()) + "\n";
    }
  }
  return out;
}

}  // namespace haven::service
