// The transnational referral's transition table, guards and request-type templates.
#include "domain/transnational_referral.h"

#include <algorithm>
#include <array>

namespace haven::domain {

namespace {

using S = TransnationalStatus;
using A = TransnationalAction;

constexpr std::array kStatuses = {S::kDraft,    S::kApproved, S::kSent,     S::kAcknowledged,
                                  S::kAnswered, S::kClosed,   S::kRejected, S::kWithdrawn};
constexpr std::array kActions = {A::kApprove, A::kReject, A::kSend,    A::kAcknowledge,
                                 A::kAnswer,  A::kClose,  A::kWithdraw};
constexpr std::array kTypes = {
    RequestType::kInformationRequest,          RequestType::kFamilyHomeAssessment,
    RequestType::kRiskSecurityAssessment,      RequestType::kBestInterestsDetermination,
    RequestType::kPlacementAbroadConsultation, RequestType::kReturnReintegrationFollowUp,
    RequestType::kMissingChildNotification};

struct Row {
  S from;
  A action;
  S to;
};

// Every transition there is; anything else is a conflict.
constexpr std::array kTable = {
    Row{S::kDraft, A::kApprove, S::kApproved},
    Row{S::kDraft, A::kReject, S::kRejected},
    Row{S::kDraft, A::kWithdraw, S::kWithdrawn},
    Row{S::kApproved, A::kSend, S::kSent},
    Row{S::kApproved, A::kWithdraw, S::kWithdrawn},
    Row{S::kSent, A::kAcknowledge, S::kAcknowledged},
    Row{S::kSent, A::kReject, S::kRejected},
    Row{S::kSent, A::kWithdraw, S::kWithdrawn},
    Row{S::kAcknowledged, A::kAnswer, S::kAnswered},
    Row{S::kAcknowledged, A::kReject, S::kRejected},
    Row{S::kAcknowledged, A::kWithdraw, S::kWithdrawn},
    Row{S::kAnswered, A::kClose, S::kClosed},
};

// Identity data every type may carry: enough to find the child, nothing more.
#define HAVEN_CHILD_IDENTITY "given_names", "family_names", "birth_date", "sex", "nationalities"

const std::array<RequestTemplate, 7>& templates() {
  static const std::array<RequestTemplate, 7> t = {{
      {RequestType::kInformationRequest,
       {HAVEN_CHILD_IDENTITY, "question", "known_addresses"},
       {"identity", "question"}},
      {RequestType::kFamilyHomeAssessment,
       {HAVEN_CHILD_IDENTITY, "question", "family_members", "family_address", "languages"},
       {"identity", "family"}},
      {RequestType::kRiskSecurityAssessment,
       {HAVEN_CHILD_IDENTITY, "question", "family_members", "family_address", "risk_indicators",
        "trafficking_flags", "planned_return_date"},
       {"identity", "family", "risk", "trafficking"}},
      {RequestType::kBestInterestsDetermination,
       {HAVEN_CHILD_IDENTITY, "question", "child_views", "best_interests_assessment_summary",
        "durable_solution_options"},
       {"identity", "child_views", "assessment"}},
      {RequestType::kPlacementAbroadConsultation,
       {HAVEN_CHILD_IDENTITY, "question", "proposed_placement", "placement_start", "care_needs",
        "languages"},
       {"identity", "placement", "health"}},
      {RequestType::kReturnReintegrationFollowUp,
       {HAVEN_CHILD_IDENTITY, "question", "return_date", "receiving_authority_confirmation",
        "follow_up_plan"},
       {"identity", "return"}},
      {RequestType::kMissingChildNotification,
       {HAVEN_CHILD_IDENTITY, "missing_since", "last_seen_place", "description",
        "trafficking_flags"},
       {"identity", "missing", "trafficking"}},
  }};
  return t;
}

#undef HAVEN_CHILD_IDENTITY

// "approved", "rejected", "sent", … for messages.
std::string done(A a) {
  switch (a) {
    case A::kApprove:
      return "approved";
    case A::kReject:
      return "rejected";
    case A::kSend:
      return "sent";
    case A::kAcknowledge:
      return "acknowledged";
    case A::kAnswer:
      return "answered";
    case A::kClose:
      return "closed";
    case A::kWithdraw:
      return "withdrawn";
  }
  return "changed";
}

}  // namespace

std::string_view to_code(TransnationalStatus s) {
  switch (s) {
    case S::kDraft:
      return "draft";
    case S::kApproved:
      return "approved";
    case S::kSent:
      return "sent";
    case S::kAcknowledged:
      return "acknowledged";
    case S::kAnswered:
      return "answered";
    case S::kClosed:
      return "closed";
    case S::kRejected:
      return "rejected";
    case S::kWithdrawn:
      return "withdrawn";
  }
  return "draft";
}

std::string_view to_code(TransnationalAction a) {
  switch (a) {
    case A::kApprove:
      return "approve";
    case A::kReject:
      return "reject";
    case A::kSend:
      return "send";
    case A::kAcknowledge:
      return "acknowledge";
    case A::kAnswer:
      return "answer";
    case A::kClose:
      return "close";
    case A::kWithdraw:
      return "withdraw";
  }
  return "approve";
}

std::string_view to_code(RequestType t) {
  switch (t) {
    case RequestType::kInformationRequest:
      return "information_request";
    case RequestType::kFamilyHomeAssessment:
      return "family_home_assessment";
    case RequestType::kRiskSecurityAssessment:
      return "risk_security_assessment";
    case RequestType::kBestInterestsDetermination:
      return "best_interests_determination";
    case RequestType::kPlacementAbroadConsultation:
      return "placement_abroad_consultation";
    case RequestType::kReturnReintegrationFollowUp:
      return "return_reintegration_follow_up";
    case RequestType::kMissingChildNotification:
      return "missing_child_notification";
  }
  return "information_request";
}

std::optional<RequestType> request_type_from_code(std::string_view code) {
  for (RequestType t : kTypes)
    if (to_code(t) == code) return t;
  return std::nullopt;
}

std::span<const TransnationalStatus> all_transnational_statuses() {
  return kStatuses;
}
std::span<const TransnationalAction> all_transnational_actions() {
  return kActions;
}
std::span<const RequestType> all_request_types() {
  return kTypes;
}

bool is_final(TransnationalStatus s) {
  return s == S::kClosed || s == S::kRejected || s == S::kWithdrawn;
}

const RequestTemplate& request_template(RequestType type) {
  for (const auto& t : templates())
    if (t.type == type) return t;
  return templates().front();
}

std::vector<core::FieldError> check_fields(RequestType type,
                                           const std::vector<std::string>& field_names) {
  std::vector<core::FieldError> errors;
  const auto& allowed = request_template(type).fields;
  if (field_names.empty()) errors.push_back({"fields", "A request carries at least one field."});
  for (const auto& f : field_names)
    if (std::find(allowed.begin(), allowed.end(), f) == allowed.end())
      errors.push_back({f, "The request type " + std::string(to_code(type)) +
                               " may not carry this field; remove it before approval."});
  return errors;
}

core::Result<ReferralTransition> decide(TransnationalStatus from, TransnationalAction action,
                                        const ReferralFacts& facts) {
  const Row* row = nullptr;
  for (const auto& r : kTable)
    if (r.from == from && r.action == action) row = &r;
  if (row == nullptr)
    return core::Error::conflict("A referral that is " + std::string(to_code(from)) +
                                 " cannot be " + done(action) + ".");
  std::vector<core::FieldError> unmet;
  if (action == A::kApprove) {
    if (!facts.actor_is_supervisor)
      unmet.push_back({"actor", "Only a supervisor approves a referral abroad."});
    if (!facts.purpose_recorded) unmet.push_back({"purpose", "Record the purpose first."});
    if (!facts.legal_basis_recorded)
      unmet.push_back({"legal_basis", "Record the legal basis first."});
    if (!facts.fields_within_template)
      unmet.push_back({"fields", "Remove the fields the request type may not carry."});
  }
  if (action == A::kReject && from == S::kDraft && !facts.actor_is_supervisor)
    unmet.push_back({"actor", "Only a supervisor refuses a draft referral."});
  if ((action == A::kReject || action == A::kWithdraw) && !facts.reason_recorded)
    unmet.push_back({"reason", "Say why."});
  if (!unmet.empty())
    return core::Error::invalid("The referral cannot be " + done(action) + " yet.",
                                std::move(unmet));
  return ReferralTransition{row->to};
}

core::Status check_return_decision(bool risk_security_assessment_completed) {
  if (risk_security_assessment_completed) return core::ok_status();
  return core::Error::invalid(
      "No return or transfer decision can be recorded without a completed risk and security "
      "assessment.",
      {{"risk_security_assessment", "Complete a risk and security assessment first."}});
}

}  // namespace haven::domain
