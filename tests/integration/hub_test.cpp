// The regional hub on both databases, as national instances meet it: a release signed by a trusted
// authority is kept, every version of it too; a release from an unknown authority, altered after
// signing, forged, malformed, for another period than signed, with a small count published, or
// older than what the hub holds is refused with its reason and nothing of it is stored. Two
// countries' linkage uploads are matched and each gets only its own references, beside link
// numbers both lists share.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/date.h"
#include "exchange/detached_signature.h"
#include "exchange/instance_keys.h"
#include "exchange/trust_list.h"
#include "linkage/bloom_encoder.h"
#include "linkage/encoding_set.h"
#include "linkage/linkage_secret.h"
#include "service/app.h"
#include "service/hub/hub_service.h"
#include "service/stats/disclosure_settings.h"
#include "service/stats/stats_service.h"
#include "stats/catalogue_loader.h"
#include "stats/population.h"
#include "store/repositories/hub_release_repository.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

namespace fs = std::filesystem;

std::string source_dir() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  if (root && *root) return root;
  std::string here = __FILE__;  // <source>/tests/integration/hub_test.cpp
  return here.substr(0, here.rfind("/tests/integration/"));
}

constexpr const char* kLvAuthority = "Valsts bērnu tiesību aizsardzības inspekcija";

class HubTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() /
           ("haven-hub-test-" + std::to_string(::getpid()) + "-" + backend_name());
    fs::create_directories(dir_);
    exchange::TrustList trust;
    ASSERT_TRUE(trust.add(se_.identity()).ok());
    ASSERT_TRUE(trust.add(lv_.identity()).ok());
    ASSERT_TRUE(trust.save((dir_ / "trust.toml").string()).ok());

    const std::string root = source_dir();
    service::HubOptions options;
    options.trust_file = (dir_ / "trust.toml").string();
    options.indicators_dir = root + "/config/indicators";
    options.disclosure_dir = root + "/config/policy/disclosure";
    audit_ = std::make_unique<service::AuditService>(db(), clock_);
    hub_ = std::make_unique<service::HubService>(db(), clock_, *audit_, options);

    // A real release: SE's figures for 2026 from an instance with no case data (all zeros).
    app_ = std::make_unique<service::App>(db(), clock_);
    auto catalogue = stats::load_catalogue(options.indicators_dir);
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
    auto population = stats::load_population(root + "/config/population");
    ASSERT_TRUE(population.ok()) << population.error().message;
    auto disclosure = service::DisclosureSettings::load(options.disclosure_dir);
    ASSERT_TRUE(disclosure.ok()) << disclosure.error().message;
    service::StatsService statistics(app_->db, app_->access, app_->audit, app_->clock,
                                     app_->policies, *catalogue, *population, *disclosure);
    auto release = statistics.compute({"SE", "2026"}, service::Actor::cli());
    ASSERT_TRUE(release.ok()) << release.error().message;
    csv_ = release->sdmx_csv;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
    DatabaseTest::TearDown();
  }

  std::string sign(const std::string& content, const exchange::InstanceKeys& keys,
                   const std::string& period = "2026") {
    return exchange::sign_detached("statistics-release", period, clock_.now().ms, content, keys)
        .to_json();
  }
  int64_t count(const std::string& sql) {
    return db().read([&](store::Tx& tx) { return tx.query_one(sql)->integer(0); });
  }
  // Refused with `reason`, and nothing stored.
  void expect_refused(std::string_view signature, std::string_view csv, const std::string& reason) {
    auto answer = hub_->submit_release(signature, csv, "req");
    ASSERT_FALSE(answer.ok()) << "accepted, expected " << reason;
    EXPECT_EQ(answer.reason, reason) << answer.error.message;
    EXPECT_FALSE(answer.error.message.empty());
    EXPECT_EQ(count("SELECT COUNT(*) FROM hub_releases"), 0) << reason;
  }

  // One child in common (the first): the same name, date and sex in both countries' files, under
  // each country's own references; the other two are different children.
  std::string encodings(uint64_t first_ref, bool second_country) {
    auto encoder = linkage::BloomEncoder::create(secret_);
    EXPECT_TRUE(encoder.ok());
    linkage::EncodingSet set({encoder->params(), encoder->key_fingerprint()});
    struct Child {
      const char *given, *family, *birth;
      linkage::Sex sex;
    };
    const Child se[] = {{"anna", "berzina", "2015-03-02", linkage::Sex::kFemale},
                        {"erik", "lindqvist", "2010-07-14", linkage::Sex::kMale},
                        {"maja", "holm", "2016-01-30", linkage::Sex::kFemale}};
    const Child lv[] = {{"anna", "berzina", "2015-03-02", linkage::Sex::kFemale},
                        {"janis", "kalnins", "2012-11-20", linkage::Sex::kMale},
                        {"liga", "ozola", "2009-05-05", linkage::Sex::kFemale}};
    uint64_t ref = first_ref;
    for (const Child& c : second_country ? lv : se) {
      linkage::EncodedRecord record;
      const linkage::LinkageFields fields{c.given, c.family, core::Date::parse(c.birth), c.sex,
                                          linkage::salt_from_sex(c.sex)};
      EXPECT_TRUE(encoder->encode_into(fields, record).ok());
      set.add(ref++, record);
    }
    return linkage::serialize_encodings(set);
  }
  std::string pairs_request(const exchange::InstanceKeys& keys, const std::string& partner) {
    return exchange::sign_detached("linkage-pairs", partner, clock_.now().ms, "", keys).to_json();
  }

  core::ManualClock clock_{core::Timestamp{1'790'000'000'000}};  // 2026-09
  exchange::InstanceKeys se_ = exchange::InstanceKeys::generate("SE", "Socialstyrelsen", "");
  exchange::InstanceKeys lv_ = exchange::InstanceKeys::generate("LV", kLvAuthority, "");
  exchange::InstanceKeys ee_ =
      exchange::InstanceKeys::generate("EE", "Sotsiaalkindlustusamet", "");  // not trusted
  linkage::LinkageSecret secret_ = linkage::LinkageSecret::generate();
  fs::path dir_;
  std::unique_ptr<service::AuditService> audit_;
  std::unique_ptr<service::HubService> hub_;
  std::unique_ptr<service::App> app_;
  std::string csv_;
};

TEST_P(HubTest, KeepsEverySignedVersionAndRefusesAnOlderOne) {
  const std::string first = sign(csv_, se_);
  auto v1 = hub_->submit_release(first, csv_, "req-1");
  ASSERT_TRUE(v1.ok()) << v1.reason << ": " << v1.error.message;
  EXPECT_EQ(v1.value->release_version, 1);
  EXPECT_EQ(v1.value->country, "SE");
  EXPECT_EQ(v1.value->period, "2026");
  EXPECT_GT(v1.value->observations, 0);

  clock_.advance_ms(60'000);
  auto v2 = hub_->submit_release(sign(csv_, se_), csv_, "req-2");
  ASSERT_TRUE(v2.ok()) << v2.reason << ": " << v2.error.message;
  EXPECT_EQ(v2.value->release_version, 2);

  // The first signature again (a replay, or a stale copy sent late): the hub holds a newer one.
  auto old = hub_->submit_release(first, csv_, "req-3");
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.reason, "superseded");
  EXPECT_EQ(old.error.code, core::ErrorCode::kConflict);
  EXPECT_NE(old.error.message.find("version 2"), std::string::npos) << old.error.message;

  auto all = hub_->list_releases({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto latest = hub_->latest_releases({});
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->front().release_version, 2);
  EXPECT_EQ(latest->front().sdmx_csv, csv_);  // kept exactly as signed
  EXPECT_EQ(latest->front().authority, "Socialstyrelsen");
  EXPECT_EQ(latest->front().signer_key, exchange::key_text(se_.identity().signing_key));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'hub.release.accept'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'hub.release.refuse'"), 1);
}

TEST_P(HubTest, RefusesEachBadReleaseWithItsReasonAndStoresNothing) {
  expect_refused("{not json", csv_, "malformed");
  expect_refused(sign(csv_, ee_), csv_, "unknown_authority");

  std::string altered = csv_;
  altered.back() = altered.back() == '\n' ? ' ' : '\n';
  expect_refused(sign(csv_, se_), altered, "digest_mismatch");

  // Signed by LV's key but claiming to be SE's authority.
  auto forged = exchange::sign_detached("statistics-release", "2026", clock_.now().ms, csv_, lv_);
  forged.country = "SE";
  forged.authority = "Socialstyrelsen";
  expect_refused(forged.to_json(), csv_, "bad_signature");

  const std::string garbage = "STRUCTURE,whatever\nnot,sdmx\n";
  expect_refused(sign(garbage, se_), garbage, "malformed_sdmx");
  expect_refused(sign(csv_, se_, "2025"), csv_, "mismatch");

  // A small count published: a zero count of a care-entry cell turned into 3, properly signed.
  const auto at = csv_.find(",2026,0,A,F,NR,");
  ASSERT_NE(at, std::string::npos);
  std::string small = csv_;
  small.replace(at, 15, ",2026,3,A,F,NR,");
  expect_refused(sign(small, se_), small, "disclosure_check");

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'hub.release.refuse'"), 7);
}

TEST_P(HubTest, EachCountryGetsOnlyItsOwnSideOfTheMatch) {
  const std::string se_file = encodings(1, false);
  const std::string lv_file = encodings(5001, true);
  auto sign_upload = [&](const std::string& file, const exchange::InstanceKeys& keys) {
    return exchange::sign_detached("linkage-upload", "", clock_.now().ms, file, keys).to_json();
  };
  auto se_up = hub_->upload_encodings(sign_upload(se_file, se_), se_file, "req");
  ASSERT_TRUE(se_up.ok()) << se_up.reason << ": " << se_up.error.message;
  EXPECT_EQ(se_up.value->records, 3);

  // LV has not uploaded yet.
  auto early = hub_->pairs(pairs_request(se_, "LV"), "req");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.reason, "no_upload");

  ASSERT_TRUE(hub_->upload_encodings(sign_upload(lv_file, lv_), lv_file, "req").ok());
  auto se_pairs = hub_->pairs(pairs_request(se_, "LV"), "req");
  ASSERT_TRUE(se_pairs.ok()) << se_pairs.reason << ": " << se_pairs.error.message;
  auto lv_pairs = hub_->pairs(pairs_request(lv_, "SE"), "req");
  ASSERT_TRUE(lv_pairs.ok()) << lv_pairs.reason << ": " << lv_pairs.error.message;
  ASSERT_EQ(se_pairs.value->links.size(), 1u);
  ASSERT_EQ(lv_pairs.value->links.size(), 1u);
  EXPECT_EQ(se_pairs.value->links[0].record, "0000000000000001");  // SE's own reference
  EXPECT_EQ(lv_pairs.value->links[0].record, "0000000000001389");  // LV's own (5001)
  EXPECT_EQ(se_pairs.value->links[0].link, lv_pairs.value->links[0].link);
  EXPECT_EQ(se_pairs.value->run_id, lv_pairs.value->run_id);  // matched once
  EXPECT_EQ(count("SELECT COUNT(*) FROM hub_linkage_runs"), 1);
  // The run holds both sides: the encodings it used are gone from the hub, the uploads' rows stay.
  EXPECT_EQ(count("SELECT COUNT(*) FROM hub_linkage_uploads WHERE LENGTH(encodings) > 0"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM hub_linkage_uploads"), 2);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_events WHERE action = 'hub.linkage.delete_encodings'"), 1);
  auto again = hub_->pairs(pairs_request(se_, "LV"), "req");  // the stored side, still there
  ASSERT_TRUE(again.ok()) << again.reason << ": " << again.error.message;
  EXPECT_EQ(again.value->links.size(), 1u);

  // Refusals: an untrusted country, an old request, an upload altered after signing.
  auto untrusted = hub_->pairs(pairs_request(ee_, "SE"), "req");
  EXPECT_EQ(untrusted.reason, "unknown_authority");
  const std::string old_request = pairs_request(se_, "LV");
  clock_.advance_ms(10 * 60 * 1000);
  EXPECT_EQ(hub_->pairs(old_request, "req").reason, "stale");
  std::string altered = lv_file;
  altered[100] ^= 1;
  EXPECT_EQ(hub_->upload_encodings(sign_upload(lv_file, lv_), altered, "req").reason,
            "digest_mismatch");

  // A new upload from SE replaces the old one and the run made with it.
  ASSERT_TRUE(hub_->upload_encodings(sign_upload(se_file, se_), se_file, "req").ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM hub_linkage_uploads"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM hub_linkage_runs"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM hub_linkage_links"), 0);
  // LV's encodings went with the first run: it must upload again before a new match.
  auto stale_partner = hub_->pairs(pairs_request(se_, "LV"), "req");
  EXPECT_EQ(stale_partner.reason, "no_upload");
  EXPECT_NE(stale_partner.error.message.find("LV's last upload was matched already"),
            std::string::npos)
      << stale_partner.error.message;
}

HAVEN_INSTANTIATE_BACKENDS(HubTest);

}  // namespace
}  // namespace haven::testing
