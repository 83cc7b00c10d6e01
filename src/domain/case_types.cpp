// Codes for the case vocabulary. The static_asserts prove every enumerator has exactly one code.
#include "domain/case_types.h"

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr auto kCaseStatuses = make_enum_table<CaseStatus>({
    {CaseStatus::kReported, "reported"},
    {CaseStatus::kScreening, "screening"},
    {CaseStatus::kAssessment, "assessment"},
    {CaseStatus::kPlanning, "planning"},
    {CaseStatus::kImplementation, "implementation"},
    {CaseStatus::kReview, "review"},
    {CaseStatus::kClosed, "closed"},
    {CaseStatus::kTransferred, "transferred"},
    {CaseStatus::kMerged, "merged"},
});
static_assert(kCaseStatuses.complete_through(CaseStatus::kMerged));

constexpr auto kCaseActions = make_enum_table<CaseAction>({
    {CaseAction::kStartScreening, "start_screening"},
    {CaseAction::kScreenIn, "screen_in"},
    {CaseAction::kScreenOut, "screen_out"},
    {CaseAction::kCompleteAssessment, "complete_assessment"},
    {CaseAction::kSubmitPlan, "submit_plan"},
    {CaseAction::kApprovePlan, "approve_plan"},
    {CaseAction::kStartReview, "start_review"},
    {CaseAction::kContinueImplementation, "continue_implementation"},
    {CaseAction::kRevisePlan, "revise_plan"},
    {CaseAction::kRequestClosure, "request_closure"},
    {CaseAction::kApproveClosure, "approve_closure"},
    {CaseAction::kTransfer, "transfer"},
    {CaseAction::kMerge, "merge"},
    {CaseAction::kReopen, "reopen"},
    {CaseAction::kReturnClosure, "return_closure"},
});
static_assert(kCaseActions.complete_through(CaseAction::kReturnClosure));

constexpr auto kRiskLevels = make_enum_table<RiskLevel>({
    {RiskLevel::kHigh, "high"},
    {RiskLevel::kMedium, "medium"},
    {RiskLevel::kLow, "low"},
});
static_assert(kRiskLevels.complete_through(RiskLevel::kLow));

constexpr auto kServiceTypes = make_enum_table<ServiceType>({
    {ServiceType::kParentingSupport, "parenting_support"},
    {ServiceType::kDisabilitySupport, "disability_support"},
    {ServiceType::kTherapy, "therapy"},
    {ServiceType::kHealth, "health"},
    {ServiceType::kEducationSupport, "education_support"},
    {ServiceType::kSocialFinancialAssistance, "social_financial_assistance"},
    {ServiceType::kLegalAid, "legal_aid"},
});
static_assert(kServiceTypes.complete_through(ServiceType::kLegalAid));

constexpr auto kReferralStatuses = make_enum_table<ReferralStatus>({
    {ReferralStatus::kProposed, "proposed"},
    {ReferralStatus::kReferred, "referred"},
    {ReferralStatus::kAccepted, "accepted"},
    {ReferralStatus::kInProgress, "in_progress"},
    {ReferralStatus::kCompleted, "completed"},
    {ReferralStatus::kDeclinedByFamily, "declined_by_family"},
    {ReferralStatus::kDeclinedByProvider, "declined_by_provider"},
    {ReferralStatus::kCancelled, "cancelled"},
});
static_assert(kReferralStatuses.complete_through(ReferralStatus::kCancelled));

constexpr auto kPlacementTypes = make_enum_table<PlacementType>({
    {PlacementType::kKinshipCare, "kinship_care"},
    {PlacementType::kFosterCare, "foster_care"},
    {PlacementType::kResidentialCare, "residential_care"},
    {PlacementType::kSupervisedIndependentLiving, "supervised_independent_living"},
});
static_assert(kPlacementTypes.complete_through(PlacementType::kSupervisedIndependentLiving));

constexpr auto kPlanApprovalStates = make_enum_table<PlanApprovalState>({
    {PlanApprovalState::kDraft, "draft"},
    {PlanApprovalState::kSubmitted, "submitted"},
    {PlanApprovalState::kApproved, "approved"},
    {PlanApprovalState::kReturned, "returned"},
});
static_assert(kPlanApprovalStates.complete_through(PlanApprovalState::kReturned));

constexpr auto kClosureReasons = make_enum_table<ClosureReason>({
    {ClosureReason::kGoalsMetChildSafe, "goals_met_child_safe"},
    {ClosureReason::kFamilyDeclinesChildSafe, "family_declines_child_safe"},
    {ClosureReason::kTurned18LeavingCare, "turned_18_leaving_care"},
    {ClosureReason::kTransferred, "transferred"},
    {ClosureReason::kChildDied, "child_died"},
    {ClosureReason::kOther, "other"},
});
static_assert(kClosureReasons.complete_through(ClosureReason::kOther));

}  // namespace

bool is_open(CaseStatus status) {
  return status != CaseStatus::kClosed && status != CaseStatus::kTransferred &&
         status != CaseStatus::kMerged;
}

std::string_view to_code(CaseStatus value) {
  return kCaseStatuses.code(value);
}
std::string_view to_code(CaseAction value) {
  return kCaseActions.code(value);
}
std::string_view to_code(RiskLevel value) {
  return kRiskLevels.code(value);
}
std::string_view to_code(ServiceType value) {
  return kServiceTypes.code(value);
}
std::string_view to_code(ReferralStatus value) {
  return kReferralStatuses.code(value);
}
std::string_view to_code(PlacementType value) {
  return kPlacementTypes.code(value);
}
std::string_view to_code(PlanApprovalState value) {
  return kPlanApprovalStates.code(value);
}
std::string_view to_code(ClosureReason value) {
  return kClosureReasons.code(value);
}

std::optional<CaseStatus> parse_case_status(std::string_view code) {
  return kCaseStatuses.parse(code);
}
std::optional<CaseAction> parse_case_action(std::string_view code) {
  return kCaseActions.parse(code);
}
std::optional<RiskLevel> parse_risk_level(std::string_view code) {
  return kRiskLevels.parse(code);
}
std::optional<ServiceType> parse_service_type(std::string_view code) {
  return kServiceTypes.parse(code);
}
std::optional<ReferralStatus> parse_referral_status(std::string_view code) {
  return kReferralStatuses.parse(code);
}
std::optional<PlacementType> parse_placement_type(std::string_view code) {
  return kPlacementTypes.parse(code);
}
std::optional<PlanApprovalState> parse_plan_approval_state(std::string_view code) {
  return kPlanApprovalStates.parse(code);
}
std::optional<ClosureReason> parse_closure_reason(std::string_view code) {
  return kClosureReasons.parse(code);
}

std::span<const CaseStatus> all_case_statuses() {
  return kCaseStatuses.values();
}
std::span<const CaseAction> all_case_actions() {
  return kCaseActions.values();
}
std::span<const RiskLevel> all_risk_levels() {
  return kRiskLevels.values();
}
std::span<const ServiceType> all_service_types() {
  return kServiceTypes.values();
}
std::span<const ReferralStatus> all_referral_statuses() {
  return kReferralStatuses.values();
}
std::span<const PlacementType> all_placement_types() {
  return kPlacementTypes.values();
}
std::span<const PlanApprovalState> all_plan_approval_states() {
  return kPlanApprovalStates.values();
}
std::span<const ClosureReason> all_closure_reasons() {
  return kClosureReasons.values();
}

}  // namespace haven::domain
