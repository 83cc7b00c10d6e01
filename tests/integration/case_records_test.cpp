// The records under a case ([F3] items 4, 8, 9), through the HTTP API on both databases: referrals,
// placements, participation, the information log and notes are created, listed and updated with
// their version (a stale one is 409) and leave field history; bad input is 422 with fields and
// writes nothing; a referral is sent only with consent or a supervisor's override; documents are
// checked by content, size-limited, stored encrypted and every download audited; a transfer moves
// the case only when the receiving agency accepts; another agency's worker finds nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

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

class CaseRecordsTest : public DatabaseTest {
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
    agency_b_ = add_agency("Lunds socialtjänst");
    agency_c_ = add_agency("Helsingborgs socialtjänst");
    worker_ = add_user("anna.worker", "caseworker", agency_a_);
    supervisor_ = add_user("sara.supervisor", "supervisor", agency_a_);
    worker_b_ = add_user("bo.worker", "caseworker", agency_b_);
    worker_c_ = add_user("cecilia.worker", "caseworker", agency_c_);
    case_id_ = add_case(agency_a_, worker_.id);
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

  // A user with an API token carrying every permission of the role.
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

  // A child and an open case (implementation) of `agency`, assigned to `worker`.
  std::string add_case(const std::string& agency, const std::string& worker) {
    const auto now = clock_->now();
    const std::string child = core::new_id(now);
    const std::string id = core::new_id(now);
    db().write([&](store::Tx& tx) {
      tx.execute(
          "INSERT INTO children (id, agency_id, given_names, family_names, created_at, "
          "updated_at) VALUES ($1, $2, 'Elin', 'Nyström', $3, $3)",
          store::params(child, agency, now.ms));
      store::CaseRow c;
      c.id = id;
      c.case_number = "SE-2026-" + id.substr(id.size() - 6);
      c.child_id = child;
      c.agency_id = agency;
      c.status = "implementation";
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
    httplib::Headers headers;
  };
  static Answer answer(const httplib::Result& r) {
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.raw = r->body;
    a.body = json::parse(r->body, nullptr, false);
    a.headers = r->headers;
    return a;
  }
  Answer get(const User& u, const std::string& path) {
    auto c = process_->client();
    return answer(c.Get(path.c_str(), auth(u)));
  }
  Answer post(const User& u, const std::string& path, const json& body) {
    auto c = process_->client();
    return answer(c.Post(path.c_str(), auth(u), body.dump(), "application/json"));
  }
  Answer put(const User& u, const std::string& path, const json& body) {
    auto c = process_->client();
    return answer(c.Put(path.c_str(), auth(u), body.dump(), "application/json"));
  }
  Answer upload(const User& u, const std::string& case_id, const std::string& bytes,
                const std::string& content_type, const std::string& name,
                const std::string& type = "court_decision") {
    auto c = process_->client();
    const std::string path = "/api/v1/cases/" + case_id + "/documents?document_type=" + type +
                             "&file_name=" + percent_encoded(name);
    return answer(c.Post(path.c_str(), auth(u), bytes, content_type.c_str()));
  }

  static std::string percent_encoded(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : text) {
      if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
        out.push_back(static_cast<char>(ch));
      } else {
        out.push_back('%');
        out.push_back(kHex[ch >> 4]);
        out.push_back(kHex[ch & 0xf]);
      }
    }
    return out;
  }

  std::string cases(const std::string& rest = "") { return "/api/v1/cases/" + case_id_ + rest; }
  static std::string day(int days_ago, const core::Clock& clock) {
    return core::Date::of(clock.now()).plus_days(-days_ago).to_string();
  }
  std::string day(int days_ago) const { return day(days_ago, *clock_); }

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
  int64_t audit_count(const std::string& action, const std::string& entity_id) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_events WHERE action = $1 AND entity_id = $2",
                     store::params(action, entity_id))
          ->integer(0);
    });
  }

  json placement(const std::string& start, const std::string& end = "") {
    json p{{"type", "foster_care"},
           {"provider", "Familjen Lindqvist"},
           {"start_on", start},
           {"entry_reasons", {"neglect"}},
           {"reason", "The child cannot live at home while the assessment continues."}};
    if (!end.empty()) {
      p["end_on"] = end;
      p["exit_destination"] = "returned_to_family";
    }
    return p;
  }
  json participation() {
    return {{"stage", "planning"},
            {"decision", "Where Elin lives during the school year"},
            {"space", {{"offered_on", day(3)}, {"setting", "at school, with the nurse"}}},
            {"voice", {{"views", "I want to stay at my school and see my brother."}}},
            {"audience", {{"decision_maker", "Social welfare committee"}}}};
  }

  std::unique_ptr<core::ManualClock> clock_;
  std::unique_ptr<Process> process_;
  std::string agency_a_, agency_b_, agency_c_;
  User worker_, supervisor_, worker_b_, worker_c_;
  std::string case_id_;
};

TEST_P(CaseRecordsTest, EachRecordTypeIsCreatedListedAndUpdatedWithHistory) {
  auto ref = post(worker_, cases("/referrals"),
                  {{"service_type", "parenting_support"}, {"provider", "Föräldrastöd Syd"}});
  ASSERT_EQ(ref.status, 201) << ref.raw;
  EXPECT_EQ(ref.body["status"], "proposed");
  auto pl = post(worker_, cases("/placements"), placement(day(30)));
  ASSERT_EQ(pl.status, 201) << pl.raw;
  auto par = post(worker_, cases("/participation"), participation());
  ASSERT_EQ(par.status, 201) << par.raw;
  auto info = post(worker_, cases("/information-given"),
                   {{"given_on", day(2)},
                    {"stage", "planning"},
                    {"what", "What a foster family is and who decides"},
                    {"language", "sv"},
                    {"format", "easy_read"}});
  ASSERT_EQ(info.status, 201) << info.raw;
  EXPECT_EQ(info.body["given_by"], worker_.id);
  auto note = post(worker_, cases("/notes"),
                   {{"text", "Home visit: the flat was tidy; Elin showed me her room."},
                    {"occurred_on", day(1)}});
  ASSERT_EQ(note.status, 201) << note.raw;
  EXPECT_EQ(note.body["author_id"], worker_.id);

  for (const char* list :
       {"/referrals", "/placements", "/participation", "/information-given", "/notes"}) {
    auto l = get(worker_, cases(list));
    ASSERT_EQ(l.status, 200) << list << " " << l.raw;
    EXPECT_EQ(l.body["items"].size(), 1u) << list;
  }
  EXPECT_EQ(get(worker_, cases("/participation")).body["items"][0]["voice"]["views"],
            "I want to stay at my school and see my brother.");

  json r2{{"service_type", "parenting_support"},
          {"provider", "Föräldrastöd Syd, Lund"},
          {"version", 1}};
  auto ref2 = put(worker_, cases("/referrals/" + ref.body["id"].get<std::string>()), r2);
  ASSERT_EQ(ref2.status, 200) << ref2.raw;
  EXPECT_EQ(ref2.body["version"], 2);
  json p2 = placement(day(30), day(1));
  p2["end_reason"] = "Returned home with support.";
  p2["review_dates"] = {day(10)};
  p2["version"] = 1;
  auto pl2 = put(worker_, cases("/placements/" + pl.body["id"].get<std::string>()), p2);
  ASSERT_EQ(pl2.status, 200) << pl2.raw;
  EXPECT_EQ(pl2.body["end_on"], day(1));
  json par2 = participation();
  par2["influence"] = {{"weight_given", "School stays the same."},
                       {"feedback_given_on", day(0)},
                       {"feedback_how", "Met her at school and explained."}};
  par2["version"] = 1;
  auto pa2 = put(worker_, cases("/participation/" + par.body["id"].get<std::string>()), par2);
  ASSERT_EQ(pa2.status, 200) << pa2.raw;
  json info2{{"given_on", day(2)}, {"stage", "planning"},   {"what", "The plan, in pictures"},
             {"language", "sv"},   {"format", "pictorial"}, {"version", 1}};
  auto in2 = put(worker_, cases("/information-given/" + info.body["id"].get<std::string>()), info2);
  ASSERT_EQ(in2.status, 200) << in2.raw;
  EXPECT_EQ(in2.body["format"], "pictorial");
  // If-Match carries the version as well as the body.
  auto c = process_->client();
  httplib::Headers h = auth(worker_);
  h.emplace("If-Match", "\"1\"");
  auto n2 = answer(c.Put(cases("/notes/" + note.body["id"].get<std::string>()).c_str(), h,
                         json{{"text", "Home visit (corrected): Elin showed me her room."}}.dump(),
                         "application/json"));
  ASSERT_EQ(n2.status, 200) << n2.raw;
  EXPECT_EQ(get(worker_, cases("/notes")).body["items"][0]["text"],
            "Home visit (corrected): Elin showed me her room.");

  // History: who changed what, old → new; the note's text only encrypted in the database.
  auto history = db().read([&](store::Tx& tx) { return app().history.read_case(tx, case_id_); });
  ASSERT_TRUE(history.ok());
  bool provider_change = false, note_change = false;
  for (const auto& e : *history) {
    if (e.entity == "referral" && e.field == "provider" && e.old_value == "Föräldrastöd Syd" &&
        e.new_value == "Föräldrastöd Syd, Lund" && e.changed_by == worker_.id)
      provider_change = true;
    if (e.entity == "case_note" && e.field == "text" && e.sensitive &&
        e.new_value == "Home visit (corrected): Elin showed me her room.")
      note_change = true;
  }
  EXPECT_TRUE(provider_change);
  EXPECT_TRUE(note_change);
  db().read([&](store::Tx& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM record_history WHERE entity = 'case_note' AND "
                           "field = 'text' AND "
                           "(old_value IS NOT NULL OR new_value IS NOT NULL)")
                  ->integer(0),
              0);
    auto ct = tx.query_one("SELECT body_ct FROM case_notes")->blob(0);
    std::string bytes(ct.bytes.begin(), ct.bytes.end());
    EXPECT_EQ(bytes.find("Home visit"), std::string::npos);
  });
}

TEST_P(CaseRecordsTest, PlacementCodesAreStoredReadBackAndKeptInHistory) {
  json p = placement(day(30));
  p["entry_reasons"] = {"parental_capacity", "neglect"};
  auto pl = post(worker_, cases("/placements"), p);
  ASSERT_EQ(pl.status, 201) << pl.raw;
  EXPECT_EQ(pl.body["entry_reasons"], json({"neglect", "parental_capacity"}));
  EXPECT_TRUE(pl.body["exit_destination"].is_null());
  auto listed = get(worker_, cases("/placements")).body["items"][0];
  EXPECT_EQ(listed["entry_reasons"], json({"neglect", "parental_capacity"}));
  const std::string id = pl.body["id"];
  EXPECT_EQ(db().read([&](store::Tx& tx) {
    return tx
        .query_one("SELECT COUNT(*) FROM placement_entry_reasons WHERE placement_id = $1",
                   store::params(id))
        ->integer(0);
  }),
            2);

  // Ended: the destination is stored; the reasons are replaced by the ones sent.
  json ended = placement(day(30), day(1));
  ended["entry_reasons"] = {"abuse"};
  ended["exit_destination"] = "independent_living";
  ended["version"] = 1;
  auto e = put(worker_, cases("/placements/" + id), ended);
  ASSERT_EQ(e.status, 200) << e.raw;
  auto again = get(worker_, cases("/placements")).body["items"][0];
  EXPECT_EQ(again["entry_reasons"], json({"abuse"}));
  EXPECT_EQ(again["exit_destination"], "independent_living");
  EXPECT_EQ(db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT exit_destination FROM placements WHERE id = $1", store::params(id))
        ->text(0);
  }),
            "independent_living");
  auto history = db().read([&](store::Tx& tx) { return app().history.read_case(tx, case_id_); });
  ASSERT_TRUE(history.ok());
  bool reasons_change = false, destination_change = false;
  for (const auto& h : *history) {
    if (h.entity != "placement" || h.entity_id != id) continue;
    if (h.field == "entry_reasons" && h.old_value == "neglect,parental_capacity" &&
        h.new_value == "abuse")
      reasons_change = true;
    if (h.field == "exit_destination" && h.new_value == "independent_living")
      destination_change = true;
  }
  EXPECT_TRUE(reasons_change);
  EXPECT_TRUE(destination_change);

  // A placement that has reasons keeps at least one.
  json none = ended;
  none["entry_reasons"] = json::array();
  none["version"] = 2;
  auto n = put(worker_, cases("/placements/" + id), none);
  EXPECT_EQ(n.status, 422) << n.raw;
  EXPECT_TRUE(has_field(n.body, "entry_reasons")) << n.raw;
}

TEST_P(CaseRecordsTest, PlacementCodesAreRequiredAndChecked) {
  const int64_t history_before = count("record_history");
  json no_reason = placement(day(30));
  no_reason.erase("entry_reasons");
  auto a = post(worker_, cases("/placements"), no_reason);
  EXPECT_EQ(a.status, 422) << a.raw;
  EXPECT_TRUE(has_field(a.body, "entry_reasons")) << a.raw;

  json bad_reason = placement(day(30));
  bad_reason["entry_reasons"] = {"neglect", "bad_luck"};
  auto b = post(worker_, cases("/placements"), bad_reason);
  EXPECT_EQ(b.status, 422) << b.raw;
  EXPECT_TRUE(has_field(b.body, "entry_reasons")) << b.raw;
  EXPECT_NE(b.raw.find("bad_luck"), std::string::npos) << b.raw;

  json bad_destination = placement(day(30), day(1));
  bad_destination["exit_destination"] = "moon";
  auto c = post(worker_, cases("/placements"), bad_destination);
  EXPECT_EQ(c.status, 422) << c.raw;
  EXPECT_TRUE(has_field(c.body, "exit_destination")) << c.raw;

  EXPECT_EQ(count("record_history"), history_before);
  EXPECT_EQ(count("placements"), 0);

  // Ending a placement without saying where the child went.
  auto pl = post(worker_, cases("/placements"), placement(day(30)));
  ASSERT_EQ(pl.status, 201) << pl.raw;
  const int64_t history_created = count("record_history");
  json end = placement(day(30), day(1));
  end.erase("exit_destination");
  end["version"] = 1;
  auto d = put(worker_, cases("/placements/" + pl.body["id"].get<std::string>()), end);
  EXPECT_EQ(d.status, 422) << d.raw;
  EXPECT_TRUE(has_field(d.body, "exit_destination")) << d.raw;
  EXPECT_TRUE(get(worker_, cases("/placements")).body["items"][0]["end_on"].is_null());
  EXPECT_EQ(count("placement_entry_reasons"), 1);
  EXPECT_EQ(count("record_history"), history_created);
}

TEST_P(CaseRecordsTest, APlacementFromBeforeTheCodesReadsAndEditsWithoutThem) {
  auto pl = post(worker_, cases("/placements"), placement(day(30)));
  ASSERT_EQ(pl.status, 201) << pl.raw;
  const std::string id = pl.body["id"];
  db().write([&](store::Tx& tx) {  // as migration 0016 found it
    tx.execute("DELETE FROM placement_entry_reasons WHERE placement_id = $1", store::params(id));
  });
  auto read = get(worker_, cases("/placements")).body["items"][0];
  EXPECT_EQ(read["entry_reasons"], json::array());
  EXPECT_TRUE(read["exit_destination"].is_null());
  json edit = placement(day(30));
  edit.erase("entry_reasons");
  edit["provider"] = "Familjen Lindqvist, Ystad";
  edit["version"] = 1;
  auto e = put(worker_, cases("/placements/" + id), edit);
  EXPECT_EQ(e.status, 200) << e.raw;
}

TEST_P(CaseRecordsTest, AStaleVersionIsAConflictNamingTheCurrentOne) {
  auto pl = post(worker_, cases("/placements"), placement(day(30)));
  ASSERT_EQ(pl.status, 201) << pl.raw;
  const std::string path = cases("/placements/" + pl.body["id"].get<std::string>());
  json first = placement(day(30));
  first["provider"] = "Familjen Berg";
  first["version"] = 1;
  json second = placement(day(30));
  second["provider"] = "Familjen Holm";
  second["version"] = 1;
  EXPECT_EQ(put(worker_, path, first).status, 200);
  auto stale = put(supervisor_, path, second);
  EXPECT_EQ(stale.status, 409) << stale.raw;
  EXPECT_EQ(stale.body["current_version"], 2);
  EXPECT_EQ(get(worker_, cases("/placements")).body["items"][0]["provider"], "Familjen Berg");

  auto note = post(worker_, cases("/notes"), {{"text", "Phone call with the school."}});
  ASSERT_EQ(note.status, 201);
  const std::string note_path = cases("/notes/" + note.body["id"].get<std::string>());
  EXPECT_EQ(
      put(worker_, note_path, {{"text", "Call with the school nurse."}, {"version", 1}}).status,
      200);
  EXPECT_EQ(put(worker_, note_path, {{"text", "Call with the teacher."}, {"version", 1}}).status,
            409);
}

TEST_P(CaseRecordsTest, BadInputIsRejectedWithFieldsAndWritesNothing) {
  const int64_t history_before = count("record_history");
  auto backwards = post(worker_, cases("/placements"), placement(day(10), day(20)));
  EXPECT_EQ(backwards.status, 422) << backwards.raw;
  EXPECT_TRUE(has_field(backwards.body, "end_on")) << backwards.raw;

  json unknown = placement(day(10));
  unknown["type"] = "boarding_school";
  auto u = post(worker_, cases("/placements"), unknown);
  EXPECT_EQ(u.status, 422);
  EXPECT_TRUE(has_field(u.body, "type")) << u.raw;

  json long_text = placement(day(10));
  long_text["provider"] = std::string(201, 'x');
  auto l = post(worker_, cases("/placements"), long_text);
  EXPECT_EQ(l.status, 422);
  EXPECT_TRUE(has_field(l.body, "provider")) << l.raw;

  auto ref = post(worker_, cases("/referrals"),
                  {{"service_type", "astrology"}, {"provider", "Stjärnorna AB"}});
  EXPECT_EQ(ref.status, 422);
  EXPECT_TRUE(has_field(ref.body, "service_type"));

  auto info =
      post(worker_, cases("/information-given"),
           {{"given_on", day(-5)}, {"what", "x"}, {"language", "sv"}, {"format", "verbal"}});
  EXPECT_EQ(info.status, 422);
  EXPECT_TRUE(has_field(info.body, "given_on")) << info.raw;

  auto par = post(worker_, cases("/participation"),
                  {{"decision", "Contact with father"}, {"space", {{"offered_on", day(1)}}}});
  EXPECT_EQ(par.status, 422);
  EXPECT_TRUE(has_field(par.body, "voice.views")) << par.raw;

  // Invalid UTF-8 cannot travel inside JSON; the service refuses it from any caller.
  auto actor = service::Actor{};
  actor.principal = db().read([&](store::Tx& tx) {
    auto row = store::UserRepository::find(tx, worker_.id);
    return *app().access.principal_for(tx, *row, nullptr);
  });
  domain::CaseNote bad;
  bad.text = "Visit \xff\xfe notes";
  auto n = app().notes.create(actor, case_id_, bad);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, core::ErrorCode::kInvalidInput);
  ASSERT_FALSE(n.error().fields.empty());
  EXPECT_EQ(n.error().fields[0].field, "text");

  EXPECT_EQ(count("placements"), 0);
  EXPECT_EQ(count("referrals"), 0);
  EXPECT_EQ(count("information_given"), 0);
  EXPECT_EQ(count("participation_records"), 0);
  EXPECT_EQ(count("case_notes"), 0);
  EXPECT_EQ(count("record_history"), history_before);
}

TEST_P(CaseRecordsTest, AReferralIsSentOnlyWithConsentOrASupervisorsOverride) {
  json sent{{"service_type", "therapy"},
            {"provider", "BUP Malmö"},
            {"status", "referred"},
            {"referred_on", day(1)}};
  auto refused = post(worker_, cases("/referrals"), sent);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_TRUE(has_field(refused.body, "consent")) << refused.raw;

  json overridden = sent;
  overridden["consent_override"] = {
      {"reason", "The mother cannot be reached; the child is at risk."}};
  auto by_worker = post(worker_, cases("/referrals"), overridden);
  EXPECT_EQ(by_worker.status, 403) << by_worker.raw;
  EXPECT_EQ(count("referrals"), 0);

  auto by_supervisor = post(supervisor_, cases("/referrals"), overridden);
  ASSERT_EQ(by_supervisor.status, 201) << by_supervisor.raw;
  EXPECT_EQ(by_supervisor.body["consent_override"]["supervisor_id"], supervisor_.id);

  json consented = sent;
  consented["consent"] = {{"given_by", "the mother"}, {"given_on", day(2)}};
  auto with_consent = post(worker_, cases("/referrals"), consented);
  ASSERT_EQ(with_consent.status, 201) << with_consent.raw;
  EXPECT_EQ(with_consent.body["consent"]["recorded_by"], worker_.id);

  // A proposed referral moves on only once consent is recorded.
  auto proposed = post(worker_, cases("/referrals"),
                       {{"service_type", "legal_aid"}, {"provider", "Juridisk byrå"}});
  ASSERT_EQ(proposed.status, 201);
  json send = sent;
  send["service_type"] = "legal_aid";
  send["provider"] = "Juridisk byrå";
  send["version"] = 1;
  const std::string path = cases("/referrals/" + proposed.body["id"].get<std::string>());
  auto blocked = put(worker_, path, send);
  EXPECT_EQ(blocked.status, 422);
  EXPECT_TRUE(has_field(blocked.body, "consent"));
  send["consent"] = {{"given_by", "Elin (15)"}, {"given_on", day(0)}};
  EXPECT_EQ(put(worker_, path, send).status, 200);
}

TEST_P(CaseRecordsTest, DocumentsAreCheckedByContentStoredEncryptedAndEveryDownloadAudited) {
  const std::string pdf =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
      "/Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  auto up = upload(worker_, case_id_, pdf, "application/pdf", "Tingsrätt beslut.pdf");
  ASSERT_EQ(up.status, 201) << up.raw;
  EXPECT_EQ(up.body["media_type"], "application/pdf");
  EXPECT_EQ(up.body["file_name"], "Tingsrätt beslut.pdf");
  EXPECT_EQ(up.body["size_bytes"], static_cast<int64_t>(pdf.size()));
  const std::string doc_id = up.body["id"];

  // A Windows program named .pdf, and text claiming to be a PDF: refused, nothing stored.
  const std::string exe = std::string("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", 14) +
                          std::string(200, '\0');
  auto fake = upload(worker_, case_id_, exe, "application/pdf", "beslut.pdf");
  EXPECT_EQ(fake.status, 422) << fake.raw;
  EXPECT_TRUE(has_field(fake.body, "file")) << fake.raw;
  auto text_as_pdf = upload(worker_, case_id_, "Just some words.\n", "application/pdf", "a.pdf");
  EXPECT_EQ(text_as_pdf.status, 422) << text_as_pdf.raw;
  EXPECT_TRUE(has_field(text_as_pdf.body, "content_type")) << text_as_pdf.raw;
  auto bad_type = upload(worker_, case_id_, pdf, "application/pdf", "a.pdf", "love_letter");
  EXPECT_EQ(bad_type.status, 422);
  EXPECT_TRUE(has_field(bad_type.body, "document_type"));

  // Beyond the limit: refused by the route before the body is read, and by the service.
  std::string big = pdf + std::string(service::DocumentService::kDefaultMaxBytes, ' ');
  auto too_big = upload(worker_, case_id_, big, "application/pdf", "big.pdf");
  EXPECT_EQ(too_big.status, 413) << too_big.raw.substr(0, 200);
  service::Actor actor;
  actor.principal = db().read([&](store::Tx& tx) {
    auto row = store::UserRepository::find(tx, worker_.id);
    return *app().access.principal_for(tx, *row, nullptr);
  });
  auto direct = app().documents.upload(actor, case_id_, {"court_decision", "big.pdf", "", big});
  ASSERT_FALSE(direct.ok());
  EXPECT_EQ(direct.error().code, core::ErrorCode::kTooLarge);
  EXPECT_EQ(count("case_documents"), 1);

  // Stored encrypted: the bytes are not in the row.
  db().read([&](store::Tx& tx) {
    auto ct = tx.query_one("SELECT content_ct FROM case_documents")->blob(0);
    std::string bytes(ct.bytes.begin(), ct.bytes.end());
    EXPECT_EQ(bytes.find("%PDF"), std::string::npos);
  });

  auto list = get(worker_, cases("/documents"));
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["items"].size(), 1u);

  EXPECT_EQ(audit_count("document.download", doc_id), 0);
  auto c = process_->client();
  auto down = c.Get(cases("/documents/" + doc_id).c_str(), auth(worker_));
  ASSERT_TRUE(down);
  ASSERT_EQ(down->status, 200);
  EXPECT_EQ(down->body, pdf);
  EXPECT_EQ(down->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(down->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(down->get_header_value("Content-Disposition").rfind("attachment;", 0), 0u);
  // (httplib's client percent-decodes header values, so the RFC 8187 name arrives decoded.)
  EXPECT_NE(down->get_header_value("Content-Disposition")
                .find("filename=\"Tingsr__tt beslut.pdf\"; filename*=UTF-8''Tingsr"),
            std::string::npos)
      << down->get_header_value("Content-Disposition");
  EXPECT_EQ(audit_count("document.download", doc_id), 1);
  c.Get(cases("/documents/" + doc_id).c_str(), auth(worker_));
  EXPECT_EQ(audit_count("document.download", doc_id), 2);
}

TEST_P(CaseRecordsTest, ATransferMovesTheCaseOnlyWhenTheReceivingAgencyAccepts) {
  ASSERT_EQ(post(worker_, cases("/notes"), {{"text", "Family moves to Lund in March."}}).status,
            201);
  auto t = post(worker_, cases("/transfers"),
                {{"to_agency_id", agency_b_}, {"reason", "The family moved to Lund."}});
  ASSERT_EQ(t.status, 201) << t.raw;
  EXPECT_EQ(t.body["state"], "requested");
  const std::string transfer = t.body["id"];
  EXPECT_EQ(post(worker_, cases("/transfers"),
                 {{"to_agency_id", agency_c_}, {"reason", "Or Helsingborg."}})
                .status,
            409);

  // Still the sender's until accepted.
  EXPECT_EQ(get(worker_, cases("/notes")).status, 200);
  EXPECT_EQ(get(worker_b_, cases("/notes")).status, 404);
  EXPECT_EQ(post(worker_b_, cases("/notes"), {{"text", "x"}}).status, 404);
  auto incoming = get(worker_b_, "/api/v1/transfers?direction=incoming");
  ASSERT_EQ(incoming.status, 200);
  ASSERT_EQ(incoming.body["items"].size(), 1u);
  EXPECT_EQ(incoming.body["items"][0]["case_id"], case_id_);
  EXPECT_EQ(get(worker_, "/api/v1/transfers?direction=incoming").body["items"].size(), 0u);
  EXPECT_EQ(get(worker_, "/api/v1/transfers?direction=outgoing").body["items"].size(), 1u);

  // Only the receiving agency answers.
  EXPECT_EQ(post(worker_, "/api/v1/transfers/" + transfer + "/accept", json::object()).status, 403);
  EXPECT_EQ(post(worker_c_, "/api/v1/transfers/" + transfer + "/accept", json::object()).status,
            404);
  auto accepted =
      post(worker_b_, "/api/v1/transfers/" + transfer + "/accept", {{"comment", "Welcome."}});
  ASSERT_EQ(accepted.status, 200) << accepted.raw;
  EXPECT_EQ(accepted.body["state"], "accepted");
  EXPECT_EQ(
      post(worker_b_, "/api/v1/transfers/" + transfer + "/reject", {{"comment", "No."}}).status,
      409);

  db().read([&](store::Tx& tx) {
    auto c = store::CaseRepository::find(tx, case_id_);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->agency_id, agency_b_);
    EXPECT_FALSE(c->assigned_worker_id.has_value());
    EXPECT_EQ(c->status, "implementation");
    EXPECT_EQ(
        tx.query_one("SELECT agency_id FROM children WHERE id = $1", store::params(c->child_id))
            ->text(0),
        agency_b_);
  });
  // The receiving agency reads the whole file and writes; the sender's caseworker no longer.
  auto notes = get(worker_b_, cases("/notes"));
  ASSERT_EQ(notes.status, 200);
  EXPECT_EQ(notes.body["items"].size(), 1u);
  EXPECT_EQ(post(worker_b_, cases("/notes"), {{"text", "First meeting in Lund."}}).status, 201);
  EXPECT_EQ(get(worker_, cases("/notes")).status, 404);
  EXPECT_EQ(post(worker_, cases("/notes"), {{"text", "x"}}).status, 404);

  auto history = db().read([&](store::Tx& tx) { return app().history.read_case(tx, case_id_); });
  ASSERT_TRUE(history.ok());
  bool moved = false;
  for (const auto& e : *history)
    if (e.entity == "case" && e.field == "agency_id" && e.old_value == agency_a_ &&
        e.new_value == agency_b_ && e.changed_by == worker_b_.id)
      moved = true;
  EXPECT_TRUE(moved);
  EXPECT_EQ(audit_count("case.transfer_accept", transfer), 1);
}

TEST_P(CaseRecordsTest, ARejectedTransferLeavesTheCaseWhereItWas) {
  auto t = post(worker_, cases("/transfers"),
                {{"to_agency_id", agency_b_}, {"reason", "The family moved to Lund."}});
  ASSERT_EQ(t.status, 201);
  const std::string transfer = t.body["id"];
  auto no_comment = post(worker_b_, "/api/v1/transfers/" + transfer + "/reject", json::object());
  EXPECT_EQ(no_comment.status, 422);
  EXPECT_TRUE(has_field(no_comment.body, "comment"));
  EXPECT_EQ(post(worker_b_, "/api/v1/transfers/" + transfer + "/reject",
                 {{"comment", "The family is registered in Malmö still."}})
                .status,
            200);
  EXPECT_EQ(get(worker_, cases("/notes")).status, 200);
  EXPECT_EQ(get(worker_b_, cases("/notes")).status, 404);
  auto bad = post(worker_, cases("/transfers"), {{"to_agency_id", agency_a_}, {"reason", "x"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has_field(bad.body, "to_agency_id"));
}

TEST_P(CaseRecordsTest, AWorkerOfAnotherAgencyFindsNoRecord) {
  auto ref = post(worker_, cases("/referrals"), {{"service_type", "health"}, {"provider", "BVC"}});
  auto pl = post(worker_, cases("/placements"), placement(day(30)));
  auto par = post(worker_, cases("/participation"), participation());
  auto info = post(worker_, cases("/information-given"),
                   {{"given_on", day(2)}, {"what", "x"}, {"language", "sv"}, {"format", "verbal"}});
  auto note = post(worker_, cases("/notes"), {{"text", "x"}});
  auto doc = upload(worker_, case_id_, "A scanned letter, as text.\n", "text/plain", "letter.txt",
                    "medical_letter");
  for (const auto* a : {&ref, &pl, &par, &info, &note, &doc}) ASSERT_EQ(a->status, 201) << a->raw;

  for (const std::string list : {"/referrals", "/placements", "/participation",
                                 "/information-given", "/notes", "/documents", "/transfers"}) {
    EXPECT_EQ(get(worker_c_, cases(list)).status, 404) << list;
    EXPECT_EQ(post(worker_c_, cases(list), json::object()).status, 404) << list;
  }
  EXPECT_EQ(put(worker_c_, cases("/referrals/" + ref.body["id"].get<std::string>()),
                {{"service_type", "health"}, {"provider", "BVC"}, {"version", 1}})
                .status,
            404);
  EXPECT_EQ(put(worker_c_, cases("/placements/" + pl.body["id"].get<std::string>()),
                [&] {
                  json p = placement(day(30));
                  p["version"] = 1;
                  return p;
                }())
                .status,
            404);
  EXPECT_EQ(put(worker_c_, cases("/notes/" + note.body["id"].get<std::string>()),
                {{"text", "y"}, {"version", 1}})
                .status,
            404);
  EXPECT_EQ(get(worker_c_, cases("/documents/" + doc.body["id"].get<std::string>())).status, 404);
  EXPECT_EQ(audit_count("document.download", doc.body["id"].get<std::string>()), 0);
}

HAVEN_INSTANTIATE_BACKENDS(CaseRecordsTest);

}  // namespace
}  // namespace haven::testing
