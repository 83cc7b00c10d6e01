// `haven generate` below the command line, on SQLite and PostgreSQL: what lands in the database,
// that every case holds the records of its stage of the lifecycle with its history, documents and
// transfers (and the case page shows them, decrypted), that the same seed gives the same data byte
// for byte, that duplicates match their truth file, and that an interrupted run leaves the database
// as it was.
#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "case_fixture.h"
#include "domain/person_types.h"
#include "service/generate/population.h"
#include "service/generate/population_writers.h"
#include "service/key_service.h"
#include "support/test_databases.h"
#include "synth/corruption.h"
#include "synth/name_data.h"

namespace haven {
namespace {

namespace fs = std::filesystem;
namespace gen = service::generate;

const synth::NameData& names() {
  static const synth::NameData data = [] {
    fs::path dir = std::getenv("HAVEN_SOURCE_DIR")
                       ? fs::path(std::getenv("HAVEN_SOURCE_DIR")) / "data"
                       : "data";
    for (fs::path p = fs::current_path(); !fs::exists(dir / "names"); p = p.parent_path()) {
      dir = p / "data";
      if (p == p.root_path()) break;
    }
    auto loaded = synth::NameData::load(dir);
    if (!loaded.ok()) throw std::runtime_error(loaded.error().message);
    return std::move(loaded).value();
  }();
  return data;
}

gen::GenerateOptions small(uint64_t seed, int64_t children = 300, double duplicates = 0) {
  gen::GenerateOptions o;
  o.country = "SE";
  o.children = children;
  o.seed = seed;
  o.duplicates = duplicates;
  return o;
}

int64_t count(store::Database& db, const std::string& sql) {
  return db.read([&](store::Tx& tx) { return tx.query_one(sql)->integer(0); });
}

// One key ring for the whole test program, as a server's would be.
const security::FieldCipher& cipher() {
  static const security::FieldCipher c(service::KeyService::ephemeral().ring);
  return c;
}

std::string cell(const store::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
  return "?";
}

// Every generated row of every table, ordered, as text: equal dumps mean equal data. Encrypted
// columns are decrypted (their nonces are random, so the ciphertexts always differ).
std::string dump(store::Database& db) {
  std::string out;
  for (size_t t = 0; t < gen::kTableCount; ++t) {
    const auto& spec = gen::table_spec(static_cast<gen::Table>(t));
    std::string cols;
    for (auto c : spec.columns) cols += (cols.empty() ? "" : ", ") + std::string(c);
    const std::string sql =
        "SELECT " + cols + " FROM " + std::string(spec.name) + " ORDER BY " + cols;
    db.read([&](store::Tx& tx) {
      for (const auto& row : tx.query(sql)) {
        out += spec.name;
        for (size_t i = 0; i < row.size(); ++i) {
          if (spec.encrypted_columns[i] && !row.is_null(i)) {
            auto plain =
                cipher().decrypt(row.blob(i).bytes, {spec.name, spec.columns[i], row.text(0)});
            EXPECT_TRUE(plain.ok()) << spec.name << "." << spec.columns[i];
            out += "|'" + (plain.ok() ? std::string(plain->view()) : "?") + "'";
          } else {
            out += "|" + cell(row[i]);
          }
        }
        out += "\n";
      }
    });
  }
  return out;
}

// The schema's indexes (SQLite only: generation rebuilds them after the load there), as one string.
std::string sqlite_indexes(store::Database& db) {
  if (db.backend() != store::Backend::kSqlite) return "";
  std::string out;
  db.read([&](store::Tx& tx) {
    for (const auto& r :
         tx.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"))
      out += r.text(0) + ":" + r.opt_text(1).value_or("") + "\n";
  });
  return out;
}

class GenerateTest : public testing::DatabaseTest {};

TEST_P(GenerateTest, WritesAMunicipalityWhereEveryChildHasAReportAndACase) {
  const std::string indexes = sqlite_indexes(db());
  auto stats = gen::generate_into_database(db(), names(), small(7), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(sqlite_indexes(db()), indexes) << "the schema's indexes changed";
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children"), 300);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM agencies"), 6);
  // The municipality's child protection agency and its neighbour's, where cases are transferred.
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM agencies WHERE kind = 'child_protection'"), 2);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM persons"), 100);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM relationships WHERE type IN ('mother', 'father')"),
            100);
  // As designed: each child has exactly one case and at least one report, and reports name their
  // case.
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM children c WHERE (SELECT COUNT(*) FROM cases k WHERE "
                  "k.child_id = c.id) <> 1"),
            0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM children c WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE "
                  "r.child_id = c.id)"),
            0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM reports r JOIN cases k ON k.id = r.case_id WHERE "
                  "k.child_id <> r.child_id"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM reports"), 300);
  // Cases in most lifecycle states, and sensible dates and risk levels.
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT status) FROM cases"), 5);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM cases WHERE status = 'closed' AND closed_at IS NULL"),
            0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM cases WHERE closed_at < opened_at"), 0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM cases WHERE status IN ('reported', 'screening', "
                  "'assessment') AND risk_level IS NOT NULL"),
            0);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT risk_level) FROM cases"), 3);
  // A case's level is its latest in risk_levels, as the service keeps it (the statistics' open
  // cases by risk read it from the case).
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM cases c WHERE COALESCE(c.risk_level, '') <> "
                  "COALESCE((SELECT rl.risk_level FROM risk_levels rl WHERE rl.case_id = c.id "
                  "ORDER BY rl.set_at DESC, rl.id DESC LIMIT 1), '')"),
            0);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT reporter_type) FROM reports"), 8);
  const int64_t ref_end = (*core::Date::from_ymd(2026, 11, 28)).days_since_epoch() * 86'400'000;
  EXPECT_EQ(
      count(db(), "SELECT COUNT(*) FROM reports WHERE received_at >= " + std::to_string(ref_end)),
      0);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT substr(case_number, 4, 4)) FROM cases"),
            5);  // 2022–2026
  // Names keep their letters; some migrant children have their names in the original script.
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM children WHERE family_names LIKE '%ö%' OR family_names "
                  "LIKE '%å%' OR family_names LIKE '%ä%'"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM children WHERE names_original_script IS NOT NULL"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM children WHERE nationalities <> '[\"SE\"]'"), 0);
  // Case numbers come from the counters: each year's next is one past its highest number.
  auto well_formed = [](const std::string& n) {  // SE-2022-000123 … SE-2026-…
    return n.size() == 14 && n.compare(0, 6, "SE-202") == 0 && n[6] >= '2' && n[6] <= '6' &&
           n[7] == '-' && n.find_first_not_of("0123456789", 8) == std::string::npos;
  };
  std::map<std::string, int64_t> highest;
  db().read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT case_number FROM cases")) {
      const std::string& n = r.text(0);
      EXPECT_TRUE(well_formed(n)) << n;
      auto& h = highest[n.substr(3, 4)];
      h = std::max<int64_t>(h, std::stoll(n.substr(8)));
    }
    for (const auto& r :
         tx.query("SELECT year, next FROM case_number_counters WHERE country = 'SE'")) {
      EXPECT_EQ(r.integer(1), highest[std::to_string(r.integer(0))] + 1) << r.integer(0);
    }
  });
}

TEST_P(GenerateTest, EveryCaseHoldsTheRecordsOfItsStageOfTheLifecycle) {
  auto stats = gen::generate_into_database(db(), names(), small(5, 1500), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto zero = [&](const std::string& what, const std::string& sql) {
    EXPECT_EQ(count(db(), sql), 0) << what;
  };
  // Past screening: a decision to open an assessment; screened out: a decision not to.
  zero("screened in without a decision",
       "SELECT COUNT(*) FROM cases c WHERE c.status IN ('assessment', 'planning', "
       "'implementation', 'review') AND NOT EXISTS (SELECT 1 FROM screening_decisions s WHERE "
       "s.case_id = c.id AND s.open_assessment = 1)");
  zero("screened out without a decision",
       "SELECT COUNT(*) FROM cases c WHERE c.closure_reason = 'screened_out' AND NOT EXISTS "
       "(SELECT 1 FROM screening_decisions s WHERE s.case_id = c.id AND s.open_assessment = 0)");
  zero("a decision on a case not yet decided",
       "SELECT COUNT(*) FROM cases c JOIN screening_decisions s ON s.case_id = c.id WHERE "
       "c.status IN ('reported', 'screening')");
  // Planning and later: a completed assessment with a risk level; assessment: one in progress.
  zero("planning or later without a completed assessment",
       "SELECT COUNT(*) FROM cases c WHERE c.status IN ('planning', 'implementation', 'review') "
       "AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = c.id AND a.completed_on IS "
       "NOT NULL AND a.risk_level IS NOT NULL)");
  zero("an assessment completed while the case is still in assessment",
       "SELECT COUNT(*) FROM cases c JOIN assessments a ON a.case_id = c.id WHERE c.status = "
       "'assessment' AND a.completed_on IS NOT NULL");
  // Implementation and review: an approved plan, and services referred to with consent.
  zero("implementation without an approved plan",
       "SELECT COUNT(*) FROM cases c WHERE c.status IN ('implementation', 'review') AND NOT "
       "EXISTS (SELECT 1 FROM case_plans p WHERE p.case_id = c.id AND p.approval = 'approved' AND "
       "p.approved_by IS NOT NULL AND p.approved_by <> p.submitted_by)");
  zero("an approved plan in planning",
       "SELECT COUNT(*) FROM cases c JOIN case_plans p ON p.case_id = c.id WHERE c.status = "
       "'planning' AND p.approval = 'approved'");
  zero("implementation without a referral",
       "SELECT COUNT(*) FROM cases c WHERE c.status IN ('implementation', 'review') AND NOT "
       "EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id)");
  zero("a referral sent without consent",
       "SELECT COUNT(*) FROM referrals WHERE status <> 'proposed' AND (consent_given_by IS NULL "
       "OR consent_given_on IS NULL)");
  // Closed with a reason: an approved closure with that reason.
  zero("closed without an approved closure",
       "SELECT COUNT(*) FROM cases c WHERE c.status = 'closed' AND c.closure_reason <> "
       "'screened_out' AND NOT EXISTS (SELECT 1 FROM case_closures x WHERE x.case_id = c.id AND "
       "x.reason = c.closure_reason AND x.approved_on IS NOT NULL)");
  zero("a leaving-care closure without its plan",
       "SELECT COUNT(*) FROM case_closures WHERE reason = 'turned_18_leaving_care' AND "
       "approved_on IS NOT NULL AND leaving_care_plan_ct IS NULL");
  zero("an approved closure of an open case",
       "SELECT COUNT(*) FROM cases c JOIN case_closures x ON x.case_id = c.id WHERE c.status "
       "<> 'closed' AND x.approved_on IS NOT NULL");
  // The case's risk level is its latest rating, and its review dates its latest review's.
  zero("risk level differs from the latest rating",
       "SELECT COUNT(*) FROM cases c WHERE c.risk_level IS NOT NULL AND c.risk_level <> (SELECT "
       "r.risk_level FROM risk_levels r WHERE r.case_id = c.id ORDER BY r.set_at DESC, r.id DESC "
       "LIMIT 1)");
  zero("next review differs from the latest review's",
       "SELECT COUNT(*) FROM cases c WHERE c.next_review_on IS NOT NULL AND c.next_review_on <> "
       "(SELECT r.next_review_on FROM case_reviews r WHERE r.case_id = c.id ORDER BY r.held_on "
       "DESC, r.id DESC LIMIT 1)");
  zero("a step's day missing",
       "SELECT COUNT(*) FROM cases WHERE (status IN ('assessment', 'planning', 'implementation', "
       "'review') AND assessment_opened_on IS NULL) OR (status IN ('implementation', 'review') AND "
       "implementation_started_on IS NULL) OR reported_at IS NULL");
  // Nothing after the reference date (2026-11-27).
  zero("records after the reference date",
       "SELECT (SELECT COUNT(*) FROM screening_decisions WHERE decided_on > '2026-11-27') + "
       "(SELECT COUNT(*) FROM case_reviews WHERE held_on > '2026-11-27') + (SELECT COUNT(*) FROM "
       "placements WHERE start_on > '2026-11-27' OR end_on > '2026-11-27') + (SELECT COUNT(*) "
       "FROM information_given WHERE given_on > '2026-11-27') + (SELECT COUNT(*) FROM "
       "case_closures WHERE approved_on > '2026-11-27')");
  // Every kind of record is there, in several variants.
  for (const char* table : {"case_reviews", "placements", "participation_records",
                            "information_given", "case_notes", "referrals", "case_plans"})
    EXPECT_GT(count(db(), std::string("SELECT COUNT(*) FROM ") + table), 10) << table;
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM risk_levels WHERE source = 'review'"), 10);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM case_plans p JOIN cases c ON c.id = p.case_id WHERE "
                  "c.status = 'planning' AND p.approval IN ('draft', 'submitted')"),
            count(db(), "SELECT COUNT(*) FROM cases WHERE status = 'planning'"));
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT type) FROM placements"), 3);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT service_type) FROM referrals"), 5);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT reason) FROM case_closures"), 3);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM participation_records WHERE declined = 1"), 0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM participation_records WHERE views_ct IS NOT NULL"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM reports WHERE narrative_ct IS NOT NULL"), 1500);
}

TEST_P(GenerateTest, CasesHaveTheirHistoryDocumentsTransfersAndMigrationFacts) {
  auto stats = gen::generate_into_database(db(), names(), small(5, 1500), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto zero = [&](const std::string& what, const std::string& sql) {
    EXPECT_EQ(count(db(), sql), 0) << what;
  };
  // One status change in the history per transition (the case's version counts them), the last
  // one leading to the case's status, each with its lifecycle action.
  zero("a case whose history does not count its transitions",
       "SELECT COUNT(*) FROM cases c WHERE c.version - 1 <> (SELECT COUNT(*) FROM record_history h "
       "WHERE h.entity = 'case' AND h.entity_id = c.id AND h.field = 'status')");
  zero("a case whose latest status change does not lead to its status",
       "SELECT COUNT(*) FROM cases c WHERE c.version > 1 AND c.status <> (SELECT h.new_value FROM "
       "record_history h WHERE h.entity = 'case' AND h.entity_id = c.id AND h.field = 'status' "
       "ORDER BY h.entity_version DESC LIMIT 1)");
  zero("a status change without its action",
       "SELECT COUNT(*) FROM record_history h WHERE h.field = 'status' AND NOT EXISTS (SELECT 1 "
       "FROM record_history a WHERE a.entity = h.entity AND a.entity_id = h.entity_id AND "
       "a.entity_version = h.entity_version AND a.field = 'action')");
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM record_history WHERE field = 'action' AND new_value "
                  "= 'approve_plan' AND changed_by = 'generated-supervisor'"),
            10);
  zero("a closed case without closed_at in its history",
       "SELECT COUNT(*) FROM cases c WHERE c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM "
       "record_history h WHERE h.entity = 'case' AND h.entity_id = c.id AND h.field = "
       "'closure_reason' AND h.new_value = c.closure_reason)");
  // Transferred cases moved to the neighbouring agency with the child, by an accepted transfer.
  const std::string neighbour =
      "(SELECT id FROM agencies WHERE kind = 'child_protection' ORDER BY created_at DESC, id DESC "
      "LIMIT 1)";
  ASSERT_GT(count(db(), "SELECT COUNT(*) FROM cases WHERE status = 'transferred'"), 0);
  zero("a transferred case not at the neighbouring agency, or without its accepted transfer",
       "SELECT COUNT(*) FROM cases c JOIN children k ON k.id = c.child_id WHERE c.status = "
       "'transferred' AND (c.agency_id <> " +
           neighbour + " OR k.agency_id <> " + neighbour +
           " OR NOT EXISTS (SELECT 1 FROM case_transfers t WHERE t.case_id = c.id AND t.state = "
           "'accepted' AND t.to_agency_id = " +
           neighbour + " AND t.decided_at >= t.requested_at))");
  zero("a transfer waiting on a case that is not open",
       "SELECT COUNT(*) FROM case_transfers t JOIN cases c ON c.id = t.case_id WHERE t.state = "
       "'requested' AND c.status IN ('closed', 'transferred', 'merged')");
  // Documents as DocumentService stores them: the content decrypts and matches its size and hash.
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM case_documents WHERE document_type = "
                  "'court_decision'"),
            0);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT document_type) FROM case_documents"), 3);
  db().read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT id, content_ct, size_bytes, sha256, media_type FROM "
                                  "case_documents ORDER BY id LIMIT 20")) {
      auto plain = cipher().decrypt(r.blob(1).bytes, {"case_documents", "content_ct", r.text(0)});
      ASSERT_TRUE(plain.ok());
      EXPECT_EQ(static_cast<int64_t>(plain->view().size()), r.integer(2));
      std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
      crypto_hash_sha256(digest.data(), plain->data(), plain->bytes().size());
      std::string hex;
      for (unsigned char b : digest) {
        static constexpr char kHex[] = "0123456789abcdef";
        hex += kHex[b >> 4];
        hex += kHex[b & 0xf];
      }
      EXPECT_EQ(hex, r.text(3));
      EXPECT_EQ(r.text(4), "text/plain");
    }
  });
  // Migration facts: statuses of families who fled, and every estimated birth date has its basis.
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT migration_status) FROM children"), 3);
  zero("an estimated birth date without its basis",
       "SELECT COUNT(*) FROM children WHERE birth_date_estimated = 1 AND "
       "birth_date_estimate_basis IS NULL");
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM children WHERE interpreter_needed = 1"), 0);
}

TEST_P(GenerateTest, ABarnahusShareOfCasesHasItsTimelineRolesAndDisabilities) {
  auto stats = gen::generate_into_database(db(), names(), small(5, 2000), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto zero = [&](const std::string& what, const std::string& sql) {
    EXPECT_EQ(count(db(), sql), 0) << what;
  };
  // Every row refers to rows that exist (SQLite loads a new file with the checks off).
  if (db().backend() == store::Backend::kSqlite) {
    db().read([&](store::Tx& tx) {
      EXPECT_TRUE(tx.query("PRAGMA foreign_key_check").empty()) << "a dangling reference";
    });
  }
  // The share documented in docs/DATA.md: 6.7 % of cases at 100,000 children (sexual abuse
  // 40 %, trafficking 40 %, physical violence 10 %, witnessed domestic violence 3 %).
  const int64_t cases = count(db(), "SELECT COUNT(*) FROM cases");
  const int64_t bh = count(db(), "SELECT COUNT(*) FROM barnahus_cases");
  EXPECT_GE(bh * 100, cases * 3) << bh << " Barnahus cases of " << cases;
  EXPECT_LE(bh * 100, cases * 10) << bh << " Barnahus cases of " << cases;
  zero("a Barnahus case whose case is not the child's",
       "SELECT COUNT(*) FROM barnahus_cases b JOIN cases c ON c.id = b.case_id WHERE c.child_id "
       "<> b.child_id");
  zero("a Barnahus case not at the Barnahus",
       "SELECT COUNT(*) FROM barnahus_cases b JOIN agencies a ON a.id = b.barnahus_agency_id "
       "WHERE a.kind <> 'barnahus'");
  zero("a Barnahus case without its three agencies in the team",
       "SELECT COUNT(*) FROM barnahus_cases b WHERE (SELECT COUNT(*) FROM barnahus_members m "
       "WHERE m.barnahus_case_id = b.id AND m.agency_id IS NOT NULL) <> 3");
  zero("a case without the child told at referral",
       "SELECT COUNT(*) FROM barnahus_cases b WHERE NOT EXISTS (SELECT 1 FROM "
       "barnahus_information i WHERE i.barnahus_case_id = b.id AND i.stage = 'referral' AND "
       "i.recipient = 'child')");
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM barnahus_cases WHERE child_role = 'witness'"), 0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM barnahus_cases WHERE status = 'closed'"), 0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM barnahus_cases WHERE status = 'open'"), 0);
  // Interviews: most cases, numbered, a reason for every further one, none before the referral
  // day or after the reference date; most within the policy's 14 days, some late.
  const int64_t interviewed =
      count(db(), "SELECT COUNT(DISTINCT barnahus_case_id) FROM barnahus_interviews");
  EXPECT_GE(interviewed * 100, bh * 55);
  EXPECT_LE(interviewed * 100, bh * 95);
  zero("a repeated interview without its reason",
       "SELECT COUNT(*) FROM barnahus_interviews WHERE sequence > 1 AND repeat_reason IS NULL");
  const std::string first_interview_days =
      "SELECT COUNT(*) FROM barnahus_interviews i JOIN barnahus_cases b ON b.id = "
      "i.barnahus_case_id WHERE i.sequence = 1 AND ";
  const std::string days =
      "(julianday(i.interviewed_on) - julianday(date(b.referred_at / 1000, "
      "'unixepoch')))";
  if (db().backend() == store::Backend::kSqlite) {
    zero("an interview before the referral", first_interview_days + days + " < 0");
    EXPECT_GT(count(db(), first_interview_days + days + " <= 14"), interviewed / 2);
    EXPECT_GT(count(db(), first_interview_days + days + " > 14"), 0) << "no late interview";
  }
  zero("an interview after the reference date",
       "SELECT COUNT(*) FROM barnahus_interviews WHERE interviewed_on > '2026-11-27'");
  zero("a medical examination done without its day",
       "SELECT COUNT(*) FROM barnahus_medical_exams WHERE done = 1 AND examined_on IS NULL");
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM barnahus_medical_exams WHERE acute = 1"), 0);
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM barnahus_therapy WHERE service = "
                  "'mental_health_assessment' AND recipient = 'child'"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM barnahus_meetings WHERE kind = 'planning'"), 0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM barnahus_court_dates"), 0);
  // Police records: encrypted, kept by the police.
  zero("a law-enforcement record not by the police",
       "SELECT COUNT(*) FROM barnahus_law_enforcement_records r JOIN agencies a ON a.id = "
       "r.agency_id WHERE a.kind <> 'police'");
  db().read([&](store::Tx& tx) {
    auto r = tx.query_one("SELECT id, body_ct FROM barnahus_law_enforcement_records ORDER BY id");
    ASSERT_TRUE(r);
    auto plain = cipher().decrypt(r->blob(1).bytes,
                                  {"barnahus_law_enforcement_records", "body_ct", r->text(0)});
    ASSERT_TRUE(plain.ok());
    EXPECT_FALSE(plain->view().empty());
  });
  // Roles: every caregiver is one; the Barnahus made some a party.
  zero("a person without the caregiver role",
       "SELECT COUNT(*) FROM persons WHERE roles NOT LIKE '%\"caregiver\"%' AND roles <> "
       "'[\"appointed_guardian\"]'");
  EXPECT_GT(
      count(db(), "SELECT COUNT(*) FROM persons WHERE roles LIKE '%non_offending_caregiver%'"), 0);
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM barnahus_parties WHERE role = "
                  "'non_offending_caregiver'"),
            0);
  // Disabilities: most children whose case opened on disability-related needs, as a JSON list.
  const int64_t with_needs =
      count(db(),
            "SELECT COUNT(*) FROM children k JOIN reports r ON r.child_id = k.id WHERE "
            "r.concern_categories LIKE '%disability_related_needs%' AND r.status <> "
            "'linked_to_case'");
  const int64_t with_disability =
      count(db(),
            "SELECT COUNT(*) FROM children k JOIN reports r ON r.child_id = k.id WHERE "
            "r.concern_categories LIKE '%disability_related_needs%' AND r.status <> "
            "'linked_to_case' AND k.disabilities_ct IS NOT NULL");
  ASSERT_GT(with_needs, 0);
  EXPECT_GE(with_disability * 100, with_needs * 75) << with_disability << " of " << with_needs;
  db().read([&](store::Tx& tx) {
    auto r = tx.query_one(
        "SELECT id, disabilities_ct FROM children WHERE disabilities_ct IS NOT NULL ORDER BY id");
    ASSERT_TRUE(r);
    auto plain = cipher().decrypt(r->blob(1).bytes, {"children", "disabilities_ct", r->text(0)});
    ASSERT_TRUE(plain.ok());
    auto list = nlohmann::json::parse(plain->view());
    ASSERT_TRUE(list.is_array());
    EXPECT_TRUE(domain::parse_disability_type(list.at(0).at("type").get<std::string>()));
  });
}

// Unaccompanied and separated children get a guardian appointed, a local adult with the role, some
// days after the first report; children living with a parent do not.
TEST_P(GenerateTest, ChildrenWithoutAParentHaveAnAppointedGuardian) {
  auto stats = gen::generate_into_database(db(), names(), small(5, 3000), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  const std::string guardian_of =
      "SELECT COUNT(*) FROM relationships r JOIN persons p ON p.id = r.from_person_id WHERE "
      "r.to_child_id = ch.id AND r.type = 'guardian' AND r.legal_guardian = 1 AND p.roles = "
      "'[\"appointed_guardian\"]'";
  const int64_t unaccompanied =
      count(db(), "SELECT COUNT(*) FROM children WHERE migration_status = 'unaccompanied'");
  EXPECT_GT(unaccompanied, 0);
  // Every unaccompanied child reported more than 45 days before the end has exactly one.
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM children ch WHERE ch.migration_status = 'unaccompanied' "
                  "AND ch.created_at < (SELECT MAX(created_at) FROM cases) - 3974400000 AND "
                  "(" +
                      guardian_of + ") <> 1"),
            0);
  // Separated children too: of a family that fled, without a parent in the household.
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM children ch WHERE ch.migration_status NOT IN "
                  "('unaccompanied', 'none') AND (" +
                      guardian_of + ") = 1"),
            0);
  // Nobody with a mother or father gets one; appointment is 2 to 45 days after the first report.
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children ch WHERE (" + guardian_of +
                            ") > 0 AND EXISTS (SELECT 1 FROM relationships m WHERE m.to_child_id = "
                            "ch.id AND m.type IN ('mother', 'father'))"),
            0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM relationships r JOIN children ch ON ch.id = r.to_child_id "
                  "WHERE r.type = 'guardian' AND (r.created_at < ch.created_at + 86400000 OR "
                  "r.created_at > ch.created_at + 3974400000 OR r.valid_from IS NULL)"),
            0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM persons WHERE roles = '[\"appointed_guardian\"]'"),
            count(db(), "SELECT COUNT(*) FROM relationships WHERE type = 'guardian'"));
}

// The agencies' staff: caseworkers and supervisors of child protection, the Barnahus team with its
// training, police investigators invited to Barnahus cases by name.
TEST_P(GenerateTest, AgenciesHaveStaffWithTrainingAndNamedInvitations) {
  auto stats = gen::generate_into_database(db(), names(), small(5, 3000), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto role_at = [&](const std::string& role, const std::string& kind) {
    return count(db(),
                 "SELECT COUNT(*) FROM users u JOIN agencies a ON a.id = u.agency_id WHERE "
                 "u.role = '" +
                     role + "' AND a.kind = '" + kind + "'");
  };
  EXPECT_EQ(role_at("caseworker", "child_protection"), 12);  // 3,000 / 250
  EXPECT_EQ(role_at("supervisor", "child_protection"), 1);
  EXPECT_EQ(role_at("barnahus_coordinator", "barnahus"), 2);
  EXPECT_EQ(role_at("mdt_member", "police"), 2);
  EXPECT_EQ(role_at("mdt_member", "health"), 2);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM users WHERE username NOT LIKE 'gen-%' OR "
                  "password_hash NOT LIKE '!%' OR language <> 'sv'"),
            0);
  // Every Barnahus team member has 1 to 4 courses; nobody else has any.
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM users u WHERE u.role <> 'caseworker' AND u.role <> "
                  "'supervisor' AND (SELECT COUNT(*) FROM barnahus_training_records t "
                  "WHERE t.user_id = u.id) NOT BETWEEN 1 AND 4"),
            0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM barnahus_training_records t JOIN users u ON u.id "
                  "= t.user_id WHERE u.role IN ('caseworker', 'supervisor')"),
            0);
  // Named invitations: police users, about half the Barnahus cases.
  const int64_t cases = count(db(), "SELECT COUNT(*) FROM barnahus_cases");
  const int64_t named = count(db(),
                              "SELECT COUNT(*) FROM barnahus_members m JOIN users u ON u.id = "
                              "m.user_id JOIN agencies a ON a.id = u.agency_id WHERE a.kind = "
                              "'police' AND m.agency_id IS NULL");
  EXPECT_GT(named, cases / 4);
  EXPECT_LT(named, cases * 3 / 4);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM barnahus_members WHERE user_id IS NOT NULL"), named);
}

TEST_P(GenerateTest, WithoutAKeyRingNoSensitiveContentIsWritten) {
  auto stats = gen::generate_into_database(db(), names(), small(5, 200));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM screening_decisions"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM assessments"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM case_notes"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM case_documents"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM reports WHERE narrative_ct IS NOT NULL"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM participation_records WHERE views_ct IS NOT NULL"),
            0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children WHERE disabilities_ct IS NOT NULL"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM barnahus_law_enforcement_records"), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM identity_numbers"), 0) << "no key, no number";
}

TEST_P(GenerateTest, TheSameSeedGivesTheSameDatabaseAndAnotherSeedDoesNot) {
  ASSERT_TRUE(gen::generate_into_database(db(), names(), small(7, 300, 0.1), {}, &cipher()).ok());
  auto same = another_database();
  ASSERT_TRUE(
      gen::generate_into_database(same->db(), names(), small(7, 300, 0.1), {}, &cipher()).ok());
  auto other = another_database();
  ASSERT_TRUE(
      gen::generate_into_database(other->db(), names(), small(8, 300, 0.1), {}, &cipher()).ok());
  const std::string a = dump(db());
  EXPECT_GT(a.size(), 10'000u);
  EXPECT_TRUE(a == dump(same->db())) << "same seed, different data";
  EXPECT_FALSE(a == dump(other->db())) << "another seed gave the same data";
}

TEST_P(GenerateTest, DuplicatesAreDamagedCopiesNamedInTheTruth) {
  auto stats = gen::generate_into_database(db(), names(), small(11, 300, 0.3), {}, &cipher());
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  ASSERT_GT(stats->truth.size(), 50u);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children"),
            300 + static_cast<int64_t>(stats->truth.size()));
  const std::string sql =
      "SELECT given_names, family_names, COALESCE(names_original_script, ''), COALESCE(birth_date, "
      "''), "
      "nationalities, languages FROM children WHERE id = $1";
  int swapped_checked = 0, day_month_checked = 0;
  for (const auto& p : stats->truth) {
    db().read([&](store::Tx& tx) {
      auto o = tx.query_one(sql, store::params(p.original_id));
      auto d = tx.query_one(sql, store::params(p.duplicate_id));
      ASSERT_TRUE(o && d) << p.original_id << " / " << p.duplicate_id;
      ASSERT_FALSE(p.damage.empty());
      bool differs = false;
      for (size_t i = 0; i < 6; ++i) differs |= o->text(i) != d->text(i);
      EXPECT_TRUE(differs) << "duplicate " << p.duplicate_id << " (" << p.damage
                           << ") equals its original";
      if (p.damage == "names_swapped") {
        EXPECT_EQ(d->text(0), o->text(1));
        EXPECT_EQ(d->text(1), o->text(0));
        ++swapped_checked;
      }
      if (p.damage == "day_month_swapped") {
        const std::string ob = o->text(3), db_ = d->text(3);
        EXPECT_EQ(db_, ob.substr(0, 5) + ob.substr(8, 2) + "-" + ob.substr(5, 2));
        ++day_month_checked;
      }
    });
  }
  EXPECT_GT(swapped_checked + day_month_checked, 0) << "no single-kind pair to check exactly";
}

TEST_P(GenerateTest, AnInterruptedRunLeavesTheDatabaseAsItWas) {
  std::atomic<bool> cancel{false};
  gen::RunControl control;
  control.cancel = &cancel;
  control.progress = [&](int64_t done) {
    if (done >= 1000) cancel = true;
  };
  const std::string indexes = sqlite_indexes(db());
  auto stats = gen::generate_into_database(db(), names(), small(3, 5000), control, &cipher());
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(sqlite_indexes(db()), indexes) << "the schema's indexes changed";
  EXPECT_EQ(stats.error().message, "interrupted");
  EXPECT_EQ(*gen::count_existing_records(db()), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM case_number_counters"), 0);
}

TEST_P(GenerateTest, AppendingAnotherSeedContinuesTheCaseNumbers) {
  ASSERT_TRUE(gen::generate_into_database(db(), names(), small(1, 100), {}, &cipher()).ok());
  const int64_t before = count(db(), "SELECT SUM(next) FROM case_number_counters");
  ASSERT_TRUE(gen::generate_into_database(db(), names(), small(2, 100), {}, &cipher()).ok());
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children"), 200);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM cases"), 200);
  EXPECT_EQ(count(db(), "SELECT SUM(next) FROM case_number_counters"), before + 100);
}

HAVEN_INSTANTIATE_BACKENDS(GenerateTest);

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(GenerateJsonLines, TheSameSeedGivesByteIdenticalFiles) {
  const fs::path root = fs::temp_directory_path() / ("haven_gen_" + std::to_string(::getpid()));
  fs::remove_all(root);
  for (const char* d : {"a", "b", "c"})
    ASSERT_TRUE(gen::prepare_output_directory((root / d).string()).ok());
  auto first = gen::generate_into_directory((root / "a").string(), names(), small(7, 300, 0.05));
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(
      gen::generate_into_directory((root / "b").string(), names(), small(7, 300, 0.05)).ok());
  ASSERT_TRUE(
      gen::generate_into_directory((root / "c").string(), names(), small(9, 300, 0.05)).ok());
  for (size_t t = 0; t < gen::kTableCount; ++t) {
    const std::string file =
        std::string(gen::table_spec(static_cast<gen::Table>(t)).name) + ".jsonl";
    const std::string a = read_file(root / "a" / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_TRUE(a == read_file(root / "b" / file)) << file << " differs for the same seed";
  }
  EXPECT_FALSE(read_file(root / "a" / "children.jsonl") ==
               read_file(root / "c" / "children.jsonl"));
  // One object a line, lists as arrays, letters as typed.
  const std::string children = read_file(root / "a" / "children.jsonl");
  EXPECT_EQ(std::count(children.begin(), children.end(), '\n'), 300 + first->duplicate_records);
  EXPECT_NE(children.find("ö"), std::string::npos);  // UTF-8 as typed, not \u escapes
  EXPECT_NE(children.find("\"nationalities\":[\""), std::string::npos);
  EXPECT_EQ(children.rfind("{\"id\":\"", 0), 0u);
  EXPECT_FALSE(fs::exists(root / "a" / "children.jsonl.partial"));
  // Sensitive fields are written in the clear (a file has no key ring), without the `_ct` suffix;
  // the assessment's sections are a JSON object.
  const std::string assessments = read_file(root / "a" / "assessments.jsonl");
  EXPECT_NE(assessments.find("\"content\":{\""), std::string::npos);
  EXPECT_NE(assessments.find("\"safety\":\""), std::string::npos);
  EXPECT_EQ(assessments.find("content_ct"), std::string::npos);
  EXPECT_NE(read_file(root / "a" / "reports.jsonl").find("\"narrative\":\""), std::string::npos);
  EXPECT_NE(read_file(root / "a" / "case_notes.jsonl").find("\"body\":\""), std::string::npos);
  fs::remove_all(root);
}

// Counts the rows whose time of creation, opening, receipt or change lies after `limit` (what a
// user would see as "later today").
class LaterThanSink final : public gen::RecordSink {
 public:
  explicit LaterThanSink(int64_t limit) : limit_(limit) {}
  void add(gen::Table table, std::span<store::Value> row) override {
    const auto& spec = gen::table_spec(table);
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string_view col = spec.columns[c];
      const bool when = col.ends_with("created_at") || col == "opened_at" || col == "received_at" ||
                        col == "changed_at";
      const auto* v = std::get_if<int64_t>(&row[c]);
      if (when && v && *v > limit_) {
        ++later;
        where += std::string(spec.name) + "." + std::string(col) + " ";
      }
    }
  }
  int64_t later = 0;
  std::string where;  // table.column of each row found later

 private:
  int64_t limit_;
};

// The demo dates its data up to the moment it runs (end_ms), not to the end of today.
TEST(GenerateEnd, NothingIsDatedAfterTheEndGivenWithinTheReferenceDay) {
  auto o = small(7, 1500);
  const int64_t nine = o.reference_date.days_since_epoch() * 86'400'000 + 9 * 3'600'000;
  LaterThanSink whole_day(nine);
  ASSERT_TRUE(gen::generate_population(names(), o, whole_day).ok());
  EXPECT_GT(whole_day.later, 0) << "without an end, the reference day has records after 09:00";
  o.end_ms = nine;
  LaterThanSink until_nine(nine);
  ASSERT_TRUE(gen::generate_population(names(), o, until_nine).ok());
  EXPECT_EQ(until_nine.later, 0) << until_nine.where;
}

// The case page of generated cases, read through the API as a supervisor of the generated agency
// reads it: every record is there, and every encrypted field decrypts with the server's key ring.
class GeneratedCasePageTest : public testing::CaseApiTest {};

TEST_P(GeneratedCasePageTest, TheCasePageShowsEveryRecordDecrypted) {
  const security::FieldCipher server_cipher = app().keys.cipher();
  auto stats = gen::generate_into_database(db(), names(), small(5, 600), {}, &server_cipher);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  std::string agency;
  db().read([&](store::Tx& tx) {
    agency = tx.query_one(
                   "SELECT id FROM agencies WHERE kind = 'child_protection' AND name LIKE "
                   "'Socialtjänsten, Malm%'")
                 ->text(0);
  });
  const std::string token = sign_in("gen-supervisor", "supervisor", agency);
  auto case_in = [&](const std::string& where) {
    std::string id;
    db().read([&](store::Tx& tx) {
      auto r = tx.query_one("SELECT id FROM cases WHERE restricted = 0 AND " + where +
                            " ORDER BY id LIMIT 1");
      if (r) id = r->text(0);
    });
    EXPECT_FALSE(id.empty()) << where;
    return id;
  };
  auto page = [&](const std::string& id) {
    auto r = send("GET", token, "/api/v1/cases/" + id);
    EXPECT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");
    return r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
  };

  // A case being worked: screening, a completed assessment (decrypted sections), risk history,
  // the approved plan with goals and actions, reports with their narratives.
  auto j =
      page(case_in("status = 'implementation' AND EXISTS (SELECT 1 FROM case_reviews r "
                   "WHERE r.case_id = cases.id)"));
  ASSERT_TRUE(j.is_object());
  EXPECT_FALSE(j["reports"][0]["narrative"].get<std::string>().empty());
  EXPECT_TRUE(j["screening"]["open_assessment"].get<bool>());
  ASSERT_FALSE(j["assessments"].empty());
  EXPECT_FALSE(j["assessments"][0]["safety"].get<std::string>().empty());
  EXPECT_FALSE(j["assessments"][0]["risk_rationale"].get<std::string>().empty());
  EXPECT_GE(j["risk_history"].size(), 2u);  // the assessment's and a review's
  ASSERT_FALSE(j["plans"].empty());
  EXPECT_EQ(j["plans"][0]["approval"], "approved");
  EXPECT_FALSE(j["plans"][0]["goals"][0]["actions"].empty());
  EXPECT_FALSE(j["reviews"].empty());
  EXPECT_EQ(j["risk_level"], j["risk_history"].back()["risk_level"]);
  const std::string worked = j["id"];
  for (const char* list : {"referrals", "notes", "information-given"}) {
    auto r = send("GET", token, "/api/v1/cases/" + worked + "/" + list);
    ASSERT_EQ(r ? r->status : 0, 200) << list;
    EXPECT_FALSE(nlohmann::json::parse(r->body)["items"].empty()) << list;
  }
  auto notes =
      nlohmann::json::parse(send("GET", token, "/api/v1/cases/" + worked + "/notes")->body);
  EXPECT_FALSE(notes["items"][0]["text"].get<std::string>().empty()) << notes.dump();

  // A case closed after its plan: the closure, approved, with its reason.
  j =
      page(case_in("status = 'closed' AND closure_reason = 'goals_met_child_safe' AND EXISTS "
                   "(SELECT 1 FROM case_plans p WHERE p.case_id = cases.id)"));
  ASSERT_TRUE(j["closure"].is_object());
  EXPECT_EQ(j["closure"]["reason"], "goals_met_child_safe");
  EXPECT_FALSE(j["closure"]["approved_on"].is_null());

  // A placement, and participation with the child's views decrypted.
  const std::string placed = case_in(
      "EXISTS (SELECT 1 FROM placements p WHERE p.case_id = "
      "cases.id)");
  auto r = send("GET", token, "/api/v1/cases/" + placed + "/placements");
  ASSERT_EQ(r ? r->status : 0, 200);
  const auto placements = nlohmann::json::parse(r->body)["items"];
  ASSERT_FALSE(placements.empty());
  EXPECT_FALSE(placements[0]["entry_reasons"].empty()) << placements.dump();

  // A child's national identity number, decrypted, in Sweden's format with its check digit.
  std::string numbered;
  db().read([&](store::Tx& tx) {
    auto row = tx.query_one(
        "SELECT i.child_id FROM identity_numbers i JOIN cases c ON c.child_id = i.child_id "
        "WHERE c.restricted = 0 ORDER BY i.id LIMIT 1");
    if (row) numbered = row->text(0);
  });
  ASSERT_FALSE(numbered.empty());
  r = send("GET", token, "/api/v1/children/" + numbered);
  ASSERT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");
  const auto numbers = nlohmann::json::parse(r->body)["identity_numbers"];
  ASSERT_EQ(numbers.size(), 1u) << r->body;
  EXPECT_EQ(numbers[0]["kind"], "national_id");
  EXPECT_TRUE(
      std::regex_match(numbers[0]["value"].get<std::string>(), std::regex(R"(\d{8}-\d{4})")))
      << numbers.dump();
  const std::string heard = case_in(
      "EXISTS (SELECT 1 FROM participation_records p WHERE "
      "p.case_id = cases.id AND p.views_ct IS NOT NULL)");
  r = send("GET", token, "/api/v1/cases/" + heard + "/participation");
  ASSERT_EQ(r ? r->status : 0, 200);
  EXPECT_NE(r->body.find("\"views\":\""), std::string::npos) << r->body;

  // The case's history, and a document that downloads as stored.
  r = send("GET", token, "/api/v1/cases/" + worked + "/history");
  ASSERT_EQ(r ? r->status : 0, 200);
  EXPECT_GE(nlohmann::json::parse(r->body)["entries"].size(), 8u) << r->body;
  const std::string documented =
      case_in("EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = cases.id)");
  r = send("GET", token, "/api/v1/cases/" + documented + "/documents");
  ASSERT_EQ(r ? r->status : 0, 200);
  const auto docs = nlohmann::json::parse(r->body)["items"];
  ASSERT_FALSE(docs.empty()) << r->body;
  r = send("GET", token,
           "/api/v1/cases/" + documented + "/documents/" + docs[0]["id"].get<std::string>());
  ASSERT_EQ(r ? r->status : 0, 200);
  EXPECT_EQ(static_cast<int64_t>(r->body.size()), docs[0]["size_bytes"].get<int64_t>());
}

HAVEN_INSTANTIATE_BACKENDS(GeneratedCasePageTest);

}  // namespace
}  // namespace haven
