// The server's background upkeep on both databases: the sweep deletes expired sessions and old
// login attempts (driven by the manual clock), keys rotated by another process are picked up by a
// running one, and the maintenance thread stops promptly.
#include "service/maintenance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "identity_fixture.h"

namespace haven::testing {
namespace {

class MaintenanceTest : public IdentityTest {
 protected:
  int64_t count(const char* table) {
    return db().read([&](store::Tx& tx) {
      return tx.query_one(std::string("SELECT COUNT(*) FROM ") + table)->integer(0);
    });
  }
};

TEST_P(MaintenanceTest, SweepDeletesExpiredSessionsAndOldLoginAttempts) {
  add_user("anna", "caseworker");
  const std::string secret = enrol("anna");
  auto old_session = login("anna", kGoodPassword, code_for(secret));
  ASSERT_EQ(old_session->status, 200);
  login("anna", "a wrong password entirely");  // a failure is recorded too
  ASSERT_EQ(count("sessions"), 1);
  const int64_t attempts = count("login_attempts");
  ASSERT_GE(attempts, 3);

  // Nothing is due yet.
  auto none = app().auth.sweep();
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(none->sessions, 0);
  EXPECT_EQ(none->login_attempts, 0);

  // Past the idle expiry: the session goes, a fresh one stays; attempts are kept for a day.
  clock_->advance_ms(31 * 60'000);
  auto fresh = login("anna", kGoodPassword, code_for(secret));
  ASSERT_EQ(fresh->status, 200) << fresh->body;
  auto swept = app().auth.sweep();
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(swept->sessions, 1);
  EXPECT_EQ(swept->login_attempts, 0);
  EXPECT_EQ(count("sessions"), 1);
  auto c = client();
  auto me = c.Get(
      "/api/v1/me",
      httplib::Headers{{"Authorization", "Bearer " + body_of(fresh)["token"].get<std::string>()}});
  EXPECT_EQ(me->status, 200);

  // A day later the attempts of the first hour are gone (the fresh sign-in's attempt too).
  clock_->advance_ms(25LL * 60 * 60'000);
  auto later = app().auth.sweep();
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->login_attempts, attempts + 1);
  EXPECT_EQ(later->sessions, 1);  // the fresh session ran out too
  EXPECT_EQ(count("login_attempts"), 0);
  EXPECT_EQ(count("sessions"), 0);
}

TEST_P(MaintenanceTest, ARunningServerPicksUpKeysRotatedByAnotherProcess) {
  add_user("anna", "caseworker");
  const std::string secret = enrol("anna");  // TOTP secret encrypted under key 1
  // Another process (haven keys rotate) moves every ciphertext to key 2 and retires key 1.
  Process other(db(), *clock_, options());
  auto rotated = other.app->keys.rotate(100, {}, nullptr);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  ASSERT_TRUE(rotated->completed);
  EXPECT_EQ(app().keys.ring()->active_id(), 1u);  // this one has not looked yet

  // The maintenance thread re-reads the key ids and loads the new ring.
  service::MaintenanceOptions mo;
  mo.key_refresh = std::chrono::milliseconds(20);
  mo.sweep = std::chrono::hours(1);
  service::Maintenance maintenance(app(), mo);
  maintenance.start();
  for (int i = 0; i < 500 && app().keys.ring()->active_id() != 2u; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  maintenance.stop();
  EXPECT_EQ(app().keys.ring()->active_id(), 2u);
  EXPECT_EQ(app().keys.ring()->oldest_id(), 2u);

  // Sign-in decrypts the secret re-encrypted under key 2.
  auto r = login("anna", kGoodPassword, code_for(secret));
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_P(MaintenanceTest, RefreshChangesNothingWhenNobodyRotated) {
  auto changed = app().keys.refresh();
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_FALSE(*changed);
}

TEST_P(MaintenanceTest, StopWakesTheThreadInsteadOfWaitingForItsTimers) {
  // Hour-long intervals: if stop() waited for a timer, this test would hang until ctest's timeout.
  service::MaintenanceOptions mo;
  mo.key_refresh = std::chrono::hours(1);
  mo.sweep = std::chrono::hours(1);
  service::Maintenance maintenance(app(), mo);
  maintenance.start();
  maintenance.stop();
  maintenance.stop();   // idempotent
  maintenance.start();  // and it can run again
}

HAVEN_INSTANTIATE_BACKENDS(MaintenanceTest);

}  // namespace
}  // namespace haven::testing
