// The vocabulary of a report of concern: who reported, through which channel, what they are worried
// about, and how urgent it looked at intake. Codes are stable (database, API, statistics by
// source).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace haven::domain {

enum class ReporterType {
  kSchool,
  kPreschool,
  kHealth,
  kPolice,
  kNgo,
  kRelative,
  kNeighbour,
  kAnonymous,  // the reporter's identity is not recorded at all
  kChild,      // the child themself
  kSocialServices,
  kOther,
};

enum class ReportChannel { kPhone, kEmail, kLetter, kInPerson, kOnlineForm, kPoliceNotification };

enum class ConcernCategory {
  kPhysicalViolence,
  kSexualAbuse,
  kNeglect,
  kEmotionalAbuse,
  kWitnessingDomesticViolence,
  kTraffickingExploitation,
  kOnlineAbuse,
  kSelfHarm,
  kSubstanceUse,
  kDisabilityRelatedNeeds,
  kPoverty,
  kMigrationRelated,
};

// How fast the report needs a response, judged at intake before any assessment. On the same
// three-step scale as RiskLevel so the country's response times (high 24 h, medium 3 days, low 7
// days) apply to both.
enum class Urgency { kHigh, kMedium, kLow };

std::string_view to_code(ReporterType value);
std::string_view to_code(ReportChannel value);
std::string_view to_code(ConcernCategory value);
std::string_view to_code(Urgency value);

std::optional<ReporterType> parse_reporter_type(std::string_view code);
std::optional<ReportChannel> parse_report_channel(std::string_view code);
std::optional<ConcernCategory> parse_concern_category(std::string_view code);
std::optional<Urgency> parse_urgency(std::string_view code);

std::span<const ReporterType> all_reporter_types();
std::span<const ReportChannel> all_report_channels();
std::span<const ConcernCategory> all_concern_categories();
std::span<const Urgency> all_urgencies();

}  // namespace haven::domain
