// The one table from a code the services answer with ("risk." + "high", "task." + "write_plan") to
// its catalog key, spelled out so the catalog test sees every key used.
#include "http/web/code_labels.h"

#include <algorithm>
#include <map>

#include "http/web/site.h"

namespace haven::http::web {

namespace {

const std::map<std::string, std::string, std::less<>> kCodeKeys = {
    {"reporter.school", "intake.reporter.school"},
    {"reporter.preschool", "intake.reporter.preschool"},
    {"reporter.health", "intake.reporter.health"},
    {"reporter.police", "intake.reporter.police"},
    {"reporter.ngo", "intake.reporter.ngo"},
    {"reporter.relative", "intake.reporter.relative"},
    {"reporter.neighbour", "intake.reporter.neighbour"},
    {"reporter.anonymous", "intake.reporter.anonymous"},
    {"reporter.child", "intake.reporter.child"},
    {"reporter.social_services", "intake.reporter.social_services"},
    {"reporter.other", "intake.reporter.other"},
    // A report's concern categories (domain::ConcernCategory).
    {"concern.physical_violence", "intake.concern.physical_violence"},
    {"concern.sexual_abuse", "intake.concern.sexual_abuse"},
    {"concern.neglect", "intake.concern.neglect"},
    {"concern.emotional_abuse", "intake.concern.emotional_abuse"},
    {"concern.witnessing_domestic_violence", "intake.concern.witnessing_domestic_violence"},
    {"concern.trafficking_exploitation", "intake.concern.trafficking_exploitation"},
    {"concern.online_abuse", "intake.concern.online_abuse"},
    {"concern.self_harm", "intake.concern.self_harm"},
    {"concern.substance_use", "intake.concern.substance_use"},
    {"concern.disability_related_needs", "intake.concern.disability_related_needs"},
    {"concern.poverty", "intake.concern.poverty"},
    {"concern.migration_related", "intake.concern.migration_related"},
    // Why a lifecycle action cannot be taken yet (domain::Guard; the service's sentence is
    // English).
    {"guard.screening_decision_recorded", "case.guard.screening_decision_recorded"},
    {"guard.screening_opens_assessment", "case.guard.screening_opens_assessment"},
    {"guard.screening_declines_assessment", "case.guard.screening_declines_assessment"},
    {"guard.assessment_completed_with_risk_level",
     "case.guard.assessment_completed_with_risk_level"},
    {"guard.plan_has_goals", "case.guard.plan_has_goals"},
    {"guard.plan_submitted", "case.guard.plan_submitted"},
    {"guard.plan_approved", "case.guard.plan_approved"},
    {"guard.review_recorded", "case.guard.review_recorded"},
    {"guard.closure_reason_recorded", "case.guard.closure_reason_recorded"},
    {"guard.leaving_care_plan_if_adult", "case.guard.leaving_care_plan_if_adult"},
    {"guard.closure_requested", "case.guard.closure_requested"},
    {"guard.actor_is_supervisor", "case.guard.actor_is_supervisor"},
    {"guard.plan_approver_is_not_submitter", "case.guard.plan_approver_is_not_submitter"},
    {"guard.closure_approver_is_not_requester", "case.guard.closure_approver_is_not_requester"},
    {"guard.transfer_accepted", "case.guard.transfer_accepted"},
    {"guard.merge_target_open", "case.guard.merge_target_open"},
    {"guard.reopen_reason_recorded", "case.guard.reopen_reason_recorded"},
    {"guard.return_comment_recorded", "case.guard.return_comment_recorded"},
    {"status.reported", "status.reported"},
    {"status.screening", "status.screening"},
    {"status.assessment", "status.assessment"},
    {"status.planning", "status.planning"},
    {"status.implementation", "status.implementation"},
    {"status.review", "status.review"},
    {"status.closed", "status.closed"},
    {"status.transferred", "status.transferred"},
    {"status.merged", "status.merged"},
    {"case.closure.reason.goals_met_child_safe", "case.closure.reason.goals_met_child_safe"},
    {"case.closure.reason.family_declines_child_safe",
     "case.closure.reason.family_declines_child_safe"},
    {"case.closure.reason.turned_18_leaving_care", "case.closure.reason.turned_18_leaving_care"},
    {"case.closure.reason.transferred", "case.closure.reason.transferred"},
    {"case.closure.reason.child_died", "case.closure.reason.child_died"},
    {"case.closure.reason.other", "case.closure.reason.other"},
    {"case.closure.reason.screened_out", "case.closure.reason.screened_out"},
    {"risk.high", "risk.high"},
    {"risk.medium", "risk.medium"},
    {"risk.low", "risk.low"},
    {"task.respond_to_report", "task.respond_to_report"},
    {"task.screening_decision", "task.screening_decision"},
    {"task.complete_assessment", "task.complete_assessment"},
    {"task.write_plan", "task.write_plan"},
    {"task.approve_plan", "task.approve_plan"},
    {"task.hold_review", "task.hold_review"},
    {"task.approve_closure", "task.approve_closure"},
    {"task_state.overdue", "task_state.overdue"},
    {"task_state.due_soon", "task_state.due_soon"},
    {"task_state.awaiting_approval", "task_state.awaiting_approval"},
    {"task_state.upcoming", "task_state.upcoming"},
    {"case.action.start_screening", "case.action.start_screening"},
    {"case.action.screen_in", "case.action.screen_in"},
    {"case.action.screen_out", "case.action.screen_out"},
    {"case.action.complete_assessment", "case.action.complete_assessment"},
    {"case.action.submit_plan", "case.action.submit_plan"},
    {"case.action.approve_plan", "case.action.approve_plan"},
    {"case.action.start_review", "case.action.start_review"},
    {"case.action.continue_implementation", "case.action.continue_implementation"},
    {"case.action.revise_plan", "case.action.revise_plan"},
    {"case.action.request_closure", "case.action.request_closure"},
    {"case.action.approve_closure", "case.action.approve_closure"},
    {"case.action.reopen", "case.action.reopen"},
    {"case.action.return_closure", "case.action.return_closure"},
    {"case.plan.state.draft", "case.plan.state.draft"},
    {"case.plan.state.submitted", "case.plan.state.submitted"},
    {"case.plan.state.approved", "case.plan.state.approved"},
    {"case.plan.state.returned", "case.plan.state.returned"},
    {"case.service.parenting_support", "case.service.parenting_support"},
    {"case.service.disability_support", "case.service.disability_support"},
    {"case.service.therapy", "case.service.therapy"},
    {"case.service.health", "case.service.health"},
    {"case.service.education_support", "case.service.education_support"},
    {"case.service.social_financial_assistance", "case.service.social_financial_assistance"},
    {"case.service.legal_aid", "case.service.legal_aid"},
    {"case.referral.status.proposed", "case.referral.status.proposed"},
    {"case.referral.status.referred", "case.referral.status.referred"},
    {"case.referral.status.accepted", "case.referral.status.accepted"},
    {"case.referral.status.in_progress", "case.referral.status.in_progress"},
    {"case.referral.status.completed", "case.referral.status.completed"},
    {"case.referral.status.declined_by_family", "case.referral.status.declined_by_family"},
    {"case.referral.status.declined_by_provider", "case.referral.status.declined_by_provider"},
    {"case.referral.status.cancelled", "case.referral.status.cancelled"},
    {"case.placement.type.kinship_care", "case.placement.type.kinship_care"},
    {"case.placement.type.foster_care", "case.placement.type.foster_care"},
    {"case.placement.type.residential_care", "case.placement.type.residential_care"},
    {"case.placement.type.supervised_independent_living",
     "case.placement.type.supervised_independent_living"},
    {"placement.entry_reason.abuse", "placement.entry_reason.abuse"},
    {"placement.entry_reason.neglect", "placement.entry_reason.neglect"},
    {"placement.entry_reason.domestic_violence", "placement.entry_reason.domestic_violence"},
    {"placement.entry_reason.parental_capacity", "placement.entry_reason.parental_capacity"},
    {"placement.entry_reason.parents_absent", "placement.entry_reason.parents_absent"},
    {"placement.entry_reason.child_behaviour", "placement.entry_reason.child_behaviour"},
    {"placement.entry_reason.child_disability", "placement.entry_reason.child_disability"},
    {"placement.entry_reason.unaccompanied", "placement.entry_reason.unaccompanied"},
    {"placement.entry_reason.other", "placement.entry_reason.other"},
    {"placement.exit_destination.returned_to_family",
     "placement.exit_destination.returned_to_family"},
    {"placement.exit_destination.adopted", "placement.exit_destination.adopted"},
    {"placement.exit_destination.permanent_custody",
     "placement.exit_destination.permanent_custody"},
    {"placement.exit_destination.independent_living",
     "placement.exit_destination.independent_living"},
    {"placement.exit_destination.transferred", "placement.exit_destination.transferred"},
    {"placement.exit_destination.other", "placement.exit_destination.other"},
    {"case.stage.screening", "case.stage.screening"},
    {"case.stage.assessment", "case.stage.assessment"},
    {"case.stage.planning", "case.stage.planning"},
    {"case.stage.placement", "case.stage.placement"},
    {"case.stage.service_referral", "case.stage.service_referral"},
    {"case.stage.review", "case.stage.review"},
    {"case.stage.closure", "case.stage.closure"},
    {"case.stage.forensic_interview", "case.stage.forensic_interview"},
    {"case.stage.medical_examination", "case.stage.medical_examination"},
    {"case.stage.court_proceedings", "case.stage.court_proceedings"},
    {"case.stage.other", "case.stage.other"},
    {"case.format.verbal", "case.format.verbal"},
    {"case.format.written", "case.format.written"},
    {"case.format.easy_read", "case.format.easy_read"},
    {"case.format.pictorial", "case.format.pictorial"},
    {"case.format.sign_language", "case.format.sign_language"},
    {"case.format.braille", "case.format.braille"},
    {"case.format.video", "case.format.video"},
    {"case.document.type.court_decision", "case.document.type.court_decision"},
    {"case.document.type.medical_letter", "case.document.type.medical_letter"},
    {"case.document.type.scanned_form", "case.document.type.scanned_form"},
    {"case.document.type.other", "case.document.type.other"},
    {"case.closure.reason.goals_met_child_safe", "case.closure.reason.goals_met_child_safe"},
    {"case.closure.reason.family_declines_child_safe",
     "case.closure.reason.family_declines_child_safe"},
    {"case.closure.reason.turned_18_leaving_care", "case.closure.reason.turned_18_leaving_care"},
    {"case.closure.reason.transferred", "case.closure.reason.transferred"},
    {"case.closure.reason.child_died", "case.closure.reason.child_died"},
    {"case.closure.reason.other", "case.closure.reason.other"},
    // A screening decision as the history stores it ("true": an assessment is opened).
    {"case.screening.open_assessment.true", "case.screening.opens"},
    {"case.screening.open_assessment.false", "case.screening.declines"},
    {"intake.sex.female", "intake.sex.female"},
    {"intake.sex.male", "intake.sex.male"},
    {"intake.sex.other", "intake.sex.other"},
    {"intake.sex.unknown", "intake.sex.unknown"},
    {"case.person.role.caregiver", "case.person.role.caregiver"},
    {"case.person.role.non_offending_caregiver", "case.person.role.non_offending_caregiver"},
    {"case.person.role.alleged_perpetrator", "case.person.role.alleged_perpetrator"},
    {"case.person.role.support_person", "case.person.role.support_person"},
    {"case.person.role.appointed_guardian", "case.person.role.appointed_guardian"},
    {"case.person.role.legal_representative", "case.person.role.legal_representative"},
    {"case.person.role.reporter", "case.person.role.reporter"},
    {"case.person.role.witness", "case.person.role.witness"},
    {"case.person.role.other", "case.person.role.other"},
    {"case.relationship.type.mother", "case.relationship.type.mother"},
    {"case.relationship.type.father", "case.relationship.type.father"},
    {"case.relationship.type.step_parent", "case.relationship.type.step_parent"},
    {"case.relationship.type.parent_partner", "case.relationship.type.parent_partner"},
    {"case.relationship.type.adoptive_parent", "case.relationship.type.adoptive_parent"},
    {"case.relationship.type.foster_parent", "case.relationship.type.foster_parent"},
    {"case.relationship.type.guardian", "case.relationship.type.guardian"},
    {"case.relationship.type.sibling", "case.relationship.type.sibling"},
    {"case.relationship.type.grandparent", "case.relationship.type.grandparent"},
    {"case.relationship.type.other_relative", "case.relationship.type.other_relative"},
    {"case.relationship.type.household_member", "case.relationship.type.household_member"},
    {"case.relationship.type.acquaintance", "case.relationship.type.acquaintance"},
    {"case.relationship.type.other", "case.relationship.type.other"},
    {"referral.type.information_request", "referral.type.information_request"},
    {"referral.type.family_home_assessment", "referral.type.family_home_assessment"},
    {"referral.type.risk_security_assessment", "referral.type.risk_security_assessment"},
    {"referral.type.best_interests_determination", "referral.type.best_interests_determination"},
    {"referral.type.placement_abroad_consultation", "referral.type.placement_abroad_consultation"},
    {"referral.type.return_reintegration_follow_up",
     "referral.type.return_reintegration_follow_up"},
    {"referral.type.missing_child_notification", "referral.type.missing_child_notification"},
    {"referral.status.draft", "referral.status.draft"},
    {"referral.status.approved", "referral.status.approved"},
    {"referral.status.sent", "referral.status.sent"},
    {"referral.status.acknowledged", "referral.status.acknowledged"},
    {"referral.status.answered", "referral.status.answered"},
    {"referral.status.closed", "referral.status.closed"},
    {"referral.status.rejected", "referral.status.rejected"},
    {"referral.status.withdrawn", "referral.status.withdrawn"},
    {"case.transfer.state.requested", "case.transfer.state.requested"},
    {"case.transfer.state.accepted", "case.transfer.state.accepted"},
    {"case.transfer.state.rejected", "case.transfer.state.rejected"},
};

}  // namespace

std::optional<std::string> known_code_label(const Site& site, const Visitor& v,
                                            std::string_view prefix, std::string_view code) {
  std::string key(prefix);
  key += code;
  auto it = kCodeKeys.find(key);
  if (it == kCodeKeys.end()) return std::nullopt;
  return site.t(v, it->second);
}

std::string code_label(const Site& site, const Visitor& v, std::string_view prefix,
                       const std::string& code) {
  return known_code_label(site, v, prefix, code).value_or(code);
}

std::string service_message(const Site& site, const Visitor& v, const std::string& english) {
  if (const std::string* known = site.catalogs().service_text(v.lang, english)) return *known;
  // FieldErrors' limit on a text's length, the one sentence with numbers in it.
  constexpr std::string_view kHead = "Use at most ", kMiddle = " characters (this has ";
  std::string_view rest(english);
  if (rest.substr(0, kHead.size()) != kHead || rest.size() < 2 ||
      rest.substr(rest.size() - 2) != ").")
    return english;
  rest = rest.substr(kHead.size(), rest.size() - kHead.size() - 2);
  const size_t middle = rest.find(kMiddle);
  if (middle == std::string_view::npos) return english;
  const std::string_view max = rest.substr(0, middle), count = rest.substr(middle + kMiddle.size());
  auto digits = [](std::string_view n) {
    return !n.empty() &&
           std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(max) || !digits(count)) return english;
  std::string text = site.t(v, "service.too_long");
  for (const auto& [name, value] : {std::pair{std::string_view("{{max}}"), max},
                                    std::pair{std::string_view("{{count}}"), count}})
    if (auto at = text.find(name); at != std::string::npos) text.replace(at, name.size(), value);
  return text;
}

const std::string& label_in(const domain::Labels& labels, const std::string& lang) {
  static const std::string kNone;
  if (auto it = labels.find(lang); it != labels.end()) return it->second;
  if (auto it = labels.find("en"); it != labels.end()) return it->second;
  return kNone;
}

}  // namespace haven::http::web
