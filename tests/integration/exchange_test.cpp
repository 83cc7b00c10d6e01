// Cross-border exchange on both databases, as two contact points would see it: SE sends LV a
// referral, LV accepts it once, answers the very same package again with a new receipt without
// applying it twice, and refuses another package under the same id (replay), SE accepts LV's signed
// receipt; every package sent, received or refused is in each side's message log and audit trail,
// with sender and receiver authority, legal basis, purpose and data categories.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "exchange/instance_keys.h"
#include "exchange/package.h"
#include "exchange/trust_list.h"
#include "service/audit_service.h"
#include "service/exchange/exchange_service.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

class ExchangeTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(se_trusts_.add(lv_.identity()).ok());
    ASSERT_TRUE(lv_trusts_.add(se_.identity()).ok());
  }

  // Both instances share one test database here; their logs are told apart by direction.
  int64_t count(const std::string& where) {
    return db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) FROM exchange_messages WHERE " + where)->integer(0);
    });
  }
  int64_t audits(const std::string& action) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_events WHERE action = $1", store::params(action))
          ->integer(0);
    });
  }
  service::ExchangeSendRequest referral() {
    service::ExchangeSendRequest r;
    r.to_authority = "Valsts bērnu tiesību aizsardzības inspekcija";
    r.purpose = "family and home assessment";
    r.legal_basis = "Regulation (EU) 2019/1111 art. 80";
    r.data_categories = {"identity", "family"};
    r.payload = R"({"request_type":"family_home_assessment","child":{"birth_year":2013}})";
    return r;
  }

  core::ManualClock clock_{core::Timestamp{1'790'000'000'000}};
  exchange::InstanceKeys se_ = exchange::InstanceKeys::generate("SE", "Socialstyrelsen", "");
  exchange::InstanceKeys lv_ =
      exchange::InstanceKeys::generate("LV", "Valsts bērnu tiesību aizsardzības inspekcija", "");
  exchange::TrustList se_trusts_, lv_trusts_;
};

TEST_P(ExchangeTest, AcceptsAPackageOnceAnswersItsRetryAndRefusesTheReplay) {
  service::AuditService audit(db(), clock_);
  service::ExchangeService exchange(db(), clock_, audit);
  auto sent = exchange.send(se_, se_trusts_, referral(), service::Actor::cli());
  ASSERT_TRUE(sent.ok()) << sent.error().message;

  clock_.advance_ms(5 * 60 * 1000);
  auto received = exchange.receive(lv_, lv_trusts_, sent->envelope, service::Actor::cli());
  ASSERT_TRUE(received.ok()) << received.error().message;
  EXPECT_EQ(received->package.header.message_id, sent->message_id);
  EXPECT_EQ(nlohmann::json::parse(received->package.payload)["request_type"],
            "family_home_assessment");
  ASSERT_TRUE(received->receipt_envelope.has_value());

  // The same package again (the sender retrying after a lost receipt): a new receipt, no effect.
  int hooked = 0;
  auto again = exchange.receive(lv_, lv_trusts_, sent->envelope, service::Actor::cli(),
                                [&](store::Tx&, const exchange::Opened&) {
                                  ++hooked;
                                  return core::ok_status();
                                });
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->again);
  EXPECT_TRUE(again->receipt_envelope.has_value());
  EXPECT_EQ(hooked, 0);
  // Another package under the same message id (sealed anew: other bytes) is a replay.
  auto copy = exchange::seal(received->package, se_, lv_.identity());
  ASSERT_TRUE(copy.ok());
  auto replay = exchange.receive(lv_, lv_trusts_, *copy, service::Actor::cli());
  ASSERT_FALSE(replay.ok());
  ASSERT_EQ(replay.error().fields.size(), 1u);
  EXPECT_EQ(replay.error().fields[0].message, "replay");
  EXPECT_NE(replay.error().message.find(sent->message_id), std::string::npos);

  // The receipt goes back to SE and is accepted there, without a receipt of its own.
  auto receipt =
      exchange.receive(se_, se_trusts_, *received->receipt_envelope, service::Actor::cli());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_EQ(receipt->package.header.kind, "receipt");
  EXPECT_FALSE(receipt->receipt_envelope.has_value());
  const auto body = nlohmann::json::parse(receipt->package.payload);
  EXPECT_EQ(body["receipt_for"], sent->message_id);
  EXPECT_EQ(body["digest"], received->digest);

  // The log: the referral sent, received and refused once; the receipt sent and received.
  EXPECT_EQ(count("direction = 'sent' AND kind = 'referral'"), 1);
  EXPECT_EQ(count("direction = 'received' AND kind = 'referral'"), 2);
  EXPECT_EQ(
      count("direction = 'received' AND kind = 'referral' AND reason LIKE 'delivered again:%'"), 1);
  EXPECT_EQ(count("direction = 'refused' AND reason LIKE 'replay:%'"), 1);
  EXPECT_EQ(count("direction = 'sent' AND kind = 'receipt'"), 2);
  EXPECT_EQ(count("direction = 'received' AND kind = 'receipt'"), 1);
  EXPECT_EQ(count("sender_authority = 'Socialstyrelsen' AND receiver_country = 'LV' AND "
                  "legal_basis = 'Regulation (EU) 2019/1111 art. 80' AND purpose = 'family and "
                  "home assessment' AND data_categories = '[\"identity\",\"family\"]'"),
            4);
  EXPECT_EQ(audits("exchange.send"), 3);
  EXPECT_EQ(audits("exchange.receive"), 2);
  EXPECT_EQ(audits("exchange.receive_again"), 1);
  EXPECT_EQ(audits("exchange.refuse"), 1);
  EXPECT_TRUE(audit.verify().intact());

  auto log = exchange.log(10);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->size(), 7u);
}

TEST_P(ExchangeTest, RefusedPackagesAreLoggedWithTheirReason) {
  service::AuditService audit(db(), clock_);
  service::ExchangeService exchange(db(), clock_, audit);
  auto sent = exchange.send(se_, se_trusts_, referral(), service::Actor::cli());
  ASSERT_TRUE(sent.ok());

  clock_.advance_ms(int64_t{15} * 24 * 3600 * 1000);  // valid for 14 days
  auto late = exchange.receive(lv_, lv_trusts_, sent->envelope, service::Actor::cli());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().fields[0].message, "expired");

  exchange::TrustList nobody;
  auto unknown = exchange.receive(lv_, nobody, sent->envelope, service::Actor::cli());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields[0].message, "unknown_sender");

  auto junk = exchange.receive(lv_, lv_trusts_, "not a package", service::Actor::cli());
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().fields[0].message, "malformed");

  EXPECT_EQ(count("direction = 'refused'"), 3);
  EXPECT_EQ(count("direction = 'refused' AND sender_authority = 'Socialstyrelsen' AND reason "
                  "LIKE 'expired:%'"),
            1);
  EXPECT_EQ(count("direction = 'received'"), 0);
  EXPECT_EQ(audits("exchange.refuse"), 3);
}

TEST_P(ExchangeTest, SendingNeedsAPartnerOnTheTrustListAPurposeAndALegalBasis) {
  service::AuditService audit(db(), clock_);
  service::ExchangeService exchange(db(), clock_, audit);
  auto r = referral();
  r.to_authority = "Nobody";
  EXPECT_EQ(exchange.send(se_, se_trusts_, r, service::Actor::cli()).error().code,
            core::ErrorCode::kNotFound);
  r = referral();
  r.legal_basis.clear();
  auto no_basis = exchange.send(se_, se_trusts_, r, service::Actor::cli());
  ASSERT_FALSE(no_basis.ok());
  EXPECT_EQ(no_basis.error().fields.at(0).field, "legal_basis");
  EXPECT_EQ(count("1 = 1"), 0);
}

TEST_P(ExchangeTest, ARequestTypeLetsOnlyItsTemplateFieldsLeave) {
  service::AuditService audit(db(), clock_);
  service::ExchangeService exchange(db(), clock_, audit);
  auto r = referral();
  r.request_type = "missing_child_notification";
  r.data_categories.clear();
  r.payload = R"({"given_names":"Anna","missing_since":"2026-09-01","family_members":[]})";
  auto too_much = exchange.send(se_, se_trusts_, r, service::Actor::cli());
  ASSERT_FALSE(too_much.ok());
  ASSERT_EQ(too_much.error().fields.size(), 1u);
  EXPECT_EQ(too_much.error().fields[0].field, "family_members");
  EXPECT_EQ(count("1 = 1"), 0);

  r.payload = R"({"given_names":"Anna","missing_since":"2026-09-01"})";
  auto sent = exchange.send(se_, se_trusts_, r, service::Actor::cli());
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  auto received = exchange.receive(lv_, lv_trusts_, sent->envelope, service::Actor::cli());
  ASSERT_TRUE(received.ok()) << received.error().message;
  // The template's categories are logged when the sender named none.
  EXPECT_EQ(received->package.header.data_categories,
            (std::vector<std::string>{"identity", "missing", "trafficking"}));
  r.request_type = "transfer_everything";
  EXPECT_EQ(exchange.send(se_, se_trusts_, r, service::Actor::cli()).error().fields.at(0).field,
            "request_type");
}

HAVEN_INSTANTIATE_BACKENDS(ExchangeTest);

}  // namespace
}  // namespace haven::testing
