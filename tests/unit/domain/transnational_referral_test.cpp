// The transnational referral's lifecycle, checked for every (status, action) pair against a table
// written out here independently of the implementation; its guards (a supervisor approves, with
// purpose, legal basis and only the template's fields); the templates; and the rule that no return
// decision is recorded without a risk and security assessment.
#include "domain/transnational_referral.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

namespace haven::domain {
namespace {

using S = TransnationalStatus;
using A = TransnationalAction;

ReferralFacts everything() {
  return {true, true, true, true, true};
}

TEST(TransnationalReferral, EveryStatusAndActionPairFollowsTheTable) {
  const std::map<std::pair<S, A>, S> expected = {
      {{S::kDraft, A::kApprove}, S::kApproved},
      {{S::kDraft, A::kReject}, S::kRejected},
      {{S::kDraft, A::kWithdraw}, S::kWithdrawn},
      {{S::kApproved, A::kSend}, S::kSent},
      {{S::kApproved, A::kWithdraw}, S::kWithdrawn},
      {{S::kSent, A::kAcknowledge}, S::kAcknowledged},
      {{S::kSent, A::kReject}, S::kRejected},
      {{S::kSent, A::kWithdraw}, S::kWithdrawn},
      {{S::kAcknowledged, A::kAnswer}, S::kAnswered},
      {{S::kAcknowledged, A::kReject}, S::kRejected},
      {{S::kAcknowledged, A::kWithdraw}, S::kWithdrawn},
      {{S::kAnswered, A::kClose}, S::kClosed},
  };
  int pairs = 0;
  for (S from : all_transnational_statuses()) {
    for (A action : all_transnational_actions()) {
      ++pairs;
      const auto got = decide(from, action, everything());
      const auto it = expected.find({from, action});
      if (it == expected.end()) {
        ASSERT_FALSE(got.ok()) << to_code(from) << " + " << to_code(action);
        EXPECT_EQ(got.error().code, core::ErrorCode::kConflict);
        EXPECT_NE(got.error().message.find(to_code(from)), std::string::npos);
      } else {
        ASSERT_TRUE(got.ok()) << to_code(from) << " + " << to_code(action) << ": "
                              << got.error().message;
        EXPECT_EQ(got->to, it->second) << to_code(from) << " + " << to_code(action);
      }
    }
  }
  EXPECT_EQ(pairs, 8 * 7);
}

TEST(TransnationalReferral, FinalStatusesAllowNothing) {
  for (S from : all_transnational_statuses()) {
    bool any = false;
    for (A action : all_transnational_actions()) any |= decide(from, action, everything()).ok();
    EXPECT_EQ(is_final(from), !any) << to_code(from);
  }
}

TEST(TransnationalReferral, ApprovalNeedsASupervisorPurposeLegalBasisAndTemplateFields) {
  const auto none = decide(S::kDraft, A::kApprove, {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, core::ErrorCode::kInvalidInput);
  std::set<std::string> fields;
  for (const auto& f : none.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"actor", "purpose", "legal_basis", "fields"}));

  ReferralFacts worker = everything();
  worker.actor_is_supervisor = false;
  EXPECT_FALSE(decide(S::kDraft, A::kApprove, worker).ok());
  EXPECT_FALSE(decide(S::kDraft, A::kReject, worker).ok());  // refusing a draft is the supervisor's
  EXPECT_TRUE(decide(S::kDraft, A::kWithdraw, worker).ok());  // the worker may withdraw their own
  EXPECT_TRUE(decide(S::kSent, A::kReject, worker).ok());     // the partner's refusal is recorded
}

TEST(TransnationalReferral, RejectingAndWithdrawingSayWhy) {
  ReferralFacts no_reason = everything();
  no_reason.reason_recorded = false;
  for (auto [from, action] : {std::pair{S::kDraft, A::kReject},
                              {S::kSent, A::kReject},
                              {S::kApproved, A::kWithdraw},
                              {S::kAcknowledged, A::kWithdraw}}) {
    const auto r = decide(from, action, no_reason);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().fields.at(0).field, "reason");
  }
  EXPECT_TRUE(decide(S::kApproved, A::kSend, no_reason).ok());
}

TEST(TransnationalReferral, EachRequestTypeCarriesOnlyItsTemplateFields) {
  for (RequestType t : all_request_types()) {
    const auto& tpl = request_template(t);
    EXPECT_EQ(tpl.type, t);
    EXPECT_EQ(request_type_from_code(to_code(t)), t);
    EXPECT_FALSE(tpl.data_categories.empty());
    std::vector<std::string> all(tpl.fields.begin(), tpl.fields.end());
    EXPECT_TRUE(check_fields(t, all).empty()) << to_code(t);
  }
  EXPECT_FALSE(request_type_from_code("transfer_everything").has_value());
  // A missing-child notification carries no family details; an information request no risk data.
  const auto extra =
      check_fields(RequestType::kMissingChildNotification, {"given_names", "family_members"});
  ASSERT_EQ(extra.size(), 1u);
  EXPECT_EQ(extra[0].field, "family_members");
  EXPECT_EQ(check_fields(RequestType::kInformationRequest, {"risk_indicators"}).size(), 1u);
  EXPECT_EQ(check_fields(RequestType::kInformationRequest, {}).size(), 1u);
}

TEST(TransnationalReferral, NoReturnDecisionWithoutARiskAndSecurityAssessment) {
  const auto refused = check_return_decision(false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "risk_security_assessment");
  EXPECT_TRUE(check_return_decision(true).ok());
}

}  // namespace
}  // namespace haven::domain
