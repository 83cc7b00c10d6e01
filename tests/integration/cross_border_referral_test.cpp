// Transnational referrals ([X1]) between two national instances on one machine, on both databases:
// SE and LV each run a real haven server over their own database, keys and trust list. An SE
// caseworker drafts from a case, a supervisor (never the author, never a caseworker or the contact
// point) approves with the legal basis and purpose, the contact point sends it to LV's inbox over
// HTTP on loopback; LV's contact point sees exactly the previewed fields, acknowledges and answers,
// and SE's referral moves with every package. The inbox refuses malformed, unknown, forged, expired
// and replayed packages with their reason, logged; a transfer decision on a case needs an answered
// risk and security assessment; confirmed linkage pairs open draft referrals.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/id.h"
#include "exchange/instance_keys.h"
#include "exchange/package.h"
#include "exchange/trust_list.h"
#include "identity_fixture.h"
#include "service/app.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

using nlohmann::json;

constexpr const char* kLv = "Valsts bērnu tiesību aizsardzības inspekcija";

class CrossBorderReferralTest : public DatabaseTest {
 protected:
  struct User {
    std::string id;
    std::string token;
  };
  struct Answer {
    int status = 0;
    json body;
  };
  // One national instance: its database, exchange folder, server and keys.
  struct Instance {
    std::unique_ptr<TestDatabase> own_db;  // LV's; SE uses the fixture's
    store::Database* db = nullptr;
    std::string dir;
    std::unique_ptr<Process> process;
    std::optional<exchange::InstanceKeys> keys;
    service::App& app() { return *process->app; }
    std::string inbox() const {
      return "http://127.0.0.1:" + std::to_string(process->server->port()) +
             "/api/v1/exchange/inbox";
    }
  };

  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    clock_ = std::make_unique<core::ManualClock>(core::SystemClock::instance().now());
    se_.db = &db();
    lv_.own_db = another_database();
    lv_.db = &lv_.own_db->db();
    start(se_, "se-exchange");
    start(lv_, "lv-exchange");
    se_.keys = exchange::InstanceKeys::generate("SE", "Socialstyrelsen", se_.inbox());
    lv_.keys = exchange::InstanceKeys::generate("LV", kLv, lv_.inbox());
    ASSERT_TRUE(se_.keys->save(se_.dir).ok());
    ASSERT_TRUE(lv_.keys->save(lv_.dir).ok());
    trust(se_, lv_.keys->identity());
    trust(lv_, se_.keys->identity());

    const std::string malmo = add_agency(se_, "Malmö barn och unga", "child_protection", "SE");
    const std::string se_ncp =
        add_agency(se_, "Socialstyrelsen NCP", "national_contact_point", "SE");
    const std::string lv_ncp = add_agency(lv_, "VBTAI NCP", "national_contact_point", "LV");
    worker_ = add_user(se_, "anna.worker", "caseworker", malmo);
    supervisor_ = add_user(se_, "bo.supervisor", "supervisor", malmo);
    se_contact_ = add_user(se_, "cia.contact", "contact_point", se_ncp);
    lv_contact_ = add_user(lv_, "ilze.contact", "contact_point", lv_ncp);
    auto made = call(se_, "POST", worker_, "/api/v1/reports", intake_body());
    ASSERT_EQ(made.status, 201) << made.body.dump();
    case_id_ = made.body["case_id"];
  }
  void TearDown() override {
    se_.process.reset();
    lv_.process.reset();
    lv_.own_db.reset();
    DatabaseTest::TearDown();
  }

  void start(Instance& in, const std::string& name) {
    in.dir = test_db().scratch_path(name);
    std::filesystem::create_directories(in.dir);
    service::AppOptions o;
    o.keys = service::KeyService::ephemeral();
    o.password_params = security::PasswordHashParams::minimum_for_tests();
    o.exchange_dir = in.dir;
    const char* root = std::getenv("HAVEN_SOURCE_DIR");
    o.config_dir = std::string(root ? root : ".") + "/config";
    in.process = std::make_unique<Process>(*in.db, *clock_, std::move(o));
  }
  void trust(Instance& in, const exchange::Identity& partner) {
    auto list = exchange::TrustList::load(in.dir + "/trust.toml");
    ASSERT_TRUE(list.ok());
    ASSERT_TRUE(list->add(partner).ok());
    ASSERT_TRUE(list->save(in.dir + "/trust.toml").ok());
  }
  std::string add_agency(Instance& in, const std::string& name, const std::string& kind,
                         const std::string& country) {
    auto a = in.app().agencies.create({name, kind, country}, service::Actor::cli());
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    return a.ok() ? a->id : "";
  }
  // A user with an API token carrying every permission of the role.
  User add_user(Instance& in, const std::string& username, const std::string& role,
                const std::string& agency) {
    auto u =
        in.app().users.create({username, "", role, agency, kGoodPassword}, service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    if (!u.ok()) return {};
    const auto& perms = in.app().roles.permissions(*security::parse_role(role));
    std::vector<std::string> scopes(perms.begin(), perms.end());
    auto t =
        in.app().auth.create_api_token(username, scopes, 86'400'000, "test", service::Actor::cli());
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return {u->id, t.ok() ? std::string(t->token.view()) : ""};
  }
  Answer call(Instance& in, const char* method, const User& u, const std::string& path,
              const json& body = json::object()) {
    clock_->advance_ms(1);
    auto c = in.process->client();
    httplib::Headers h{{"Authorization", "Bearer " + u.token}};
    const std::string m = method;
    httplib::Result r = m == "GET"   ? c.Get(path.c_str(), h)
                        : m == "PUT" ? c.Put(path.c_str(), h, body.dump(), "application/json")
                                     : c.Post(path.c_str(), h, body.dump(), "application/json");
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }
  Answer post_inbox(Instance& in, const std::string& envelope) {
    auto c = in.process->client();
    auto r = c.Post("/api/v1/exchange/inbox", envelope, "application/json");
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }
  static json intake_body() {
    return {{"child",
             {{"given_names", "Jevgēnija"},
              {"family_names", "Ščerbakova"},
              {"sex", "female"},
              {"birth_date", "2012-06-14"},
              {"nationalities", {"LV"}},
              {"migration_status", "unaccompanied"},
              {"languages", {"lv", "ru"}}}},
            {"report",
             {{"channel", "phone"},
              {"reporter_type", "police"},
              {"concern_categories", {"neglect"}},
              {"narrative", "Found alone at Malmö central station, says her mother is in Riga."},
              {"urgency", "high"},
              {"custom_fields", {{"police_report", "yes"}}}}}};
  }
  static std::string reason_of(const json& problem) {
    if (!problem.contains("errors")) return "";
    for (const auto& e : problem["errors"])
      if (e.value("field", "") == "reason") return e.value("message", "");
    return "";
  }
  static bool has_field(const json& problem, const std::string& field) {
    if (!problem.contains("errors")) return false;
    for (const auto& e : problem["errors"])
      if (e.value("field", "") == field) return true;
    return false;
  }
  static int64_t count(store::Database& d, const std::string& sql) {
    return d.read([&](store::Tx& tx) { return tx.query_one(sql)->integer(0); });
  }

  // Drafts (worker), approves (supervisor) and sends (contact point) a referral; its id.
  std::string send_referral(const std::string& type, const json& fields) {
    auto drafted = call(se_, "POST", worker_, "/api/v1/referrals",
                        {{"case_id", case_id_},
                         {"request_type", type},
                         {"partner_authority", kLv},
                         {"fields", fields}});
    EXPECT_EQ(drafted.status, 201) << drafted.body.dump();
    const std::string id = drafted.body.value("id", "");
    auto approved = call(se_, "POST", supervisor_, "/api/v1/referrals/" + id + "/approve",
                         {{"version", 1},
                          {"legal_basis", "Regulation (EU) 2019/1111 art. 80"},
                          {"purpose", "assessment before a return to Latvia"}});
    EXPECT_EQ(approved.status, 200) << approved.body.dump();
    auto sent =
        call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 2}});
    EXPECT_EQ(sent.status, 200) << sent.body.dump();
    EXPECT_TRUE(sent.body.value("delivered", false));
    return id;
  }
  // LV's contact point acknowledges and answers the newest incoming referral.
  void lv_answers(const json& answer) {
    auto in = call(lv_, "GET", lv_contact_, "/api/v1/referrals?direction=incoming");
    ASSERT_EQ(in.status, 200);
    ASSERT_FALSE(in.body["items"].empty());
    const std::string id = in.body["items"][0]["id"];
    auto ack = call(lv_, "POST", lv_contact_, "/api/v1/referrals/" + id + "/acknowledge",
                    {{"version", 1}});
    ASSERT_EQ(ack.status, 200) << ack.body.dump();
    auto ans = call(lv_, "POST", lv_contact_, "/api/v1/referrals/" + id + "/answer",
                    {{"version", 2}, {"answer", answer}});
    ASSERT_EQ(ans.status, 200) << ans.body.dump();
  }

  // A package sealed by `from` to LV, claiming `sender`'s identity.
  std::string package(const exchange::InstanceKeys& from, const std::string& kind,
                      const json& payload, int64_t created_at, const std::string& message_id = "") {
    exchange::Package p;
    p.header.message_id = message_id.empty() ? core::new_id(clock_->now()) : message_id;
    p.header.kind = kind;
    p.header.sender = {from.identity().country, from.identity().authority};
    p.header.receiver = {"LV", kLv};
    p.header.created_at = created_at;
    p.header.expires_at = created_at + 86'400'000;
    p.header.purpose = "information";
    p.header.legal_basis = "art. 80";
    p.header.data_categories = {"identity"};
    p.payload = payload.dump();
    auto sealed = exchange::seal(p, from, lv_.keys->identity());
    EXPECT_TRUE(sealed.ok()) << (sealed.ok() ? "" : sealed.error().message);
    return sealed.ok() ? *sealed : "";
  }

  std::unique_ptr<core::ManualClock> clock_;
  Instance se_, lv_;
  User worker_, supervisor_, se_contact_, lv_contact_;
  std::string case_id_;
};

TEST_P(CrossBorderReferralTest, SeSendsLvAcknowledgesAndAnswersAndBothSidesLogEveryStep) {
  auto drafted = call(se_, "POST", worker_, "/api/v1/referrals",
                      {{"case_id", case_id_},
                       {"request_type", "family_home_assessment"},
                       {"partner_authority", kLv}});
  ASSERT_EQ(drafted.status, 201) << drafted.body.dump();
  const std::string id = drafted.body["id"];
  EXPECT_EQ(drafted.body["status"], "draft");
  EXPECT_EQ(drafted.body["fields"]["family_names"], "Ščerbakova");  // filled in from the case
  EXPECT_EQ(drafted.body["partner_country"], "LV");

  // The worker adds what the family assessment needs; the preview is exactly that.
  json fields = drafted.body["fields"];
  fields["question"] = "Can the mother in Riga care for Jevgēnija?";
  fields["family_address"] = "Rīga, Brīvības iela 1";
  auto changed = call(se_, "PUT", supervisor_, "/api/v1/referrals/" + id,
                      {{"version", 1}, {"fields", fields}});
  ASSERT_EQ(changed.status, 200) << changed.body.dump();
  auto preview = call(se_, "GET", supervisor_, "/api/v1/referrals/" + id + "/preview");
  ASSERT_EQ(preview.status, 200) << preview.body.dump();
  EXPECT_EQ(preview.body["payload"], fields);
  EXPECT_EQ(preview.body["kind"], "family_home_assessment");
  EXPECT_EQ(preview.body["receiver"]["authority"], kLv);
  EXPECT_EQ(preview.body["sender"]["authority"], "Socialstyrelsen");
  EXPECT_EQ(preview.body["data_categories"], json({"identity", "family"}));
  EXPECT_TRUE(has_field(json{{"errors", preview.body["problems"]}}, "legal_basis"));

  // Nothing leaves before approval.
  auto early =
      call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 2}});
  EXPECT_EQ(early.status, 409) << early.body.dump();
  auto approved = call(se_, "POST", supervisor_, "/api/v1/referrals/" + id + "/approve",
                       {{"version", 2},
                        {"legal_basis", "Regulation (EU) 2019/1111 art. 80"},
                        {"purpose", "family and home assessment"}});
  ASSERT_EQ(approved.status, 200) << approved.body.dump();
  EXPECT_EQ(approved.body["status"], "approved");
  EXPECT_EQ(approved.body["approved_by"], supervisor_.id);

  auto sent = call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 3}});
  ASSERT_EQ(sent.status, 200) << sent.body.dump();
  EXPECT_EQ(sent.body["status"], "sent");
  EXPECT_TRUE(sent.body["delivered"].get<bool>());

  // LV's contact point sees the incoming referral with exactly the previewed fields.
  auto incoming = call(lv_, "GET", lv_contact_, "/api/v1/referrals?direction=incoming");
  ASSERT_EQ(incoming.status, 200);
  ASSERT_EQ(incoming.body["items"].size(), 1u);
  const json in = incoming.body["items"][0];
  EXPECT_EQ(in["fields"], preview.body["payload"]);
  EXPECT_EQ(in["partner_authority"], "Socialstyrelsen");
  EXPECT_EQ(in["legal_basis"], "Regulation (EU) 2019/1111 art. 80");
  EXPECT_EQ(in["status"], "sent");
  const std::string in_id = in["id"];

  auto ack = call(lv_, "POST", lv_contact_, "/api/v1/referrals/" + in_id + "/acknowledge",
                  {{"version", 1}});
  ASSERT_EQ(ack.status, 200) << ack.body.dump();
  EXPECT_TRUE(ack.body["delivered"].get<bool>());
  EXPECT_EQ(call(se_, "GET", se_contact_, "/api/v1/referrals/" + id).body["status"],
            "acknowledged");

  auto not_in_template = call(lv_, "POST", lv_contact_, "/api/v1/referrals/" + in_id + "/answer",
                              {{"version", 2}, {"answer", {{"answer", "ok"}, {"diagnosis", "x"}}}});
  EXPECT_EQ(not_in_template.status, 422);
  EXPECT_TRUE(has_field(not_in_template.body, "diagnosis"));
  auto answered =
      call(lv_, "POST", lv_contact_, "/api/v1/referrals/" + in_id + "/answer",
           {{"version", 2},
            {"answer", {{"answer", "The mother can care for her; a home visit was made."}}}});
  ASSERT_EQ(answered.status, 200) << answered.body.dump();
  auto mine = call(se_, "GET", se_contact_, "/api/v1/referrals/" + id);
  EXPECT_EQ(mine.body["status"], "answered");
  EXPECT_EQ(mine.body["answer"]["answer"], "The mother can care for her; a home visit was made.");
  auto closed = call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/close",
                     {{"version", mine.body["version"]}});
  EXPECT_EQ(closed.status, 200) << closed.body.dump();
  EXPECT_EQ(closed.body["status"], "closed");

  // Both message logs: the request, acknowledgement and answer with their receipts.
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'sent' AND "
                  "kind = 'family_home_assessment' AND receiver_country = 'LV' AND "
                  "legal_basis = 'Regulation (EU) 2019/1111 art. 80' AND purpose = "
                  "'family and home assessment' AND data_categories = "
                  "'[\"identity\",\"family\"]'"),
            1);
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'received' "
                  "AND kind IN ('referral_acknowledgement', 'referral_answer', "
                  "'receipt')"),
            3);
  EXPECT_EQ(count(*lv_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'received' "
                  "AND kind IN ('family_home_assessment', 'receipt')"),
            3);
  EXPECT_EQ(count(*lv_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'sent' AND "
                  "kind IN ('referral_acknowledgement', 'referral_answer', 'receipt')"),
            3);
  // Both audit trails, every step, chains intact.
  for (const char* a : {"transnational_referral.draft", "transnational_referral.update",
                        "transnational_referral.preview", "transnational_referral.approve",
                        "transnational_referral.send", "transnational_referral.partner_acknowledge",
                        "transnational_referral.partner_answer", "transnational_referral.close"})
    EXPECT_EQ(
        count(*se_.db, std::string("SELECT COUNT(*) FROM audit_events WHERE action = '") + a + "'"),
        1)
        << a;
  for (const char* a : {"transnational_referral.receive", "transnational_referral.acknowledge",
                        "transnational_referral.answer"})
    EXPECT_EQ(
        count(*lv_.db, std::string("SELECT COUNT(*) FROM audit_events WHERE action = '") + a + "'"),
        1)
        << a;
  EXPECT_TRUE(se_.app().audit.verify().intact());
  EXPECT_TRUE(lv_.app().audit.verify().intact());
  // The fields are stored only sealed.
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM transnational_referrals WHERE CAST(fields_ct AS "
                  "TEXT) LIKE '%Riga%'"),
            0);
}

TEST_P(CrossBorderReferralTest, OnlyASupervisorWhoDidNotWriteItApprovesAndOnlyTemplateFieldsLeave) {
  auto drafted = call(se_, "POST", supervisor_, "/api/v1/referrals",
                      {{"case_id", case_id_},
                       {"request_type", "information_request"},
                       {"partner_authority", kLv},
                       {"fields", {{"given_names", "Jevgēnija"}, {"health_record", "asthma"}}}});
  ASSERT_EQ(drafted.status, 201) << drafted.body.dump();
  const std::string id = drafted.body["id"];
  const json basis{{"version", 1},
                   {"legal_basis", "Regulation (EU) 2019/1111 art. 80"},
                   {"purpose", "information"}};
  EXPECT_EQ(call(se_, "POST", worker_, "/api/v1/referrals/" + id + "/approve", basis).status, 403);
  EXPECT_EQ(call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/approve", basis).status,
            403);
  EXPECT_EQ(call(se_, "POST", supervisor_, "/api/v1/referrals/" + id + "/approve", basis).status,
            403);  // the author

  // Another supervisor may approve, but not with a field the template does not allow.
  const std::string malmo = se_.db->read([](store::Tx& tx) {
    return tx.query_one("SELECT id FROM agencies WHERE name = 'Malmö barn och unga'")->text(0);
  });
  User second = add_user(se_, "dan.supervisor", "supervisor", malmo);
  auto refused = call(se_, "POST", second, "/api/v1/referrals/" + id + "/approve", basis);
  EXPECT_EQ(refused.status, 422) << refused.body.dump();
  EXPECT_TRUE(has_field(refused.body, "health_record"));
  auto fixed = call(se_, "PUT", supervisor_, "/api/v1/referrals/" + id,
                    {{"version", 1}, {"fields", {{"given_names", "Jevgēnija"}}}});
  ASSERT_EQ(fixed.status, 200) << fixed.body.dump();
  auto no_basis =
      call(se_, "POST", second, "/api/v1/referrals/" + id + "/approve", {{"version", 2}});
  EXPECT_EQ(no_basis.status, 422);
  EXPECT_TRUE(has_field(no_basis.body, "legal_basis"));
  auto ok = call(se_, "POST", second, "/api/v1/referrals/" + id + "/approve",
                 {{"version", 2}, {"legal_basis", "art. 80"}, {"purpose", "information"}});
  EXPECT_EQ(ok.status, 200) << ok.body.dump();
  // An approved referral can no longer be changed.
  EXPECT_EQ(call(se_, "PUT", supervisor_, "/api/v1/referrals/" + id,
                 {{"version", 3}, {"fields", {{"given_names", "X"}}}})
                .status,
            409);
  // LV's contact point never sees SE's referrals; SE's worker sees their agency's.
  EXPECT_EQ(call(lv_, "GET", lv_contact_, "/api/v1/referrals").body["items"].size(), 0u);
  EXPECT_EQ(call(se_, "GET", worker_, "/api/v1/referrals?direction=outgoing").body["items"].size(),
            1u);
}

TEST_P(CrossBorderReferralTest, TheInboxRefusesWhatItCannotTrustWithAReasonAndLogsIt) {
  // Malformed.
  auto junk = post_inbox(lv_, "this is not a package");
  EXPECT_EQ(junk.status, 422) << junk.body.dump();
  EXPECT_EQ(reason_of(junk.body), "malformed");
  // An unknown sender.
  auto stranger = exchange::InstanceKeys::generate("PL", "Ośrodek", "");
  auto unknown = post_inbox(
      lv_, package(stranger, "information_request", {{"given_names", "A"}}, clock_->now().ms));
  EXPECT_EQ(reason_of(unknown.body), "unknown_sender");
  // A forger using SE's name with another key.
  auto forger = exchange::InstanceKeys::generate("SE", "Socialstyrelsen", "");
  auto forged = post_inbox(
      lv_, package(forger, "information_request", {{"given_names", "A"}}, clock_->now().ms));
  EXPECT_EQ(reason_of(forged.body), "bad_signature");
  // Expired (written two days ago, valid for one).
  auto old = post_inbox(lv_, package(*se_.keys, "information_request", {{"given_names", "A"}},
                                     clock_->now().ms - 2 * 86'400'000));
  EXPECT_EQ(reason_of(old.body), "expired");
  // A field its request type may not carry.
  auto too_much =
      post_inbox(lv_, package(*se_.keys, "information_request",
                              {{"given_names", "A"}, {"diagnosis", "x"}}, clock_->now().ms));
  EXPECT_EQ(reason_of(too_much.body), "malformed");
  // Accepted once with a signed receipt. The very same package again (a sender retrying after
  // losing the receipt) gets a new receipt and changes nothing; another package under the same
  // message id is a replay.
  const std::string id = core::new_id(clock_->now());
  const std::string good =
      package(*se_.keys, "information_request", {{"given_names", "A"}}, clock_->now().ms, id);
  auto first = post_inbox(lv_, good);
  ASSERT_EQ(first.status, 200) << first.body.dump();
  EXPECT_EQ(first.body["format"], "haven-exchange/1");
  auto again = post_inbox(lv_, good);
  EXPECT_EQ(again.status, 200) << again.body.dump();
  EXPECT_EQ(again.body["format"], "haven-exchange/1");
  auto replay = post_inbox(
      lv_, package(*se_.keys, "information_request", {{"given_names", "B"}}, clock_->now().ms, id));
  EXPECT_EQ(reason_of(replay.body), "replay");
  EXPECT_EQ(count(*lv_.db,
                  "SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'exchange.receive_again'"),
            1);

  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM transnational_referrals"), 1);
  for (const char* r : {"malformed", "unknown_sender", "bad_signature", "expired", "replay"})
    EXPECT_GE(count(*lv_.db, std::string("SELECT COUNT(*) FROM exchange_messages WHERE direction "
                                         "= 'refused' AND reason LIKE '") +
                                 r + ":%'"),
              1)
        << r;
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM audit_events WHERE action = 'exchange.refuse'"),
            6);
}

TEST_P(CrossBorderReferralTest,
       AReferralCarriedAsAFileBecomesAnIncomingReferralAndItsReceiptMarksItDelivered) {
  auto drafted = call(
      se_, "POST", worker_, "/api/v1/referrals",
      {{"case_id", case_id_}, {"request_type", "information_request"}, {"partner_authority", kLv}});
  ASSERT_EQ(drafted.status, 201) << drafted.body.dump();
  const std::string id = drafted.body["id"];
  auto approved = call(se_, "POST", supervisor_, "/api/v1/referrals/" + id + "/approve",
                       {{"version", 1},
                        {"legal_basis", "Regulation (EU) 2019/1111 art. 80"},
                        {"purpose", "information on a child on the move"}});
  ASSERT_EQ(approved.status, 200) << approved.body.dump();

  // SE seals it into a file (as `haven exchange send --referral` does): recorded as sent, nothing
  // waits in the outbox, not delivered until the receipt comes back.
  auto sent = se_.app().cross_border.send(service::Actor::cli(), id, 2, service::Carriage::kFile);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->referral.status, "sent");
  EXPECT_FALSE(sent->envelope.empty());
  EXPECT_EQ(sent->referral.pending_deliveries, 0);
  EXPECT_EQ(sent->referral.delivered_at, 0);

  // The file route's refusals are the inbox's: a stranger, a damaged file.
  auto stranger = exchange::InstanceKeys::generate("PL", "Ośrodek", "");
  auto unknown = lv_.app().cross_border.receive(
      package(stranger, "information_request", {{"given_names", "A"}}, clock_->now().ms), "t",
      "file");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).message, "unknown_sender");
  auto damaged = lv_.app().cross_border.receive(sent->envelope.substr(0, 200), "t", "file");
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().fields.at(0).message, "malformed");

  // LV opens the file: an incoming referral its contact point sees, as over the inbox.
  auto opened = lv_.app().cross_border.receive(sent->envelope, "t", "file");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->kind, "information_request");
  EXPECT_FALSE(opened->again);
  ASSERT_FALSE(opened->receipt_envelope.empty());
  auto incoming = call(lv_, "GET", lv_contact_, "/api/v1/referrals?direction=incoming");
  ASSERT_EQ(incoming.status, 200);
  ASSERT_EQ(incoming.body["items"].size(), 1u);
  EXPECT_EQ(incoming.body["items"][0]["status"], "sent");
  EXPECT_EQ(incoming.body["items"][0]["fields"]["family_names"], "Ščerbakova");
  EXPECT_EQ(incoming.body["items"][0]["message_id"], sent->message_id);
  // The same file opened twice applies nothing twice.
  auto twice = lv_.app().cross_border.receive(sent->envelope, "t", "file");
  ASSERT_TRUE(twice.ok()) << twice.error().message;
  EXPECT_TRUE(twice->again);
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM transnational_referrals"), 1);

  // The receipt carried back marks SE's referral delivered, as an HTTPS receipt does.
  auto receipt = se_.app().cross_border.receive(opened->receipt_envelope, "t", "file");
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_EQ(receipt->kind, "receipt");
  auto mine = call(se_, "GET", se_contact_, "/api/v1/referrals/" + id);
  EXPECT_EQ(mine.body["status"], "sent");
  EXPECT_FALSE(mine.body["delivered_at"].is_null()) << mine.body.dump();
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'transnational_referral.delivered' AND entity_id = '" +
                      id + "'"),
            1);

  // LV answers by file too; SE sees it answered.
  auto ack = lv_.app().cross_border.acknowledge(
      service::Actor::cli(), incoming.body["items"][0]["id"], 1, service::Carriage::kFile);
  ASSERT_TRUE(ack.ok()) << ack.error().message;
  ASSERT_TRUE(se_.app().cross_border.receive(ack->envelope, "t", "file").ok());
  auto ans = lv_.app().cross_border.answer(service::Actor::cli(), incoming.body["items"][0]["id"],
                                           2, json{{"answer", "Not known here."}}.dump(),
                                           service::Carriage::kFile);
  ASSERT_TRUE(ans.ok()) << ans.error().message;
  ASSERT_TRUE(se_.app().cross_border.receive(ans->envelope, "t", "file").ok());
  mine = call(se_, "GET", se_contact_, "/api/v1/referrals/" + id);
  EXPECT_EQ(mine.body["status"], "answered");
  EXPECT_EQ(mine.body["answer"]["answer"], "Not known here.");
}

TEST_P(CrossBorderReferralTest, ASendIsRecordedFirstAndDeliveredAgainWhenThePartnerWasDown) {
  // SE's deliveries go through a switch: the partner down, or its receipt lost on the way back.
  enum Mode { kUp, kDown, kReceiptLost };
  auto mode = std::make_shared<Mode>(kDown);
  auto posts = std::make_shared<int>(0);
  se_.app().cross_border.set_transport(
      [mode, posts](const std::string& url,
                    const std::string& envelope) -> core::Result<std::string> {
        if (*mode == kDown) return core::Error::unavailable("connection refused");
        const size_t path = url.find('/', url.find("://") + 3);
        httplib::Client c(url.substr(0, path));
        ++*posts;
        auto r = c.Post(url.substr(path), envelope, "application/json");
        if (!r || r->status != 200) return core::Error::unavailable("the inbox refused it");
        if (*mode == kReceiptLost) return std::string("{\"cut\": true}");
        return r->body;
      });
  auto drafted = call(
      se_, "POST", worker_, "/api/v1/referrals",
      {{"case_id", case_id_}, {"request_type", "information_request"}, {"partner_authority", kLv}});
  ASSERT_EQ(drafted.status, 201) << drafted.body.dump();
  const std::string id = drafted.body["id"];
  ASSERT_EQ(call(se_, "POST", supervisor_, "/api/v1/referrals/" + id + "/approve",
                 {{"version", 1}, {"legal_basis", "art. 80"}, {"purpose", "information"}})
                .status,
            200);

  // LV is down: the referral is recorded as sent with its package kept, and says so.
  auto down = call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 2}});
  ASSERT_EQ(down.status, 200) << down.body.dump();
  EXPECT_EQ(down.body["status"], "sent");
  EXPECT_FALSE(down.body["delivered"].get<bool>());
  EXPECT_NE(down.body["delivery_error"].get<std::string>().find("connection refused"),
            std::string::npos);
  EXPECT_EQ(down.body["pending_deliveries"], 1);
  const std::string message_id = down.body["message_id"];
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM transnational_referrals"), 0);
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM exchange_outbox WHERE delivered_at IS NULL AND "
                  "attempts = 1"),
            1);

  // LV takes it, but its receipt is lost: still pending at SE.
  *mode = kReceiptLost;
  auto lost = call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 3}});
  ASSERT_EQ(lost.status, 200) << lost.body.dump();
  EXPECT_FALSE(lost.body["delivered"].get<bool>());
  EXPECT_EQ(lost.body["pending_deliveries"], 1);
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM transnational_referrals"), 1);

  // Sent again: the same package, which LV accepts as the same message — no second referral.
  *mode = kUp;
  auto ok = call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 3}});
  ASSERT_EQ(ok.status, 200) << ok.body.dump();
  EXPECT_TRUE(ok.body["delivered"].get<bool>()) << ok.body.dump();
  EXPECT_EQ(ok.body["pending_deliveries"], 0);
  EXPECT_FALSE(ok.body["delivered_at"].is_null());
  EXPECT_EQ(ok.body["message_id"], message_id);
  EXPECT_EQ(*posts, 2);
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM transnational_referrals"), 1);
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM transnational_referrals WHERE message_id = '" +
                               message_id + "'"),
            1);
  EXPECT_EQ(count(*lv_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'received' "
                  "AND reason LIKE 'delivered again:%'"),
            1);
  EXPECT_EQ(count(*lv_.db, "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'refused'"),
            0);
  // Nothing pending: sending once more is refused, nothing leaves.
  EXPECT_EQ(
      call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/send", {{"version", 3}}).status,
      409);
  EXPECT_EQ(*posts, 2);
}

TEST_P(CrossBorderReferralTest, WithdrawingASentReferralTellsThePartnerAndADraftStaysHere) {
  const std::string id = send_referral("information_request", json::object());
  auto in = call(lv_, "GET", lv_contact_, "/api/v1/referrals?direction=incoming");
  ASSERT_EQ(in.body["items"].size(), 1u);
  const std::string in_id = in.body["items"][0]["id"];

  EXPECT_EQ(call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/withdraw",
                 {{"version", 3}, {"reason", ""}})
                .status,
            422);  // a reason is needed
  auto withdrawn = call(se_, "POST", se_contact_, "/api/v1/referrals/" + id + "/withdraw",
                        {{"version", 3}, {"reason", "The child was found in Malmö."}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body.dump();
  EXPECT_EQ(withdrawn.body["status"], "withdrawn");
  EXPECT_TRUE(withdrawn.body["delivered"].get<bool>());
  auto theirs = call(lv_, "GET", lv_contact_, "/api/v1/referrals/" + in_id);
  EXPECT_EQ(theirs.body["status"], "withdrawn");
  EXPECT_EQ(theirs.body["reason"], "The child was found in Malmö.");

  // A draft is withdrawn here only: nothing leaves.
  auto drafted = call(
      se_, "POST", worker_, "/api/v1/referrals",
      {{"case_id", case_id_}, {"request_type", "information_request"}, {"partner_authority", kLv}});
  ASSERT_EQ(drafted.status, 201);
  auto dropped = call(se_, "POST", supervisor_,
                      "/api/v1/referrals/" + drafted.body["id"].get<std::string>() + "/withdraw",
                      {{"version", 1}, {"reason", "Not needed."}});
  ASSERT_EQ(dropped.status, 200) << dropped.body.dump();
  EXPECT_EQ(dropped.body["status"], "withdrawn");
  EXPECT_TRUE(dropped.body["sent_message_id"].is_null());
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'sent' AND "
                  "kind = 'referral_withdrawal'"),
            1);
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'transnational_referral.withdraw'"),
            2);
  EXPECT_EQ(count(*lv_.db,
                  "SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'transnational_referral.partner_withdraw'"),
            1);
}

TEST_P(CrossBorderReferralTest,
       DecliningAnIncomingReferralTellsTheSenderAndARefusedDraftStaysHere) {
  const std::string id = send_referral("information_request", json::object());
  auto in = call(lv_, "GET", lv_contact_, "/api/v1/referrals?direction=incoming");
  ASSERT_EQ(in.body["items"].size(), 1u);
  const std::string in_id = in.body["items"][0]["id"];
  auto declined = call(lv_, "POST", lv_contact_, "/api/v1/referrals/" + in_id + "/reject",
                       {{"version", 1}, {"reason", "Not our competence."}});
  ASSERT_EQ(declined.status, 200) << declined.body.dump();
  EXPECT_EQ(declined.body["status"], "rejected");
  EXPECT_TRUE(declined.body["delivered"].get<bool>());
  auto mine = call(se_, "GET", se_contact_, "/api/v1/referrals/" + id);
  EXPECT_EQ(mine.body["status"], "rejected");
  EXPECT_EQ(mine.body["reason"], "Not our competence.");

  // A supervisor refuses a draft here: nothing leaves.
  auto drafted = call(
      se_, "POST", worker_, "/api/v1/referrals",
      {{"case_id", case_id_}, {"request_type", "information_request"}, {"partner_authority", kLv}});
  ASSERT_EQ(drafted.status, 201);
  const std::string draft_id = drafted.body["id"];
  EXPECT_EQ(call(se_, "POST", worker_, "/api/v1/referrals/" + draft_id + "/reject",
                 {{"version", 1}, {"reason", "No."}})
                .status,
            403);
  auto refused = call(se_, "POST", supervisor_, "/api/v1/referrals/" + draft_id + "/reject",
                      {{"version", 1}, {"reason", "No legal basis for this."}});
  ASSERT_EQ(refused.status, 200) << refused.body.dump();
  EXPECT_EQ(refused.body["status"], "rejected");
  EXPECT_TRUE(refused.body["sent_message_id"].is_null());
  EXPECT_EQ(count(*lv_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE direction = 'sent' AND "
                  "kind = 'referral_rejection'"),
            1);
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM exchange_messages WHERE kind = "
                  "'referral_rejection'"),
            1);  // the one received from LV
  EXPECT_EQ(count(*se_.db,
                  "SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'transnational_referral.partner_reject'"),
            1);
}

TEST_P(CrossBorderReferralTest, ATransferDecisionNeedsAnAnsweredRiskAndSecurityAssessment) {
  se_.db->write([&](store::Tx& tx) {
    tx.execute("UPDATE cases SET status = 'assessment' WHERE id = $1", store::params(case_id_));
  });
  const json closure{{"reason", "transferred"},
                     {"reason_detail", "Return to the mother in Riga, Latvia"},
                     {"summary", "Return and reunification."}};
  auto refused = call(se_, "PUT", worker_, "/api/v1/cases/" + case_id_ + "/closure", closure);
  EXPECT_EQ(refused.status, 422) << refused.body.dump();
  EXPECT_TRUE(has_field(refused.body, "risk_security_assessment"));
  EXPECT_EQ(count(*se_.db, "SELECT COUNT(*) FROM case_closures"), 0);

  // A family assessment is not a risk assessment; a sent but unanswered one is not enough either.
  send_referral("family_home_assessment", {{"given_names", "Jevgēnija"}});
  lv_answers({{"answer", "The home is suitable."}});
  send_referral("risk_security_assessment", {{"given_names", "Jevgēnija"}, {"question", "Safe?"}});
  EXPECT_EQ(call(se_, "PUT", worker_, "/api/v1/cases/" + case_id_ + "/closure", closure).status,
            422);
  lv_answers(
      {{"answer", "No risk found; the mother is safe."}, {"risk_indicators", json::array()}});
  auto recorded = call(se_, "PUT", worker_, "/api/v1/cases/" + case_id_ + "/closure", closure);
  EXPECT_EQ(recorded.status / 100, 2) << recorded.body.dump();
  EXPECT_EQ(count(*se_.db, "SELECT COUNT(*) FROM case_closures"), 1);
}

TEST_P(CrossBorderReferralTest, AHandOverAtHomeNeedsNoRiskAndSecurityAssessment) {
  // The same case, but the child has no migration status and the case no cross-border work.
  se_.db->write([&](store::Tx& tx) {
    tx.execute("UPDATE cases SET status = 'assessment' WHERE id = $1", store::params(case_id_));
    tx.execute(
        "UPDATE children SET migration_status = 'none' WHERE id = (SELECT child_id FROM cases "
        "WHERE id = $1)",
        store::params(case_id_));
  });
  const json closure{{"reason", "transferred"},
                     {"reason_detail", "Handed to the county's youth psychiatry, not on haven"},
                     {"summary", "Support continues there."}};
  auto recorded = call(se_, "PUT", worker_, "/api/v1/cases/" + case_id_ + "/closure", closure);
  EXPECT_EQ(recorded.status / 100, 2) << recorded.body.dump();
  EXPECT_EQ(count(*se_.db, "SELECT COUNT(*) FROM case_closures"), 1);
}

TEST_P(CrossBorderReferralTest, AConfirmedLinkagePairOpensADraftReferral) {
  // A linkage export whose reference 00ff00ff00ff00ff is the case's child.
  se_.db->write([&](store::Tx& tx) {
    tx.execute(
        "INSERT INTO linkage_exports (id, key_fingerprint, records, skipped, created_by, "
        "created_at) VALUES ('01900000-0000-7000-8000-000000000001', 'ab', 1, 0, 'cli', 1)");
    tx.execute(
        "INSERT INTO linkage_refs (export_id, ref, child_id) SELECT "
        "'01900000-0000-7000-8000-000000000001', '00ff00ff00ff00ff', child_id FROM cases WHERE "
        "id = $1",
        store::params(case_id_));
  });
  auto imported = se_.app().cross_border.import_pairs(
      service::Actor::cli(), "LV",
      {{"00ff00ff00ff00ff", "lv-17"}, {"00ff00ff00ff00ff", "lv-17"}, {"1111111111111111", "x"}});
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported->imported, 1);
  EXPECT_EQ(imported->already_queued, 1);
  EXPECT_EQ(imported->unresolved, 1);

  EXPECT_EQ(call(se_, "GET", worker_, "/api/v1/linkage-review").status, 403);
  auto queue = call(se_, "GET", se_contact_, "/api/v1/linkage-review?status=pending");
  ASSERT_EQ(queue.status, 200) << queue.body.dump();
  ASSERT_EQ(queue.body["items"].size(), 1u);
  const json pair = queue.body["items"][0];
  EXPECT_EQ(pair["child_name"], "Jevgēnija Ščerbakova");
  EXPECT_EQ(pair["partner_reference"], "lv-17");

  auto confirmed =
      call(se_, "POST", se_contact_,
           "/api/v1/linkage-review/" + pair["id"].get<std::string>() + "/confirm",
           {{"version", 1}, {"request_type", "information_request"}, {"partner_authority", kLv}});
  ASSERT_EQ(confirmed.status, 201) << confirmed.body.dump();
  EXPECT_EQ(confirmed.body["status"], "draft");
  EXPECT_EQ(confirmed.body["case_id"], case_id_);
  EXPECT_EQ(confirmed.body["review_pair_id"], pair["id"]);
  EXPECT_EQ(confirmed.body["fields"]["birth_date"], "2012-06-14");
  auto twice =
      call(se_, "POST", se_contact_,
           "/api/v1/linkage-review/" + pair["id"].get<std::string>() + "/confirm",
           {{"version", 2}, {"request_type", "information_request"}, {"partner_authority", kLv}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(
      call(se_, "GET", se_contact_, "/api/v1/linkage-review?status=confirmed").body["items"].size(),
      1u);
}

HAVEN_INSTANTIATE_BACKENDS(CrossBorderReferralTest);

}  // namespace
}  // namespace haven::testing
