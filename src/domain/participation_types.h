// The vocabulary of hearing and informing a child: the formats information can take and the stage
// or decision a participation record or an information entry belongs to. Shared with Barnahus
// ([J1]).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace haven::domain {

enum class InformationFormat {
  kVerbal,
  kWritten,
  kEasyRead,
  kPictorial,
  kSignLanguage,
  kBraille,
  kVideo,
};

// The decision or step that a child was heard on or informed about. The Barnahus stages (forensic
// interview, medical examination, court proceedings) are here too, so one log covers both modules.
enum class CaseStage {
  kScreening,
  kAssessment,
  kPlanning,
  kPlacement,
  kServiceReferral,
  kReview,
  kClosure,
  kForensicInterview,
  kMedicalExamination,
  kCourtProceedings,
  kOther,
};

std::string_view to_code(InformationFormat value);
std::string_view to_code(CaseStage value);

std::optional<InformationFormat> parse_information_format(std::string_view code);
std::optional<CaseStage> parse_case_stage(std::string_view code);

std::span<const InformationFormat> all_information_formats();
std::span<const CaseStage> all_case_stages();

}  // namespace haven::domain
