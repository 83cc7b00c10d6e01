// Persons around a child and the household's relationships ([F3] item 1), through the HTTP API on
// both databases: registered with their tie to the child, listed, read and replaced with their
// version (a stale one is 409), ties added between household members and ended; contact details,
// identity numbers and everything about an alleged perpetrator stay encrypted at rest and in
// history; bad input is 422 with fields and writes nothing; another agency's worker finds nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/id.h"
#include "identity_fixture.h"
#include "service/app.h"
#include "store/repositories/case_repository.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

using nlohmann::json;

class PersonsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    clock_ = std::make_unique<core::ManualClock>(core::SystemClock::instance().now());
    service::AppOptions o;
    o.keys = service::KeyService::ephemeral();
    o.password_params = security::PasswordHashParams::minimum_for_tests();
    if (const char* src = std::getenv("HAVEN_SOURCE_DIR"))
      o.config_dir = std::string(src) + "/config";
    process_ = std::make_unique<Process>(db(), *clock_, std::move(o));
    agency_a_ = add_agency("Malmö barn och unga");
    agency_c_ = add_agency("Helsingborgs socialtjänst");
    worker_ = add_user("anna.worker", "caseworker", agency_a_);
    worker_c_ = add_user("cecilia.worker", "caseworker", agency_c_);
    case_id_ = add_case(agency_a_, worker_.id, "implementation");
  }
  void TearDown() override {
    process_.reset();
    DatabaseTest::TearDown();
  }

  struct User {
    std::string id;
    std::string token;
  };

  service::App& app() { return *process_->app; }

  std::string add_agency(const std::string& name) {
    auto a = app().agencies.create({name, "child_protection", "SE"}, service::Actor::cli());
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    return a.ok() ? a->id : "";
  }

  User add_user(const std::string& username, const std::string& role, const std::string& agency) {
    auto u = app().users.create({username, "", role, agency, kGoodPassword}, service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    if (!u.ok()) return {};
    const auto& perms = app().roles.permissions(*security::parse_role(role));
    std::vector<std::string> scopes(perms.begin(), perms.end());
    auto t =
        app().auth.create_api_token(username, scopes, 86'400'000, "test", service::Actor::cli());
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return {u->id, t.ok() ? std::string(t->token.view()) : ""};
  }

  // A child and a case of `agency` in `status`, assigned to `worker`; sets child_id_.
  std::string add_case(const std::string& agency, const std::string& worker,
                       const std::string& status) {
    const auto now = clock_->now();
    child_id_ = core::new_id(now);
    const std::string id = core::new_id(now);
    db().write([&](store::Tx& tx) {
      tx.execute(
          "INSERT INTO children (id, agency_id, given_names, family_names, created_at, "
          "updated_at) VALUES ($1, $2, 'Elin', 'Nyström', $3, $3)",
          store::params(child_id_, agency, now.ms));
      store::CaseRow c;
      c.id = id;
      c.case_number = "SE-2026-" + id.substr(id.size() - 6);
      c.child_id = child_id_;
      c.agency_id = agency;
      c.status = status;
      c.assigned_worker_id = worker;
      c.opened_at = now.ms;
      c.created_by = worker;
      c.status_changed_at = now.ms;
      c.created_at = now.ms;
      store::CaseRepository::insert(tx, c);
    });
    return id;
  }

  httplib::Headers auth(const User& u) { return {{"Authorization", "Bearer " + u.token}}; }

  struct Answer {
    int status = 0;
    json body;
    std::string raw;
  };
  static Answer answer(const httplib::Result& r) {
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.raw = r->body;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }
  Answer get(const User& u, const std::string& path) {
    clock_->advance_ms(1);
    auto c = process_->client();
    return answer(c.Get(path.c_str(), auth(u)));
  }
  Answer post(const User& u, const std::string& path, const json& body) {
    clock_->advance_ms(1);
    auto c = process_->client();
    return answer(c.Post(path.c_str(), auth(u), body.dump(), "application/json"));
  }
  Answer put(const User& u, const std::string& path, const json& body) {
    clock_->advance_ms(1);
    auto c = process_->client();
    return answer(c.Put(path.c_str(), auth(u), body.dump(), "application/json"));
  }

  std::string child(const std::string& rest = "") { return "/api/v1/children/" + child_id_ + rest; }
  std::string day(int days_ago) const {
    return core::Date::of(clock_->now()).plus_days(-days_ago).to_string();
  }

  static bool has_field(const json& problem, const std::string& field) {
    if (!problem.contains("errors")) return false;
    for (const auto& e : problem["errors"])
      if (e.value("field", "") == field) return true;
    return false;
  }

  int64_t count(const std::string& table) {
    return db().read(
        [&](store::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM " + table)->integer(0); });
  }
  int64_t audit_count(const std::string& action) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_events WHERE action = $1", store::params(action))
          ->integer(0);
    });
  }

  json mother() const {
    return {{"given_names", "Maria"},
            {"family_names", "Nyström"},
            {"sex", "female"},
            {"birth_date", "1988-05-14"},
            {"roles", {"caregiver", "non_offending_caregiver"}},
            {"languages", {"sv", "fi"}},
            {"phone", "+46 70 123 45 67"},
            {"address", "Storgatan 12, Malmö"},
            {"identity_numbers",
             {{{"kind", "national_id"}, {"country", "SE"}, {"value", "19880514-2388"}}}},
            {"relationship",
             {{"type", "mother"}, {"lives_with", true}, {"parental_responsibility", true}}}};
  }
  json stepfather() const {
    return {{"given_names", "Rolf"},
            {"family_names", "Halvarsson"},
            {"sex", "male"},
            {"roles", {"alleged_perpetrator"}},
            {"description", "Tall, a tattoo of an anchor on his left hand"},
            {"relationship", {{"type", "step_parent"}, {"lives_with", true}}}};
  }

  std::unique_ptr<core::ManualClock> clock_;
  std::unique_ptr<Process> process_;
  std::string agency_a_, agency_c_;
  User worker_, worker_c_;
  std::string case_id_, child_id_;
};

TEST_P(PersonsTest, AHouseholdIsRegisteredReadUpdatedAndKeptInHistory) {
  auto m = post(worker_, child("/persons"), mother());
  ASSERT_EQ(m.status, 201) << m.raw;
  EXPECT_EQ(m.body["phone"], "+46 70 123 45 67");
  EXPECT_EQ(m.body["identity_numbers"][0]["value"], "19880514-2388");
  ASSERT_EQ(m.body["relationships_to_child"].size(), 1u) << m.raw;
  EXPECT_EQ(m.body["relationships_to_child"][0]["type"], "mother");
  EXPECT_EQ(m.body["relationships_to_child"][0]["to_person_id"], child_id_);
  EXPECT_EQ(m.body["relationships_to_child"][0]["to_kind"], "child");
  auto s = post(worker_, child("/persons"), stepfather());
  ASSERT_EQ(s.status, 201) << s.raw;
  const std::string mother_id = m.body["id"], step_id = s.body["id"];

  auto list = get(worker_, child("/persons"));
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["items"].size(), 2u) << list.raw;
  EXPECT_EQ(list.body["items"][0]["family_names"], "Halvarsson");  // by family name
  EXPECT_EQ(list.body["items"][0]["description"], "Tall, a tattoo of an anchor on his left hand");
  EXPECT_EQ(list.body["items"][1]["relationships_to_child"][0]["parental_responsibility"], true);

  auto one = get(worker_, child("/persons/" + mother_id));
  ASSERT_EQ(one.status, 200) << one.raw;
  EXPECT_EQ(one.body["address"], "Storgatan 12, Malmö");
  EXPECT_EQ(one.body["roles"], json({"caregiver", "non_offending_caregiver"}));

  // Replace with the version read; the same version again is stale.
  json changed = mother();
  changed.erase("relationship");
  changed["phone"] = "+46 70 765 43 21";
  changed["version"] = 1;
  auto u = put(worker_, child("/persons/" + mother_id), changed);
  ASSERT_EQ(u.status, 200) << u.raw;
  EXPECT_EQ(u.body["version"], 2);
  EXPECT_EQ(u.body["phone"], "+46 70 765 43 21");
  changed["phone"] = "+46 70 000 00 00";
  auto stale = put(worker_, child("/persons/" + mother_id), changed);
  EXPECT_EQ(stale.status, 409) << stale.raw;
  EXPECT_EQ(stale.body["current_version"], 2) << stale.raw;
  EXPECT_EQ(get(worker_, child("/persons/" + mother_id)).body["phone"], "+46 70 765 43 21");

  // A tie between two household members, then its end.
  auto tie = post(worker_, child("/relationships"),
                  {{"from_person_id", step_id},
                   {"to_person_id", mother_id},
                   {"type", "household_member"},
                   {"lives_with", true},
                   {"valid_from", day(400)}});
  ASSERT_EQ(tie.status, 201) << tie.raw;
  auto household = get(worker_, child("/relationships"));
  ASSERT_EQ(household.status, 200) << household.raw;
  EXPECT_EQ(household.body["items"].size(), 3u) << household.raw;
  const std::string tie_id = tie.body["id"];
  auto ended = post(worker_, child("/relationships/" + tie_id + "/end"),
                    {{"version", 1}, {"ended_on", day(2)}});
  ASSERT_EQ(ended.status, 200) << ended.raw;
  EXPECT_EQ(ended.body["valid_to"], day(2));
  EXPECT_EQ(ended.body["active"], false);
  auto again = post(worker_, child("/relationships/" + tie_id + "/end"), {{"version", 2}});
  EXPECT_EQ(again.status, 409) << again.raw;

  // The case history shows who changed what; the old phone number only to an authorized reader.
  auto history = db().read([&](store::Tx& tx) { return app().history.read_case(tx, case_id_); });
  ASSERT_TRUE(history.ok());
  bool phone_change = false, tie_end = false, perpetrator_sensitive = false;
  // Fields given nothing when a person was registered (the mother's e-mail, the stepfather's
  // phone, other names and identity numbers) left no row: a sensitive one would read "changed".
  std::vector<std::string> nothing_filed;
  for (const auto& e : *history) {
    if (e.entity == "person" &&
        ((e.entity_id == mother_id && (e.field == "email" || e.field == "other_names")) ||
         (e.entity_id == step_id && (e.field == "phone" || e.field == "email" ||
                                     e.field == "other_names" || e.field == "identity_numbers"))))
      nothing_filed.push_back(e.field + " of " + e.entity_id);
    if (e.entity == "person" && e.entity_id == mother_id && e.field == "phone" &&
        e.old_value == "+46 70 123 45 67" && e.new_value == "+46 70 765 43 21" && e.sensitive &&
        e.changed_by == worker_.id)
      phone_change = true;
    if (e.entity == "relationship" && e.field == "valid_to" && e.new_value == day(2))
      tie_end = true;
    if (e.entity == "person" && e.entity_id == step_id && e.field == "family_names" &&
        e.sensitive && e.new_value == "Halvarsson")
      perpetrator_sensitive = true;
  }
  EXPECT_TRUE(phone_change);
  EXPECT_EQ(nothing_filed, std::vector<std::string>{});
  EXPECT_TRUE(tie_end);
  EXPECT_TRUE(perpetrator_sensitive);
  EXPECT_EQ(audit_count("person.create"), 2);
  EXPECT_EQ(audit_count("person.read"), 2);
  EXPECT_EQ(audit_count("person.list"), 1);
  EXPECT_EQ(audit_count("relationship.end"), 1);
}

TEST_P(PersonsTest, ContactDetailsAndAnAllegedPerpetratorsDetailsAreStoredOnlyEncrypted) {
  ASSERT_EQ(post(worker_, child("/persons"), mother()).status, 201);
  ASSERT_EQ(post(worker_, child("/persons"), stepfather()).status, 201);
  db().read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT contact_ct FROM persons", {})) {
      ASSERT_FALSE(r.is_null(0));
      auto ct = r.blob(0);
      std::string bytes(ct.bytes.begin(), ct.bytes.end());
      EXPECT_EQ(bytes.find("Storgatan"), std::string::npos);
      EXPECT_EQ(bytes.find("anchor"), std::string::npos);
    }
    for (const auto& r : tx.query("SELECT value_ct FROM identity_numbers", {})) {
      auto ct = r.blob(0);
      std::string bytes(ct.bytes.begin(), ct.bytes.end());
      EXPECT_EQ(bytes.find("19880514"), std::string::npos);
    }
    // No clear text of a sensitive value in the history rows.
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM record_history WHERE old_value LIKE '%Storgatan%' "
                           "OR new_value LIKE '%Storgatan%' OR new_value LIKE '%anchor%' OR "
                           "new_value LIKE '%Halvarsson%' OR new_value LIKE '%19880514%'",
                           {})
                  ->integer(0),
              0);
    EXPECT_GT(tx.query_one("SELECT COUNT(*) FROM record_history WHERE entity = 'person' AND "
                           "new_value = 'Maria'",
                           {})
                  ->integer(0),
              0);
  });
}

TEST_P(PersonsTest, BadInputIsRejectedWithFieldsAndWritesNothing) {
  json bad = mother();
  bad["roles"] = {"caregiver", "villain"};
  bad["birth_date"] = day(-3);
  bad["email"] = "not an address";
  bad["relationship"]["type"] = "cousin_twice_removed";
  auto r = post(worker_, child("/persons"), bad);
  EXPECT_EQ(r.status, 422) << r.raw;
  for (const char* f : {"roles[1]", "birth_date", "email", "relationship.type"})
    EXPECT_TRUE(has_field(r.body, f)) << f << " " << r.raw;

  json untied = mother();
  untied.erase("relationship");
  auto u = post(worker_, child("/persons"), untied);
  EXPECT_EQ(u.status, 422) << u.raw;
  EXPECT_TRUE(has_field(u.body, "relationship.type")) << u.raw;

  json nameless = mother();
  for (const char* k : {"given_names", "family_names"}) nameless.erase(k);
  auto n = post(worker_, child("/persons"), nameless);
  EXPECT_EQ(n.status, 422) << n.raw;
  EXPECT_TRUE(has_field(n.body, "given_names")) << n.raw;

  auto stranger = post(worker_, child("/relationships"),
                       {{"from_person_id", core::new_id(clock_->now())},
                        {"to_person_id", child_id_},
                        {"type", "father"}});
  EXPECT_EQ(stranger.status, 422) << stranger.raw;
  EXPECT_TRUE(has_field(stranger.body, "from_person_id")) << stranger.raw;

  EXPECT_EQ(count("persons"), 0);
  EXPECT_EQ(count("relationships"), 0);
  EXPECT_EQ(count("identity_numbers"), 0);
  EXPECT_EQ(count("record_history"), 0);
}

TEST_P(PersonsTest, AWorkerOfAnotherAgencyFindsNoPerson) {
  auto m = post(worker_, child("/persons"), mother());
  ASSERT_EQ(m.status, 201) << m.raw;
  const std::string id = m.body["id"];
  EXPECT_EQ(get(worker_c_, child("/persons")).status, 404);
  EXPECT_EQ(get(worker_c_, child("/persons/" + id)).status, 404);
  EXPECT_EQ(get(worker_c_, child("/relationships")).status, 404);
  EXPECT_EQ(post(worker_c_, child("/persons"), mother()).status, 404);
  // Even bad input from a stranger is 404, not a field list.
  EXPECT_EQ(post(worker_c_, child("/persons"), json::object()).status, 404);
  json changed = mother();
  changed["version"] = 1;
  EXPECT_EQ(put(worker_c_, child("/persons/" + id), changed).status, 404);
  EXPECT_EQ(count("persons"), 1);
}

TEST_P(PersonsTest, ThePersonsOfAClosedCaseCanBeReadButNotChanged) {
  auto m = post(worker_, child("/persons"), mother());
  ASSERT_EQ(m.status, 201) << m.raw;
  db().write([&](store::Tx& tx) {
    tx.execute("UPDATE cases SET status = 'closed' WHERE id = $1", store::params(case_id_));
  });
  EXPECT_EQ(get(worker_, child("/persons")).status, 200);
  json changed = mother();
  changed["version"] = 1;
  auto u = put(worker_, child("/persons/" + m.body["id"].get<std::string>()), changed);
  EXPECT_EQ(u.status, 409) << u.raw;
  EXPECT_EQ(post(worker_, child("/persons"), stepfather()).status, 409);
}

HAVEN_INSTANTIATE_BACKENDS(PersonsTest);

}  // namespace
}  // namespace haven::testing
