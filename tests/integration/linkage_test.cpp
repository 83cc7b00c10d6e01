// The national side of linkage on both databases: every child not merged into another is encoded
// under a fresh random reference (a child without a usable name is left out and counted), the
// reference map is kept with one audit event, only this instance resolves references, and the
// same children written the way another country's officials write them still match one to one.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "linkage/matcher.h"
#include "service/audit_service.h"
#include "service/linkage/linkage_service.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

class LinkageServiceTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db().write([&](store::Tx& tx) {
      tx.execute(
          "INSERT INTO agencies (id, name, kind, country, created_at, updated_at) VALUES "
          "('ag', 'Bāriņtiesa', 'child_protection', 'LV', 1, 1)");
      child(tx, "c1", "Anna", "Ščerbakova", "female", "2014-03-07");
      child(tx, "c2", "Jonas", "Kazlauskas", "male", "2012-01-02");
      child(tx, "c3", "Mārtiņš", "Bērziņš", "male", "2015-11-30");
      child(tx, "c4", "Līga", "Ozola", "female", "2016-05-05");
      child(tx, "c5", "Līga", "Ozola", "female", "2016-05-05");              // registered twice …
      tx.execute("UPDATE children SET merged_into = 'c4' WHERE id = 'c5'");  // … and merged
      child(tx, "c6", "", "", "unknown", "2017-01-01");                      // no name to link on
    });
  }
  static void child(store::Tx& tx, const char* id, const char* given, const char* family,
                    const char* sex, const char* birth) {
    tx.execute(
        "INSERT INTO children (id, agency_id, given_names, family_names, sex, birth_date, "
        "created_at, updated_at) VALUES ($1, 'ag', $2, $3, $4, $5, 1, 1)",
        store::params(id, given, family, sex, birth));
  }
  static linkage::LinkageSecret secret() {
    std::array<uint8_t, 32> bytes{};
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 11 + 5);
    return linkage::LinkageSecret::from_bytes(bytes).value();
  }
  core::ManualClock clock_{core::Timestamp{1'790'000'000'000}};
};

TEST_P(LinkageServiceTest, EncodesEveryUsableChildAndKeepsTheMapHere) {
  service::AuditService audit(db(), clock_);
  service::LinkageService linkage(db(), clock_, audit);
  auto exported = linkage.encode_all(secret(), nullptr);
  ASSERT_TRUE(exported.ok()) << exported.error().message;
  EXPECT_EQ(exported->children, 5u);  // the merged child is not read
  EXPECT_EQ(exported->skipped, 1u);   // the child without a name
  ASSERT_EQ(exported->set.size(), 4u);
  EXPECT_EQ(std::set<std::string>(exported->child_ids.begin(), exported->child_ids.end()),
            (std::set<std::string>{"c1", "c2", "c3", "c4"}));

  auto id = linkage.record(*exported, service::Actor::cli());
  ASSERT_TRUE(id.ok()) << id.error().message;
  std::vector<std::string> refs;
  for (size_t i = 0; i < exported->set.size(); ++i)
    refs.push_back(service::ref_hex(exported->set.ref(i)));
  refs.push_back("00000000000000ff");  // not ours
  auto resolved = linkage.resolve(refs);
  ASSERT_TRUE(resolved.ok());
  ASSERT_EQ(resolved->size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ((*resolved)[i].second, exported->child_ids[i]);

  const int64_t events = db().read([](store::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM audit_events WHERE action = 'linkage.encode'")
        ->integer(0);
  });
  EXPECT_EQ(events, 1);

  // A second export draws new references: the files of two runs cannot be joined on them.
  auto again = linkage.encode_all(secret(), nullptr);
  ASSERT_TRUE(again.ok());
  std::set<uint64_t> first(exported->set.refs().begin(), exported->set.refs().end());
  for (uint64_t r : again->set.refs()) EXPECT_EQ(first.count(r), 0u);
}

TEST_P(LinkageServiceTest, TheSameChildrenSpeltAsAnotherCountryWritesThemMatchOneToOne) {
  service::AuditService audit(db(), clock_);
  service::LinkageService linkage(db(), clock_, audit);
  auto here = linkage.encode_all(secret(), nullptr);
  ASSERT_TRUE(here.ok());
  db().write([](store::Tx& tx) {
    tx.execute(
        "UPDATE children SET given_names = 'Anna', family_names = 'Szczerbakowa' "
        "WHERE id = 'c1'");
    tx.execute("UPDATE children SET family_names = 'KAZLAUSKAS' WHERE id = 'c2'");
    tx.execute(
        "UPDATE children SET given_names = 'Martins', family_names = 'Berzins' "
        "WHERE id = 'c3'");
  });
  auto there = linkage.encode_all(secret(), nullptr);
  ASSERT_TRUE(there.ok());
  auto result = linkage::match(here->set, there->set);
  ASSERT_TRUE(result.ok());
  std::map<std::string, std::string> pairs;
  for (const auto& p : result->pairs) pairs[here->child_ids[p.a]] = there->child_ids[p.b];
  EXPECT_EQ(pairs, (std::map<std::string, std::string>{
                       {"c1", "c1"}, {"c2", "c2"}, {"c3", "c3"}, {"c4", "c4"}}));
}

TEST_P(LinkageServiceTest, ASignedInUserCannotWriteAnExport) {
  service::AuditService audit(db(), clock_);
  service::LinkageService linkage(db(), clock_, audit);
  auto exported = linkage.encode_all(secret(), nullptr);
  ASSERT_TRUE(exported.ok());
  service::Actor user;
  user.principal = security::Principal{};
  EXPECT_EQ(linkage.record(*exported, user).error().code, core::ErrorCode::kForbidden);
}

HAVEN_INSTANTIATE_BACKENDS(LinkageServiceTest);

}  // namespace
}  // namespace haven::testing
