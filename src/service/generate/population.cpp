// How a synthetic household becomes rows: one municipality's agencies, then per household its
// children, caregivers and family ties, each child's reports of concern and the case they open,
// walked through the lifecycle to the reference date. Every distribution lives in the tables at the
// top of this file (docs/DATA.md mirrors them); ids and instants come from the seed and the
// reference date only, never from the wall clock, so output is byte-identical for the same seed.
#include "service/generate/population.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "core/country.h"
#include "domain/assessment.h"
#include "domain/case_number.h"
#include "domain/case_plan.h"
#include "domain/case_types.h"
#include "domain/participation_types.h"
#include "domain/person_types.h"
#include "domain/report_types.h"
#include "service/case_json.h"
#include "synth/corruption.h"
#include "synth/identity_generator.h"
#include "synth/national_id.h"
#include "synth/rng.h"

namespace haven::service::generate {

namespace {

using store::Value;
using synth::Rng;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kMaxChildren = 10'000'000;

// ---- The tables' columns (only those the base schema has and the generator fills) ----

constexpr std::string_view kAgencyCols[] = {
    "id", "name", "kind", "country", "parent_id", "status", "version", "created_at", "updated_at"};
// Staff: a password hash no password verifies (not an Argon2id string), so nobody signs in as a
// generated user until an administrator sets a password.
constexpr std::string_view kUserCols[] = {"id",      "username",      "display_name", "agency_id",
                                          "role",    "password_hash", "language",     "status",
                                          "version", "created_at",    "updated_at"};
constexpr std::string_view kChildCols[] = {"id",
                                           "agency_id",
                                           "given_names",
                                           "family_names",
                                           "names_original_script",
                                           "sex",
                                           "birth_date",
                                           "birth_date_estimated",
                                           "birth_date_estimate_basis",
                                           "nationalities",
                                           "languages",
                                           "interpreter_needed",
                                           "migration_status",
                                           "version",
                                           "created_at",
                                           "updated_at",
                                           "disabilities_ct"};
constexpr bool kChildJson[std::size(kChildCols)] = {false, false, false, false, false, false,
                                                    false, false, false, true,  true,  false,
                                                    false, false, false, false, true};
constexpr bool kChildCt[std::size(kChildCols)] = {false, false, false, false, false, false,
                                                  false, false, false, false, false, false,
                                                  false, false, false, false, true};
constexpr std::string_view kPersonCols[] = {
    "id",         "agency_id",  "given_names",          "family_names", "names_original_script",
    "sex",        "birth_date", "birth_date_estimated", "roles",        "version",
    "created_at", "updated_at"};
constexpr bool kPersonJson[std::size(kPersonCols)] = {false, false, false, false, false,
                                                      false, false, false, true};
constexpr std::string_view kRelationshipCols[] = {
    "id",           "from_child_id", "from_person_id", "to_child_id",
    "to_person_id", "type",          "legal_guardian", "valid_from",
    "valid_to",     "version",       "created_at",     "updated_at"};
// value_bidx: the generator hands NULL; the database sink computes the blind index of kind and
// value with the key ring's blind-index key, as ReportService does (a file has none).
constexpr std::string_view kIdentityNumberCols[] = {
    "id", "child_id", "person_id", "kind", "country", "value_ct", "value_bidx", "created_at"};
constexpr bool kIdentityNumberCt[std::size(kIdentityNumberCols)] = {false, false, false,
                                                                    false, false, true};
constexpr std::string_view kCaseCols[] = {"id",
                                          "case_number",
                                          "child_id",
                                          "agency_id",
                                          "status",
                                          "risk_level",
                                          "restricted",
                                          "opened_at",
                                          "closed_at",
                                          "closure_reason",
                                          "urgency",
                                          "reported_at",
                                          "status_changed_at",
                                          "assessment_opened_on",
                                          "planning_started_on",
                                          "implementation_started_on",
                                          "last_review_on",
                                          "next_review_on",
                                          "version",
                                          "created_at",
                                          "updated_at"};
constexpr bool kCaseJson[std::size(kCaseCols)] = {};
constexpr std::string_view kReportCols[] = {"id",
                                            "agency_id",
                                            "received_at",
                                            "channel",
                                            "reporter_type",
                                            "concern_categories",
                                            "urgency",
                                            "status",
                                            "child_id",
                                            "case_id",
                                            "screening_decision",
                                            "screened_at",
                                            "version",
                                            "created_at",
                                            "updated_at",
                                            "narrative_ct"};
constexpr bool kReportJson[std::size(kReportCols)] = {false, false, false, false, false, true,
                                                      false, false, false, false, false, false,
                                                      false, false, false, false};
constexpr bool kReportCt[std::size(kReportCols)] = {false, false, false, false, false, false,
                                                    false, false, false, false, false, false,
                                                    false, false, false, true};
constexpr std::string_view kScreeningCols[] = {"id",         "case_id",         "decided_on",
                                               "decided_by", "open_assessment", "reasons",
                                               "version",    "created_at",      "updated_at"};
constexpr std::string_view kAssessmentCols[] = {
    "id",         "case_id",    "started_on", "completed_on", "risk_level",
    "content_ct", "created_by", "version",    "created_at",   "updated_at"};
constexpr bool kAssessmentJson[std::size(kAssessmentCols)] = {false, false, false, false, false,
                                                              true,  false, false, false, false};
constexpr bool kAssessmentCt[std::size(kAssessmentCols)] = {false, false, false, false, false,
                                                            true,  false, false, false, false};
constexpr std::string_view kRiskCols[] = {"id",     "case_id",   "risk_level", "rationale",
                                          "source", "source_id", "set_by",     "set_at"};
constexpr std::string_view kPlanCols[] = {
    "id",         "case_id",      "goals",        "child_views", "caregiver_views",
    "approval",   "submitted_by", "submitted_on", "approved_by", "approved_on",
    "created_by", "version",      "created_at",   "updated_at"};
constexpr bool kPlanJson[std::size(kPlanCols)] = {false, false, true,  false, false, false, false,
                                                  false, false, false, false, false, false, false};
constexpr std::string_view kReviewCols[] = {"id",
                                            "case_id",
                                            "held_on",
                                            "progress",
                                            "risk_level",
                                            "risk_rationale",
                                            "decisions",
                                            "placement_review",
                                            "child_participated",
                                            "next_review_on",
                                            "created_by",
                                            "version",
                                            "created_at",
                                            "updated_at"};
constexpr std::string_view kClosureCols[] = {"id",
                                             "case_id",
                                             "reason",
                                             "reason_detail",
                                             "closing_on",
                                             "summary",
                                             "leaving_care_plan_ct",
                                             "requested_by",
                                             "requested_on",
                                             "approved_by",
                                             "approved_on",
                                             "created_by",
                                             "version",
                                             "created_at",
                                             "updated_at"};
constexpr bool kClosureCt[std::size(kClosureCols)] = {false, false, false, false, false,
                                                      false, true,  false, false, false,
                                                      false, false, false, false, false};
constexpr std::string_view kReferralCols[] = {"id",
                                              "case_id",
                                              "service_type",
                                              "provider",
                                              "status",
                                              "referred_on",
                                              "consent_required",
                                              "consent_given_by",
                                              "consent_given_on",
                                              "consent_recorded_by",
                                              "notes",
                                              "created_by",
                                              "version",
                                              "created_at",
                                              "updated_at"};
// exit_destination and the entry reasons' own table: migration 0016.
constexpr std::string_view kPlacementCols[] = {
    "id",      "case_id",    "type",       "provider",        "start_on",
    "end_on",  "reason",     "end_reason", "review_dates",    "created_by",
    "version", "created_at", "updated_at", "exit_destination"};
constexpr bool kPlacementJson[std::size(kPlacementCols)] = {
    false, false, false, false, false, false, false, false, true, false, false, false, false};
constexpr std::string_view kPlacementReasonCols[] = {"placement_id", "reason"};
constexpr std::string_view kParticipationCols[] = {"id",
                                                   "case_id",
                                                   "stage",
                                                   "decision",
                                                   "offered_on",
                                                   "setting",
                                                   "support_person",
                                                   "interpreter_language",
                                                   "accessible_format",
                                                   "views_ct",
                                                   "declined",
                                                   "decision_maker",
                                                   "weight_given",
                                                   "feedback_given_on",
                                                   "feedback_how",
                                                   "created_by",
                                                   "version",
                                                   "created_at",
                                                   "updated_at"};
constexpr bool kParticipationCt[std::size(kParticipationCols)] = {
    false, false, false, false, false, false, false, false, false, true,
    false, false, false, false, false, false, false, false, false};
constexpr std::string_view kInformationCols[] = {
    "id",        "case_id",    "given_on", "stage",
    "what",      "language",   "format",   "recipient_person_id",
    "given_by",  "created_by", "version",  "created_at",
    "updated_at"};
constexpr std::string_view kNoteCols[] = {"id",          "case_id",    "written_at",
                                          "occurred_on", "body_ct",    "created_by",
                                          "version",     "created_at", "updated_at"};
constexpr bool kNoteCt[std::size(kNoteCols)] = {false, false, false, false, true,
                                                false, false, false, false};
constexpr std::string_view kDocumentCols[] = {
    "id",         "case_id", "document_type", "original_name", "media_type",
    "size_bytes", "sha256",  "content_ct",    "uploaded_by",   "uploaded_at",
    "created_by", "version", "created_at",    "updated_at"};
constexpr bool kDocumentCt[std::size(kDocumentCols)] = {false, false, false, false, false,
                                                        false, false, true,  false, false,
                                                        false, false, false, false};
constexpr std::string_view kTransferCols[] = {
    "id",           "case_id",    "from_agency_id", "to_agency_id", "requested_by",
    "requested_at", "reason",     "state",          "decided_by",   "decided_at",
    "comment",      "created_by", "version",        "created_at",   "updated_at"};
constexpr std::string_view kHistoryCols[] = {
    "id",        "entity",    "entity_id",  "entity_version", "field",
    "old_value", "new_value", "changed_by", "changed_at",     "case_id"};
constexpr std::string_view kCounterCols[] = {"country", "year", "next"};
constexpr std::string_view kBarnahusCaseCols[] = {"id",
                                                  "barnahus_agency_id",
                                                  "country",
                                                  "child_id",
                                                  "case_id",
                                                  "violence_types",
                                                  "child_role",
                                                  "referred_by",
                                                  "referred_by_agency_id",
                                                  "referred_at",
                                                  "contact_person",
                                                  "status",
                                                  "closed_at",
                                                  "created_by",
                                                  "version",
                                                  "created_at",
                                                  "updated_at"};
constexpr bool kBarnahusCaseJson[std::size(kBarnahusCaseCols)] = {false, false, false,
                                                                  false, false, true};
constexpr std::string_view kBarnahusMemberCols[] = {
    "id",         "barnahus_case_id", "agency_id",  "shared_parts", "invited_by",
    "invited_at", "version",          "created_at", "updated_at",   "user_id"};
constexpr bool kBarnahusMemberJson[std::size(kBarnahusMemberCols)] = {false, false, false, true};
constexpr std::string_view kTrainingCols[] = {"id",       "barnahus_agency_id", "user_id",
                                              "training", "completed_on",       "created_by",
                                              "version",  "created_at",         "updated_at"};
constexpr std::string_view kBarnahusPartyCols[] = {
    "id",           "barnahus_case_id", "agency_id", "role",       "name",
    "relationship", "created_by",       "version",   "created_at", "updated_at"};
constexpr std::string_view kBarnahusMeetingCols[] = {
    "id",         "barnahus_case_id", "agency_id",  "kind",
    "held_on",    "agencies_present", "decisions",  "tasks",
    "created_by", "version",          "created_at", "updated_at"};
constexpr bool kBarnahusMeetingJson[std::size(kBarnahusMeetingCols)] = {false, false, false, false,
                                                                        false, true,  false, true};
constexpr std::string_view kBarnahusInterviewCols[] = {"id",
                                                       "barnahus_case_id",
                                                       "agency_id",
                                                       "sequence",
                                                       "interviewed_on",
                                                       "interviewer",
                                                       "interviewer_trained",
                                                       "protocol",
                                                       "recorded",
                                                       "place",
                                                       "used_in_court",
                                                       "repeat_reason",
                                                       "created_by",
                                                       "version",
                                                       "created_at",
                                                       "updated_at"};
constexpr std::string_view kBarnahusMedicalCols[] = {
    "id",    "barnahus_case_id", "agency_id",  "offered", "offered_on", "done",      "examined_on",
    "acute", "examined_by",      "created_by", "version", "created_at", "updated_at"};
constexpr std::string_view kBarnahusTherapyCols[] = {
    "id",         "barnahus_case_id", "agency_id",  "service", "recipient",  "party_id",
    "offered_on", "started_on",       "created_by", "version", "created_at", "updated_at"};
constexpr std::string_view kBarnahusCourtCols[] = {
    "id",    "barnahus_case_id", "agency_id", "kind",       "held_on",
    "court", "created_by",       "version",   "created_at", "updated_at"};
constexpr std::string_view kBarnahusInformationCols[] = {
    "id",       "barnahus_case_id", "agency_id", "given_on",   "stage",
    "what",     "language",         "format",    "recipient",  "party_id",
    "given_by", "created_by",       "version",   "created_at", "updated_at"};
constexpr std::string_view kBarnahusLawCols[] = {
    "id",      "barnahus_case_id", "agency_id",  "kind",    "recorded_on", "title",
    "body_ct", "shared_with",      "created_by", "version", "created_at",  "updated_at"};
constexpr bool kBarnahusLawJson[std::size(kBarnahusLawCols)] = {false, false, false, false,
                                                                false, false, false, true};
constexpr bool kBarnahusLawCt[std::size(kBarnahusLawCols)] = {false, false, false, false,
                                                              false, false, true};

// Tables with no JSON or encrypted columns share these (as long as the widest of them).
constexpr bool kNone[32] = {};
template <size_t N>
constexpr std::span<const bool> none(const std::string_view (&)[N]) {
  static_assert(N <= std::size(kNone));
  return {kNone, N};
}

const std::array<TableSpec, kTableCount> kSpecs = {{
    {"agencies", kAgencyCols, none(kAgencyCols), none(kAgencyCols)},
    {"users", kUserCols, none(kUserCols), none(kUserCols)},
    {"children", kChildCols, kChildJson, kChildCt},
    {"persons", kPersonCols, kPersonJson, none(kPersonCols)},
    {"relationships", kRelationshipCols, none(kRelationshipCols), none(kRelationshipCols)},
    {"identity_numbers", kIdentityNumberCols, none(kIdentityNumberCols), kIdentityNumberCt},
    {"cases", kCaseCols, kCaseJson, none(kCaseCols)},
    {"reports", kReportCols, kReportJson, kReportCt},
    {"screening_decisions", kScreeningCols, none(kScreeningCols), none(kScreeningCols)},
    {"assessments", kAssessmentCols, kAssessmentJson, kAssessmentCt},
    {"risk_levels", kRiskCols, none(kRiskCols), none(kRiskCols)},
    {"case_plans", kPlanCols, kPlanJson, none(kPlanCols)},
    {"case_reviews", kReviewCols, none(kReviewCols), none(kReviewCols)},
    {"case_closures", kClosureCols, none(kClosureCols), kClosureCt},
    {"referrals", kReferralCols, none(kReferralCols), none(kReferralCols)},
    {"placements", kPlacementCols, kPlacementJson, none(kPlacementCols)},
    {"placement_entry_reasons", kPlacementReasonCols, none(kPlacementReasonCols),
     none(kPlacementReasonCols)},
    {"participation_records", kParticipationCols, none(kParticipationCols), kParticipationCt},
    {"information_given", kInformationCols, none(kInformationCols), none(kInformationCols)},
    {"case_notes", kNoteCols, none(kNoteCols), kNoteCt},
    {"case_documents", kDocumentCols, none(kDocumentCols), kDocumentCt},
    {"case_transfers", kTransferCols, none(kTransferCols), none(kTransferCols)},
    {"record_history", kHistoryCols, none(kHistoryCols), none(kHistoryCols)},
    {"barnahus_cases", kBarnahusCaseCols, kBarnahusCaseJson, none(kBarnahusCaseCols)},
    {"barnahus_members", kBarnahusMemberCols, kBarnahusMemberJson, none(kBarnahusMemberCols)},
    {"barnahus_parties", kBarnahusPartyCols, none(kBarnahusPartyCols), none(kBarnahusPartyCols)},
    {"barnahus_meetings", kBarnahusMeetingCols, kBarnahusMeetingJson, none(kBarnahusMeetingCols)},
    {"barnahus_interviews", kBarnahusInterviewCols, none(kBarnahusInterviewCols),
     none(kBarnahusInterviewCols)},
    {"barnahus_medical_exams", kBarnahusMedicalCols, none(kBarnahusMedicalCols),
     none(kBarnahusMedicalCols)},
    {"barnahus_therapy", kBarnahusTherapyCols, none(kBarnahusTherapyCols),
     none(kBarnahusTherapyCols)},
    {"barnahus_court_dates", kBarnahusCourtCols, none(kBarnahusCourtCols),
     none(kBarnahusCourtCols)},
    {"barnahus_information", kBarnahusInformationCols, none(kBarnahusInformationCols),
     none(kBarnahusInformationCols)},
    {"barnahus_law_enforcement_records", kBarnahusLawCols, kBarnahusLawJson, kBarnahusLawCt},
    {"barnahus_training_records", kTrainingCols, none(kTrainingCols), none(kTrainingCols)},
    {"case_number_counters", kCounterCols, none(kCounterCols), none(kCounterCols)},
}};

// ---- Distributions (relative weights; docs/DATA.md has the same table) ----

// Who reports, roughly as national statistics of the region show it: police and schools first.
struct Weighted {
  int code;
  uint32_t weight;
};
using domain::ConcernCategory;
using domain::ReportChannel;
using domain::ReporterType;
using domain::Urgency;

constexpr Weighted kReporterWeights[] = {
    {static_cast<int>(ReporterType::kPolice), 26},
    {static_cast<int>(ReporterType::kSchool), 18},
    {static_cast<int>(ReporterType::kSocialServices), 12},
    {static_cast<int>(ReporterType::kHealth), 9},
    {static_cast<int>(ReporterType::kRelative), 8},
    {static_cast<int>(ReporterType::kOther), 8},
    {static_cast<int>(ReporterType::kPreschool), 5},
    {static_cast<int>(ReporterType::kAnonymous), 5},
    {static_cast<int>(ReporterType::kNgo), 3},
    {static_cast<int>(ReporterType::kNeighbour), 3},
    {static_cast<int>(ReporterType::kChild), 3},
};
constexpr Weighted kConcernWeights[] = {
    {static_cast<int>(ConcernCategory::kNeglect), 18},
    {static_cast<int>(ConcernCategory::kPhysicalViolence), 16},
    {static_cast<int>(ConcernCategory::kWitnessingDomesticViolence), 15},
    {static_cast<int>(ConcernCategory::kEmotionalAbuse), 10},
    {static_cast<int>(ConcernCategory::kSubstanceUse), 8},
    {static_cast<int>(ConcernCategory::kPoverty), 8},
    {static_cast<int>(ConcernCategory::kSexualAbuse), 5},
    {static_cast<int>(ConcernCategory::kSelfHarm), 5},
    {static_cast<int>(ConcernCategory::kDisabilityRelatedNeeds), 4},
    {static_cast<int>(ConcernCategory::kOnlineAbuse), 3},
    {static_cast<int>(ConcernCategory::kMigrationRelated), 3},
    {static_cast<int>(ConcernCategory::kTraffickingExploitation), 1},
};
constexpr uint32_t kConcernCountWeights[] = {60, 30, 10};  // 1, 2 or 3 categories
// Channels by kind of reporter: professionals write, police notify, family and the child call.
constexpr Weighted kChannelPolice[] = {{static_cast<int>(ReportChannel::kPoliceNotification), 90},
                                       {static_cast<int>(ReportChannel::kPhone), 10}};
constexpr Weighted kChannelProfessional[] = {{static_cast<int>(ReportChannel::kOnlineForm), 35},
                                             {static_cast<int>(ReportChannel::kPhone), 30},
                                             {static_cast<int>(ReportChannel::kEmail), 25},
                                             {static_cast<int>(ReportChannel::kLetter), 5},
                                             {static_cast<int>(ReportChannel::kInPerson), 5}};
constexpr Weighted kChannelPrivate[] = {{static_cast<int>(ReportChannel::kPhone), 60},
                                        {static_cast<int>(ReportChannel::kInPerson), 15},
                                        {static_cast<int>(ReportChannel::kOnlineForm), 15},
                                        {static_cast<int>(ReportChannel::kEmail), 10}};
constexpr Weighted kChannelAnonymous[] = {{static_cast<int>(ReportChannel::kPhone), 70},
                                          {static_cast<int>(ReportChannel::kOnlineForm), 30}};
constexpr Weighted kChannelChild[] = {{static_cast<int>(ReportChannel::kInPerson), 50},
                                      {static_cast<int>(ReportChannel::kPhone), 35},
                                      {static_cast<int>(ReportChannel::kOnlineForm), 15}};
// Urgency at intake (high, medium, low): higher when the concern is violence, abuse or self-harm.
constexpr uint32_t kUrgencyServe[] = {45, 40, 15};
constexpr uint32_t kUrgencyOther[] = {12, 45, 43};
// Share of reports screened in, by urgency (high, medium, low).
constexpr double kScreenIn[] = {0.75, 0.50, 0.30};
// Risk level at the end of the assessment (high, medium, low), by urgency at intake.
constexpr uint32_t kRiskByUrgency[3][3] = {{50, 40, 10}, {20, 50, 30}, {8, 37, 55}};
// How a case in implementation ends: closed with a reason, transferred, merged.
constexpr Weighted kEndings[] = {
    {static_cast<int>(domain::ClosureReason::kGoalsMetChildSafe), 65},
    {static_cast<int>(domain::ClosureReason::kFamilyDeclinesChildSafe), 17},
    {static_cast<int>(domain::ClosureReason::kTransferred), 4},
    {static_cast<int>(domain::ClosureReason::kOther), 5},
    {static_cast<int>(domain::ClosureReason::kChildDied), 1},
    {-1, 6},  // transferred to another agency on haven (status transferred)
    {-2, 2},  // merged into another case (status merged)
};
constexpr double kCloseAfterAssessment = 0.20;           // no further need found
constexpr uint32_t kExtraReportWeights[] = {72, 20, 8};  // 0, 1 or 2 more reports on the case
constexpr double kSiblingsSameDay = 0.6;  // siblings' first reports come from one incident
constexpr double kRestrictedSexualAbuse = 0.25;
constexpr double kRestrictedOther = 0.01;

// ---- The records of a case (docs/DATA.md, "Records under each case") ----

// Share of steps with a deadline (screening, plan) that run past it.
constexpr double kLateShare = 0.08;
// Share of cases in implementation with an alternative-care placement, by risk (high, medium, low).
constexpr double kPlacementShare[] = {0.35, 0.12, 0.03};
// A review re-rates the risk (high, medium, low) from the previous rating: mostly the same or
// lower.
constexpr uint32_t kRiskDrift[3][3] = {{50, 40, 10}, {12, 53, 35}, {4, 18, 78}};
// Services referred to, 1 (50 %), 2 (35 %) or 3 (15 %) per case in implementation.
constexpr uint32_t kReferralCountWeights[] = {50, 35, 15};
constexpr Weighted kServiceWeights[] = {
    {static_cast<int>(domain::ServiceType::kParentingSupport), 30},
    {static_cast<int>(domain::ServiceType::kTherapy), 20},
    {static_cast<int>(domain::ServiceType::kEducationSupport), 14},
    {static_cast<int>(domain::ServiceType::kSocialFinancialAssistance), 12},
    {static_cast<int>(domain::ServiceType::kHealth), 10},
    {static_cast<int>(domain::ServiceType::kDisabilitySupport), 8},
    {static_cast<int>(domain::ServiceType::kLegalAid), 6},
};
// How a referral of a case that has ended stands.
constexpr Weighted kReferralEnds[] = {
    {static_cast<int>(domain::ReferralStatus::kCompleted), 70},
    {static_cast<int>(domain::ReferralStatus::kDeclinedByFamily), 10},
    {static_cast<int>(domain::ReferralStatus::kCancelled), 10},
    {static_cast<int>(domain::ReferralStatus::kDeclinedByProvider), 10},
};
constexpr Weighted kPlacementTypeWeights[] = {
    {static_cast<int>(domain::PlacementType::kFosterCare), 45},
    {static_cast<int>(domain::PlacementType::kKinshipCare), 25},
    {static_cast<int>(domain::PlacementType::kResidentialCare), 22},
    {static_cast<int>(domain::PlacementType::kSupervisedIndependentLiving), 8},
};
// A closure due this many days after the data's "today" is already requested (awaits approval).
constexpr int64_t kClosurePendingDays = 10;
constexpr uint64_t kRecordsStream = 0x5265636f72647321ULL;  // salt of the records' random streams
// Two extracts sharing children: which children moved, and the arrivals' own reports and cases,
// come from streams of their own, so the first extract's rows are those of a run without sharing.
constexpr uint64_t kSharedStream = 0x5368617265644b73ULL;
constexpr uint64_t kArrivalStream = 0x417272697665642eULL;
// Share of shared children whose second registration has ordinary registration errors on top of
// the other country's spelling (typos, swapped names, a missing date …).
constexpr double kSharedDamage = 0.3;
// A child's migration facts (status, the basis of an estimated birth date) come from a stream of
// their own.
constexpr uint64_t kFactsStream = 0x4661637473212121ULL;
// The guardian appointed for an unaccompanied or separated child (a child who came without a
// parent: "god man", Vormund, globėjas …): a local adult, appointed this many days after the
// child's first report, from a stream of its own (docs/DATA.md).
constexpr uint64_t kGuardianStream = 0x477561726469616eULL;
// A child's national identity number (synth::national_id), from a stream of its own.
constexpr uint64_t kIdentityNumberStream = 0x4964656e74697479ULL;
constexpr int64_t kGuardianDaysMin = 2;
constexpr int64_t kGuardianDaysMax = 45;
// ---- Staff (docs/DATA.md, "Staff") ----
// Users of the agencies, from a stream of their own: caseworkers (one per this many children, 4 to
// 4,000), a supervisor per eight caseworkers, and at the Barnahus, the police and child health two
// each plus one per 20,000 children. Barnahus team members have 1 to 4 training courses. A Barnahus
// case invites the police investigator by name with this chance.
constexpr uint64_t kStaffStream = 0x5374616666212121ULL;
constexpr uint64_t kInviteStream = 0x496e766974656421ULL;
constexpr int64_t kChildrenPerCaseworker = 250;
constexpr int64_t kCaseworkersPerSupervisor = 8;
constexpr int64_t kChildrenPerTeamMember = 20'000;
constexpr double kBarnahusUserInvited = 0.5;
constexpr std::string_view kNoPassword = "!generated staff: set a password to sign in";
constexpr std::string_view kTrainings[] = {
    "Forensic interviewing of children (NICHD protocol)",
    "The Barnahus standards and the multidisciplinary team",
    "Trauma-informed practice",
    "Child-friendly justice",
    "Medical examination of children suspected of abuse",
    "Working with interpreters in child interviews",
};
// Of the children of families who fled (not from Ukraine), the share still seeking asylum.
constexpr double kAsylumSeekerShare = 0.35;
// Open cases with a transfer to the neighbouring municipality waiting for its answer, and closed
// requests it rejected (the family did not move after all).
constexpr double kTransferPending = 0.01;
constexpr double kTransferRejected = 0.005;
// Documents: a letter or form during the assessment (25 %); a court decision for a placement
// (40 %).
constexpr double kAssessmentDocument = 0.25;
constexpr double kPlacementDocument = 0.40;
// ---- Barnahus (docs/DATA.md, "Barnahus cases") ----
// A case goes to the Barnahus with these shares, by the opening report's concerns (the most
// serious first): sexual abuse, trafficking, physical violence, and — the child as a witness —
// domestic violence witnessed. The records come from a stream of their own.
constexpr uint64_t kBarnahusStream = 0x4261726e61687573ULL;
constexpr double kBarnahusSexualAbuse = 0.40;
constexpr double kBarnahusTrafficking = 0.40;
constexpr double kBarnahusPhysical = 0.10;
constexpr double kBarnahusWitnessing = 0.03;
// Who referred the case: police 60, child protection 30, health 5, school 5.
constexpr uint32_t kBarnahusReferrers[] = {60, 30, 5, 5};
constexpr double kBarnahusInterviewed[] = {0.85, 0.60};  // victim, witness
constexpr double kBarnahusInterviewLate = 0.15;  // the first interview after the policy's days
constexpr double kBarnahusRepeatInterview = 0.12;
constexpr double kBarnahusMeetingFirst = 0.80;  // a planning meeting on or before the interview
constexpr double kBarnahusReviewMeeting = 0.60;
constexpr double kBarnahusMedicalOffered = 0.80;  // when the violence is physical or sexual
constexpr double kBarnahusMedicalDone = 0.75;     // of those offered
constexpr double kBarnahusAcute = 0.20;           // of those done: within the acute window
constexpr double kBarnahusAssessmentOffered = 0.75;
constexpr double kBarnahusTherapyAfterAssessment = 0.40;
constexpr double kBarnahusCrisisSupport = 0.30;  // for the non-offending caregiver
constexpr double kBarnahusLate = 0.15;           // medical exam, assessment after the policy's days
constexpr double kBarnahusCourt = 0.25;          // of the interviewed
constexpr double kBarnahusCaregiverParty = 0.90;
constexpr double kBarnahusSupportPerson = 0.25;
constexpr double kBarnahusCaregiverInformed = 0.90;  // at each stage, besides the child
constexpr double kBarnahusTrainedInterviewer = 0.90;

// Disabilities (children.disabilities_ct, encrypted): most children whose case opened on
// disability-related needs, and a few others; the type by weight, with the support needed.
constexpr double kDisabilityWithConcern = 0.90;
constexpr double kDisabilityOther = 0.03;
constexpr Weighted kDisabilityWeights[] = {
    {static_cast<int>(domain::DisabilityType::kDevelopmental), 35},
    {static_cast<int>(domain::DisabilityType::kIntellectual), 15},
    {static_cast<int>(domain::DisabilityType::kLearning), 12},
    {static_cast<int>(domain::DisabilityType::kSpeechLanguage), 10},
    {static_cast<int>(domain::DisabilityType::kPsychosocial), 8},
    {static_cast<int>(domain::DisabilityType::kPhysical), 7},
    {static_cast<int>(domain::DisabilityType::kChronicHealth), 6},
    {static_cast<int>(domain::DisabilityType::kHearing), 3},
    {static_cast<int>(domain::DisabilityType::kVisual), 2},
    {static_cast<int>(domain::DisabilityType::kMultiple), 2},
};
constexpr const char* kSupportNeeded[] = {
    "Needs a familiar adult present and extra time in meetings.",
    "Support assistant at school; visual schedules at home.",
    "Information in easy-read form, and breaks in longer meetings.",
    "Interpreter for sign language.",
    "Wheelchair access; assistance with personal care.",
};

// Who the generated records name as author: there are no users in a generated database.
const std::string kWorker(kGeneratedCaseworker);
const std::string kSupervisor(kGeneratedSupervisor);

constexpr std::pair<std::string_view, std::string_view> kCountryLanguages[] = {
    {"DK", "da"}, {"EE", "et"}, {"FI", "fi"}, {"DE", "de"}, {"IS", "is"},
    {"LV", "lv"}, {"LT", "lt"}, {"NO", "no"}, {"PL", "pl"}, {"SE", "sv"}};

// Barnahus staff as the records name them (synthetic names, one set per country): the contact
// person first, then the forensic interviewers.
struct BarnahusStaff {
  std::string_view country;
  std::array<std::string_view, 3> names;
};
constexpr BarnahusStaff kBarnahusStaff[] = {
    {"DK", {"Mette Kjær", "Lars Holm", "Sofie Dahl"}},
    {"EE", {"Kadri Tamm", "Andres Saar", "Liis Kask"}},
    {"FI", {"Anna Virtanen", "Mikko Laine", "Sanna Heikkinen"}},
    {"DE", {"Julia Becker", "Thomas Wolf", "Katrin Schulz"}},
    {"IS", {"Guðrún Jónsdóttir", "Einar Magnússon", "Sigrún Ólafsdóttir"}},
    {"LV", {"Ilze Kalniņa", "Jānis Ozols", "Dace Liepiņa"}},
    {"LT", {"Rasa Petrauskienė", "Tomas Kazlauskas", "Eglė Jankauskaitė"}},
    {"NO", {"Ingrid Hansen", "Ola Berg", "Kari Nilsen"}},
    {"PL", {"Anna Kowalska", "Piotr Nowak", "Magdalena Wiśniewska"}},
    {"SE", {"Karin Lindqvist", "Johan Ek", "Maria Sandberg"}},
};
constexpr const char* kBarnahusRepeatReasons[] = {
    "The child told more after the first interview; the prosecutor asked for a second.",
    "New information from the investigation needed the child's account.",
    "The first interview was broken off: the child was too tired.",
};
constexpr const char* kBarnahusDecisions[] = {
    "Forensic interview at the Barnahus; medical examination offered; crisis support for the "
    "family.",
    "Interview first, then a joint decision on protection at home; the school is told nothing "
    "yet.",
    "The child stays with the non-offending parent; contact with the suspect is stopped.",
};
constexpr const char* kBarnahusReviewDecisions[] = {
    "The investigation continues; therapy has started; next review after the prosecutor's "
    "decision.",
    "No further interview needed; support continues through the child protection plan.",
};
constexpr const char* kBarnahusPoliceReports[] = {
    "Report of suspected assault on a child; the child was heard briefly at the scene.",
    "A teacher's report passed on by child protection; preliminary investigation opened.",
    "The mother reported that the child had told her about abuse by a relative.",
};
constexpr const char* kBarnahusInvestigationNotes[] = {
    "Witnesses from the school heard; the suspect has been questioned.",
    "Forensic evidence secured; awaiting the laboratory's findings.",
};
constexpr const char* kBarnahusProsecutorNotes[] = {
    "Charges brought; the recorded interview is the child's evidence in court.",
    "The case goes to the main hearing; the child will not have to attend.",
};

std::string_view risk_code(int risk) {
  return domain::to_code(static_cast<domain::RiskLevel>(risk));
}

// The texts are English (the region's working language), short and plain; they are synthetic and
// describe no real family.
constexpr const char* kScreenInReasons[] = {
    "The report describes a risk to the child's health or development that needs an assessment.",
    "Repeated reports from school and police; the family's situation is unclear.",
    "The child has told a teacher about violence at home.",
    "Concerns about the caregivers' capacity to meet the child's basic needs.",
};
constexpr const char* kScreenOutReasons[] = {
    "The family already receives suitable support; no sign of risk to the child.",
    "The concern was resolved in a conversation with the family and the school.",
    "The report does not describe a need for protection; the family was told where to find help.",
};
constexpr const char* kSafety[3][3] = {
    {"Violence in the home is recurrent; the child is afraid of one caregiver.",
     "The child has injuries that were not explained.",
     "The caregiver's substance use leaves the child without supervision at night."},
    {"No immediate danger; conflicts at home are frequent and loud.",
     "The child is sometimes left alone for long periods.",
     "A caregiver's mental health varies; a relative steps in."},
    {"No sign of danger in the home.", "The child feels safe with both caregivers.",
     "Safe at home; the worries concern school and friends."},
};
constexpr const char* kFamily[] = {
    "Lives with the mother and two siblings; the father has regular contact.",
    "Lives with both parents; the family moved here two years ago.",
    "Lives with a grandmother, who has cared for the child since the parents separated.",
    "Single parent working shifts; little support from relatives.",
};
constexpr const char* kHealth[] = {"Healthy; vaccinations up to date.", "Asthma, well treated.",
                                   "Sleeps badly and has frequent stomach aches.",
                                   "Dental care overdue."};
constexpr const char* kDevelopment[] = {"Development as expected for the age.",
                                        "Speech somewhat delayed; assessed by the clinic.",
                                        "Withdrawn; plays little with others."};
constexpr const char* kEducation[] = {
    "Attends school regularly; doing well.", "Frequent absence this term.",
    "Needs support in reading; the school has a plan.",
    "Conflicts with classmates; the school counsellor is involved."};
constexpr const char* kChildViews[] = {
    "Wants things at home to be calmer and to keep the same school.",
    "Says it is fine at home but worries about the mother.",
    "Wants to see the father more often.",
    "Did not want to talk about home; spoke about football and friends.",
};
constexpr const char* kRiskRationale[3][2] = {
    {"Ongoing violence and no protective adult in the home.",
     "Serious neglect and a caregiver who does not accept help."},
    {"Needs are not fully met, but the caregivers cooperate with support.",
     "Risk factors at home, protected by a relative close by."},
    {"The family manages with some support; no sign of harm.",
     "The concern is resolved; the child is safe."},
};
struct GoalText {
  const char* goal;
  std::array<const char*, 2> actions;
  std::array<const char*, 2> responsible;
};
struct GoalSet {
  std::span<const GoalText> goals;
};
constexpr GoalText kGoalsViolence[] = {
    {"The child lives without violence",
     {"Safety plan agreed with the non-violent caregiver", "Treatment programme for the father"},
     {"Caseworker", "Family centre"}},
    {"The child can talk about what happened",
     {"Crisis support sessions", "Follow-up with the school counsellor"},
     {"Child and adolescent psychiatry", "School counsellor"}},
};
constexpr GoalText kGoalsNeglect[] = {
    {"Regular meals and a daily routine",
     {"Parenting support at home twice a week", "Weekly check-in with the caseworker"},
     {"Family centre", "Caseworker"}},
    {"The child attends school every day",
     {"Attendance plan with the school", "Morning support from the family worker"},
     {"School", "Family worker"}},
};
constexpr GoalText kGoalsSubstance[] = {
    {"A caregiver who is sober when caring for the child",
     {"Addiction treatment for the mother", "Network meeting with relatives"},
     {"Addiction services", "Caseworker"}},
    {"The child has a safe adult to turn to",
     {"Contact family every second weekend", "Group for children of parents who drink"},
     {"Contact family", "Family centre"}},
};
constexpr GoalText kGoalsOther[] = {
    {"The family's finances are stable",
     {"Application for financial assistance", "Debt counselling"},
     {"Social assistance unit", "Budget and debt counsellor"}},
    {"The child's needs at school are met",
     {"Support plan with the school", "Assessment by the school psychologist"},
     {"School", "School health services"}},
    {"The child feels better",
     {"Short-term therapy", "Follow-up with the school nurse"},
     {"Child and adolescent psychiatry", "School nurse"}},
};
const GoalSet& goals_for(ConcernCategory concern) {
  static const GoalSet violence{kGoalsViolence}, neglect{kGoalsNeglect}, substance{kGoalsSubstance},
      other{kGoalsOther};
  switch (concern) {
    case ConcernCategory::kPhysicalViolence:
    case ConcernCategory::kWitnessingDomesticViolence:
    case ConcernCategory::kSexualAbuse:
    case ConcernCategory::kEmotionalAbuse:
      return violence;
    case ConcernCategory::kNeglect:
      return neglect;
    case ConcernCategory::kSubstanceUse:
      return substance;
    default:
      return other;
  }
}
constexpr const char* kPlanChildViews[] = {
    "Wants help with homework and to keep seeing friends.",
    "Agrees with the plan; wants the meetings at school, not at home.",
    "Wants the father to stop drinking; is glad someone is helping.",
};
constexpr const char* kCaregiverViews[] = {
    "The mother agrees with the plan and asked for help in the mornings.",
    "The parents accept the support but disagree about the concerns.",
    "The grandmother welcomes the support.",
};
constexpr const char* kConsentBy[] = {"Mother (legal guardian)", "Father (legal guardian)",
                                      "Both parents (legal guardians)"};
// Providers by service type (domain::ServiceType order).
constexpr const char* kProviders[7][2] = {
    {"Family centre", "Parenting programme (municipal)"},
    {"Habilitation centre", "Personal assistance service"},
    {"Child and adolescent psychiatry", "Family therapy unit"},
    {"Child health services", "Paediatric clinic"},
    {"School support team", "Special education unit"},
    {"Social assistance unit", "Budget and debt counselling"},
    {"Legal aid office", "Public counsel"},
};
// Providers by placement type (domain::PlacementType order).
constexpr const char* kPlacementProviders[4][2] = {
    {"Maternal grandparents", "Aunt and uncle"},
    {"Foster family (municipal register)", "Foster family (agency)"},
    {"Residential home for children", "Treatment home for adolescents"},
    {"Supported housing for young people", "Training flat with staff support"},
};
constexpr const char* kPlacementReasons[] = {
    "The child is not safe at home while the violence is investigated.",
    "The caregivers cannot meet the child's basic needs despite support at home.",
    "The young person's own behaviour puts their health at serious risk.",
};
// The coded entry reasons (domain::EntryReason) each narrative above stands for, in its order.
constexpr std::array<std::array<std::string_view, 2>, std::size(kPlacementReasons)>
    kPlacementReasonCodes = {{{"abuse", "domestic_violence"},
                              {"neglect", "parental_capacity"},
                              {"child_behaviour", ""}}};
constexpr const char* kPlacementEnds[] = {"Returned home with support.",
                                          "Moved to a long-term foster family.",
                                          "Turned 18; moved to own flat."};
constexpr const char* kProgress[] = {
    "Good progress: school attendance is regular and the home calmer.",
    "Some progress; the mother takes part in the parenting programme.",
    "Little progress; the father has not started treatment.",
    "The child is settled in the placement and sees the parents weekly.",
};
constexpr const char* kReviewDecisions[] = {
    "Continue the plan unchanged.", "Continue; add support at school.",
    "Continue; review the contact arrangements.", "Prepare closure at the next review."};
constexpr const char* kSettings[] = {"At school, in a quiet room", "At home",
                                     "At the social services office", "By video call",
                                     "At the family centre"};
constexpr const char* kSupportPersons[] = {"School nurse", "Grandmother", "Youth worker",
                                           "Class teacher"};
constexpr const char* kViews[] = {
    "Wants to stay at the same school and keep seeing friends.",
    "Wants the arguing at home to stop.",
    "Would like to live with the father for a while.",
    "Likes the foster family but misses the little brother.",
    "Does not want the parents to be told everything said in the meeting.",
};
constexpr const char* kWeight[] = {
    "The plan keeps the child at the same school, as the child asked.",
    "Contact with the brother was increased after the child's wish.",
    "Considered; the child's safety came first, which was explained to the child.",
};
constexpr const char* kFeedbackHow[] = {"In a meeting at school", "By phone, then in writing",
                                        "At a home visit"};
constexpr const char* kNoteIntake[] = {
    "Report read; called the school for more information.",
    "Spoke with the reporter; urgency confirmed.",
    "Checked earlier contacts with the family: none in the last two years.",
};
constexpr const char* kNoteAssessment[] = {
    "Home visit: both caregivers present, the child shown their room.",
    "Met the child at school with the school nurse.",
    "Talked with the paediatric clinic about the child's health.",
};
constexpr const char* kNoteWork[] = {
    "Network meeting with school and family centre; the plan is on track.",
    "The mother called to cancel the home visit; new time next week.",
    "Follow-up call with the foster family: the child has settled.",
    "The child did not attend school three days this week; called the father.",
};
// Closure summaries by reason (domain::ClosureReason order).
constexpr const char* kClosureSummaries[6][2] = {
    {"The goals of the plan are met and the child is safe.",
     "The family manages without support; the school confirms things are better."},
    {"The family declined further support; the child is judged safe.",
     "The parents withdrew consent; no concern that would justify compulsory measures."},
    {"The young person turned 18; aftercare agreed.", "Turned 18; moved to own flat with support."},
    {"The family moved abroad; the authority there was informed.",
     "Responsibility handed to the authority of the new country of residence."},
    {"The child died. The case is closed.", "The child died; the family was offered support."},
    {"Closed for another reason, see the detail.", "Closed; see the reason given."},
};
constexpr const char* kOtherClosure[] = {"The family moved to another municipality, not on haven.",
                                         "The case was opened in error."};
constexpr const char* kTransferredAbroad[] = {"The family moved to Norway.",
                                              "The family moved to Germany.",
                                              "The family returned to their country of origin."};
constexpr const char* kLeavingCare[] = {
    "Own flat from the month after the 18th birthday; aftercare contact once a month for a year; "
    "support to finish upper secondary school.",
    "Stays with the foster family until school ends; then supported housing; named contact "
    "person at social services.",
};

// Documents uploaded to a case: synthetic letters and forms (plain text, a few hundred bytes), the
// day they are dated on appended.
struct DocumentText {
  const char* type;
  const char* name;
  const char* text;
};
constexpr DocumentText kDocuments[] = {
    {"medical_letter", "letter-child-health-clinic.txt",
     "Letter from the child health clinic\n\nThe child was seen for a health check. Growth and "
     "development are followed up; the clinic shares the concerns raised at school and will see "
     "the child again in three months.\n\nDated "},
    {"scanned_form", "consent-information-sharing.txt",
     "Consent to share information (scanned form)\n\nThe guardians consent to the school, the "
     "child health clinic and social services sharing information for the assessment of the "
     "child's needs.\n\nSigned "},
    {"other", "network-meeting-notes.txt",
     "Notes from the network meeting\n\nPresent: caseworker, class teacher, school nurse, the "
     "mother. Agreed: the school reports absence the same day; the next meeting in six "
     "weeks.\n\nWritten "},
};
constexpr const char* kCourtDecision =
    "Decision on placement\n\nThe court decides that the child is to be cared for outside the "
    "home under the child protection act, as the caregivers cannot ensure the child's safety and "
    "development. The decision is to be reviewed as the law prescribes.\n\nDecided ";

// Report narratives: an opening by reporter type (indexed modulo: any opening fits any reporter
// well enough), then the first concern (domain::ConcernCategory order).
constexpr const char* kNarrativeOpenings[][2] = {
    {"The class teacher reports that", "The school nurse says that"},
    {"A patrol was called to the address and found that", "The police report that"},
    {"The health centre reports that", "A doctor at the emergency unit says that"},
    {"A relative calls and says that", "The grandmother is worried because"},
    {"A neighbour reports that", "Someone in the building says that"},
    {"The child says that", "The child came to the office and told us that"},
};
constexpr const char* kNarrativeConcerns[][2] = {
    {"the child had bruises on the arms and would not say why.",
     "the child said a parent hits them."},
    {"the child told a friend about sexual contact with an adult.",
     "there are signs of sexual abuse."},
    {"the child often comes hungry and in dirty clothes.", "the child is left alone at night."},
    {"the child seems very anxious and is often told off harshly.",
     "the child is called names and shut out at home."},
    {"there was loud violence between the adults while the child was home.",
     "the child saw the father hit the mother."},
    {"the child may be made to work or steal for adults.",
     "the child may have been brought here to be exploited."},
    {"the child is being pressured online to send pictures.",
     "the child is bullied in a group chat."},
    {"the child has cut themselves.", "the child talks about not wanting to live."},
    {"a parent was drunk when collecting the child.", "there is drug use in the home."},
    {"the child's disability needs more support than the family can give.",
     "the child's assistance hours were cut and the parents cannot cope."},
    {"the family has no money for food or rent.", "the family is about to be evicted."},
    {"the child arrived without a parent and has no guardian yet.",
     "the family's residence permit was refused and the child is very worried."},
};

// A case's course, as decided before its rows are written.
struct Review {
  int64_t start = 0;  // status → review
  int64_t held = 0;   // review recorded, back to implementation
  int risk = 2;
};
struct Timeline {
  int64_t received = 0;
  int urgency = 1;
  int64_t screened_at = 0;
  bool screened_in = false;
  int64_t assessed_at = 0;  // 0 = never
  int risk = -1;
  int64_t implemented_at = 0;  // 0 = never
  bool placed = false;
  std::vector<Review> reviews;
  int64_t end_at = 0;
  domain::CaseStatus ending = domain::CaseStatus::kClosed;
  std::optional<domain::ClosureReason> closure;
};

// A weighted list built once from a table.
class Picker {
 public:
  template <size_t N>
  explicit Picker(const Weighted (&table)[N]) {
    uint64_t total = 0;
    for (const auto& w : table) {
      codes_.push_back(w.code);
      cumulative_.push_back(total += w.weight);
    }
  }
  template <size_t N>
  explicit Picker(const uint32_t (&weights)[N]) {
    uint64_t total = 0;
    for (size_t i = 0; i < N; ++i) {
      codes_.push_back(static_cast<int>(i));
      cumulative_.push_back(total += weights[i]);
    }
  }
  int pick(Rng& rng) const { return codes_[rng.pick(cumulative_)]; }

 private:
  std::vector<int> codes_;
  std::vector<uint64_t> cumulative_;
};

// ---- One municipality per country: the agencies a demo needs ----

// `neighbour`: the child protection agency of a neighbouring municipality, where families move and
// cases are transferred to.
struct Municipality {
  std::string_view country;
  std::string_view child_protection, police, school, health, barnahus, neighbour;
};
constexpr Municipality kMunicipalities[] = {
    {"DK", "Børn og Unge, Aarhus Kommune", "Østjyllands Politi",
     "Skoleforvaltningen, Aarhus Kommune", "Sundhedsplejen, Aarhus Kommune", "Børnehus Midt",
     "Børn og Unge, Silkeborg Kommune"},
    {"EE", "Tartu linna lastekaitse", "Lõuna prefektuur", "Tartu linna haridusosakond",
     "Tartu Ülikooli Kliinikum", "Lastemaja, Tartu", "Elva valla lastekaitse"},
    {"FI", "Tampereen kaupunki, lastensuojelu", "Sisä-Suomen poliisilaitos",
     "Tampereen kaupunki, perusopetus", "Tampereen kaupunki, neuvolat", "Barnahus Tampere",
     "Nokian kaupunki, lastensuojelu"},
    {"DE", "Jugendamt Kiel", "Polizeidirektion Kiel", "Amt für Schulen, Landeshauptstadt Kiel",
     "Städtisches Krankenhaus Kiel, Kinderklinik", "Childhood-Haus Kiel",
     "Jugendamt Kreis Rendsburg-Eckernförde"},
    {"IS", "Barnavernd Reykjavíkur", "Lögreglan á höfuðborgarsvæðinu",
     "Skóla- og frístundasvið Reykjavíkur", "Heilsugæsla höfuðborgarsvæðisins", "Barnahús",
     "Barnavernd Kópavogs"},
    {"LV", "Rīgas Sociālais dienests", "Valsts policijas Rīgas reģiona pārvalde",
     "Rīgas Izglītības departaments", "Bērnu klīniskā universitātes slimnīca", "Bērnu māja, Rīga",
     "Jūrmalas Sociālais dienests"},
    {"LT", "Kauno vaiko teisių apsaugos skyrius",
     "Kauno apskrities vyriausiasis policijos komisariatas",
     "Kauno miesto savivaldybės Švietimo skyrius", "Kauno klinikos", "Vaiko namai, Kaunas",
     "Kauno rajono vaiko teisių apsaugos skyrius"},
    {"NO", "Barneverntjenesten i Bergen kommune", "Vest politidistrikt",
     "Etat for skole, Bergen kommune", "Helsestasjonstjenesten, Bergen kommune",
     "Statens barnehus Bergen", "Barneverntjenesten i Bjørnafjorden kommune"},
    {"PL", "Miejski Ośrodek Pomocy Rodzinie w Gdańsku", "Komenda Miejska Policji w Gdańsku",
     "Wydział Rozwoju Społecznego, Urząd Miejski w Gdańsku", "Szpital Dziecięcy Polanki w Gdańsku",
     "Centrum dla Dzieci, Gdańsk", "Miejski Ośrodek Pomocy Społecznej w Sopocie"},
    {"SE", "Socialtjänsten, Malmö stad", "Polisregion Syd", "Grundskoleförvaltningen, Malmö stad",
     "Barnhälsovården, Region Skåne", "Barnahus Malmö", "Socialtjänsten, Lunds kommun"},
};

const Municipality* municipality_of(std::string_view country) {
  for (const auto& m : kMunicipalities)
    if (m.country == country) return &m;
  return nullptr;
}

// ---- Deterministic ids: UUIDv7-shaped, time field = reference date + sequence number ----

class IdMaker {
 public:
  IdMaker(uint64_t seed, int64_t epoch_ms)
      : key_(synth::mix64(seed ^ 0x6a09e667f3bcc908ULL)), epoch_ms_(epoch_ms) {}
  std::string next() {
    const uint64_t n = seq_++;
    const uint64_t ms = static_cast<uint64_t>(epoch_ms_) + n;
    const uint64_t r1 = synth::mix64(key_ + n);
    const uint64_t r2 = synth::mix64(r1 ^ key_);
    const uint64_t hi = (ms << 16) | 0x7000u | (r1 & 0xfffu);
    const uint64_t lo = 0x8000000000000000ULL | (r2 >> 2);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s(36, '-');
    size_t p = 0;
    auto put = [&](uint64_t v, int nibbles) {
      for (int i = nibbles - 1; i >= 0; --i) {
        if (p == 8 || p == 13 || p == 18 || p == 23) ++p;
        s[p++] = kHex[(v >> (4 * i)) & 0xf];
      }
    };
    put(hi, 16);
    put(lo, 16);
    return s;
  }

 private:
  uint64_t key_;
  int64_t epoch_ms_;
  uint64_t seq_ = 0;
};

int64_t ms_of(core::Date d) {
  return d.days_since_epoch() * kDayMs;
}

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out += items[i];  // ISO codes: plain ASCII letters
    out += '"';
  }
  out += ']';
  return out;
}

std::string_view sex_code(synth::Sex s) {
  return domain::to_code(s == synth::Sex::kFemale ? domain::Sex::kFemale : domain::Sex::kMale);
}

std::optional<std::string> original_script(const synth::Identity& id) {
  if (id.given_names_original.empty() && id.family_name_original.empty()) return std::nullopt;
  std::string s = id.given_names_original.empty() ? id.given_names : id.given_names_original;
  s += ' ';
  s += id.family_name_original.empty() ? id.family_name : id.family_name_original;
  return s;
}

// Everything one run shares.
class Builder {
 public:
  Builder(const synth::NameData& names, const GenerateOptions& o, RecordSink& sink,
          GenerateStats& stats)
      : corruptor_(names),
        names_(names),
        o_(o),
        sink_(sink),
        stats_(stats),
        ids_(o.seed, ms_of(o.reference_date)),
        reporters_(kReporterWeights),
        concerns_(kConcernWeights),
        concern_count_(kConcernCountWeights),
        ch_police_(kChannelPolice),
        ch_professional_(kChannelProfessional),
        ch_private_(kChannelPrivate),
        ch_anonymous_(kChannelAnonymous),
        ch_child_(kChannelChild),
        urgency_serious_(kUrgencyServe),
        urgency_other_(kUrgencyOther),
        risk_{Picker(kRiskByUrgency[0]), Picker(kRiskByUrgency[1]), Picker(kRiskByUrgency[2])},
        endings_(kEndings),
        extra_reports_(kExtraReportWeights),
        counters_(o.counters_next),
        drift_{Picker(kRiskDrift[0]), Picker(kRiskDrift[1]), Picker(kRiskDrift[2])},
        services_(kServiceWeights),
        referral_ends_(kReferralEnds),
        referral_count_(kReferralCountWeights),
        placement_types_(kPlacementTypeWeights),
        disability_types_(kDisabilityWeights) {
    start_ms_ = ms_of(*core::Date::from_ymd(o.reference_date.year() - (o.history_years - 1), 1, 1));
    end_ms_ = ms_of(o.reference_date) + kDayMs - 1;           // the end of "today"
    if (o.end_ms > 0) end_ms_ = std::min(end_ms_, o.end_ms);  // or now, within it (the demo)
  }

  void agencies() {
    const Municipality& m = *municipality_of(o_.country);
    cps_id_ = agency(m.child_protection, "child_protection");
    police_id_ = agency(m.police, "police");
    school_id_ = agency(m.school, "school");
    health_id_ = agency(m.health, "health");
    barnahus_id_ = agency(m.barnahus, "barnahus");
    neighbour_id_ = agency(m.neighbour, "child_protection");
    if (o_.existing_agencies.empty()) staff();  // appending: the agencies have theirs
  }

  // The agencies' users (no password that works; not the demo's logins) and the Barnahus team's
  // training records.
  void staff() {
    Rng rng(o_.seed ^ kStaffStream, 0);
    const int64_t caseworkers = std::clamp<int64_t>(o_.children / kChildrenPerCaseworker, 4, 4'000);
    const int64_t team = 2 + o_.children / kChildrenPerTeamMember;
    std::vector<std::string> others;
    users(cps_id_, "caseworker", caseworkers, rng, others);
    users(cps_id_, "supervisor", std::max<int64_t>(1, caseworkers / kCaseworkersPerSupervisor), rng,
          others);
    std::vector<std::string> coordinators, health;
    users(barnahus_id_, "barnahus_coordinator", team, rng, coordinators);
    users(police_id_, "mdt_member", team, rng, investigators_);
    users(health_id_, "mdt_member", team, rng, health);
    for (const auto* group : {&coordinators, &investigators_, &health}) {
      for (const auto& user : *group) {
        const int64_t courses = rng.between(1, 4);
        for (int64_t k = 0; k < courses; ++k) {
          const int64_t at = office(rng.between(start_ms_, end_ms_), rng);
          set_row({Value{ids_.next()}, Value{barnahus_id_}, Value{user},
                   Value{std::string(kTrainings[rng.below(std::size(kTrainings))])}, date_value(at),
                   Value{coordinators.front()}, Value{int64_t{1}}, Value{at}, Value{at}});
          emit(Table::kBarnahusTrainingRecords);
        }
      }
    }
  }

  void users(const std::string& agency, std::string_view role, int64_t n, Rng& rng,
             std::vector<std::string>& ids) {
    for (int64_t i = 0; i < n; ++i) {
      std::string id = ids_.next();
      const synth::Identity* p = local_adult(rng);
      set_row({Value{id}, Value{"gen-" + id.substr(id.size() - 12)},
               Value{p ? p->given_names + " " + p->family_name : std::string("Staff member")},
               Value{agency}, Value{std::string(role)}, Value{std::string(kNoPassword)},
               Value{std::string(country_language())}, Value{std::string("active")},
               Value{int64_t{1}}, Value{start_ms_}, Value{start_ms_}});
      emit(Table::kUsers);
      ids.push_back(std::move(id));
    }
  }

  // A local adult: the first caregiver of a household of this country's own names (after a few
  // tries, of any household); null in the unlikely case that every draw was a child alone.
  const synth::Identity* local_adult(Rng& rng) {
    if (!identities_) return nullptr;
    for (int tries = 0; tries < 32; ++tries) {
      identities_->generate_household_into(rng, adult_household_);
      for (const auto& g : adult_household_.caregivers)
        if (g.person.origin == o_.country || tries >= 11) return &g.person;
    }
    return nullptr;
  }

  // Emits the household's first `take` children and their caregivers.
  void household(const synth::Household& hh, size_t take, Rng& rng) {
    child_ids_.clear();
    first_report_.clear();
    statuses_.clear();
    household_ = &hh;
    party_roles_.assign(hh.caregivers.size(), 0);
    const bool same_day = take > 1 && rng.chance(kSiblingsSameDay);
    int64_t shared_t0 = -1;
    for (size_t i = 0; i < take; ++i) {
      const synth::Identity& c = hh.children[i];
      int64_t t0 = (same_day && shared_t0 >= 0) ? std::max(shared_t0, earliest(c))
                                                : first_report_time(c, rng);
      if (shared_t0 < 0) shared_t0 = t0;
      child_ids_.push_back(ids_.next());
      first_report_.push_back(t0);
      child_case(child_ids_.back(), c, t0, rng);
      child(child_ids_.back(), c, t0);
      statuses_.push_back(last_status_);
      identity_number(child_ids_.back(), c, t0);
      if (!o_.shared_with.empty()) emigrate(c, child_ids_.back());
      if (o_.duplicates > 0 && rng.chance(o_.duplicates)) duplicate(c, child_ids_.back(), t0, rng);
    }
    // Caregivers and their ties to each child; siblings tied once per pair, elder to younger.
    bool has_parent = false;
    for (const auto& g : hh.caregivers)
      has_parent |=
          g.role == synth::CaregiverRole::kMother || g.role == synth::CaregiverRole::kFather;
    const int64_t registered = *std::min_element(first_report_.begin(), first_report_.end());
    household_ = nullptr;
    for (size_t gi = 0; gi < hh.caregivers.size(); ++gi) {
      const auto& g = hh.caregivers[gi];
      // Every caregiver is one; a Barnahus case of a child made some a party of their own.
      std::string roles = "[\"caregiver\"";
      if (party_roles_[gi] & 1) roles += ",\"non_offending_caregiver\"";
      if (party_roles_[gi] & 2) roles += ",\"support_person\"";
      roles += ']';
      std::string pid = person(g.person, registered, std::move(roles));
      auto [type, guardian] = tie(g.role, has_parent);
      for (size_t i = 0; i < take; ++i) {
        const bool parent =
            type == domain::RelationshipType::kMother || type == domain::RelationshipType::kFather;
        std::optional<std::string> from;
        if (parent && hh.children[i].birth_date) from = hh.children[i].birth_date->to_string();
        relationship(Value{}, Value{pid}, Value{child_ids_[i]}, Value{}, type, guardian, from,
                     std::max(registered, first_report_[i]));
      }
    }
    for (size_t i = 0; i < take; ++i)
      for (size_t j = i + 1; j < take; ++j)
        relationship(Value{child_ids_[i]}, Value{}, Value{child_ids_[j]}, Value{},
                     domain::RelationshipType::kSibling, false, std::nullopt,
                     std::max(first_report_[i], first_report_[j]));
    // A child who came without a parent (unaccompanied, or separated: with a relative only, of a
    // family that fled) gets a guardian appointed.
    for (size_t i = 0; i < take; ++i)
      if (hh.children[i].unaccompanied ||
          (!has_parent && statuses_[i] != domain::MigrationStatus::kNone))
        appointed_guardian(child_ids_[i], first_report_[i]);
  }

  // The national identity number of a child of this country's nationality with a known birth date
  // (not the duplicate records' or the arrivals'), as intake stores it: the value encrypted, its
  // blind index (the database sink computes it). None where the country has no such number (DE),
  // or when the run writes no sensitive content (no key ring).
  void identity_number(const std::string& child_id, const synth::Identity& c, int64_t created) {
    Rng rng(o_.seed ^ kIdentityNumberStream, numbers_made_++);
    if (!o_.sensitive_content || !c.birth_date || c.birth_date_estimated) return;
    if (std::find(c.nationalities.begin(), c.nationalities.end(), o_.country) ==
        c.nationalities.end())
      return;
    auto value = synth::national_id(o_.country, *c.birth_date, c.sex, rng);
    if (!value) return;
    set_row({Value{ids_.next()}, Value{child_id}, Value{},
             Value{std::string(domain::to_code(domain::IdentityNumberKind::kNationalId))},
             Value{o_.country}, Value{std::move(*value)}, Value{}, Value{created}});
    emit(Table::kIdentityNumbers);
  }

  // Where the guardians' names come from (the run's identity generator).
  void set_identities(const synth::IdentityGenerator* identities) { identities_ = identities; }

  // The guardian appointed for `child_id` some days after its first report (none if that falls
  // after the data's end): a local adult, a person with the role appointed_guardian and a
  // guardian relationship with legal guardianship from the day of appointment.
  void appointed_guardian(const std::string& child_id, int64_t reported) {
    Rng rng(o_.seed ^ kGuardianStream, guardians_made_++);
    const int64_t days = rng.between(kGuardianDaysMin, kGuardianDaysMax);
    const int64_t appointed = at_time((reported / kDayMs + days) * kDayMs, false, rng);
    if (appointed > end_ms_) return;  // not yet
    const synth::Identity* adult = local_adult(rng);
    if (!adult) return;
    std::string pid = person(*adult, appointed, "[\"appointed_guardian\"]");
    relationship(Value{}, Value{pid}, Value{child_id}, Value{}, domain::RelationshipType::kGuardian,
                 true, date_of(appointed).to_string(), appointed);
  }

  // A child who moved here from the other country of a pair of extracts: registered as it came,
  // with a report and a case of its own.
  void arrival(const SharedChild& a, uint64_t index) {
    Rng rng(o_.seed ^ kArrivalStream, index);
    const int64_t t0 = first_report_time(a.identity, rng);
    std::string id = ids_.next();
    child_case(id, a.identity, t0, rng);
    child(id, a.identity, t0);
    stats_.arrival_ids.push_back(std::move(id));
  }

  void counters() {
    for (const auto& [year, next] : counters_) {
      set_row({Value{o_.country}, Value{int64_t{year}}, Value{next}});
      emit(Table::kCaseNumberCounters);
    }
  }

 private:
  // The next row's values, moved into row_ (whose capacity stays): a braced list of Values is
  // evaluated left to right, like the initializer_list it replaces, but an initializer_list's
  // elements are const and would be copied, each string allocated twice.
  template <size_t N>
  void set_row(Value (&&values)[N]) {
    row_.clear();
    for (Value& v : values) row_.push_back(std::move(v));
  }

  void emit(Table t) {
    sink_.add(t, row_);
    ++stats_.rows[static_cast<size_t>(t)];
  }

  std::string agency(std::string_view name, std::string_view kind) {
    std::string id = ids_.next();
    if (auto it = o_.existing_agencies.find(name); it != o_.existing_agencies.end())
      return it->second;
    set_row({Value{id}, Value{std::string(name)}, Value{std::string(kind)}, Value{o_.country},
             Value{}, Value{std::string("active")}, Value{int64_t{1}}, Value{start_ms_},
             Value{start_ms_}});
    emit(Table::kAgencies);
    return id;
  }

  int64_t earliest(const synth::Identity& c) const {
    return c.birth_date ? std::max(start_ms_, ms_of(*c.birth_date)) : start_ms_;
  }

  // The day a child first comes to the service's attention, uniform over the years covered.
  int64_t first_report_time(const synth::Identity& c, Rng& rng) {
    const int64_t lo = earliest(c) / kDayMs;
    const int64_t hi = o_.reference_date.days_since_epoch();
    return rng.between(std::min(lo, hi), hi) * kDayMs;
  }

  // A time of day for an event on `day_ms`: office hours, except the police at any hour.
  int64_t at_time(int64_t day_ms, bool any_hour, Rng& rng) {
    const int64_t h = any_hour ? rng.between(0, 23) : rng.between(8, 16);
    return day_ms + h * kHourMs + rng.between(0, 3'599) * 1000;
  }

  // The child's row, written after its case (whose course decided the agency the child is with:
  // a transferred case takes the child's record along, as CaseService does on acceptance).
  void child(const std::string& id, const synth::Identity& c, int64_t created) {
    Rng facts(o_.seed ^ kFactsStream, children_made_++);
    const domain::MigrationStatus status = migration_status(c, facts);
    last_status_ = status;
    std::optional<std::string> basis;
    if (c.birth_date_estimated) {
      const uint32_t pick = static_cast<uint32_t>(facts.below(100));
      using B = domain::AgeEstimateBasis;
      const B b = c.unaccompanied ? (pick < 30   ? B::kMedicalAgeAssessment
                                     : pick < 75 ? B::kSelfDeclared
                                                 : B::kUnverifiedDocument)
                                  : (pick < 40   ? B::kSelfDeclared
                                     : pick < 75 ? B::kRelativeStatement
                                                 : B::kUnverifiedDocument);
      basis = std::string(domain::to_code(b));
    }
    const bool foreign = std::find(c.nationalities.begin(), c.nationalities.end(), o_.country) ==
                         c.nationalities.end();
    const bool interpreter =
        foreign && !c.languages.empty() && c.languages.front() != country_language();
    set_row({Value{id}, Value{case_agency_}, Value{c.given_names}, Value{c.family_name},
             store::to_value(original_script(c)), Value{std::string(sex_code(c.sex))},
             c.birth_date ? Value{c.birth_date->to_string()} : Value{},
             Value{int64_t{c.birth_date_estimated ? 1 : 0}}, store::to_value(basis),
             Value{json_list(c.nationalities)}, Value{json_list(c.languages)},
             Value{int64_t{interpreter ? 1 : 0}}, Value{std::string(domain::to_code(status))},
             Value{int64_t{1}}, Value{created}, Value{created}, disabilities(facts)});
    emit(Table::kChildren);
  }

  // The child's disabilities as ReportService stores them: a JSON list of {support_needed, type}
  // (keys in the order nlohmann::json writes them), encrypted; NULL for none. Drawn last from the
  // child's facts stream, so the facts drawn before stay as they were.
  Value disabilities(Rng& facts) const {
    const bool needs = std::find(first_concerns_.begin(), first_concerns_.end(),
                                 ConcernCategory::kDisabilityRelatedNeeds) != first_concerns_.end();
    if (!facts.chance(needs ? kDisabilityWithConcern : kDisabilityOther)) return Value{};
    const auto type = static_cast<domain::DisabilityType>(disability_types_.pick(facts));
    return secret(std::string("[{\"support_needed\":\"") + any(kSupportNeeded, facts) +
                  "\",\"type\":\"" + std::string(domain::to_code(type)) + "\"}]");
  }

  // Where a child stands in migration law, as intake records it: an unaccompanied child; a child
  // of a family that fled (of a migrant-origin group, without this country's nationality): from
  // Ukraine under temporary protection, from elsewhere an asylum seeker or (mostly) a refugee;
  // everyone else none (citizens, settled residents, EU citizens who moved).
  domain::MigrationStatus migration_status(const synth::Identity& c, Rng& rng) const {
    using M = domain::MigrationStatus;
    if (c.unaccompanied) return M::kUnaccompanied;
    const synth::NameSet* set = names_.find(c.origin);
    if (!set || set->is_country || set->id == "russian") return M::kNone;
    if (std::find(c.nationalities.begin(), c.nationalities.end(), o_.country) !=
        c.nationalities.end())
      return M::kNone;
    if (set->id == "ukrainian") return M::kTemporaryProtection;
    return rng.chance(kAsylumSeekerShare) ? M::kAsylumSeeker : M::kRefugee;
  }

  std::string person(const synth::Identity& p, int64_t created, std::string roles) {
    std::string id = ids_.next();
    set_row({Value{id}, Value{cps_id_}, Value{p.given_names}, Value{p.family_name},
             store::to_value(original_script(p)), Value{std::string(sex_code(p.sex))},
             p.birth_date ? Value{p.birth_date->to_string()} : Value{},
             Value{int64_t{p.birth_date_estimated ? 1 : 0}}, Value{std::move(roles)},
             Value{int64_t{1}}, Value{created}, Value{created}});
    emit(Table::kPersons);
    return id;
  }

  static std::pair<domain::RelationshipType, bool> tie(synth::CaregiverRole role, bool has_parent) {
    using R = domain::RelationshipType;
    switch (role) {
      case synth::CaregiverRole::kMother:
        return {R::kMother, true};
      case synth::CaregiverRole::kFather:
        return {R::kFather, true};
      case synth::CaregiverRole::kStepmother:
      case synth::CaregiverRole::kStepfather:
        return {R::kStepParent, false};
      case synth::CaregiverRole::kGrandmother:
      case synth::CaregiverRole::kGrandfather:
        return {R::kGrandparent, !has_parent};
      case synth::CaregiverRole::kAunt:
      case synth::CaregiverRole::kUncle:
        return {R::kOtherRelative, !has_parent};
    }
    return {R::kOther, false};
  }

  void relationship(Value from_child, Value from_person, Value to_child, Value to_person,
                    domain::RelationshipType type, bool guardian,
                    const std::optional<std::string>& valid_from, int64_t created) {
    set_row({Value{ids_.next()}, std::move(from_child), std::move(from_person), std::move(to_child),
             std::move(to_person), Value{std::string(domain::to_code(type))},
             Value{int64_t{guardian ? 1 : 0}}, store::to_value(valid_from), Value{},
             Value{int64_t{1}}, Value{created}, Value{created}});
    emit(Table::kRelationships);
  }

  // Whether this child also moved to the other country of a pair of extracts; if so, how that
  // country registered it.
  void emigrate(const synth::Identity& c, const std::string& id) {
    Rng rng(o_.seed ^ kSharedStream, own_children_++);
    if (!rng.chance(o_.shared)) return;
    SharedChild s{id, {}, {}};
    s.changes =
        corruptor_.register_abroad(c, o_.shared_with, kSharedDamage, rng, s.identity).to_string();
    stats_.emigrants.push_back(std::move(s));
  }

  // A second registration of the same child, damaged the way registration damages names and
  // dates, with its own report and case: nobody has noticed yet that it is the same child.
  void duplicate(const synth::Identity& c, const std::string& original_id, int64_t t0, Rng& rng) {
    synth::DamageSet damage = corruptor_.corrupt(c, rng, damaged_);
    const int64_t day = rng.between(t0 / kDayMs, o_.reference_date.days_since_epoch());
    std::string id = ids_.next();
    const synth::Household* family = std::exchange(household_, nullptr);  // no ties noticed yet
    child_case(id, damaged_, day * kDayMs, rng);
    household_ = family;
    child(id, damaged_, day * kDayMs);
    ++stats_.duplicate_records;
    stats_.truth.push_back({original_id, id, damage.to_string()});
  }

  struct Step {
    int64_t at;
    domain::CaseStatus status;
  };

  // One report opens the case; the case moves through the lifecycle with durations drawn around
  // the country's deadlines, and whatever lies after the reference date has not happened yet.
  void child_case(const std::string& child_id, const synth::Identity& c, int64_t day_ms, Rng& rng) {
    using S = domain::CaseStatus;
    const domain::CountryPolicy& policy = o_.policy;
    // The opening report.
    const auto reporter = static_cast<ReporterType>(reporters_.pick(rng));
    const int64_t received =
        std::min(at_time(day_ms, reporter == ReporterType::kPolice, rng), end_ms_);
    pick_concerns(c, rng);
    bool serious = false;
    for (auto k : concern_list_)
      serious |= k == ConcernCategory::kPhysicalViolence || k == ConcernCategory::kSexualAbuse ||
                 k == ConcernCategory::kTraffickingExploitation || k == ConcernCategory::kSelfHarm;
    const int urgency = serious ? urgency_serious_.pick(rng) : urgency_other_.pick(rng);

    // The lifecycle, as instants of each status change.
    Timeline& tl = tl_;
    tl = Timeline{};
    tl.received = received;
    tl.urgency = urgency;
    steps_.clear();
    steps_.push_back({received, S::kReported});
    int64_t t = received + rng.between(0, 2 * 24) * kHourMs;
    steps_.push_back({t, S::kScreening});
    // A screening decision within the policy's days, a few late.
    t += late_or_within(policy.screening_days, 1, rng) * kDayMs;
    tl.screened_at = t;
    tl.screened_in = rng.chance(kScreenIn[urgency]);
    int risk = -1;
    int64_t risk_at = 0;
    const int64_t adult_at =
        c.birth_date ? ms_of(c.birth_date->plus_months(18 * 12)) : INT64_MAX;  // turns 18
    if (!tl.screened_in) {
      steps_.push_back({t, S::kClosed});
    } else {
      steps_.push_back({t, S::kAssessment});
      // An assessment takes about half the policy's time, some run late.
      const int64_t days = policy.assessment_days;
      t += std::clamp<int64_t>(static_cast<int64_t>(rng.normal(days * 0.5, days * 0.22)), 7,
                               days + days / 8) *
           kDayMs;
      risk = risk_[urgency].pick(rng);
      risk_at = t;
      tl.assessed_at = t;
      tl.risk = risk;
      if (rng.chance(kCloseAfterAssessment)) {
        tl.closure = rng.chance(0.6) ? domain::ClosureReason::kGoalsMetChildSafe
                                     : domain::ClosureReason::kFamilyDeclinesChildSafe;
        steps_.push_back({t, S::kClosed});
        tl.end_at = t;
        tl.ending = S::kClosed;
      } else {
        steps_.push_back({t, S::kPlanning});
        t += late_or_within(policy.plan_days, 3, rng) * kDayMs;  // a plan within two weeks
        steps_.push_back({t, S::kImplementation});
        tl.implemented_at = t;
        tl.placed = rng.chance(kPlacementShare[risk]);
        const int64_t interval =
            tl.placed ? policy.placement_review_interval_days : policy.review_interval_days;
        const int64_t end = t + rng.between(60, 720) * kDayMs;
        // Reviews at the policy's interval, each taking one to two weeks.
        for (int64_t r = t + interval * kDayMs; r + 14 * kDayMs < end; r += interval * kDayMs) {
          const int64_t back = r + rng.between(7, 14) * kDayMs;
          steps_.push_back({r, S::kReview});
          steps_.push_back({back, S::kImplementation});
          tl.reviews.push_back({r, back});
        }
        const int ending = endings_.pick(rng);
        if (end >= adult_at) {
          tl.closure = domain::ClosureReason::kTurned18LeavingCare;
          tl.end_at = std::max(adult_at, t + kDayMs);
          tl.ending = S::kClosed;
        } else if (ending == -1) {
          tl.end_at = end;
          tl.ending = S::kTransferred;
        } else if (ending == -2) {
          tl.end_at = end;
          tl.ending = S::kMerged;
        } else {
          tl.closure = static_cast<domain::ClosureReason>(ending);
          tl.end_at = end;
          tl.ending = S::kClosed;
        }
        // Reviews due after the end are not held; the status change at the end comes last.
        while (!steps_.empty() && steps_.back().at >= tl.end_at) steps_.pop_back();
        while (!tl.reviews.empty() && tl.reviews.back().held >= tl.end_at) tl.reviews.pop_back();
        steps_.push_back({tl.end_at, tl.ending});
      }
    }
    if (!tl.screened_in) {
      tl.end_at = tl.screened_at;
      tl.ending = S::kClosed;
    }
    // The records come from a random stream of their own, so the case's course above does not
    // depend on them. Reviews re-rate the risk first: the case row shows the latest rating.
    Rng records(o_.seed ^ kRecordsStream, cases_made_++);
    for (int previous = risk; auto& r : tl.reviews)
      previous = r.risk = drift_[previous].pick(records);
    // Where the case stands on the reference date.
    size_t reached = 0;
    while (reached + 1 < steps_.size() && steps_[reached + 1].at <= end_ms_) ++reached;
    const Step& now = steps_[reached];
    const bool closed = now.status == S::kClosed;
    const int64_t ends_at =
        (now.status == S::kClosed || now.status == S::kTransferred || now.status == S::kMerged)
            ? now.at
            : end_ms_;

    // The case number's year is the year the case was opened.
    const int year = core::Date::of(core::Timestamp{received}).year();
    int64_t& next = counters_.try_emplace(year, 1).first->second;
    const std::string number = domain::CaseNumber{o_.country, year, next++}.to_string();
    const std::string case_id = ids_.next();
    const bool sexual = std::find(concern_list_.begin(), concern_list_.end(),
                                  ConcernCategory::kSexualAbuse) != concern_list_.end();
    const bool restricted = rng.chance(sexual ? kRestrictedSexualAbuse : kRestrictedOther);
    // The days each step began, as CaseService records them on the transitions.
    auto day_if = [&](int64_t at) { return at > 0 && at <= end_ms_ ? date_value(at) : Value{}; };
    const Review* last_review = nullptr;
    for (const auto& r : tl.reviews)
      if (r.held <= end_ms_) last_review = &r;
    std::optional<std::string> closure_code;
    if (closed)
      closure_code = tl.closure ? std::string(domain::to_code(*tl.closure)) : "screened_out";
    // A case transferred to the neighbouring municipality moved there on acceptance.
    case_agency_ = now.status == S::kTransferred ? neighbour_id_ : cps_id_;
    set_row({Value{case_id},
             Value{number},
             Value{child_id},
             Value{case_agency_},
             Value{std::string(domain::to_code(now.status))},
             risk >= 0 && risk_at <= end_ms_
                 ? Value{std::string(domain::to_code(static_cast<domain::RiskLevel>(
                       last_review ? review_risk(*last_review) : risk)))}
                 : Value{},
             Value{int64_t{restricted ? 1 : 0}},
             Value{received},
             closed ? Value{now.at} : Value{},
             store::to_value(closure_code),
             Value{std::string(domain::to_code(static_cast<Urgency>(urgency)))},
             Value{received},
             Value{now.at},
             tl.screened_in ? day_if(tl.screened_at) : Value{},
             day_if(tl.assessed_at),
             day_if(tl.implemented_at),
             last_review ? date_value(last_review->held) : Value{},
             last_review ? date_value(next_review(*last_review)) : Value{},
             Value{static_cast<int64_t>(reached + 1)},
             Value{received},
             Value{now.at}});
    emit(Table::kCases);

    // The opening report, screened once the decision date has passed.
    const bool decided = tl.screened_at <= end_ms_;
    report(received, reporter, urgency, child_id, case_id, decided ? "screened" : "received",
           decided ? std::optional<std::string>(
                         domain::to_code(tl.screened_in ? domain::CaseAction::kScreenIn
                                                        : domain::CaseAction::kScreenOut))
                   : std::nullopt,
           decided ? std::optional<int64_t>(tl.screened_at) : std::nullopt, rng);
    const ConcernCategory first_concern = concern_list_.front();
    first_concerns_ = concern_list_;
    // More reports about the same child while the case is open (or about the same incident).
    const int extra = extra_reports_.pick(rng);
    for (int i = 0; i < extra; ++i) {
      const auto who = static_cast<ReporterType>(reporters_.pick(rng));
      const int64_t span_days =
          std::max<int64_t>(0, std::min(ends_at - received, 365 * kDayMs) / kDayMs);
      const int64_t day = (received / kDayMs + rng.between(0, span_days)) * kDayMs;
      const int64_t at =
          std::clamp(at_time(day, who == ReporterType::kPolice, rng), received, end_ms_);
      pick_concerns(c, rng);
      const int u = urgency_other_.pick(rng);
      report(at, who, u, child_id, case_id, "linked_to_case", std::nullopt, std::nullopt, rng);
    }

    // Every record the case holds by the reference date, its history and any transfer.
    case_records(case_id, c, first_concern, records);
    history(case_id, reached, closure_code);
    transfer(case_id, now.status, now.at, records);
    barnahus(child_id, c, case_id, received, reporter);
  }

  // The history CaseService writes on each transition: the status and the action, with the risk
  // level set when the assessment completes, the closure's time and reason, a transfer's new
  // agency; by the caseworker, or the supervisor who approves a plan or a closure.
  void history(const std::string& case_id, size_t reached,
               const std::optional<std::string>& closure_code) {
    using S = domain::CaseStatus;
    using A = domain::CaseAction;
    for (size_t i = 1; i <= reached; ++i) {
      const S from = steps_[i - 1].status, to = steps_[i].status;
      A action = A::kStartScreening;
      switch (to) {
        case S::kScreening:
          action = A::kStartScreening;
          break;
        case S::kAssessment:
          action = A::kScreenIn;
          break;
        case S::kPlanning:
          action = A::kCompleteAssessment;
          break;
        case S::kImplementation:
          action = from == S::kReview ? A::kContinueImplementation : A::kApprovePlan;
          break;
        case S::kReview:
          action = A::kStartReview;
          break;
        case S::kClosed:
          action = from == S::kScreening ? A::kScreenOut : A::kApproveClosure;
          break;
        case S::kTransferred:
          action = A::kTransfer;
          break;
        case S::kMerged:
          action = A::kMerge;
          break;
        case S::kReported:
          continue;
      }
      const bool approves =
          action == A::kApprovePlan || action == A::kApproveClosure || action == A::kTransfer;
      const std::string& by = approves ? kSupervisor : kWorker;
      const int64_t at = steps_[i].at;
      const int64_t version = static_cast<int64_t>(i) + 1;
      change(case_id, version, "status", Value{std::string(domain::to_code(from))},
             Value{std::string(domain::to_code(to))}, by, at);
      change(case_id, version, "action", Value{}, Value{std::string(domain::to_code(action))}, by,
             at);
      if (from == S::kAssessment && tl_.risk >= 0 && at == tl_.assessed_at)
        change(case_id, version, "risk_level", Value{}, Value{std::string(risk_code(tl_.risk))}, by,
               at);
      if (to == S::kClosed) {
        change(case_id, version, "closed_at", Value{}, Value{std::to_string(at)}, by, at);
        change(case_id, version, "closure_reason", Value{}, store::to_value(closure_code), by, at);
      }
      if (to == S::kTransferred)
        change(case_id, version, "agency_id", Value{cps_id_}, Value{neighbour_id_}, by, at);
    }
  }

  void change(const std::string& case_id, int64_t version, const char* field, Value old_value,
              Value new_value, const std::string& by, int64_t at) {
    set_row({Value{ids_.next()}, Value{std::string("case")}, Value{case_id}, Value{version},
             Value{std::string(field)}, std::move(old_value), std::move(new_value), Value{by},
             Value{at}, Value{case_id}});
    emit(Table::kRecordHistory);
  }

  // A transfer to the neighbouring municipality: accepted for a case that ended transferred; for
  // a few open cases one waiting for the answer, or one rejected some weeks ago.
  void transfer(const std::string& case_id, domain::CaseStatus status, int64_t at, Rng& rng) {
    using S = domain::CaseStatus;
    const bool open = status == S::kPlanning || status == S::kImplementation ||
                      status == S::kReview || status == S::kAssessment;
    std::string state;
    int64_t requested = 0, decided = 0;
    if (status == S::kTransferred) {
      state = "accepted";
      decided = at;
      requested = office(at - rng.between(2, 12) * kDayMs, rng);
    } else if (open && rng.chance(kTransferPending)) {
      state = "requested";
      requested = office(end_ms_ - rng.between(0, 9) * kDayMs, rng);
    } else if (open && rng.chance(kTransferRejected)) {
      state = "rejected";
      requested = office(end_ms_ - rng.between(20, 60) * kDayMs, rng);
      decided = office(requested + rng.between(1, 5) * kDayMs, rng);
    } else {
      return;
    }
    if (requested < tl_.received) return;  // the case did not exist yet
    const bool answered = state != "requested";
    set_row({Value{ids_.next()}, Value{case_id}, Value{cps_id_}, Value{neighbour_id_},
             Value{kWorker}, Value{requested},
             Value{std::string("The family has moved to the neighbouring municipality.")},
             Value{state}, answered ? Value{kSupervisor} : Value{},
             answered ? Value{decided} : Value{},
             Value{std::string(state == "rejected"
                                   ? "The family is still registered at the old address; "
                                     "please confirm the move first."
                                   : "")},
             Value{kWorker}, Value{int64_t{answered ? 2 : 1}}, Value{requested},
             Value{answered ? decided : requested}});
    emit(Table::kCaseTransfers);
  }

  // ---- Barnahus: a case around a child victim or witness of violence, and its timeline ----

  // The opening report's concerns decide whether the case goes to the Barnahus (and the violence
  // types and the child's role); its course is drawn around the policy's Barnahus deadlines
  // (interview, medical examination, assessment) with a share late, and nothing is dated after
  // the data's "today" but a court hearing already set. From a stream of its own.
  void barnahus(const std::string& child_id, const synth::Identity& c, const std::string& case_id,
                int64_t received, ReporterType reporter) {
    using C = ConcernCategory;
    auto has = [&](C k) {
      return std::find(first_concerns_.begin(), first_concerns_.end(), k) != first_concerns_.end();
    };
    Rng rng(o_.seed ^ kBarnahusStream, cases_made_ - 1);
    const bool sexual = has(C::kSexualAbuse), physical = has(C::kPhysicalViolence);
    const double share = sexual                                ? kBarnahusSexualAbuse
                         : has(C::kTraffickingExploitation)    ? kBarnahusTrafficking
                         : physical                            ? kBarnahusPhysical
                         : has(C::kWitnessingDomesticViolence) ? kBarnahusWitnessing
                                                               : 0.0;
    if (share == 0.0 || !rng.chance(share)) return;
    const bool witness = !sexual && !physical && !has(C::kTraffickingExploitation);
    std::string violence = "[";
    auto add_violence = [&](C k, const char* code) {
      if (!has(k)) return;
      if (violence.size() > 1) violence += ',';
      violence += '"';
      violence += code;
      violence += '"';
    };
    add_violence(C::kPhysicalViolence, "physical_abuse");
    add_violence(C::kSexualAbuse, "sexual_abuse");
    add_violence(C::kEmotionalAbuse, "psychological_abuse");
    add_violence(C::kNeglect, "neglect");
    add_violence(C::kWitnessingDomesticViolence, "witnessed_domestic_violence");
    add_violence(C::kOnlineAbuse, "online_sexual_exploitation");
    add_violence(C::kTraffickingExploitation, "trafficking");
    violence += ']';

    // Referred by the police (any hour) or a service, the same day up to three days later.
    static const Picker referrers(kBarnahusReferrers);
    int who = referrers.pick(rng);
    if (reporter == ReporterType::kPolice) who = 0;
    const char* referred_by[] = {"police", "child_protection", "health", "school"};
    const std::string* by_agency[] = {&police_id_, &cps_id_, &health_id_, &school_id_};
    const int64_t referred = std::max(
        received, at_time((received / kDayMs + rng.between(0, 3)) * kDayMs, who == 0, rng));
    if (referred > end_ms_) return;
    const int64_t ref_day = referred / kDayMs * kDayMs;
    const domain::CountryPolicy& policy = o_.policy;
    const auto& staff = barnahus_staff();
    const std::string contact(staff[0]);
    auto on_day = [&](int64_t days) { return ref_day + days * kDayMs; };
    auto deadline_days = [&](int64_t days) {
      days = std::max<int64_t>(1, days);
      return rng.chance(kBarnahusLate) ? rng.between(days + 1, days * 2) : rng.between(1, days);
    };

    // The course: interview, meetings, medical examination, assessment and therapy, court.
    const bool interviewed = rng.chance(kBarnahusInterviewed[witness ? 1 : 0]);
    const int64_t interview_days = std::max(1, policy.barnahus_interview_days);
    const int64_t interview = on_day(rng.chance(kBarnahusInterviewLate)
                                         ? rng.between(interview_days + 1, interview_days * 3)
                                         : rng.between(1, interview_days));
    const bool second = interviewed && rng.chance(kBarnahusRepeatInterview);
    const int64_t second_interview = interview + rng.between(14, 60) * kDayMs;
    const int64_t meeting = rng.chance(kBarnahusMeetingFirst)
                                ? std::max(ref_day, interview - rng.between(0, 5) * kDayMs)
                                : interview + rng.between(1, 7) * kDayMs;
    const bool court = interviewed && !witness && rng.chance(kBarnahusCourt);
    const int64_t hearing = on_day(rng.between(120, 300));
    const int64_t verdict = hearing + rng.between(14, 30) * kDayMs;
    const int64_t closing =
        (court ? verdict : on_day(rng.between(60, 150))) + rng.between(30, 120) * kDayMs;
    const bool closed = closing <= end_ms_;
    const int64_t closed_at = office(closing, rng);
    const int64_t case_end = closed ? closed_at : end_ms_;
    auto happened = [&](int64_t at) { return at <= case_end; };

    const std::string bh_id = ids_.next();
    set_row({Value{bh_id}, Value{barnahus_id_}, Value{o_.country}, Value{child_id}, Value{case_id},
             Value{std::move(violence)}, Value{std::string(witness ? "witness" : "victim")},
             Value{std::string(referred_by[who])}, Value{*by_agency[who]}, Value{referred},
             Value{contact}, Value{std::string(closed ? "closed" : "open")},
             closed ? Value{closed_at} : Value{}, Value{kWorker}, Value{int64_t{closed ? 2 : 1}},
             Value{referred}, closed ? Value{closed_at} : Value{referred}});
    emit(Table::kBarnahusCases);

    // The team: child protection sees every part, the police the interview and the court, health
    // the medical examination and therapy.
    const int64_t invited = office(std::min(referred + rng.between(0, 1) * kDayMs, end_ms_), rng);
    const std::pair<const std::string*, const char*> members[] = {
        {&cps_id_, R"(["interview","medical","therapy","court"])"},
        {&police_id_, R"(["interview","court"])"},
        {&health_id_, R"(["medical","therapy"])"}};
    for (const auto& [agency, parts] : members) {
      set_row({Value{ids_.next()}, Value{bh_id}, Value{*agency}, Value{std::string(parts)},
               Value{kWorker}, Value{invited}, Value{int64_t{1}}, Value{invited}, Value{invited},
               Value{}});
      emit(Table::kBarnahusMembers);
    }
    // Half the cases also invite the police investigator leading the case by name: a user, not
    // an agency (from a stream of its own).
    if (!investigators_.empty()) {
      Rng invite(o_.seed ^ kInviteStream, cases_made_ - 1);
      if (invite.chance(kBarnahusUserInvited)) {
        const std::string& investigator = investigators_[invite.below(investigators_.size())];
        set_row({Value{ids_.next()}, Value{bh_id}, Value{},
                 Value{std::string(R"(["interview","court"])")}, Value{kWorker}, Value{invited},
                 Value{int64_t{1}}, Value{invited}, Value{invited}, Value{investigator}});
        emit(Table::kBarnahusMembers);
      }
    }

    // Parties: the non-offending caregiver of the household, sometimes a relative as support.
    std::optional<std::string> caregiver_party;
    if (household_ && !household_->caregivers.empty()) {
      const auto& gs = household_->caregivers;
      size_t main = 0;
      for (size_t i = 0; i < gs.size(); ++i)
        if (gs[i].role == synth::CaregiverRole::kMother) {
          main = i;
          break;
        }
      auto party = [&](size_t i, const char* role, uint8_t bit) {
        std::string id = ids_.next();
        const auto& p = gs[i].person;
        set_row({Value{id}, Value{bh_id}, Value{barnahus_id_}, Value{std::string(role)},
                 Value{p.given_names + " " + p.family_name},
                 Value{std::string(caregiver_word(gs[i].role))}, Value{kWorker}, Value{int64_t{1}},
                 Value{invited}, Value{invited}});
        emit(Table::kBarnahusParties);
        party_roles_[i] |= bit;
        return id;
      };
      if (rng.chance(kBarnahusCaregiverParty))
        caregiver_party = party(main, "non_offending_caregiver", 1);
      if (gs.size() > 1 && rng.chance(kBarnahusSupportPerson))
        party((main + 1) % gs.size(), "support_person", 2);
    }

    // Meetings: planning (with the tasks of the agencies), then a review some weeks on.
    if (happened(meeting)) {
      std::string present = "[\"" + barnahus_id_ + "\",\"" + police_id_ + "\",\"" + cps_id_ + "\"";
      if (rng.chance(0.5)) present += ",\"" + health_id_ + "\"";
      present += ']';
      std::string tasks = "[{\"agency_id\":\"" + police_id_ +
                          "\",\"task\":\"Forensic interview\",\"due_on\":\"" +
                          date_of(interview).to_string() + "\"},{\"agency_id\":\"" + cps_id_ +
                          "\",\"task\":\"Protection assessment\",\"due_on\":\"" +
                          date_of(on_day(policy.barnahus_assessment_days)).to_string() + "\"}]";
      const int64_t at = office(meeting, rng);
      set_row({Value{ids_.next()}, Value{bh_id}, Value{barnahus_id_},
               Value{std::string("planning")}, date_value(at), Value{std::move(present)},
               Value{std::string(any(kBarnahusDecisions, rng))}, Value{std::move(tasks)},
               Value{kWorker}, Value{int64_t{1}}, Value{at}, Value{at}});
      emit(Table::kBarnahusMeetings);
      const int64_t review = meeting + rng.between(45, 90) * kDayMs;
      if (happened(review) && rng.chance(kBarnahusReviewMeeting)) {
        const int64_t rat = office(review, rng);
        set_row({Value{ids_.next()}, Value{bh_id}, Value{barnahus_id_},
                 Value{std::string("review")}, date_value(rat),
                 Value{"[\"" + barnahus_id_ + "\",\"" + police_id_ + "\",\"" + cps_id_ + "\"]"},
                 Value{std::string(any(kBarnahusReviewDecisions, rng))}, Value{std::string("[]")},
                 Value{kWorker}, Value{int64_t{1}}, Value{rat}, Value{rat}});
        emit(Table::kBarnahusMeetings);
      }
    }

    // Forensic interviews by the police, at the Barnahus, recorded for court.
    const bool heard = court && hearing <= end_ms_;
    auto interview_row = [&](int64_t sequence, int64_t day) {
      const int64_t at = office(day, rng);
      set_row({Value{ids_.next()}, Value{bh_id}, Value{police_id_}, Value{sequence}, date_value(at),
               Value{std::string(staff[1 + rng.below(2)])},
               Value{int64_t{rng.chance(kBarnahusTrainedInterviewer) ? 1 : 0}},
               Value{std::string(rng.chance(0.7) ? "NICHD" : "national protocol")},
               Value{int64_t{rng.chance(0.95) ? 1 : 0}},
               Value{std::string(rng.chance(0.9) ? "Barnahus" : "police station")},
               heard ? Value{int64_t{rng.chance(0.85) ? 1 : 0}} : Value{},
               sequence == 1 ? Value{} : Value{std::string(any(kBarnahusRepeatReasons, rng))},
               Value{kWorker}, Value{int64_t{1}}, Value{at}, Value{at}});
      emit(Table::kBarnahusInterviews);
    };
    if (interviewed && happened(interview)) {
      interview_row(1, interview);
      if (second && happened(second_interview)) interview_row(2, second_interview);
    }

    // The medical examination: offered for physical or sexual violence; acute ones within hours
    // (possibly before the referral), the others within the policy's days.
    std::optional<int64_t> examined;
    if ((sexual || physical) && rng.chance(kBarnahusMedicalOffered)) {
      const bool done = rng.chance(kBarnahusMedicalDone);
      const bool acute = done && rng.chance(kBarnahusAcute);
      const int64_t offered = office(ref_day + rng.between(0, 2) * kDayMs, rng);
      const int64_t exam =
          acute ? referred + rng.between(-24, policy.barnahus_acute_medical_exam_hours) * kHourMs
                : office(on_day(deadline_days(policy.barnahus_medical_exam_days)), rng);
      if (happened(offered)) {
        const bool was_done = done && exam <= end_ms_;
        if (was_done) examined = exam;
        set_row({Value{ids_.next()}, Value{bh_id}, Value{health_id_}, Value{int64_t{1}},
                 date_value(acute ? std::min(offered, exam) : offered),
                 Value{int64_t{was_done ? 1 : 0}}, was_done ? date_value(exam) : Value{},
                 Value{int64_t{acute ? 1 : 0}},
                 Value{std::string(was_done ? "Paediatrician, child and adolescent clinic" : "")},
                 Value{kWorker}, Value{int64_t{was_done ? 2 : 1}},
                 Value{std::min({offered, exam, end_ms_})},
                 Value{was_done ? std::max(offered, exam) : offered}});
        emit(Table::kBarnahusMedicalExams);
      }
    }

    // The child's mental-health assessment, then short-term therapy for some; crisis support for
    // the non-offending caregiver.
    std::optional<int64_t> therapy_offered;
    auto therapy_row = [&](const char* service, const char* recipient,
                           const std::optional<std::string>& party, int64_t offered,
                           std::optional<int64_t> started) {
      set_row({Value{ids_.next()}, Value{bh_id}, Value{barnahus_id_}, Value{std::string(service)},
               Value{std::string(recipient)}, store::to_value(party), date_value(offered),
               started ? date_value(*started) : Value{}, Value{kWorker},
               Value{int64_t{started ? 2 : 1}}, Value{offered},
               Value{started ? *started : offered}});
      emit(Table::kBarnahusTherapy);
    };
    if (rng.chance(kBarnahusAssessmentOffered)) {
      const int64_t offered = office(on_day(deadline_days(policy.barnahus_assessment_days)), rng);
      const int64_t started = office(offered + rng.between(0, 14) * kDayMs, rng);
      if (happened(offered)) {
        therapy_offered = offered;
        const bool began = happened(started) && rng.chance(0.85);
        therapy_row("mental_health_assessment", "child", std::nullopt, offered,
                    began ? std::optional<int64_t>(started) : std::nullopt);
        const int64_t more = office(started + rng.between(7, 30) * kDayMs, rng);
        if (began && happened(more) && rng.chance(kBarnahusTherapyAfterAssessment)) {
          const int64_t from = office(more + rng.between(7, 21) * kDayMs, rng);
          therapy_row("short_term_therapy", "child", std::nullopt, more,
                      happened(from) ? std::optional<int64_t>(from) : std::nullopt);
        }
      }
    }
    if (caregiver_party && rng.chance(kBarnahusCrisisSupport)) {
      const int64_t offered = office(ref_day + rng.between(0, 7) * kDayMs, rng);
      if (happened(offered))
        therapy_row(
            "crisis_support", "family_member", caregiver_party, offered,
            happened(offered + kDayMs) ? std::optional<int64_t>(offered + kDayMs) : std::nullopt);
    }

    // Court: the main hearing (set for later, or held) and the verdict.
    if (court && hearing <= end_ms_ + 90 * kDayMs) {
      const std::string court_name = "District court";
      const std::pair<const char*, int64_t> dates[] = {{"main_hearing", hearing},
                                                       {"verdict", verdict}};
      for (const auto& [kind, day] : dates) {
        if (std::string_view(kind) == "verdict" && hearing > end_ms_) break;
        const int64_t set = std::min(day - rng.between(30, 60) * kDayMs, end_ms_);
        set_row({Value{ids_.next()}, Value{bh_id}, Value{police_id_}, Value{std::string(kind)},
                 date_value(day), Value{court_name}, Value{kWorker}, Value{int64_t{1}},
                 Value{std::max(set, referred)}, Value{std::max(set, referred)}});
        emit(Table::kBarnahusCourtDates);
      }
    }

    // What the child and the caregiver were told, at every stage the case reached.
    const std::string language =
        c.languages.empty() ? std::string(country_language()) : c.languages.front();
    auto inform = [&](const char* stage, int64_t day, const char* what) {
      if (!happened(day)) return;
      const int age = age_on(c, day);
      const auto child_format = age < 7    ? domain::InformationFormat::kPictorial
                                : age < 12 ? domain::InformationFormat::kEasyRead
                                           : domain::InformationFormat::kVerbal;
      for (const bool child : {true, false}) {
        if (!child && !rng.chance(kBarnahusCaregiverInformed)) continue;
        const int64_t at = office(std::min(day, end_ms_), rng);
        set_row({Value{ids_.next()}, Value{bh_id}, Value{barnahus_id_}, date_value(at),
                 Value{std::string(stage)}, Value{std::string(what)}, Value{language},
                 Value{std::string(
                     domain::to_code(child ? child_format : domain::InformationFormat::kWritten))},
                 Value{std::string(child ? "child" : "caregiver")},
                 child ? Value{} : store::to_value(caregiver_party), Value{contact}, Value{kWorker},
                 Value{int64_t{1}}, Value{at}, Value{at}});
        emit(Table::kBarnahusInformation);
      }
    };
    inform("referral", std::min(referred + rng.between(0, 2) * kDayMs, case_end),
           "What the Barnahus is, who the contact person is, and what happens next");
    if (interviewed)
      inform("forensic_interview", interview, "How the interview is done and recorded");
    if (examined) inform("medical_examination", *examined, "What the examination involves and why");
    if (therapy_offered) inform("therapy", *therapy_offered, "The support and therapy offered");
    if (heard)
      inform("court_proceedings", hearing - rng.between(7, 21) * kDayMs,
             "The hearing, and that the recorded interview is the child's evidence");
    if (closed) inform("closure", closed_at, "That the Barnahus case is closed, and where to turn");

    // Police and prosecutor records (law-enforcement data: encrypted, kept to the police).
    if (o_.sensitive_content) {
      auto law = [&](const char* kind, int64_t at, const char* title, const char* body) {
        set_row({Value{ids_.next()}, Value{bh_id}, Value{police_id_}, Value{std::string(kind)},
                 date_value(at), Value{std::string(title)}, Value{std::string(body)},
                 Value{std::string("[]")}, Value{kWorker}, Value{int64_t{1}}, Value{at},
                 Value{at}});
        emit(Table::kBarnahusLawEnforcementRecords);
      };
      law("police_report", referred, "Police report", any(kBarnahusPoliceReports, rng));
      const int64_t note = office(referred + rng.between(10, 40) * kDayMs, rng);
      if (happened(note) && rng.chance(0.5))
        law("investigation_note", note, "Investigation note",
            any(kBarnahusInvestigationNotes, rng));
      const int64_t charged = office(hearing - rng.between(30, 60) * kDayMs, rng);
      if (court && happened(charged))
        law("prosecutor_note", charged, "Prosecutor's note", any(kBarnahusProsecutorNotes, rng));
    }
  }

  const std::array<std::string_view, 3>& barnahus_staff() const {
    for (const auto& s : kBarnahusStaff)
      if (s.country == o_.country) return s.names;
    return kBarnahusStaff[std::size(kBarnahusStaff) - 1].names;
  }

  static std::string_view caregiver_word(synth::CaregiverRole role) {
    switch (role) {
      case synth::CaregiverRole::kMother:
        return "mother";
      case synth::CaregiverRole::kFather:
        return "father";
      case synth::CaregiverRole::kStepmother:
        return "stepmother";
      case synth::CaregiverRole::kStepfather:
        return "stepfather";
      case synth::CaregiverRole::kGrandmother:
        return "grandmother";
      case synth::CaregiverRole::kGrandfather:
        return "grandfather";
      case synth::CaregiverRole::kAunt:
        return "aunt";
      case synth::CaregiverRole::kUncle:
        return "uncle";
    }
    return "relative";
  }

  // A small text document as DocumentService stores it: type, name, text/plain, size and SHA-256
  // of the content, the content itself encrypted (sensitive content only).
  void document(const std::string& case_id, const char* type, const char* name, std::string content,
                int64_t at) {
    if (!o_.sensitive_content) return;
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(content.data()),
                       content.size());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * digest.size());
    for (unsigned char b : digest) {
      hex += kHex[b >> 4];
      hex += kHex[b & 0xf];
    }
    const auto size = static_cast<int64_t>(content.size());
    set_row({Value{ids_.next()}, Value{case_id}, Value{std::string(type)}, Value{std::string(name)},
             Value{std::string("text/plain")}, Value{size}, Value{std::move(hex)},
             Value{std::move(content)}, Value{kWorker}, Value{at}, Value{kWorker},
             Value{int64_t{1}}, Value{at}, Value{at}});
    emit(Table::kCaseDocuments);
  }
  // ---- The records of a case (screening … closure), consistent with its course in tl_ ----

  static Value date_value(int64_t ms) {
    return Value{core::Date::of(core::Timestamp{ms}).to_string()};
  }
  static core::Date date_of(int64_t ms) { return core::Date::of(core::Timestamp{ms}); }

  // Days for a step with a deadline of `days`: mostly within it, about one case in twelve late.
  static int64_t late_or_within(int64_t days, int64_t least, Rng& rng) {
    if (rng.chance(kLateShare)) return rng.between(days + 1, days + std::max<int64_t>(3, days / 3));
    return rng.between(std::min(least, days), days);
  }

  int review_risk(const Review& r) const { return r.risk; }
  int64_t next_review(const Review& r) const {
    return r.held + (tl_.placed ? o_.policy.placement_review_interval_days
                                : o_.policy.review_interval_days) *
                        kDayMs;
  }

  // A time in office hours on the day of `at` (never after the end of the data's "today").
  int64_t office(int64_t at, Rng& rng) {
    return std::min(at_time(at / kDayMs * kDayMs, false, rng), end_ms_);
  }

  // Sensitive text: handed over only when the run generates it (else NULL).
  Value secret(std::string text) const {
    return o_.sensitive_content ? Value{std::move(text)} : Value{};
  }

  template <size_t N>
  static const char* any(const char* const (&texts)[N], Rng& rng) {
    return texts[rng.below(N)];
  }

  int age_on(const synth::Identity& c, int64_t at) const {
    return c.birth_date ? std::max(0, c.birth_date->years_until(date_of(at))) : 10;
  }

  void case_records(const std::string& case_id, const synth::Identity& c, ConcernCategory concern,
                    Rng& rng) {
    const Timeline& tl = tl_;
    if (tl.screened_at > end_ms_) {
      note(case_id, office(tl.received + kHourMs, rng), any(kNoteIntake, rng), rng);
      return;
    }
    const std::string child_language =
        c.languages.empty() ? std::string(country_language()) : c.languages.front();
    const bool interpreter = child_language != country_language();
    // Step 2: the screening decision, and the family told of it.
    const int64_t screened = office(tl.screened_at, rng);
    set_row({Value{ids_.next()}, Value{case_id}, date_value(screened), Value{kWorker},
             Value{int64_t{tl.screened_in ? 1 : 0}},
             Value{std::string(tl.screened_in ? any(kScreenInReasons, rng)
                                              : any(kScreenOutReasons, rng))},
             Value{int64_t{1}}, Value{screened}, Value{screened}});
    emit(Table::kScreeningDecisions);
    note(case_id, office(tl.received + kHourMs, rng), any(kNoteIntake, rng), rng);
    information(case_id, screened + rng.between(0, 3) * kDayMs, domain::CaseStage::kScreening,
                tl.screened_in ? "The decision to open an assessment, what it involves and who "
                                 "the contact person is"
                               : "The decision not to open an assessment, and where to turn for "
                                 "support",
                country_language(), domain::InformationFormat::kWritten, rng);
    if (!tl.screened_in) return;

    // Step 3: the assessment, completed with a risk level once its time has come.
    const bool assessed = tl.assessed_at <= end_ms_;
    const int64_t assessed_ms = assessed ? office(tl.assessed_at, rng) : 0;
    const std::string assessment_id = ids_.next();
    if (o_.sensitive_content) {
      domain::Assessment a;
      a.safety = any(kSafety[tl.risk < 0 ? 1 : tl.risk], rng);
      a.family_environment = any(kFamily, rng);
      if (assessed || rng.chance(0.5)) {
        a.health = any(kHealth, rng);
        a.development = any(kDevelopment, rng);
        a.education = age_on(c, screened) >= 6 ? any(kEducation, rng) : "Not yet at school.";
      }
      if (assessed) {
        a.child_views = age_on(c, screened) >= 4 ? any(kChildViews, rng)
                                                 : "Too young to give views in words; "
                                                   "observed at home with the caregivers.";
        a.risk_rationale = any(kRiskRationale[tl.risk], rng);
      }
      set_row({Value{assessment_id}, Value{case_id}, date_value(screened),
               assessed ? date_value(assessed_ms) : Value{},
               assessed ? Value{std::string(risk_code(tl.risk))} : Value{},
               Value{service::assessment_json(a).dump()}, Value{kWorker},
               Value{int64_t{assessed ? 2 : 1}}, Value{screened},
               Value{assessed ? assessed_ms : screened}});
      emit(Table::kAssessments);
    }
    note(case_id, screened + rng.between(3, 20) * kDayMs, any(kNoteAssessment, rng), rng);
    if (!assessed) return;
    risk_level(case_id, tl.risk, any(kRiskRationale[tl.risk], rng), "assessment", assessment_id,
               assessed_ms);
    if (rng.chance(kAssessmentDocument)) {
      const int64_t at = office(std::max(screened, assessed_ms - rng.between(1, 20) * kDayMs), rng);
      const size_t k = rng.below(std::size(kDocuments));
      document(case_id, kDocuments[k].type, kDocuments[k].name,
               std::string(kDocuments[k].text) + date_of(at).to_string() + ".\n", at);
    }
    participation(case_id, c, domain::CaseStage::kAssessment,
                  "Assessment of the child's needs and safety", screened + 7 * kDayMs, assessed_ms,
                  interpreter ? child_language : "", rng);

    // Closed after the assessment: no further need found, or the family declines.
    if (tl.implemented_at == 0) {
      closure(case_id, c, tl.end_at, rng);
      return;
    }

    // Step 4: the plan, approved by the supervisor on the day implementation began.
    const bool implemented = tl.implemented_at <= end_ms_;
    const int64_t planned = std::min(assessed_ms + kHourMs, end_ms_);  // begun, never after the end
    const int64_t implemented_ms = implemented ? office(tl.implemented_at, rng) : 0;
    // Handed in one to three days before the supervisor approves it (never before it was begun).
    const int64_t submitted =
        std::max(planned, at_time(tl.implemented_at / kDayMs * kDayMs, false, rng) -
                              rng.between(1, 3) * kDayMs);
    const std::string approval = implemented            ? "approved"
                                 : submitted <= end_ms_ ? "submitted"
                                                        : "draft";
    const int64_t plan_start = implemented ? implemented_ms : end_ms_;
    set_row({Value{ids_.next()}, Value{case_id}, Value{plan_goals(concern, plan_start, rng)},
             Value{std::string(age_on(c, planned) >= 4 ? any(kPlanChildViews, rng)
                                                       : "Too young to give views in "
                                                         "words; the plan follows what "
                                                         "was observed of the child.")},
             Value{std::string(any(kCaregiverViews, rng))}, Value{approval},
             approval == "draft" ? Value{} : Value{kWorker},
             approval == "draft" ? Value{} : date_value(submitted),
             implemented ? Value{kSupervisor} : Value{},
             implemented ? date_value(implemented_ms) : Value{}, Value{kWorker},
             Value{int64_t{approval == "approved"    ? 3
                           : approval == "submitted" ? 2
                                                     : 1}},
             Value{planned},
             Value{implemented           ? implemented_ms
                   : approval == "draft" ? planned
                                         : submitted}});
    emit(Table::kCasePlans);
    participation(case_id, c, domain::CaseStage::kPlanning, "The case plan", planned + kDayMs,
                  implemented ? implemented_ms : 0, interpreter ? child_language : "", rng);
    if (!implemented) return;
    const int child_age = age_on(c, implemented_ms);
    information(case_id, implemented_ms + rng.between(0, 7) * kDayMs, domain::CaseStage::kPlanning,
                "What the plan says will change, who helps, and how to ask for a change",
                child_language,
                child_age < 7    ? domain::InformationFormat::kPictorial
                : child_age < 12 ? domain::InformationFormat::kEasyRead
                                 : domain::InformationFormat::kWritten,
                rng);

    // Step 5: services and placements, and the reviews that follow them.
    const bool ended = tl.end_at <= end_ms_;
    const int64_t until = ended ? tl.end_at : end_ms_;
    const int referrals = static_cast<int>(referral_count_.pick(rng)) + 1;
    for (int i = 0; i < referrals; ++i) referral(case_id, c, concern, implemented_ms, ended, rng);
    if (tl.placed) {
      placement(case_id, c, concern, implemented_ms, ended, rng);
      if (rng.chance(kPlacementDocument)) {
        const int64_t at = office(implemented_ms + rng.between(0, 10) * kDayMs, rng);
        if (at <= end_ms_)
          document(case_id, "court_decision", "decision-placement.txt",
                   std::string(kCourtDecision) + date_of(at).to_string() + ".\n", at);
      }
    }
    for (const Review& r : tl.reviews) {
      if (r.held > end_ms_) break;
      const int64_t held = office(r.held, rng);
      const std::string review_id = ids_.next();
      set_row({Value{review_id}, Value{case_id}, date_value(held),
               Value{std::string(any(kProgress, rng))}, Value{std::string(risk_code(r.risk))},
               Value{std::string(any(kRiskRationale[r.risk], rng))},
               Value{std::string(any(kReviewDecisions, rng))}, Value{int64_t{tl.placed ? 1 : 0}},
               Value{int64_t{age_on(c, held) >= 4 && rng.chance(0.7) ? 1 : 0}},
               date_value(next_review(r)), Value{kWorker}, Value{int64_t{1}}, Value{held},
               Value{held}});
      emit(Table::kCaseReviews);
      risk_level(case_id, r.risk, any(kRiskRationale[r.risk], rng), "review", review_id, held);
    }
    // Notes while the work goes on: about one a month and a half, at most eight.
    const int64_t span = (until - implemented_ms) / kDayMs;
    const int64_t notes = std::min<int64_t>(8, span / 45);
    for (int64_t i = 0; i < notes; ++i)
      note(case_id, implemented_ms + rng.between(0, std::max<int64_t>(span, 0)) * kDayMs,
           any(kNoteWork, rng), rng);

    // Step 6: closure, or a closure waiting for the supervisor when it is due within days.
    if (tl.ending == domain::CaseStatus::kClosed) closure(case_id, c, tl.end_at, rng);
  }

  void risk_level(const std::string& case_id, int risk, const char* rationale, const char* source,
                  const std::string& source_id, int64_t at) {
    set_row({Value{ids_.next()}, Value{case_id}, Value{std::string(risk_code(risk))},
             Value{std::string(rationale)}, Value{std::string(source)}, Value{source_id},
             Value{kWorker}, Value{at}});
    emit(Table::kRiskLevels);
  }

  // The goals of a plan as CaseService stores them (service::plan_goals_json).
  std::string plan_goals(ConcernCategory concern, int64_t start, Rng& rng) {
    const GoalSet& set = goals_for(concern);
    std::vector<domain::PlanGoal> goals;
    const size_t n = std::min<size_t>(static_cast<size_t>(rng.between(1, 3)), set.goals.size());
    const size_t first = rng.below(set.goals.size());
    for (size_t g = 0; g < n; ++g) {
      const GoalText& text = set.goals[(first + g) % set.goals.size()];
      domain::PlanGoal goal{text.goal, {}};
      for (size_t a = 0; a < text.actions.size(); ++a) {
        const int64_t due = start + rng.between(30, 180) * kDayMs;
        goal.actions.push_back({text.actions[a], text.responsible[a], date_of(due),
                                due <= end_ms_ && rng.chance(0.7)});
      }
      goals.push_back(std::move(goal));
    }
    return service::plan_goals_json(goals).dump();
  }

  void referral(const std::string& case_id, const synth::Identity& c, ConcernCategory concern,
                int64_t from, bool ended, Rng& rng) {
    using RS = domain::ReferralStatus;
    const auto service = static_cast<domain::ServiceType>(
        concern == ConcernCategory::kDisabilityRelatedNeeds && rng.chance(0.7)
            ? static_cast<int>(domain::ServiceType::kDisabilitySupport)
            : services_.pick(rng));
    const int64_t referred = from + rng.between(0, 21) * kDayMs;
    RS status = RS::kProposed;
    if (referred <= end_ms_) {
      const int64_t days = (end_ms_ - referred) / kDayMs;
      if (ended) {
        status = static_cast<RS>(referral_ends_.pick(rng));
      } else if (days < 14) {
        status = RS::kReferred;
      } else if (days < 45) {
        status = rng.chance(0.8) ? RS::kAccepted : RS::kDeclinedByProvider;
      } else {
        status = rng.chance(0.75) ? RS::kInProgress : RS::kCompleted;
      }
    }
    const bool sent = status != RS::kProposed;
    const bool young_person = age_on(c, from) >= 15 && rng.chance(0.5);
    const char* consent_by = young_person ? "The young person" : any(kConsentBy, rng);
    const int64_t created = std::min(from, end_ms_);
    set_row({Value{ids_.next()}, Value{case_id}, Value{std::string(domain::to_code(service))},
             Value{std::string(any(kProviders[static_cast<size_t>(service)], rng))},
             Value{std::string(domain::to_code(status))}, sent ? date_value(referred) : Value{},
             Value{int64_t{1}}, sent ? Value{std::string(consent_by)} : Value{},
             sent ? date_value(referred) : Value{}, sent ? Value{kWorker} : Value{},
             Value{std::string()}, Value{kWorker}, Value{int64_t{sent ? 2 : 1}}, Value{created},
             Value{sent ? std::min(referred, end_ms_) : created}});
    emit(Table::kReferrals);
  }

  void placement(const std::string& case_id, const synth::Identity& c, ConcernCategory concern,
                 int64_t from, bool ended, Rng& rng) {
    const int64_t start = from + rng.between(0, 14) * kDayMs;
    if (start > end_ms_) return;
    auto type = static_cast<domain::PlacementType>(placement_types_.pick(rng));
    if (type == domain::PlacementType::kSupervisedIndependentLiving && age_on(c, start) < 16)
      type = domain::PlacementType::kFosterCare;
    const int64_t stop = ended ? std::max(tl_.end_at, start) : 0;
    std::string reviews = "[";
    const int64_t every = o_.policy.placement_review_interval_days * kDayMs;
    for (int64_t r = start + every; r <= (ended ? stop : end_ms_); r += every) {
      if (reviews.size() > 1) reviews += ',';
      reviews += '"' + date_of(r).to_string() + '"';
    }
    reviews += ']';
    const bool unaccompanied = concern == ConcernCategory::kMigrationRelated;
    const size_t reason_index = unaccompanied ? 0 : rng.below(std::size(kPlacementReasons));
    const char* reason = unaccompanied ? "Unaccompanied; no caregiver in the country."
                                       : kPlacementReasons[reason_index];
    // Where the child went (migration 0016): mostly home; those who turned 18 to their own flat.
    // One draw, as the end text's was, so the rest of the stream is unchanged.
    std::string end_text, destination;
    if (ended) {
      const uint64_t d = rng.below(20);
      if (age_on(c, stop) >= 18)
        end_text = kPlacementEnds[2], destination = "independent_living";
      else if (d < 14)
        end_text = kPlacementEnds[0], destination = "returned_to_family";
      else if (d < 18)
        end_text = kPlacementEnds[1], destination = "transferred";
      else
        end_text = "Custody transferred to the foster parents.", destination = "permanent_custody";
    }
    const std::string placement_id = ids_.next();
    set_row({Value{placement_id}, Value{case_id}, Value{std::string(domain::to_code(type))},
             Value{std::string(any(kPlacementProviders[static_cast<size_t>(type)], rng))},
             date_value(start), ended ? date_value(stop) : Value{}, Value{std::string(reason)},
             Value{std::move(end_text)}, Value{std::move(reviews)}, Value{kWorker},
             Value{int64_t{ended ? 2 : 1}}, Value{start}, Value{ended ? stop : start},
             ended ? Value{std::move(destination)} : Value{}});
    emit(Table::kPlacements);
    // The coded reasons follow the narrative (no draw of their own, so the stream is unchanged).
    const std::array<std::string_view, 2> codes =
        unaccompanied ? std::array<std::string_view, 2>{"unaccompanied", ""}
                      : kPlacementReasonCodes[reason_index];
    for (std::string_view code : codes) {
      if (code.empty()) continue;
      set_row({Value{placement_id}, Value{std::string(code)}});
      emit(Table::kPlacementEntryReasons);
    }
  }

  // Lundy: the child offered a say (from age four), heard or declining, and told what came of it.
  void participation(const std::string& case_id, const synth::Identity& c, domain::CaseStage stage,
                     const char* decision, int64_t offered, int64_t decided,
                     const std::string& interpreter, Rng& rng) {
    offered = std::min(offered, end_ms_);
    const int age = age_on(c, offered);
    if (age < 4 || !rng.chance(0.85)) return;
    const bool declined = rng.chance(0.12);
    const bool fed_back = decided > 0 && decided <= end_ms_ && !declined;
    const int64_t feedback =
        fed_back ? std::min(decided + rng.between(1, 10) * kDayMs, end_ms_) : 0;
    std::optional<std::string> format;
    if (age < 7)
      format = std::string(domain::to_code(domain::InformationFormat::kPictorial));
    else if (age < 12 && rng.chance(0.5))
      format = std::string(domain::to_code(domain::InformationFormat::kEasyRead));
    set_row(
        {Value{ids_.next()}, Value{case_id}, Value{std::string(domain::to_code(stage))},
         Value{std::string(decision)}, date_value(offered), Value{std::string(any(kSettings, rng))},
         Value{std::string(rng.chance(0.4) ? any(kSupportPersons, rng) : "")}, Value{interpreter},
         store::to_value(format), declined ? Value{} : secret(any(kViews, rng)),
         Value{int64_t{declined ? 1 : 0}},
         Value{std::string(decided > 0 ? "Caseworker and supervisor" : "")},
         Value{std::string(declined ? "" : any(kWeight, rng))},
         fed_back ? date_value(feedback) : Value{},
         Value{std::string(fed_back ? any(kFeedbackHow, rng) : "")}, Value{kWorker},
         Value{int64_t{fed_back ? 2 : 1}}, Value{offered}, Value{fed_back ? feedback : offered}});
    emit(Table::kParticipationRecords);
  }

  void information(const std::string& case_id, int64_t at, domain::CaseStage stage,
                   const char* what, std::string_view language, domain::InformationFormat format,
                   Rng& rng) {
    at = office(std::min(at, end_ms_), rng);
    set_row({Value{ids_.next()}, Value{case_id}, date_value(at),
             Value{std::string(domain::to_code(stage))}, Value{std::string(what)},
             Value{std::string(language)}, Value{std::string(domain::to_code(format))}, Value{},
             Value{kWorker}, Value{kWorker}, Value{int64_t{1}}, Value{at}, Value{at}});
    emit(Table::kInformationGiven);
  }

  void note(const std::string& case_id, int64_t at, const char* text, Rng& rng) {
    if (!o_.sensitive_content) return;
    at = office(std::min(at, end_ms_), rng);
    set_row({Value{ids_.next()}, Value{case_id}, Value{at}, date_value(at),
             Value{std::string(text)}, Value{kWorker}, Value{int64_t{1}}, Value{at}, Value{at}});
    emit(Table::kCaseNotes);
  }

  // A closure as CaseService leaves it: requested, then approved by the supervisor on the day the
  // case closed; one due within days of the data's "today" is requested and waits for approval.
  void closure(const std::string& case_id, const synth::Identity& c, int64_t at, Rng& rng) {
    const Timeline& tl = tl_;
    if (!tl.closure) return;
    const bool approved = at <= end_ms_;
    if (!approved && at - end_ms_ > kClosurePendingDays * kDayMs) return;
    const int64_t closing = approved ? office(at, rng) : office(at, rng);
    const int64_t requested =
        std::min(closing - rng.between(1, 6) * kDayMs, end_ms_ - (approved ? 0 : kHourMs));
    const auto reason = *tl.closure;
    std::string detail;
    if (reason == domain::ClosureReason::kOther) detail = any(kOtherClosure, rng);
    if (reason == domain::ClosureReason::kTransferred) detail = any(kTransferredAbroad, rng);
    const bool leaving_care = reason == domain::ClosureReason::kTurned18LeavingCare;
    set_row({Value{ids_.next()}, Value{case_id}, Value{std::string(domain::to_code(reason))},
             Value{detail}, date_value(closing),
             Value{std::string(any(kClosureSummaries[static_cast<size_t>(reason)], rng))},
             leaving_care ? secret(any(kLeavingCare, rng)) : Value{}, Value{kWorker},
             date_value(requested), approved ? Value{kSupervisor} : Value{},
             approved ? date_value(closing) : Value{}, Value{kWorker},
             Value{int64_t{approved ? 3 : 2}}, Value{requested - kHourMs},
             Value{approved ? closing : requested}});
    emit(Table::kCaseClosures);
    if (approved)
      information(case_id, closing, domain::CaseStage::kClosure,
                  "That the case is closed, why, and how to get in touch again",
                  c.languages.empty() ? country_language() : std::string_view(c.languages.front()),
                  age_on(c, closing) < 12 ? domain::InformationFormat::kEasyRead
                                          : domain::InformationFormat::kWritten,
                  rng);
  }

  std::string_view country_language() const {
    for (const auto& [cc, lang] : kCountryLanguages)
      if (cc == o_.country) return lang;
    return "en";
  }

  void pick_concerns(const synth::Identity& c, Rng& rng) {
    concern_list_.clear();
    if (c.unaccompanied) concern_list_.push_back(ConcernCategory::kMigrationRelated);
    const size_t want = static_cast<size_t>(concern_count_.pick(rng)) + 1;
    for (int tries = 0; concern_list_.size() < want && tries < 8; ++tries) {
      const auto k = static_cast<ConcernCategory>(concerns_.pick(rng));
      if (std::find(concern_list_.begin(), concern_list_.end(), k) == concern_list_.end())
        concern_list_.push_back(k);
    }
  }

  // What the reporter said, in a sentence or two (stored encrypted, as ReportService does).
  std::string narrative(ReporterType who, Rng& rng) const {
    std::string text =
        any(kNarrativeOpenings[static_cast<size_t>(who) % std::size(kNarrativeOpenings)], rng);
    text += ' ';
    text += any(kNarrativeConcerns[static_cast<size_t>(concern_list_.front()) %
                                   std::size(kNarrativeConcerns)],
                rng);
    return text;
  }

  void report(int64_t received, ReporterType who, int urgency, const std::string& child_id,
              const std::string& case_id, const char* status,
              const std::optional<std::string>& decision, std::optional<int64_t> screened_at,
              Rng& rng) {
    const Picker* channels = &ch_professional_;
    switch (who) {
      case ReporterType::kPolice:
        channels = &ch_police_;
        break;
      case ReporterType::kRelative:
      case ReporterType::kNeighbour:
      case ReporterType::kOther:
        channels = &ch_private_;
        break;
      case ReporterType::kAnonymous:
        channels = &ch_anonymous_;
        break;
      case ReporterType::kChild:
        channels = &ch_child_;
        break;
      default:
        break;
    }
    std::string concerns = "[";
    for (size_t i = 0; i < concern_list_.size(); ++i) {
      if (i) concerns += ',';
      concerns += '"';
      concerns += domain::to_code(concern_list_[i]);
      concerns += '"';
    }
    concerns += ']';
    const int64_t updated = screened_at.value_or(received);
    set_row({Value{ids_.next()}, Value{cps_id_}, Value{received},
             Value{std::string(domain::to_code(static_cast<ReportChannel>(channels->pick(rng))))},
             Value{std::string(domain::to_code(who))}, Value{std::move(concerns)},
             Value{std::string(domain::to_code(static_cast<Urgency>(urgency)))},
             Value{std::string(status)}, Value{child_id}, Value{case_id}, store::to_value(decision),
             store::to_value(screened_at), Value{int64_t{screened_at ? 2 : 1}}, Value{received},
             Value{updated}, secret(narrative(who, rng))});
    emit(Table::kReports);
  }

  synth::Corruptor corruptor_;
  const synth::NameData& names_;
  const GenerateOptions& o_;
  RecordSink& sink_;
  GenerateStats& stats_;
  IdMaker ids_;
  Picker reporters_, concerns_, concern_count_;
  Picker ch_police_, ch_professional_, ch_private_, ch_anonymous_, ch_child_;
  Picker urgency_serious_, urgency_other_;
  std::array<Picker, 3> risk_;
  Picker endings_, extra_reports_;
  std::map<int, int64_t> counters_;
  int64_t start_ms_ = 0, end_ms_ = 0;
  std::string cps_id_;
  std::vector<store::Value> row_;
  std::vector<std::string> child_ids_;
  std::vector<int64_t> first_report_;
  std::vector<ConcernCategory> concern_list_;
  std::vector<Step> steps_;
  synth::Identity damaged_;
  Timeline tl_;
  uint64_t cases_made_ = 0;
  uint64_t own_children_ = 0;
  uint64_t children_made_ = 0;
  uint64_t guardians_made_ = 0;
  uint64_t numbers_made_ = 0;
  const synth::IdentityGenerator* identities_ = nullptr;
  synth::Household adult_household_;        // drawn for a guardian's or a user's name
  std::vector<std::string> investigators_;  // the police's users, invited to Barnahus cases
  domain::MigrationStatus last_status_ = domain::MigrationStatus::kNone;
  std::vector<domain::MigrationStatus> statuses_;  // of the household's children, as written
  std::string neighbour_id_;  // the neighbouring municipality's child protection agency
  std::string police_id_, school_id_, health_id_, barnahus_id_;
  std::vector<ConcernCategory> first_concerns_;  // of the case's opening report
  // The household whose children are being generated (null for duplicates and arrivals, who come
  // without family ties), and which of its caregivers became a Barnahus party (their roles).
  const synth::Household* household_ = nullptr;
  std::vector<uint8_t> party_roles_;  // per caregiver: bit 0 non-offending, bit 1 support person
  std::string case_agency_;           // the agency the last case ended with (the child's)
  std::array<Picker, 3> drift_;
  Picker services_, referral_ends_, referral_count_, placement_types_;
  Picker disability_types_;
};

}  // namespace

const TableSpec& table_spec(Table table) {
  return kSpecs[static_cast<size_t>(table)];
}

std::string_view file_column_name(const TableSpec& spec, size_t column) {
  std::string_view name = spec.columns[column];
  if (spec.encrypted_columns[column] && name.ends_with("_ct")) name.remove_suffix(3);
  return name;
}

core::Status validate_options(const GenerateOptions& o) {
  if (std::find(core::kRegionCountries.begin(), core::kRegionCountries.end(), o.country) ==
      core::kRegionCountries.end()) {
    return core::Error::invalid("unknown country '" + o.country +
                                "': use one of DK, EE, FI, DE, IS, LV, LT, NO, PL, SE");
  }
  if (o.children < 1 || o.children > kMaxChildren) {
    return core::Error::invalid("--children must be between 1 and 10000000, not " +
                                std::to_string(o.children));
  }
  if (!(o.duplicates >= 0 && o.duplicates <= 0.5)) {
    return core::Error::invalid("--duplicates must be a share between 0 and 0.5 (e.g. 0.05)");
  }
  if (!(o.shared >= 0 && o.shared <= 0.5)) {
    return core::Error::invalid("--shared must be a share between 0 and 0.5 (e.g. 0.05)");
  }
  if (!o.shared_with.empty()) {
    if (std::find(core::kRegionCountries.begin(), core::kRegionCountries.end(), o.shared_with) ==
        core::kRegionCountries.end()) {
      return core::Error::invalid("unknown country '" + o.shared_with +
                                  "' for --shared-with: use one of DK, EE, FI, DE, IS, LV, LT, NO, "
                                  "PL, SE");
    }
    if (o.shared_with == o.country)
      return core::Error::invalid("--shared-with must name another country than --country");
  }
  if ((o.shared > 0) != !o.shared_with.empty()) {
    return core::Error::invalid(
        "--shared and --shared-with go together: the share of children also in the other "
        "country's extract, and that country");
  }
  if (o.history_years < 1 || o.history_years > 17) {
    return core::Error::invalid("the history must cover 1 to 17 years");
  }
  if (o.reference_date.year() - (o.history_years - 1) < domain::kCaseNumberMinYear ||
      o.reference_date.year() > 9000) {
    return core::Error::invalid("--reference-date must lie between 2016 and 9000");
  }
  return core::ok_status();
}

core::Result<GenerateStats> generate_population(const synth::NameData& names,
                                                const GenerateOptions& options, RecordSink& sink,
                                                const RunControl& control) {
  if (auto valid = validate_options(options); !valid.ok()) return valid.error();
  synth::GeneratorOptions gen_options;
  gen_options.reference_date = options.reference_date;
  auto gen = synth::IdentityGenerator::create(names, options.country, gen_options);
  if (!gen.ok()) return gen.error();

  GenerateStats stats;
  Builder b(names, options, sink, stats);
  b.set_identities(&*gen);
  b.agencies();
  synth::Household hh;
  int64_t done = 0, reported = 0;
  for (uint64_t h = 0; done < options.children; ++h) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) {
      return core::Error::unavailable("interrupted");
    }
    Rng names_rng(options.seed, 2 * h);
    Rng events_rng(options.seed, 2 * h + 1);
    gen->generate_household_into(names_rng, hh);
    const size_t take = static_cast<size_t>(
        std::min<int64_t>(static_cast<int64_t>(hh.children.size()), options.children - done));
    b.household(hh, take, events_rng);
    sink.household_done();
    done += static_cast<int64_t>(take);
    if (control.progress && done - reported >= 1000) {
      control.progress(done);
      reported = done;
    }
  }
  if (options.arrivals) {
    uint64_t i = 0;
    for (const SharedChild& a : *options.arrivals) {
      if (control.cancel && control.cancel->load(std::memory_order_relaxed)) {
        return core::Error::unavailable("interrupted");
      }
      b.arrival(a, i++);
      sink.household_done();
      ++done;
      if (control.progress && done - reported >= 1000) {
        control.progress(done);
        reported = done;
      }
    }
  }
  b.counters();
  stats.children = done;
  if (control.progress) control.progress(done);
  return stats;
}

core::Status write_truth_csv(const std::string& path, const std::vector<DuplicatePair>& pairs) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return core::Error::invalid("cannot write the truth file " + path);
    out << "original_id,duplicate_id,damage\n";
    for (const auto& p : pairs)
      out << p.original_id << ',' << p.duplicate_id << ',' << p.damage << '\n';
    out.flush();
    if (!out) return core::Error::internal("writing the truth file " + path + " failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    return core::Error::internal("cannot move the truth file into place at " + path + ": " +
                                 ec.message());
  return core::ok_status();
}

GenerateOptions second_extract_options(const GenerateOptions& first, GenerateStats& first_stats) {
  GenerateOptions o;
  o.country = first.shared_with;
  o.children = first.children;
  const uint64_t salt = o.country.size() == 2 ? (static_cast<uint64_t>(o.country[0]) << 8) |
                                                    static_cast<uint64_t>(o.country[1])
                                              : 0;
  o.seed = synth::mix64(first.seed ^ (salt * 0x9e3779b97f4a7c15ULL));
  o.duplicates = 0;
  o.reference_date = first.reference_date;
  o.end_ms = first.end_ms;
  o.history_years = first.history_years;
  o.sensitive_content = first.sensitive_content;
  o.arrivals = std::make_shared<const std::vector<SharedChild>>(std::move(first_stats.emigrants));
  first_stats.emigrants.clear();
  return o;
}

std::vector<SharedPair> shared_pairs(const GenerateOptions& second,
                                     const GenerateStats& second_stats) {
  std::vector<SharedPair> out;
  if (!second.arrivals) return out;
  const size_t n = std::min(second.arrivals->size(), second_stats.arrival_ids.size());
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const SharedChild& a = (*second.arrivals)[i];
    out.push_back({a.home_id, second_stats.arrival_ids[i], a.changes});
  }
  return out;
}

core::Status write_shared_truth_csv(const std::string& path, std::string_view first_country,
                                    std::string_view second_country,
                                    const std::vector<SharedPair>& pairs) {
  auto lower = [](std::string_view cc) {
    std::string s(cc);
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return core::Error::invalid("cannot write the truth file " + path);
    out << lower(first_country) << "_id," << lower(second_country) << "_id,changes\n";
    for (const auto& p : pairs) out << p.first_id << ',' << p.second_id << ',' << p.changes << '\n';
    out.flush();
    if (!out) return core::Error::internal("writing the truth file " + path + " failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    return core::Error::internal("cannot move the truth file into place at " + path + ": " +
                                 ec.message());
  return core::ok_status();
}

}  // namespace haven::service::generate
