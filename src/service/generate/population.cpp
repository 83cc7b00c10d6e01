// How a synthetic household becomes rows: one municipality's agencies, then per household its
// children, caregivers and family ties, each child's reports of concern and the case they open,
// walked through the lifecycle to the reference date. Every distribution lives in the tables at the
// top of this file (docs/DATA.md mirrors them); ids and instants come from the seed and the
// reference date only, never from the wall clock, so output is byte-identical for the same seed.
#include "service/generate/population.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "core/country.h"
#include "domain/case_number.h"
#include "domain/case_types.h"
#include "domain/person_types.h"
#include "domain/report_types.h"
#include "synth/corruption.h"
#include "synth/identity_generator.h"
#include "synth/rng.h"

namespace haven::service::generate {

namespace {

using store::Value;
using synth::Rng;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kMaxChildren = 10'000'000;

// ---- The tables' columns (only those the base schema has and the generator fills) ----

constexpr std::string_view kAgencyCols[] = {
    "id", "name", "kind", "country", "parent_id", "status", "version", "created_at", "updated_at"};
constexpr bool kAgencyJson[std::size(kAgencyCols)] = {};
constexpr std::string_view kChildCols[] = {"id",
                                           "agency_id",
                                           "given_names",
                                           "family_names",
                                           "names_original_script",
                                           "sex",
                                           "birth_date",
                                           "birth_date_estimated",
                                           "nationalities",
                                           "languages",
                                           "version",
                                           "created_at",
                                           "updated_at"};
constexpr bool kChildJson[std::size(kChildCols)] = {false, false, false, false, false, false, false,
                                                    false, true,  true,  false, false, false};
constexpr std::string_view kPersonCols[] = {
    "id",        "agency_id",  "given_names",          "family_names", "names_original_script",
    "sex",       "birth_date", "birth_date_estimated", "version",      "created_at",
    "updated_at"};
constexpr bool kPersonJson[std::size(kPersonCols)] = {};
constexpr std::string_view kRelationshipCols[] = {
    "id",           "from_child_id", "from_person_id", "to_child_id",
    "to_person_id", "type",          "legal_guardian", "valid_from",
    "valid_to",     "version",       "created_at",     "updated_at"};
constexpr bool kRelationshipJson[std::size(kRelationshipCols)] = {};
constexpr std::string_view kCaseCols[] = {"id",        "case_number",    "child_id",   "agency_id",
                                          "status",    "risk_level",     "restricted", "opened_at",
                                          "closed_at", "closure_reason", "version",    "created_at",
                                          "updated_at"};
constexpr bool kCaseJson[std::size(kCaseCols)] = {};
constexpr std::string_view kReportCols[] = {
    "id",      "agency_id",  "received_at", "channel", "reporter_type",      "concern_categories",
    "urgency", "status",     "child_id",    "case_id", "screening_decision", "screened_at",
    "version", "created_at", "updated_at"};
constexpr bool kReportJson[std::size(kReportCols)] = {false, false, false, false, false,
                                                      true,  false, false, false, false,
                                                      false, false, false, false, false};
constexpr std::string_view kCounterCols[] = {"country", "year", "next"};
constexpr bool kCounterJson[std::size(kCounterCols)] = {};

const std::array<TableSpec, kTableCount> kSpecs = {{
    {"agencies", kAgencyCols, kAgencyJson},
    {"children", kChildCols, kChildJson},
    {"persons", kPersonCols, kPersonJson},
    {"relationships", kRelationshipCols, kRelationshipJson},
    {"cases", kCaseCols, kCaseJson},
    {"reports", kReportCols, kReportJson},
    {"case_number_counters", kCounterCols, kCounterJson},
}};

// ---- Distributions (relative weights; docs/DATA.md has the same table) ----

// Who reports, roughly as national statistics of the region show it: police and schools first.
struct Weighted {
  int code;
  uint32_t weight;
};
using domain::ConcernCategory;
using domain::ReportChannel;
using domain::ReporterType;
using domain::Urgency;

constexpr Weighted kReporterWeights[] = {
    {static_cast<int>(ReporterType::kPolice), 26},
    {static_cast<int>(ReporterType::kSchool), 18},
    {static_cast<int>(ReporterType::kSocialServices), 12},
    {static_cast<int>(ReporterType::kHealth), 9},
    {static_cast<int>(ReporterType::kRelative), 8},
    {static_cast<int>(ReporterType::kOther), 8},
    {static_cast<int>(ReporterType::kPreschool), 5},
    {static_cast<int>(ReporterType::kAnonymous), 5},
    {static_cast<int>(ReporterType::kNgo), 3},
    {static_cast<int>(ReporterType::kNeighbour), 3},
    {static_cast<int>(ReporterType::kChild), 3},
};
constexpr Weighted kConcernWeights[] = {
    {static_cast<int>(ConcernCategory::kNeglect), 18},
    {static_cast<int>(ConcernCategory::kPhysicalViolence), 16},
    {static_cast<int>(ConcernCategory::kWitnessingDomesticViolence), 15},
    {static_cast<int>(ConcernCategory::kEmotionalAbuse), 10},
    {static_cast<int>(ConcernCategory::kSubstanceUse), 8},
    {static_cast<int>(ConcernCategory::kPoverty), 8},
    {static_cast<int>(ConcernCategory::kSexualAbuse), 5},
    {static_cast<int>(ConcernCategory::kSelfHarm), 5},
    {static_cast<int>(ConcernCategory::kDisabilityRelatedNeeds), 4},
    {static_cast<int>(ConcernCategory::kOnlineAbuse), 3},
    {static_cast<int>(ConcernCategory::kMigrationRelated), 3},
    {static_cast<int>(ConcernCategory::kTraffickingExploitation), 1},
};
constexpr uint32_t kConcernCountWeights[] = {60, 30, 10};  // 1, 2 or 3 categories
// Channels by kind of reporter: professionals write, police notify, family and the child call.
constexpr Weighted kChannelPolice[] = {{static_cast<int>(ReportChannel::kPoliceNotification), 90},
                                       {static_cast<int>(ReportChannel::kPhone), 10}};
constexpr Weighted kChannelProfessional[] = {{static_cast<int>(ReportChannel::kOnlineForm), 35},
                                             {static_cast<int>(ReportChannel::kPhone), 30},
                                             {static_cast<int>(ReportChannel::kEmail), 25},
                                             {static_cast<int>(ReportChannel::kLetter), 5},
                                             {static_cast<int>(ReportChannel::kInPerson), 5}};
constexpr Weighted kChannelPrivate[] = {{static_cast<int>(ReportChannel::kPhone), 60},
                                        {static_cast<int>(ReportChannel::kInPerson), 15},
                                        {static_cast<int>(ReportChannel::kOnlineForm), 15},
                                        {static_cast<int>(ReportChannel::kEmail), 10}};
constexpr Weighted kChannelAnonymous[] = {{static_cast<int>(ReportChannel::kPhone), 70},
                                          {static_cast<int>(ReportChannel::kOnlineForm), 30}};
constexpr Weighted kChannelChild[] = {{static_cast<int>(ReportChannel::kInPerson), 50},
                                      {static_cast<int>(ReportChannel::kPhone), 35},
                                      {static_cast<int>(ReportChannel::kOnlineForm), 15}};
// Urgency at intake (high, medium, low): higher when the concern is violence, abuse or self-harm.
constexpr uint32_t kUrgencyServe[] = {45, 40, 15};
constexpr uint32_t kUrgencyOther[] = {12, 45, 43};
// Share of reports screened in, by urgency (high, medium, low).
constexpr double kScreenIn[] = {0.75, 0.50, 0.30};
// Risk level at the end of the assessment (high, medium, low), by urgency at intake.
constexpr uint32_t kRiskByUrgency[3][3] = {{50, 40, 10}, {20, 50, 30}, {8, 37, 55}};
// How a case in implementation ends: closed with a reason, transferred, merged.
constexpr Weighted kEndings[] = {
    {static_cast<int>(domain::ClosureReason::kGoalsMetChildSafe), 65},
    {static_cast<int>(domain::ClosureReason::kFamilyDeclinesChildSafe), 17},
    {static_cast<int>(domain::ClosureReason::kTransferred), 4},
    {static_cast<int>(domain::ClosureReason::kOther), 5},
    {static_cast<int>(domain::ClosureReason::kChildDied), 1},
    {-1, 6},  // transferred to another agency on haven (status transferred)
    {-2, 2},  // merged into another case (status merged)
};
constexpr double kCloseAfterAssessment = 0.20;           // no further need found
constexpr uint32_t kExtraReportWeights[] = {72, 20, 8};  // 0, 1 or 2 more reports on the case
constexpr double kSiblingsSameDay = 0.6;  // siblings' first reports come from one incident
constexpr double kRestrictedSexualAbuse = 0.25;
constexpr double kRestrictedOther = 0.01;

// A weighted list built once from a table.
class Picker {
 public:
  template <size_t N>
  explicit Picker(const Weighted (&table)[N]) {
    uint64_t total = 0;
    for (const auto& w : table) {
      codes_.push_back(w.code);
      cumulative_.push_back(total += w.weight);
    }
  }
  template <size_t N>
  explicit Picker(const uint32_t (&weights)[N]) {
    uint64_t total = 0;
    for (size_t i = 0; i < N; ++i) {
      codes_.push_back(static_cast<int>(i));
      cumulative_.push_back(total += weights[i]);
    }
  }
  int pick(Rng& rng) const { return codes_[rng.pick(cumulative_)]; }

 private:
  std::vector<int> codes_;
  std::vector<uint64_t> cumulative_;
};

// ---- One municipality per country: the agencies a demo needs ----

struct Municipality {
  std::string_view country;
  std::string_view child_protection, police, school, health, barnahus;
};
constexpr Municipality kMunicipalities[] = {
    {"DK", "Børn og Unge, Aarhus Kommune", "Østjyllands Politi",
     "Skoleforvaltningen, Aarhus Kommune", "Sundhedsplejen, Aarhus Kommune", "Børnehus Midt"},
    {"EE", "Tartu linna lastekaitse", "Lõuna prefektuur", "Tartu linna haridusosakond",
     "Tartu Ülikooli Kliinikum", "Lastemaja, Tartu"},
    {"FI", "Tampereen kaupunki, lastensuojelu", "Sisä-Suomen poliisilaitos",
     "Tampereen kaupunki, perusopetus", "Tampereen kaupunki, neuvolat", "Barnahus Tampere"},
    {"DE", "Jugendamt Kiel", "Polizeidirektion Kiel", "Amt für Schulen, Landeshauptstadt Kiel",
     "Städtisches Krankenhaus Kiel, Kinderklinik", "Childhood-Haus Kiel"},
    {"IS", "Barnavernd Reykjavíkur", "Lögreglan á höfuðborgarsvæðinu",
     "Skóla- og frístundasvið Reykjavíkur", "Heilsugæsla höfuðborgarsvæðisins", "Barnahús"},
    {"LV", "Rīgas Sociālais dienests", "Valsts policijas Rīgas reģiona pārvalde",
     "Rīgas Izglītības departaments", "Bērnu klīniskā universitātes slimnīca", "Bērnu māja, Rīga"},
    {"LT", "Kauno vaiko teisių apsaugos skyrius",
     "Kauno apskrities vyriausiasis policijos komisariatas",
     "Kauno miesto savivaldybės Švietimo skyrius", "Kauno klinikos", "Vaiko namai, Kaunas"},
    {"NO", "Barneverntjenesten i Bergen kommune", "Vest politidistrikt",
     "Etat for skole, Bergen kommune", "Helsestasjonstjenesten, Bergen kommune",
     "Statens barnehus Bergen"},
    {"PL", "Miejski Ośrodek Pomocy Rodzinie w Gdańsku", "Komenda Miejska Policji w Gdańsku",
     "Wydział Rozwoju Społecznego, Urząd Miejski w Gdańsku", "Szpital Dziecięcy Polanki w Gdańsku",
     "Centrum dla Dzieci, Gdańsk"},
    {"SE", "Socialtjänsten, Malmö stad", "Polisregion Syd", "Grundskoleförvaltningen, Malmö stad",
     "Barnhälsovården, Region Skåne", "Barnahus Malmö"},
};

const Municipality* municipality_of(std::string_view country) {
  for (const auto& m : kMunicipalities)
    if (m.country == country) return &m;
  return nullptr;
}

// ---- Deterministic ids: UUIDv7-shaped, time field = reference date + sequence number ----

class IdMaker {
 public:
  IdMaker(uint64_t seed, int64_t epoch_ms)
      : key_(synth::mix64(seed ^ 0x6a09e667f3bcc908ULL)), epoch_ms_(epoch_ms) {}
  std::string next() {
    const uint64_t n = seq_++;
    const uint64_t ms = static_cast<uint64_t>(epoch_ms_) + n;
    const uint64_t r1 = synth::mix64(key_ + n);
    const uint64_t r2 = synth::mix64(r1 ^ key_);
    const uint64_t hi = (ms << 16) | 0x7000u | (r1 & 0xfffu);
    const uint64_t lo = 0x8000000000000000ULL | (r2 >> 2);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s(36, '-');
    size_t p = 0;
    auto put = [&](uint64_t v, int nibbles) {
      for (int i = nibbles - 1; i >= 0; --i) {
        if (p == 8 || p == 13 || p == 18 || p == 23) ++p;
        s[p++] = kHex[(v >> (4 * i)) & 0xf];
      }
    };
    put(hi, 16);
    put(lo, 16);
    return s;
  }

 private:
  uint64_t key_;
  int64_t epoch_ms_;
  uint64_t seq_ = 0;
};

int64_t ms_of(core::Date d) {
  return d.days_since_epoch() * kDayMs;
}

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out += items[i];  // ISO codes: plain ASCII letters
    out += '"';
  }
  out += ']';
  return out;
}

std::string_view sex_code(synth::Sex s) {
  return domain::to_code(s == synth::Sex::kFemale ? domain::Sex::kFemale : domain::Sex::kMale);
}

std::optional<std::string> original_script(const synth::Identity& id) {
  if (id.given_names_original.empty() && id.family_name_original.empty()) return std::nullopt;
  std::string s = id.given_names_original.empty() ? id.given_names : id.given_names_original;
  s += ' ';
  s += id.family_name_original.empty() ? id.family_name : id.family_name_original;
  return s;
}

// Everything one run shares.
class Builder {
 public:
  Builder(const synth::NameData& names, const GenerateOptions& o, RecordSink& sink,
          GenerateStats& stats)
      : corruptor_(names),
        o_(o),
        sink_(sink),
        stats_(stats),
        ids_(o.seed, ms_of(o.reference_date)),
        reporters_(kReporterWeights),
        concerns_(kConcernWeights),
        concern_count_(kConcernCountWeights),
        ch_police_(kChannelPolice),
        ch_professional_(kChannelProfessional),
        ch_private_(kChannelPrivate),
        ch_anonymous_(kChannelAnonymous),
        ch_child_(kChannelChild),
        urgency_serious_(kUrgencyServe),
        urgency_other_(kUrgencyOther),
        risk_{Picker(kRiskByUrgency[0]), Picker(kRiskByUrgency[1]), Picker(kRiskByUrgency[2])},
        endings_(kEndings),
        extra_reports_(kExtraReportWeights),
        counters_(o.counters_next) {
    start_ms_ = ms_of(*core::Date::from_ymd(o.reference_date.year() - (o.history_years - 1), 1, 1));
    end_ms_ = ms_of(o.reference_date) + kDayMs - 1;  // the end of "today"
  }

  void agencies() {
    const Municipality& m = *municipality_of(o_.country);
    cps_id_ = agency(m.child_protection, "child_protection");
    agency(m.police, "police");
    agency(m.school, "school");
    agency(m.health, "health");
    agency(m.barnahus, "barnahus");
  }

  // Emits the household's first `take` children and their caregivers.
  void household(const synth::Household& hh, size_t take, Rng& rng) {
    child_ids_.clear();
    first_report_.clear();
    const bool same_day = take > 1 && rng.chance(kSiblingsSameDay);
    int64_t shared_t0 = -1;
    for (size_t i = 0; i < take; ++i) {
      const synth::Identity& c = hh.children[i];
      int64_t t0 = (same_day && shared_t0 >= 0) ? std::max(shared_t0, earliest(c))
                                                : first_report_time(c, rng);
      if (shared_t0 < 0) shared_t0 = t0;
      child_ids_.push_back(child(c, t0));
      first_report_.push_back(t0);
      child_case(child_ids_.back(), c, t0, rng);
      if (o_.duplicates > 0 && rng.chance(o_.duplicates)) duplicate(c, child_ids_.back(), t0, rng);
    }
    // Caregivers and their ties to each child; siblings tied once per pair, elder to younger.
    bool has_parent = false;
    for (const auto& g : hh.caregivers)
      has_parent |=
          g.role == synth::CaregiverRole::kMother || g.role == synth::CaregiverRole::kFather;
    const int64_t registered = *std::min_element(first_report_.begin(), first_report_.end());
    for (const auto& g : hh.caregivers) {
      std::string pid = person(g.person, registered);
      auto [type, guardian] = tie(g.role, has_parent);
      for (size_t i = 0; i < take; ++i) {
        const bool parent =
            type == domain::RelationshipType::kMother || type == domain::RelationshipType::kFather;
        std::optional<std::string> from;
        if (parent && hh.children[i].birth_date) from = hh.children[i].birth_date->to_string();
        relationship(Value{}, Value{pid}, Value{child_ids_[i]}, Value{}, type, guardian, from,
                     std::max(registered, first_report_[i]));
      }
    }
    for (size_t i = 0; i < take; ++i)
      for (size_t j = i + 1; j < take; ++j)
        relationship(Value{child_ids_[i]}, Value{}, Value{child_ids_[j]}, Value{},
                     domain::RelationshipType::kSibling, false, std::nullopt,
                     std::max(first_report_[i], first_report_[j]));
  }

  void counters() {
    for (const auto& [year, next] : counters_) {
      row_.assign({Value{o_.country}, Value{int64_t{year}}, Value{next}});
      emit(Table::kCaseNumberCounters);
    }
  }

 private:
  void emit(Table t) {
    sink_.add(t, row_);
    ++stats_.rows[static_cast<size_t>(t)];
  }

  std::string agency(std::string_view name, std::string_view kind) {
    std::string id = ids_.next();
    if (auto it = o_.existing_agencies.find(name); it != o_.existing_agencies.end())
      return it->second;
    row_.assign({Value{id}, Value{std::string(name)}, Value{std::string(kind)}, Value{o_.country},
                 Value{}, Value{std::string("active")}, Value{int64_t{1}}, Value{start_ms_},
                 Value{start_ms_}});
    emit(Table::kAgencies);
    return id;
  }

  int64_t earliest(const synth::Identity& c) const {
    return c.birth_date ? std::max(start_ms_, ms_of(*c.birth_date)) : start_ms_;
  }

  // The day a child first comes to the service's attention, uniform over the years covered.
  int64_t first_report_time(const synth::Identity& c, Rng& rng) {
    const int64_t lo = earliest(c) / kDayMs;
    const int64_t hi = o_.reference_date.days_since_epoch();
    return rng.between(std::min(lo, hi), hi) * kDayMs;
  }

  // A time of day for an event on `day_ms`: office hours, except the police at any hour.
  int64_t at_time(int64_t day_ms, bool any_hour, Rng& rng) {
    const int64_t h = any_hour ? rng.between(0, 23) : rng.between(8, 16);
    return day_ms + h * kHourMs + rng.between(0, 3'599) * 1000;
  }

  std::string child(const synth::Identity& c, int64_t created) {
    std::string id = ids_.next();
    row_.assign({Value{id}, Value{cps_id_}, Value{c.given_names}, Value{c.family_name},
                 store::to_value(original_script(c)), Value{std::string(sex_code(c.sex))},
                 c.birth_date ? Value{c.birth_date->to_string()} : Value{},
                 Value{int64_t{c.birth_date_estimated ? 1 : 0}}, Value{json_list(c.nationalities)},
                 Value{json_list(c.languages)}, Value{int64_t{1}}, Value{created}, Value{created}});
    emit(Table::kChildren);
    return id;
  }

  std::string person(const synth::Identity& p, int64_t created) {
    std::string id = ids_.next();
    row_.assign({Value{id}, Value{cps_id_}, Value{p.given_names}, Value{p.family_name},
                 store::to_value(original_script(p)), Value{std::string(sex_code(p.sex))},
                 p.birth_date ? Value{p.birth_date->to_string()} : Value{},
                 Value{int64_t{p.birth_date_estimated ? 1 : 0}}, Value{int64_t{1}}, Value{created},
                 Value{created}});
    emit(Table::kPersons);
    return id;
  }

  static std::pair<domain::RelationshipType, bool> tie(synth::CaregiverRole role, bool has_parent) {
    using R = domain::RelationshipType;
    switch (role) {
      case synth::CaregiverRole::kMother:
        return {R::kMother, true};
      case synth::CaregiverRole::kFather:
        return {R::kFather, true};
      case synth::CaregiverRole::kStepmother:
      case synth::CaregiverRole::kStepfather:
        return {R::kStepParent, false};
      case synth::CaregiverRole::kGrandmother:
      case synth::CaregiverRole::kGrandfather:
        return {R::kGrandparent, !has_parent};
      case synth::CaregiverRole::kAunt:
      case synth::CaregiverRole::kUncle:
        return {R::kOtherRelative, !has_parent};
    }
    return {R::kOther, false};
  }

  void relationship(Value from_child, Value from_person, Value to_child, Value to_person,
                    domain::RelationshipType type, bool guardian,
                    const std::optional<std::string>& valid_from, int64_t created) {
    row_.assign({Value{ids_.next()}, std::move(from_child), std::move(from_person),
                 std::move(to_child), std::move(to_person),
                 Value{std::string(domain::to_code(type))}, Value{int64_t{guardian ? 1 : 0}},
                 store::to_value(valid_from), Value{}, Value{int64_t{1}}, Value{created},
                 Value{created}});
    emit(Table::kRelationships);
  }

  // A second registration of the same child, damaged the way registration damages names and
  // dates, with its own report and case: nobody has noticed yet that it is the same child.
  void duplicate(const synth::Identity& c, const std::string& original_id, int64_t t0, Rng& rng) {
    synth::DamageSet damage = corruptor_.corrupt(c, rng, damaged_);
    const int64_t day = rng.between(t0 / kDayMs, o_.reference_date.days_since_epoch());
    std::string id = child(damaged_, day * kDayMs);
    child_case(id, damaged_, day * kDayMs, rng);
    ++stats_.duplicate_records;
    stats_.truth.push_back({original_id, id, damage.to_string()});
  }

  struct Step {
    int64_t at;
    domain::CaseStatus status;
  };

  // One report opens the case; the case moves through the lifecycle with realistic durations, and
  // whatever lies after the reference date has not happened yet.
  void child_case(const std::string& child_id, const synth::Identity& c, int64_t day_ms, Rng& rng) {
    using S = domain::CaseStatus;
    // The opening report.
    const auto reporter = static_cast<ReporterType>(reporters_.pick(rng));
    const int64_t received =
        std::min(at_time(day_ms, reporter == ReporterType::kPolice, rng), end_ms_);
    pick_concerns(c, rng);
    bool serious = false;
    for (auto k : concern_list_)
      serious |= k == ConcernCategory::kPhysicalViolence || k == ConcernCategory::kSexualAbuse ||
                 k == ConcernCategory::kTraffickingExploitation || k == ConcernCategory::kSelfHarm;
    const int urgency = serious ? urgency_serious_.pick(rng) : urgency_other_.pick(rng);

    // The lifecycle, as instants of each status change.
    steps_.clear();
    steps_.push_back({received, S::kReported});
    int64_t t = received + rng.between(0, 2 * 24) * kHourMs;
    steps_.push_back({t, S::kScreening});
    t += rng.between(1, 14) * kDayMs;  // a screening decision within 14 days
    const int64_t screened_at = t;
    const bool screened_in = rng.chance(kScreenIn[urgency]);
    std::optional<std::string> closure;
    int risk = -1;
    int64_t risk_at = 0;
    const int64_t adult_at =
        c.birth_date ? ms_of(c.birth_date->plus_months(18 * 12)) : INT64_MAX;  // turns 18
    if (!screened_in) {
      steps_.push_back({t, S::kClosed});
    } else {
      steps_.push_back({t, S::kAssessment});
      t += std::clamp<int64_t>(static_cast<int64_t>(rng.normal(60, 25)), 10, 120) * kDayMs;
      risk = risk_[urgency].pick(rng);
      risk_at = t;
      if (rng.chance(kCloseAfterAssessment)) {
        closure =
            domain::to_code(rng.chance(0.6) ? domain::ClosureReason::kGoalsMetChildSafe
                                            : domain::ClosureReason::kFamilyDeclinesChildSafe);
        steps_.push_back({t, S::kClosed});
      } else {
        steps_.push_back({t, S::kPlanning});
        t += rng.between(5, 21) * kDayMs;  // a plan within about two weeks
        steps_.push_back({t, S::kImplementation});
        const int64_t end = t + rng.between(60, 720) * kDayMs;
        // Reviews every three months, each taking one to two weeks.
        for (int64_t r = t + 90 * kDayMs; r + 14 * kDayMs < end; r += 90 * kDayMs) {
          steps_.push_back({r, S::kReview});
          steps_.push_back({r + rng.between(7, 14) * kDayMs, S::kImplementation});
        }
        const int ending = endings_.pick(rng);
        if (end >= adult_at) {
          closure = domain::to_code(domain::ClosureReason::kTurned18LeavingCare);
          steps_.push_back({std::max(adult_at, t + kDayMs), S::kClosed});
        } else if (ending == -1) {
          steps_.push_back({end, S::kTransferred});
        } else if (ending == -2) {
          steps_.push_back({end, S::kMerged});
        } else {
          closure = domain::to_code(static_cast<domain::ClosureReason>(ending));
          steps_.push_back({end, S::kClosed});
        }
      }
    }
    // Where the case stands on the reference date.
    size_t reached = 0;
    while (reached + 1 < steps_.size() && steps_[reached + 1].at <= end_ms_) ++reached;
    const Step& now = steps_[reached];
    const bool closed = now.status == S::kClosed;
    const int64_t ends_at =
        (now.status == S::kClosed || now.status == S::kTransferred || now.status == S::kMerged)
            ? now.at
            : end_ms_;

    // The case number's year is the year the case was opened.
    const int year = core::Date::of(core::Timestamp{received}).year();
    int64_t& next = counters_.try_emplace(year, 1).first->second;
    const std::string number = domain::CaseNumber{o_.country, year, next++}.to_string();
    const std::string case_id = ids_.next();
    const bool sexual = std::find(concern_list_.begin(), concern_list_.end(),
                                  ConcernCategory::kSexualAbuse) != concern_list_.end();
    const bool restricted = rng.chance(sexual ? kRestrictedSexualAbuse : kRestrictedOther);
    row_.assign({Value{case_id}, Value{number}, Value{child_id}, Value{cps_id_},
                 Value{std::string(domain::to_code(now.status))},
                 risk >= 0 && risk_at <= end_ms_
                     ? Value{std::string(domain::to_code(static_cast<domain::RiskLevel>(risk)))}
                     : Value{},
                 Value{int64_t{restricted ? 1 : 0}}, Value{received},
                 closed ? Value{now.at} : Value{}, closed && closure ? Value{*closure} : Value{},
                 Value{static_cast<int64_t>(reached + 1)}, Value{received}, Value{now.at}});
    emit(Table::kCases);

    // The opening report, screened once the decision date has passed.
    const bool decided = screened_at <= end_ms_;
    report(received, reporter, urgency, child_id, case_id, decided ? "screened" : "received",
           decided
               ? std::optional<std::string>(domain::to_code(
                     screened_in ? domain::CaseAction::kScreenIn : domain::CaseAction::kScreenOut))
               : std::nullopt,
           decided ? std::optional<int64_t>(screened_at) : std::nullopt, rng);
    // More reports about the same child while the case is open (or about the same incident).
    const int extra = extra_reports_.pick(rng);
    for (int i = 0; i < extra; ++i) {
      const auto who = static_cast<ReporterType>(reporters_.pick(rng));
      const int64_t span_days =
          std::max<int64_t>(0, std::min(ends_at - received, 365 * kDayMs) / kDayMs);
      const int64_t day = (received / kDayMs + rng.between(0, span_days)) * kDayMs;
      const int64_t at =
          std::clamp(at_time(day, who == ReporterType::kPolice, rng), received, end_ms_);
      pick_concerns(c, rng);
      const int u = urgency_other_.pick(rng);
      report(at, who, u, child_id, case_id, "linked_to_case", std::nullopt, std::nullopt, rng);
    }
  }

  void pick_concerns(const synth::Identity& c, Rng& rng) {
    concern_list_.clear();
    if (c.unaccompanied) concern_list_.push_back(ConcernCategory::kMigrationRelated);
    const size_t want = static_cast<size_t>(concern_count_.pick(rng)) + 1;
    for (int tries = 0; concern_list_.size() < want && tries < 8; ++tries) {
      const auto k = static_cast<ConcernCategory>(concerns_.pick(rng));
      if (std::find(concern_list_.begin(), concern_list_.end(), k) == concern_list_.end())
        concern_list_.push_back(k);
    }
  }

  void report(int64_t received, ReporterType who, int urgency, const std::string& child_id,
              const std::string& case_id, const char* status,
              const std::optional<std::string>& decision, std::optional<int64_t> screened_at,
              Rng& rng) {
    const Picker* channels = &ch_professional_;
    switch (who) {
      case ReporterType::kPolice:
        channels = &ch_police_;
        break;
      case ReporterType::kRelative:
      case ReporterType::kNeighbour:
      case ReporterType::kOther:
        channels = &ch_private_;
        break;
      case ReporterType::kAnonymous:
        channels = &ch_anonymous_;
        break;
      case ReporterType::kChild:
        channels = &ch_child_;
        break;
      default:
        break;
    }
    std::string concerns = "[";
    for (size_t i = 0; i < concern_list_.size(); ++i) {
      if (i) concerns += ',';
      concerns += '"';
      concerns += domain::to_code(concern_list_[i]);
      concerns += '"';
    }
    concerns += ']';
    const int64_t updated = screened_at.value_or(received);
    row_.assign(
        {Value{ids_.next()}, Value{cps_id_}, Value{received},
         Value{std::string(domain::to_code(static_cast<ReportChannel>(channels->pick(rng))))},
         Value{std::string(domain::to_code(who))}, Value{std::move(concerns)},
         Value{std::string(domain::to_code(static_cast<Urgency>(urgency)))},
         Value{std::string(status)}, Value{child_id}, Value{case_id}, store::to_value(decision),
         store::to_value(screened_at), Value{int64_t{screened_at ? 2 : 1}}, Value{received},
         Value{updated}});
    emit(Table::kReports);
  }

  synth::Corruptor corruptor_;
  const GenerateOptions& o_;
  RecordSink& sink_;
  GenerateStats& stats_;
  IdMaker ids_;
  Picker reporters_, concerns_, concern_count_;
  Picker ch_police_, ch_professional_, ch_private_, ch_anonymous_, ch_child_;
  Picker urgency_serious_, urgency_other_;
  std::array<Picker, 3> risk_;
  Picker endings_, extra_reports_;
  std::map<int, int64_t> counters_;
  int64_t start_ms_ = 0, end_ms_ = 0;
  std::string cps_id_;
  std::vector<store::Value> row_;
  std::vector<std::string> child_ids_;
  std::vector<int64_t> first_report_;
  std::vector<ConcernCategory> concern_list_;
  std::vector<Step> steps_;
  synth::Identity damaged_;
};

}  // namespace

const TableSpec& table_spec(Table table) {
  return kSpecs[static_cast<size_t>(table)];
}

core::Status validate_options(const GenerateOptions& o) {
  if (std::find(core::kRegionCountries.begin(), core::kRegionCountries.end(), o.country) ==
      core::kRegionCountries.end()) {
    return core::Error::invalid("unknown country '" + o.country +
                                "': use one of DK, EE, FI, DE, IS, LV, LT, NO, PL, SE");
  }
  if (o.children < 1 || o.children > kMaxChildren) {
    return core::Error::invalid("--children must be between 1 and 10000000, not " +
                                std::to_string(o.children));
  }
  if (!(o.duplicates >= 0 && o.duplicates <= 0.5)) {
    return core::Error::invalid("--duplicates must be a share between 0 and 0.5 (e.g. 0.05)");
  }
  if (o.history_years < 1 || o.history_years > 17) {
    return core::Error::invalid("the history must cover 1 to 17 years");
  }
  if (o.reference_date.year() - (o.history_years - 1) < domain::kCaseNumberMinYear ||
      o.reference_date.year() > 9000) {
    return core::Error::invalid("--reference-date must lie between 2016 and 9000");
  }
  return core::ok_status();
}

core::Result<GenerateStats> generate_population(const synth::NameData& names,
                                                const GenerateOptions& options, RecordSink& sink,
                                                const RunControl& control) {
  if (auto valid = validate_options(options); !valid.ok()) return valid.error();
  synth::GeneratorOptions gen_options;
  gen_options.reference_date = options.reference_date;
  auto gen = synth::IdentityGenerator::create(names, options.country, gen_options);
  if (!gen.ok()) return gen.error();

  GenerateStats stats;
  Builder b(names, options, sink, stats);
  b.agencies();
  synth::Household hh;
  int64_t done = 0, reported = 0;
  for (uint64_t h = 0; done < options.children; ++h) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) {
      return core::Error::unavailable("interrupted");
    }
    Rng names_rng(options.seed, 2 * h);
    Rng events_rng(options.seed, 2 * h + 1);
    gen->generate_household_into(names_rng, hh);
    const size_t take = static_cast<size_t>(
        std::min<int64_t>(static_cast<int64_t>(hh.children.size()), options.children - done));
    b.household(hh, take, events_rng);
    done += static_cast<int64_t>(take);
    if (control.progress && done - reported >= 1000) {
      control.progress(done);
      reported = done;
    }
  }
  b.counters();
  stats.children = done;
  if (control.progress) control.progress(done);
  return stats;
}

core::Status write_truth_csv(const std::string& path, const std::vector<DuplicatePair>& pairs) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return core::Error::invalid("cannot write the truth file " + path);
    out << "original_id,duplicate_id,damage\n";
    for (const auto& p : pairs)
      out << p.original_id << ',' << p.duplicate_id << ',' << p.damage << '\n';
    out.flush();
    if (!out) return core::Error::internal("writing the truth file " + path + " failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    return core::Error::internal("cannot move the truth file into place at " + path + ": " +
                                 ec.message());
  return core::ok_status();
}

}  // namespace haven::service::generate
