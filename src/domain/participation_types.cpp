// Codes for the participation vocabulary. The static_asserts prove every enumerator has one code.
#include "domain/participation_types.h"

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr auto kInformationFormats = make_enum_table<InformationFormat>({
    {InformationFormat::kVerbal, "verbal"},
    {InformationFormat::kWritten, "written"},
    {InformationFormat::kEasyRead, "easy_read"},
    {InformationFormat::kPictorial, "pictorial"},
    {InformationFormat::kSignLanguage, "sign_language"},
    {InformationFormat::kBraille, "braille"},
    {InformationFormat::kVideo, "video"},
});
static_assert(kInformationFormats.complete_through(InformationFormat::kVideo));

constexpr auto kCaseStages = make_enum_table<CaseStage>({
    {CaseStage::kScreening, "screening"},
    {CaseStage::kAssessment, "assessment"},
    {CaseStage::kPlanning, "planning"},
    {CaseStage::kPlacement, "placement"},
    {CaseStage::kServiceReferral, "service_referral"},
    {CaseStage::kReview, "review"},
    {CaseStage::kClosure, "closure"},
    {CaseStage::kForensicInterview, "forensic_interview"},
    {CaseStage::kMedicalExamination, "medical_examination"},
    {CaseStage::kCourtProceedings, "court_proceedings"},
    {CaseStage::kOther, "other"},
});
static_assert(kCaseStages.complete_through(CaseStage::kOther));

}  // namespace

std::string_view to_code(InformationFormat value) {
  return kInformationFormats.code(value);
}
std::string_view to_code(CaseStage value) {
  return kCaseStages.code(value);
}

std::optional<InformationFormat> parse_information_format(std::string_view code) {
  return kInformationFormats.parse(code);
}
std::optional<CaseStage> parse_case_stage(std::string_view code) {
  return kCaseStages.parse(code);
}

std::span<const InformationFormat> all_information_formats() {
  return kInformationFormats.values();
}
std::span<const CaseStage> all_case_stages() {
  return kCaseStages.values();
}

}  // namespace haven::domain
