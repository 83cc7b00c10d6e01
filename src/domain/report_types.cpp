// Codes for the report-of-concern vocabulary. The static_asserts prove every enumerator has one
// code.
#include "domain/report_types.h"

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr auto kReporterTypes = make_enum_table<ReporterType>({
    {ReporterType::kSchool, "school"},
    {ReporterType::kPreschool, "preschool"},
    {ReporterType::kHealth, "health"},
    {ReporterType::kPolice, "police"},
    {ReporterType::kNgo, "ngo"},
    {ReporterType::kRelative, "relative"},
    {ReporterType::kNeighbour, "neighbour"},
    {ReporterType::kAnonymous, "anonymous"},
    {ReporterType::kChild, "child"},
    {ReporterType::kSocialServices, "social_services"},
    {ReporterType::kOther, "other"},
});
static_assert(kReporterTypes.complete_through(ReporterType::kOther));

constexpr auto kReportChannels = make_enum_table<ReportChannel>({
    {ReportChannel::kPhone, "phone"},
    {ReportChannel::kEmail, "email"},
    {ReportChannel::kLetter, "letter"},
    {ReportChannel::kInPerson, "in_person"},
    {ReportChannel::kOnlineForm, "online_form"},
    {ReportChannel::kPoliceNotification, "police_notification"},
});
static_assert(kReportChannels.complete_through(ReportChannel::kPoliceNotification));

constexpr auto kConcernCategories = make_enum_table<ConcernCategory>({
    {ConcernCategory::kPhysicalViolence, "physical_violence"},
    {ConcernCategory::kSexualAbuse, "sexual_abuse"},
    {ConcernCategory::kNeglect, "neglect"},
    {ConcernCategory::kEmotionalAbuse, "emotional_abuse"},
    {ConcernCategory::kWitnessingDomesticViolence, "witnessing_domestic_violence"},
    {ConcernCategory::kTraffickingExploitation, "trafficking_exploitation"},
    {ConcernCategory::kOnlineAbuse, "online_abuse"},
    {ConcernCategory::kSelfHarm, "self_harm"},
    {ConcernCategory::kSubstanceUse, "substance_use"},
    {ConcernCategory::kDisabilityRelatedNeeds, "disability_related_needs"},
    {ConcernCategory::kPoverty, "poverty"},
    {ConcernCategory::kMigrationRelated, "migration_related"},
});
static_assert(kConcernCategories.complete_through(ConcernCategory::kMigrationRelated));

constexpr auto kUrgencies = make_enum_table<Urgency>({
    {Urgency::kHigh, "high"},
    {Urgency::kMedium, "medium"},
    {Urgency::kLow, "low"},
});
static_assert(kUrgencies.complete_through(Urgency::kLow));

}  // namespace

std::string_view to_code(ReporterType value) {
  return kReporterTypes.code(value);
}
std::string_view to_code(ReportChannel value) {
  return kReportChannels.code(value);
}
std::string_view to_code(ConcernCategory value) {
  return kConcernCategories.code(value);
}
std::string_view to_code(Urgency value) {
  return kUrgencies.code(value);
}

std::optional<ReporterType> parse_reporter_type(std::string_view code) {
  return kReporterTypes.parse(code);
}
std::optional<ReportChannel> parse_report_channel(std::string_view code) {
  return kReportChannels.parse(code);
}
std::optional<ConcernCategory> parse_concern_category(std::string_view code) {
  return kConcernCategories.parse(code);
}
std::optional<Urgency> parse_urgency(std::string_view code) {
  return kUrgencies.parse(code);
}

std::span<const ReporterType> all_reporter_types() {
  return kReporterTypes.values();
}
std::span<const ReportChannel> all_report_channels() {
  return kReportChannels.values();
}
std::span<const ConcernCategory> all_concern_categories() {
  return kConcernCategories.values();
}
std::span<const Urgency> all_urgencies() {
  return kUrgencies.values();
}

}  // namespace haven::domain
