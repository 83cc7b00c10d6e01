// The transnational referral ([X1]): a request from one country's authority to another's about a
// child, its request types with the fields each may carry, and its lifecycle. Pure and stateless:
// the service (not built yet) fills ReferralFacts and asks decide(); a package leaves the country
// only for a referral approved by a supervisor, with exactly the fields its template allows.
//
//   draft ─approve─► approved ─send─► sent ─acknowledge─► acknowledged ─answer─► answered ─close─►
//   closed draft ─reject─► rejected (the supervisor refuses)     sent, acknowledged ─reject─►
//   rejected (the partner declines)          draft, approved, sent, acknowledged ─withdraw─►
//   withdrawn closed, rejected and withdrawn are final
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::domain {

enum class TransnationalStatus {
  kDraft,
  kApproved,
  kSent,
  kAcknowledged,
  kAnswered,
  kClosed,
  kRejected,
  kWithdrawn,
};

enum class TransnationalAction {
  kApprove,
  kReject,
  kSend,
  kAcknowledge,
  kAnswer,
  kClose,
  kWithdraw
};

enum class RequestType {
  kInformationRequest,
  kFamilyHomeAssessment,
  kRiskSecurityAssessment,  // before any return or transfer decision
  kBestInterestsDetermination,
  kPlacementAbroadConsultation,
  kReturnReintegrationFollowUp,
  kMissingChildNotification,
};

std::string_view to_code(TransnationalStatus s);  // "draft", "approved", …
std::string_view to_code(TransnationalAction a);  // "approve", …
std::string_view to_code(RequestType t);          // "information_request", …
std::optional<RequestType> request_type_from_code(std::string_view code);
std::span<const TransnationalStatus> all_transnational_statuses();
std::span<const TransnationalAction> all_transnational_actions();
std::span<const RequestType> all_request_types();
bool is_final(TransnationalStatus s);

// What a request type may carry across the border: the payload fields (no other field leaves) and
// the data categories logged with the package.
struct RequestTemplate {
  RequestType type;
  std::vector<std::string_view> fields;
  std::vector<std::string_view> data_categories;
};
const RequestTemplate& request_template(RequestType type);

// Field errors for every field the template does not allow (field: the name, message: why), and for
// a request with no field at all.
std::vector<core::FieldError> check_fields(RequestType type,
                                           const std::vector<std::string>& field_names);

// What the guards know when an action is asked for.
struct ReferralFacts {
  bool actor_is_supervisor = false;
  bool purpose_recorded = false;
  bool legal_basis_recorded = false;
  bool fields_within_template = false;  // check_fields() found nothing
  bool reason_recorded = false;         // reject and withdraw say why
};

struct ReferralTransition {
  TransnationalStatus to;
};

// The next status, or kConflict naming the action and status when the table has no such
// transition, or kInvalidInput (fields = the unmet guards, with sentences a worker can act on).
core::Result<ReferralTransition> decide(TransnationalStatus from, TransnationalAction action,
                                        const ReferralFacts& facts);

// No return or transfer decision may be recorded on a case without a completed risk and security
// assessment (DOMAIN.md, Cross-border cases): kInvalidInput saying so, or ok.
core::Status check_return_decision(bool risk_security_assessment_completed);

}  // namespace haven::domain
