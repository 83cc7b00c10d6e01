// The vocabulary of a case's life: its status and the actions that move it, risk levels, services
// and referrals, alternative-care placements, plan approval and closure reasons. Codes are stable:
// they are stored in the database, sent over the API and counted in statistics.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace haven::domain {

// Where a case stands in the six steps (DOMAIN.md). Closed, transferred and merged are ends; only a
// closed case can be reopened (see case_lifecycle.h).
enum class CaseStatus {
  kReported,
  kScreening,
  kAssessment,
  kPlanning,
  kImplementation,
  kReview,
  kClosed,
  kTransferred,  // handed to another agency on haven, which accepted it
  kMerged,       // a duplicate, folded into another case
};

// What a user asks the case to do. The transition table in case_lifecycle.cpp says where each
// leads.
enum class CaseAction {
  kStartScreening,
  kScreenIn,
  kScreenOut,
  kCompleteAssessment,
  kSubmitPlan,
  kApprovePlan,
  kStartReview,
  kContinueImplementation,
  kRevisePlan,
  kRequestClosure,
  kApproveClosure,
  kTransfer,
  kMerge,
  kReopen,
  kReturnClosure,  // a supervisor sends a closure request back with a comment
};

enum class RiskLevel { kHigh, kMedium, kLow };

enum class ServiceType {
  kParentingSupport,
  kDisabilitySupport,
  kTherapy,
  kHealth,
  kEducationSupport,
  kSocialFinancialAssistance,
  kLegalAid,
};

// A referral's progress. Anything past kProposed has been sent to the provider, so it needs consent
// where consent is required (see referral.h).
enum class ReferralStatus {
  kProposed,
  kReferred,
  kAccepted,
  kInProgress,
  kCompleted,
  kDeclinedByFamily,
  kDeclinedByProvider,
  kCancelled,
};

enum class PlacementType {
  kKinshipCare,
  kFosterCare,
  kResidentialCare,
  kSupervisedIndependentLiving,
};

enum class PlanApprovalState { kDraft, kSubmitted, kApproved, kReturned };

// Why a case closed. kTransferred is for a hand-over to an authority outside haven (abroad, or not
// on the system); a transfer between agencies on haven is the `transfer` action and ends in
// kTransferred status instead. kOther needs a written explanation.
enum class ClosureReason {
  kGoalsMetChildSafe,
  kFamilyDeclinesChildSafe,
  kTurned18LeavingCare,
  kTransferred,
  kChildDied,
  kOther,
};

// True for the statuses in which work on the case goes on (reported … review).
bool is_open(CaseStatus status);

std::string_view to_code(CaseStatus value);
std::string_view to_code(CaseAction value);
std::string_view to_code(RiskLevel value);
std::string_view to_code(ServiceType value);
std::string_view to_code(ReferralStatus value);
std::string_view to_code(PlacementType value);
std::string_view to_code(PlanApprovalState value);
std::string_view to_code(ClosureReason value);

std::optional<CaseStatus> parse_case_status(std::string_view code);
std::optional<CaseAction> parse_case_action(std::string_view code);
std::optional<RiskLevel> parse_risk_level(std::string_view code);
std::optional<ServiceType> parse_service_type(std::string_view code);
std::optional<ReferralStatus> parse_referral_status(std::string_view code);
std::optional<PlacementType> parse_placement_type(std::string_view code);
std::optional<PlanApprovalState> parse_plan_approval_state(std::string_view code);
std::optional<ClosureReason> parse_closure_reason(std::string_view code);

std::span<const CaseStatus> all_case_statuses();
std::span<const CaseAction> all_case_actions();
std::span<const RiskLevel> all_risk_levels();
std::span<const ServiceType> all_service_types();
std::span<const ReferralStatus> all_referral_statuses();
std::span<const PlacementType> all_placement_types();
std::span<const PlanApprovalState> all_plan_approval_states();
std::span<const ClosureReason> all_closure_reasons();

}  // namespace haven::domain
