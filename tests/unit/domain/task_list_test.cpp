// The task list a caseworker and a supervisor see: what is due on each case, in order of urgency.
#include "domain/task_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using namespace fixtures;

const core::Timestamp kNoon = at("2026-05-20", 12);

CaseSummary a_case(std::string id, CaseStatus status) {
  CaseSummary c;
  c.case_id = std::move(id);
  c.status = status;
  c.reported_at = at("2026-05-15", 9);
  return c;
}

std::vector<std::string> ids_and_kinds(const std::vector<Task>& tasks) {
  std::vector<std::string> out;
  out.reserve(tasks.size());
  for (const auto& t : tasks) out.push_back(t.case_id + ":" + std::string(to_code(t.kind)));
  return out;
}

TEST(TaskList, ANewReportNeedsAResponseByUrgencyAndAScreeningDecision) {
  CaseSummary high = a_case("c1", CaseStatus::kReported);
  high.urgency = Urgency::kHigh;
  high.reported_at = at("2026-05-19", 18);  // 24 h → due 2026-05-20 18:00, 6 h from now
  auto tasks = build_task_list(std::vector{high}, CountryPolicy{}, kNoon);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].kind, TaskKind::kRespondToReport);
  EXPECT_EQ(tasks[0].state, TaskState::kDueSoon);
  EXPECT_EQ(tasks[0].risk, RiskLevel::kHigh);
  EXPECT_EQ(tasks[0].audience, TaskAudience::kCaseworker);
  EXPECT_EQ(tasks[0].label_code, "task.respond_to_report");
  EXPECT_EQ(tasks[1].kind, TaskKind::kScreeningDecision);
  EXPECT_EQ(tasks[1].state, TaskState::kUpcoming);  // 14 days

  CaseSummary low = high;
  low.urgency = Urgency::kLow;  // 7 days
  EXPECT_EQ(build_task_list(std::vector{low}, CountryPolicy{}, kNoon)[0].state,
            TaskState::kUpcoming);
}

TEST(TaskList, OrdersOverdueThenDueSoonThenApprovalsThenUpcoming) {
  CountryPolicy policy;
  CaseSummary overdue_screening = a_case("a-screen", CaseStatus::kScreening);
  overdue_screening.reported_at = at("2026-05-01", 8);  // due through 2026-05-15

  CaseSummary plan_waiting = a_case("b-plan", CaseStatus::kPlanning);
  plan_waiting.planning_started_on = day("2026-05-12");  // due through 2026-05-26: upcoming date
  plan_waiting.plan_awaiting_approval = true;

  CaseSummary review_soon = a_case("c-review", CaseStatus::kImplementation);
  review_soon.implementation_started_on = day("2026-02-20");  // + 90 = 2026-05-21
  review_soon.risk_level = RiskLevel::kLow;

  CaseSummary assessment = a_case("d-assess", CaseStatus::kAssessment);
  assessment.assessment_opened_on = day("2026-05-18");  // + 30

  CaseSummary closed = a_case("e-closed", CaseStatus::kClosed);

  CaseSummary closing = a_case("f-closing", CaseStatus::kReview);
  closing.last_review_on = day("2026-05-01");
  closing.closure_awaiting_approval = true;

  std::vector cases{assessment, closed, closing, review_soon, plan_waiting, overdue_screening};
  auto tasks = build_task_list(cases, policy, kNoon);
  EXPECT_THAT(ids_and_kinds(tasks),
              ::testing::ElementsAre("a-screen:screening_decision", "c-review:hold_review",
                                     "b-plan:approve_plan", "f-closing:approve_closure",
                                     "d-assess:complete_assessment", "f-closing:hold_review"));
  EXPECT_EQ(tasks[0].state, TaskState::kOverdue);
  EXPECT_EQ(tasks[1].state, TaskState::kDueSoon);
  EXPECT_EQ(tasks[2].state, TaskState::kAwaitingApproval);
  EXPECT_EQ(tasks[2].audience, TaskAudience::kSupervisor);
  EXPECT_EQ(tasks[3].audience, TaskAudience::kSupervisor);
  EXPECT_FALSE(tasks[3].deadline.has_value());
  EXPECT_EQ(tasks[4].state, TaskState::kUpcoming);
}

TEST(TaskList, AnOverdueApprovalShowsAsOverdue) {
  CaseSummary plan = a_case("p", CaseStatus::kPlanning);
  plan.planning_started_on = day("2026-05-01");  // due through 2026-05-15
  plan.plan_awaiting_approval = true;
  auto tasks = build_task_list(std::vector{plan}, CountryPolicy{}, kNoon);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, TaskKind::kApprovePlan);
  EXPECT_EQ(tasks[0].state, TaskState::kOverdue);
  plan.plan_awaiting_approval = false;
  EXPECT_EQ(build_task_list(std::vector{plan}, CountryPolicy{}, kNoon)[0].kind,
            TaskKind::kWritePlan);
}

TEST(TaskList, EqualDeadlinesPutHigherRiskFirst) {
  CaseSummary low = a_case("a", CaseStatus::kScreening);
  low.urgency = Urgency::kLow;
  CaseSummary high = a_case("b", CaseStatus::kScreening);
  high.urgency = Urgency::kHigh;
  auto tasks = build_task_list(std::vector{low, high}, CountryPolicy{}, kNoon);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].case_id, "b");
}

TEST(TaskList, PlacementReviewsFollowTheirOwnInterval) {
  CaseSummary c = a_case("x", CaseStatus::kImplementation);
  c.last_review_on = day("2026-03-15");
  EXPECT_EQ(build_task_list(std::vector{c}, CountryPolicy{}, kNoon)[0].state, TaskState::kUpcoming);
  c.in_placement = true;  // 60 days: through 2026-05-14
  EXPECT_EQ(build_task_list(std::vector{c}, CountryPolicy{}, kNoon)[0].state, TaskState::kOverdue);
}

TEST(TaskList, ClosedTransferredAndMergedCasesHaveNoTasks) {
  std::vector<CaseSummary> cases;
  for (CaseStatus s : {CaseStatus::kClosed, CaseStatus::kTransferred, CaseStatus::kMerged}) {
    CaseSummary c = a_case(std::string(to_code(s)), s);
    c.closure_awaiting_approval = true;
    cases.push_back(c);
  }
  EXPECT_TRUE(build_task_list(cases, CountryPolicy{}, kNoon).empty());
}

}  // namespace
}  // namespace haven::domain
