// What the pages ask of the database, on both backends: the auditor's filtered, paged trail
// (AuditService::search) and the page language each user chooses (LanguageService, migration 0005).
#include <gtest/gtest.h>

#include "identity_fixture.h"
#include "service/audit_service.h"
#include "service/language_service.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

class AuditSearchTest : public DatabaseTest {
 protected:
  core::ManualClock clock_{core::Timestamp{1'790'000'000'000}};  // 2026-09-21
};

TEST_P(AuditSearchTest, FiltersByUserRecordActionAndPeriodNewestFirstInPages) {
  service::AuditService audit(db(), clock_);
  for (int i = 0; i < 30; ++i) {
    const std::string who = i % 3 == 0 ? "user-a" : "user-b";
    const std::string action = i % 2 == 0 ? "case.read" : "case.update";
    ASSERT_TRUE(
        audit
            .append({who, "caseworker", "agency-1", action, "case", "case-" + std::to_string(i % 5),
                     "casework", "success", "req-" + std::to_string(i), std::nullopt})
            .ok());
    clock_.advance_ms(3'600'000);  // one event an hour
  }
  // Everything, newest first, in pages.
  auto first = audit.search({}, 1, 12);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->events.size(), 12u);
  EXPECT_TRUE(first->has_more);
  EXPECT_EQ(first->events.front().request_id, "req-29");
  for (size_t i = 1; i < first->events.size(); ++i)
    EXPECT_GT(first->events[i - 1].seq, first->events[i].seq);
  auto last = audit.search({}, 3, 12);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->events.size(), 6u);
  EXPECT_FALSE(last->has_more);
  EXPECT_EQ(last->events.back().request_id, "req-0");

  store::AuditFilter f;
  f.actor_id = "user-a";
  f.action = "case.read";
  auto by_user = audit.search(f, 1);
  ASSERT_TRUE(by_user.ok());
  EXPECT_EQ(by_user->events.size(), 5u);  // i = 0, 6, 12, 18, 24
  for (const auto& e : by_user->events) {
    EXPECT_EQ(e.actor_id, "user-a");
    EXPECT_EQ(e.action, "case.read");
  }

  store::AuditFilter record;
  record.entity = "case";
  record.entity_id = "case-2";
  auto about = audit.search(record, 1);
  ASSERT_TRUE(about.ok());
  EXPECT_EQ(about->events.size(), 6u);

  store::AuditFilter period;
  period.from_ms = 1'790'000'000'000 + 10 * 3'600'000LL;  // events 10 … 14
  period.to_ms = 1'790'000'000'000 + 15 * 3'600'000LL;
  auto in_period = audit.search(period, 1);
  ASSERT_TRUE(in_period.ok());
  ASSERT_EQ(in_period->events.size(), 5u);
  EXPECT_EQ(in_period->events.front().request_id, "req-14");
  EXPECT_EQ(in_period->events.back().request_id, "req-10");

  std::swap(*period.from_ms, *period.to_ms);
  EXPECT_EQ(audit.search(period, 1).error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(audit.search({}, 0).error().code, core::ErrorCode::kInvalidInput);
}

HAVEN_INSTANTIATE_BACKENDS(AuditSearchTest);

class UserLanguageTest : public IdentityTest {};

TEST_P(UserLanguageTest, AChosenLanguageIsRememberedAndAudited) {
  const std::string id = add_user("anna", "caseworker");
  service::LanguageService languages(db(), *clock_, app().audit, {"en", "sv", "fi"});
  EXPECT_EQ(languages.preferred(id), std::nullopt);
  service::Authenticated who;
  who.user.id = id;
  who.user.role = "caseworker";
  who.user.agency_id = agency_id_;
  ASSERT_TRUE(languages.set_preferred(who, "fi", "req-1").ok());
  EXPECT_EQ(languages.preferred(id), "fi");
  auto refused = languages.set_preferred(who, "xx", "req-2");
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(languages.preferred(id), "fi");
  store::AuditFilter f;
  f.action = "user.language";
  auto events = app().audit.search(f, 1);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->events.size(), 1u);
  EXPECT_EQ(events->events[0].entity_id, id);
}

HAVEN_INSTANTIATE_BACKENDS(UserLanguageTest);

}  // namespace
}  // namespace haven::testing
