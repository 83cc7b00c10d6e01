// The synthetic population generator behind `haven generate`: turns synth identities and households
// into rows (agencies, children, persons, relationships, reports, cases, every record a case holds
// at its stage of the lifecycle with its history, documents and transfers, Barnahus cases with
// their timeline, case-number counters)
// and hands them, table by table, to a RecordSink (the database or JSON-lines files).
// Deterministic: the same NameData, options and seed give the same rows in the same order.
// Sensitive columns are handed over in plaintext and marked in the TableSpec: the database sink
// encrypts them as the services do, the file sink writes them.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/country_policy.h"
#include "store/value.h"
#include "synth/identity.h"
#include "synth/name_data.h"

namespace haven::service::generate {

// Who generated records name as their author (decided_by, created_by, …): a generated database
// has no users. The demo hands its caseload's records to the demo users (DemoService).
inline constexpr std::string_view kGeneratedCaseworker = "generated-caseworker";
inline constexpr std::string_view kGeneratedSupervisor = "generated-supervisor";

// The tables written, in the order a row may reference an earlier one (foreign keys).
enum class Table : uint8_t {
  kAgencies,
  kUsers,  // the agencies' staff (no password that works)
  kChildren,
  kPersons,
  kRelationships,
  kIdentityNumbers,  // a child's national identity number (value encrypted, blind index)
  kCases,
  kReports,
  kScreeningDecisions,
  kAssessments,
  kRiskLevels,
  kCasePlans,
  kCaseReviews,
  kCaseClosures,
  kReferrals,
  kPlacements,
  kPlacementEntryReasons,  // one row per coded reason of a placement (migration 0016)
  kParticipationRecords,
  kInformationGiven,
  kCaseNotes,
  kCaseDocuments,
  kCaseTransfers,
  kRecordHistory,
  // Barnahus (migration 0012): a case around a child victim or witness of violence and the
  // records on its timeline, after the child and the child protection case they name.
  kBarnahusCases,
  kBarnahusMembers,
  kBarnahusParties,
  kBarnahusMeetings,
  kBarnahusInterviews,
  kBarnahusMedicalExams,
  kBarnahusTherapy,
  kBarnahusCourtDates,
  kBarnahusInformation,
  kBarnahusLawEnforcementRecords,
  kBarnahusTrainingRecords,
  kCaseNumberCounters,
};
inline constexpr size_t kTableCount = 35;

struct TableSpec {
  std::string_view name;                      // SQL table name, also the JSON-lines file stem
  std::span<const std::string_view> columns;  // in the order of a row's values
  std::span<const bool> json_columns;         // true where the TEXT value is itself JSON (a list)
  // True where the column is stored encrypted (a `…_ct` BLOB, bound to table, column and the row's
  // id in column 0). The generator hands the plaintext (or NULL); the sink encrypts it.
  std::span<const bool> encrypted_columns;
};
// The name a JSON-lines file uses for a column: an encrypted column's without its `_ct` suffix
// (the files hold the plaintext).
std::string_view file_column_name(const TableSpec& spec, size_t column);
const TableSpec& table_spec(Table table);

// Receives rows in an order that respects foreign keys within each table kind (agencies first,
// a case before the reports that name it). `row` has table_spec(t).columns.size() values; the
// sink may move from them.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void add(Table table, std::span<store::Value> row) = 0;
  // Called between households: the rows of one household may come in any order of tables (a
  // child's row after its case's, once the case's course decided the child's agency), so a sink
  // that splits rows into batches splits them only here.
  virtual void household_done() {}
};

// A child of one country's extract who also appears in another's ([X1] linkage ground truth):
// the record id at home, and the identity as the other country registered it.
struct SharedChild {
  std::string home_id;
  synth::Identity identity;  // names as the other country writes them (Corruptor::register_abroad)
  std::string changes;       // synth::DamageSet::to_string(), "" when written exactly as at home
};

struct GenerateOptions {
  std::string country = "SE";  // one of core::kRegionCountries
  int64_t children = 1000;     // distinct children (duplicate records come on top)
  uint64_t seed = 1;
  double duplicates = 0;  // share of children registered a second time, damaged [0, 0.5]
  core::Date reference_date = *core::Date::from_ymd(2026, 11, 27);  // "today" of the data
  int history_years = 5;  // reports start on 1 January of reference year - (history_years - 1)
  // The last instant the data may reach, in ms UTC, within reference_date; 0: the end of that day.
  // The demo gives the current time, so no case opens later today than the moment it was made.
  int64_t end_ms = 0;
  // The country's deadlines (config/policy/<cc>.toml): durations of screening, assessment,
  // planning and the review intervals are drawn around them, a few cases late.
  domain::CountryPolicy policy;
  // False: no sensitive content (narratives, assessment content, views, notes, leaving-care plans)
  // is generated, and the records that consist of it (assessments, case notes) are left out; for
  // a target without a key ring.
  bool sensitive_content = true;
  // Next counter per case-number year already used in the target (when appending), so numbers
  // continue instead of colliding; the generator returns the counters it ends with.
  std::map<int, int64_t> counters_next;
  // Agencies already in the target (appending), name → id, for this country: reused, not added.
  std::map<std::string, std::string, std::less<>> existing_agencies;
  // Two countries' extracts that share children ([X1]): this share of the run's children also
  // moved to `shared_with` and were registered there; the run hands them back as that country
  // writes them (GenerateStats::emigrants), for the second run (second_extract_options). The
  // run's own rows are the same as without it.
  std::string shared_with;
  double shared = 0;  // [0, 0.5]
  // Children registered here after moving from another country (the second extract), appended
  // after this country's own children, each with a report and a case of their own; their record
  // ids come back in GenerateStats::arrival_ids, in this order.
  std::shared_ptr<const std::vector<SharedChild>> arrivals;
};

// One damaged second registration of a child: the ground truth for search and linkage.
struct DuplicatePair {
  std::string original_id;
  std::string duplicate_id;
  std::string damage;  // synth::DamageSet::to_string(): "typo_substitution+diacritics_dropped"
};

struct GenerateStats {
  std::array<int64_t, kTableCount> rows{};  // per Table
  int64_t children = 0;                     // distinct children
  int64_t duplicate_records = 0;
  std::vector<DuplicatePair> truth;
  std::vector<SharedChild> emigrants;    // with GenerateOptions::shared_with
  std::vector<std::string> arrival_ids;  // one per GenerateOptions::arrivals
};

// One child in both extracts: the record id in the first country's and in the second's.
struct SharedPair {
  std::string first_id;
  std::string second_id;
  std::string changes;  // how the second country's record differs ("transliteration+…")
};

struct RunControl {
  // Called now and then with the number of distinct children generated so far.
  std::function<void(int64_t children_done)> progress;
  // Polled between households; when it becomes true the run stops with an error.
  const std::atomic<bool>* cancel = nullptr;
  // Told when a long step without a count starts ("building indexes and committing").
  std::function<void(std::string_view step)> step;
};

// Checks options a user gave (country, sizes, share of duplicates); the message names the option.
core::Status validate_options(const GenerateOptions& options);

// Generates the whole population into `sink`. Fails for invalid options, for a NameData that lacks
// the country, or when cancelled (error message "interrupted").
core::Result<GenerateStats> generate_population(const synth::NameData& names,
                                                const GenerateOptions& options, RecordSink& sink,
                                                const RunControl& control = {});

// Writes the truth file: CSV with a header, `original_id,duplicate_id,damage`, one pair a line.
core::Status write_truth_csv(const std::string& path, const std::vector<DuplicatePair>& pairs);

// The options of the second extract after a first run with `shared_with`: that country, as many
// children of its own as the first, a seed derived from the first's and the country (so no id of
// one extract recurs in the other), the first run's emigrants as arrivals (moved out of `first`).
// The caller sets the country's policy.
GenerateOptions second_extract_options(const GenerateOptions& first, GenerateStats& first_stats);
// The pairs of the two runs, in the order the children were generated: `second` and
// `second_stats` are the second run's options and result.
std::vector<SharedPair> shared_pairs(const GenerateOptions& second,
                                     const GenerateStats& second_stats);
// Writes the shared children's truth file: CSV with a header naming the countries,
// `se_id,lv_id,changes`, one child a line.
core::Status write_shared_truth_csv(const std::string& path, std::string_view first_country,
                                    std::string_view second_country,
                                    const std::vector<SharedPair>& pairs);

}  // namespace haven::service::generate
