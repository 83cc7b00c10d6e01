// The case page's history table: the fields every service writes to a case's history (see the
// fields_of() of each service and the changes they record), each with its label's catalog key and
// how its values read.
#include "http/web/case_history.h"

#include <charconv>
#include <optional>
#include <string_view>

#include "domain/person.h"
#include "domain/person_types.h"
#include "http/web/catalog.h"
#include "http/web/code_labels.h"
#include "service/app.h"
#include "service/user_names.h"

namespace haven::http::web {

void UserNames::preload(const std::vector<std::string>& ids) {
  auto found = service::user_display_names(app_.db, ids);
  if (!found.ok()) return;
  for (const auto& id : ids) {
    auto it = found->find(id);
    names_.emplace(id, it == found->end() ? id : it->second);
  }
}

const std::string& UserNames::of(const std::string& id) {
  auto it = names_.find(id);
  if (it != names_.end()) return it->second;
  std::string name = id;
  if (auto u = app_.users.view(id); u.ok()) name = u->display_name;
  return names_.emplace(id, name).first->second;
}

namespace {

// How a history value reads.
enum class HistoryValue {
  kText,    // as stored: free text, a date, a file name
  kCode,    // a code, in words (code_label with the field's prefix)
  kCodes,   // codes in a JSON list or separated by commas, each in words
  kList,    // a JSON list of texts (names, language codes, dates), joined with commas
  kFlag,    // "true" or "false": yes or no
  kTime,    // milliseconds since the epoch
  kBytes,   // a size in bytes, in KB as the documents list shows it
  kUser,    // a user's id: their name
  kTeam,    // a team's id: its name
  kAgency,  // an agency's id: its name
  kParty,   // the id of the case's child or of a person around the child: their name
  kGoals,   // a plan's goals (JSON): each goal's text with its actions
  kCustom,  // country form values (JSON): each field's label and value
};
using V = HistoryValue;

// A field a history row names in the reader's language: its label's catalog key and how its values
// read. `prefix` is the code_label prefix of kCode and kCodes, and the form's record type for
// kCustom (config/forms/<country>.toml).
struct HistoryField {
  const char* label_key;
  HistoryValue value = V::kText;
  const char* prefix = nullptr;
};

// Every (record type, field) a service files under a case, as history stores them. A sensitive
// field (a note's text, a narrative, the child's views, contact details) is listed for its label;
// its value always reads "changed". A row not listed here names its record and field as stored.
const std::map<std::string, HistoryField, std::less<>> kHistoryFields = {
    // CaseService (transitions, assignment), ReportService (intake), TransferService (the agency
    // taking the case over), MergeService (a case moved to the surviving child), the risk level
    // set by an assessment or a review.
    {"case.status", {"case.header.status", V::kCode, "status."}},
    {"case.action", {"case.history.field.action", V::kCode, "case.action."}},
    {"case.risk_level", {"case.header.risk", V::kCode, "risk."}},
    {"case.closure_reason", {"case.closure.reason", V::kCode, "case.closure.reason."}},
    {"case.closed_at", {"case.history.field.closed_at", V::kTime}},
    {"case.assigned_worker_id", {"case.header.worker", V::kUser}},
    {"case.case_number", {"mywork.col.case"}},
    {"case.team_id", {"case.history.field.team", V::kTeam}},
    {"case.restricted", {"case.flag.restricted", V::kFlag}},
    {"case.custom_fields", {"case.history.field.custom_fields", V::kCustom, "case"}},
    {"case.custom_fields_sensitive", {"case.history.field.custom_fields"}},
    {"case.last_review_on", {"case.history.field.last_review_on"}},
    {"case.next_review_on", {"case.review.next_review_on"}},
    {"case.reopen_reason", {"case.history.field.reopen_reason"}},
    {"case.agency_id", {"account.agency", V::kAgency}},
    {"case.child_id", {"referral.review.child", V::kParty}},
    {"child.agency_id", {"account.agency", V::kAgency}},
    // ReportService.
    {"report.reporter_type", {"intake.reporter_type", V::kCode, "reporter."}},
    {"report.urgency", {"intake.urgency", V::kCode, "risk."}},
    {"report.narrative", {"intake.narrative"}},
    {"report.custom_fields", {"case.history.field.custom_fields", V::kCustom, "report"}},
    {"report.custom_fields_sensitive", {"case.history.field.custom_fields"}},
    {"report.child_id", {"referral.review.child", V::kParty}},
    // CaseRecordService: screening, assessment, plan, review, closure; CaseService: a plan's
    // approval and a closure's request, approval or return.
    {"screening_decision.open_assessment",
     {"case.screening.decision", V::kCode, "case.screening.open_assessment."}},
    {"screening_decision.reasons", {"case.screening.reasons"}},
    {"assessment.content", {"case.assessment.sections"}},
    {"assessment.completed_on", {"case.assessment.completed_on"}},
    {"assessment.risk_level", {"case.assessment.risk_level", V::kCode, "risk."}},
    {"assessment.custom_fields", {"case.history.field.custom_fields", V::kCustom, "assessment"}},
    {"assessment.custom_fields_sensitive", {"case.history.field.custom_fields"}},
    {"case_plan.goals", {"case.plan.goals_caption", V::kGoals}},
    {"case_plan.child_views", {"case.plan.child_views"}},
    {"case_plan.caregiver_views", {"case.plan.caregiver_views"}},
    {"case_plan.approval", {"case.section.plan", V::kCode, "case.plan.state."}},
    {"case_plan.approval_comment", {"case.closure.return_comment"}},
    {"case_plan.approved_by", {"case.plan.approved_by", V::kUser}},
    {"case_plan.custom_fields", {"case.history.field.custom_fields", V::kCustom, "plan"}},
    {"case_plan.custom_fields_sensitive", {"case.history.field.custom_fields"}},
    {"review.progress", {"case.review.progress"}},
    {"review.risk_level", {"case.assessment.risk_level", V::kCode, "risk."}},
    {"review.decisions", {"case.review.decisions"}},
    {"closure.reason", {"case.closure.reason", V::kCode, "case.closure.reason."}},
    {"closure.reason_detail", {"case.closure.reason_detail"}},
    {"closure.closing_on", {"case.closure.closing_on"}},
    {"closure.summary", {"case.closure.summary"}},
    {"closure.leaving_care_plan", {"case.closure.leaving_care_plan"}},
    {"closure.requested_by", {"case.plan.submitted_by", V::kUser}},
    {"closure.approved_by", {"case.plan.approved_by", V::kUser}},
    {"closure.returned_by", {"case.history.field.returned_by", V::kUser}},
    {"closure.return_comment", {"case.closure.return_comment"}},
    // CaseNoteService.
    {"case_note.text", {"case.note.text"}},
    {"case_note.occurred_on", {"case.note.occurred_on"}},
    // ReferralService (services the child is referred to).
    {"referral.service_type", {"case.referral.service_type", V::kCode, "case.service."}},
    {"referral.provider", {"case.referral.provider"}},
    {"referral.status", {"case.referral.status", V::kCode, "case.referral.status."}},
    {"referral.referred_on", {"case.referral.referred_on"}},
    {"referral.notes", {"case.referral.notes"}},
    {"referral.consent_required", {"case.history.field.consent_required", V::kFlag}},
    {"referral.consent.given_by", {"case.referral.consent_given_by"}},
    {"referral.consent.given_on", {"case.referral.consent_given_on"}},
    {"referral.consent.recorded_by", {"case.history.field.consent_recorded_by", V::kUser}},
    {"referral.consent_override.supervisor_id", {"case.history.field.override_by", V::kUser}},
    {"referral.consent_override.reason", {"case.referral.override_reason"}},
    {"referral.consent_override.on", {"case.history.field.override_on"}},
    // PlacementService.
    {"placement.type", {"case.placement.type", V::kCode, "case.placement.type."}},
    {"placement.provider", {"case.placement.provider"}},
    {"placement.start_on", {"case.placement.start_on"}},
    {"placement.end_on", {"case.placement.end_on"}},
    {"placement.entry_reasons", {"placement.entry_reasons", V::kCodes, "placement.entry_reason."}},
    {"placement.reason", {"case.placement.reason"}},
    {"placement.end_reason", {"case.placement.end_reason"}},
    {"placement.exit_destination",
     {"placement.exit_destination", V::kCode, "placement.exit_destination."}},
    {"placement.review_dates", {"case.history.field.review_dates", V::kList}},
    // ParticipationService: how the child was heard (Lundy's space, voice, audience, influence)
    // and what the child was told.
    {"participation_record.stage", {"case.participation.stage", V::kCode, "case.stage."}},
    {"participation_record.decision", {"case.participation.decision"}},
    {"participation_record.space.offered_on", {"case.participation.offered_on"}},
    {"participation_record.space.setting", {"case.participation.setting"}},
    {"participation_record.space.support_person", {"case.participation.support_person"}},
    {"participation_record.space.interpreter_language",
     {"case.participation.interpreter_language"}},
    {"participation_record.space.accessible_format",
     {"case.information.format", V::kCode, "case.format."}},
    {"participation_record.voice.views", {"case.participation.views"}},
    {"participation_record.voice.declined", {"case.participation.declined", V::kFlag}},
    {"participation_record.audience.decision_maker", {"case.participation.decision_maker"}},
    {"participation_record.influence.weight_given", {"case.participation.weight_given"}},
    {"participation_record.influence.feedback_given_on", {"case.participation.feedback_given_on"}},
    {"participation_record.influence.feedback_how", {"case.participation.feedback_how"}},
    {"information_given.given_on", {"case.information.given_on"}},
    {"information_given.stage", {"case.participation.stage", V::kCode, "case.stage."}},
    {"information_given.what", {"case.information.what"}},
    {"information_given.language", {"case.history.field.language"}},
    {"information_given.format", {"case.information.format", V::kCode, "case.format."}},
    {"information_given.recipient_person_id", {"barnahus.information.recipient", V::kParty}},
    {"information_given.given_by", {"barnahus.information.given_by", V::kUser}},
    // DocumentService.
    {"case_document.document_type", {"case.document.type", V::kCode, "case.document.type."}},
    {"case_document.original_name", {"case.document.file"}},
    {"case_document.media_type", {"case.history.field.media_type"}},
    {"case_document.size_bytes", {"case.history.field.size", V::kBytes}},
    {"case_document.sha256", {"case.history.field.checksum"}},
    // PersonService: the persons around the child and their relationships.
    {"person.given_names", {"intake.given_names"}},
    {"person.family_names", {"intake.family_names"}},
    {"person.names_original_script", {"intake.names_original_script"}},
    {"person.other_names", {"case.history.field.other_names", V::kList}},
    {"person.description", {"referral.field.description"}},
    {"person.sex", {"intake.sex", V::kCode, "intake.sex."}},
    {"person.birth_date", {"intake.birth_date"}},
    {"person.birth_date_estimated", {"intake.birth_date_estimated", V::kFlag}},
    {"person.roles", {"case.history.field.roles", V::kCodes, "case.person.role."}},
    {"person.languages", {"referral.field.languages", V::kList}},
    {"person.interpreter_needed", {"case.flag.interpreter", V::kFlag}},
    {"person.phone", {"case.history.field.phone"}},
    {"person.email", {"case.history.field.email"}},
    {"person.address", {"case.history.field.address"}},
    {"person.identity_numbers", {"case.history.field.identity_numbers"}},
    {"relationship.from_id", {"case.history.field.related_person", V::kParty}},
    {"relationship.type", {"case.history.field.relationship", V::kCode, "case.relationship.type."}},
    {"relationship.to_id", {"case.history.field.related_to", V::kParty}},
    {"relationship.parental_responsibility",
     {"case.history.field.parental_responsibility", V::kFlag}},
    {"relationship.lives_with", {"case.history.field.lives_with", V::kFlag}},
    {"relationship.note", {"case.note.text"}},
    {"relationship.valid_from", {"case.placement.start_on"}},
    {"relationship.valid_to", {"case.placement.end_on"}},
    // CrossBorderReferralService (exchange/referral_service.cpp): a referral to or from another
    // country's authority; its fields and answer are sensitive.
    {"transnational_referral.request_type", {"referral.col.type", V::kCode, "referral.type."}},
    {"transnational_referral.partner", {"referral.col.partner"}},
    {"transnational_referral.status", {"referral.detail.title", V::kCode, "referral.status."}},
    {"transnational_referral.legal_basis", {"referral.detail.legal_basis"}},
    {"transnational_referral.purpose", {"referral.detail.purpose"}},
    {"transnational_referral.fields", {"referral.detail.fields"}},
    {"transnational_referral.answer", {"referral.field.answer"}},
    {"transnational_referral.reason", {"referral.form.reason"}},
    {"transnational_referral.approved_by", {"case.plan.approved_by", V::kUser}},
    {"transnational_referral.message_id", {"case.history.field.message_id"}},
    {"transnational_referral.answer_message_id", {"case.history.field.answer_message_id"}},
    // TransferService: a transfer to another agency, asked and answered.
    {"case_transfer.to_agency_id", {"case.history.field.transfer_to", V::kAgency}},
    {"case_transfer.reason", {"case.history.field.transfer_reason"}},
    {"case_transfer.state", {"case.history.field.transfer", V::kCode, "case.transfer.state."}},
    {"case_transfer.decided_by", {"case.history.field.decided_by", V::kUser}},
    {"case_transfer.comment", {"case.action.comment"}},
};

// The record each kind of history row belongs to, in the table's "Part of the case" column: a
// participation record's "Stage" and an information log's "Stage" read alike without it. A kind not
// listed here shows as stored.
const std::map<std::string, const char*, std::less<>> kRecordKinds = {
    {"case", "case.history.record.case"},
    {"child", "case.history.record.child"},
    {"report", "case.history.record.report"},
    {"screening_decision", "case.history.record.screening_decision"},
    {"assessment", "case.history.record.assessment"},
    {"case_plan", "case.history.record.case_plan"},
    {"review", "case.history.record.review"},
    {"closure", "case.history.record.closure"},
    {"case_note", "case.history.record.case_note"},
    {"referral", "case.history.record.referral"},
    {"placement", "case.history.record.placement"},
    {"participation_record", "case.history.record.participation_record"},
    {"information_given", "case.history.record.information_given"},
    {"case_document", "case.history.record.case_document"},
    {"person", "case.history.record.person"},
    {"relationship", "case.history.record.relationship"},
    {"transnational_referral", "case.history.record.transnational_referral"},
    {"case_transfer", "case.history.record.case_transfer"},
};

const HistoryField* history_field_of(const service::HistoryEntry& e) {
  auto f = kHistoryFields.find(e.entity + "." + e.field);
  return f == kHistoryFields.end() ? nullptr : &f->second;
}

// The texts of a JSON list (other values as JSON); nullopt when the text is not a list.
std::optional<std::vector<std::string>> json_list_texts(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& x : j) out.push_back(x.is_string() ? x.get<std::string>() : x.dump());
  return out;
}

// A string member of a JSON object ("" when absent, null or not a string).
std::string json_text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string join_texts(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// How the values of one page's history read: the names it needs are read once each, the persons
// around the child only if a change names one.
class HistoryValues {
 public:
  HistoryValues(Site& site, const Visitor& v, const service::Actor& actor, const nlohmann::json& c,
                UserNames& users)
      : site_(site), v_(v), actor_(actor), c_(c), users_(users) {}

  // A stored value (not empty, not sensitive) as the reader reads it.
  std::string text(const HistoryField& f, const std::string& value) {
    switch (f.value) {
      case V::kText:
        return value;
      case V::kCode:
        return code_label(site_, v_, f.prefix, value);
      case V::kCodes: {
        std::vector<std::string> codes;
        if (auto list = json_list_texts(value)) {
          codes = std::move(*list);
        } else {
          for (size_t at = 0; at <= value.size();) {
            size_t comma = value.find(',', at);
            if (comma == std::string::npos) comma = value.size();
            codes.push_back(value.substr(at, comma - at));
            at = comma + 1;
          }
        }
        for (auto& code : codes) code = code_label(site_, v_, f.prefix, code);
        return join_texts(codes, ", ");
      }
      case V::kList: {
        auto list = json_list_texts(value);
        return list ? join_texts(*list, ", ") : value;
      }
      case V::kFlag:
        if (value == "true") return site_.t(v_, "common.yes");
        if (value == "false") return site_.t(v_, "common.no");
        return value;
      case V::kTime:
        if (auto ms = number(value)) return format_date_time(*ms, v_.lang);
        return value;
      case V::kBytes:
        if (auto bytes = number(value))
          return format_number((*bytes + 1023) / 1024, v_.lang) + " KB";
        return value;
      case V::kUser:
        return users_.of(value);
      case V::kTeam:
        return team(value);
      case V::kAgency:
        return agency(value);
      case V::kParty:
        return party(value);
      case V::kGoals:
        return goals(value);
      case V::kCustom:
        return custom(f.prefix, value);
    }
    return value;
  }

 private:
  static std::optional<int64_t> number(const std::string& text) {
    int64_t n = 0;
    const char* end = text.data() + text.size();
    if (std::from_chars(text.data(), end, n).ptr != end) return std::nullopt;
    return n;
  }

  std::string changed() const { return site_.t(v_, "case.history.changed"); }

  const std::string& team(const std::string& id) {
    auto it = teams_.find(id);
    if (it != teams_.end()) return it->second;
    std::string name = id;
    if (auto found = service::team_names(site_.app().db, {id}); found.ok())
      if (auto t = found->find(id); t != found->end()) name = t->second;
    return teams_.emplace(id, name).first->second;
  }

  const std::string& agency(const std::string& id) {
    auto it = agencies_.find(id);
    if (it != agencies_.end()) return it->second;
    auto a = site_.app().agencies.resolve(id);
    return agencies_.emplace(id, a.ok() && a->id == id ? a->name : id).first->second;
  }

  // The case's child by the name the header shows; a person around the child by name, read
  // through PersonService (authorized and audited like any read of them), except an alleged
  // perpetrator, whose every field the history keeps sensitive; an id not found names itself.
  std::string party(const std::string& id) {
    const auto child = c_.find("child");
    const std::string child_id =
        child != c_.end() && child->is_object() ? json_text(*child, "id") : std::string();
    if (!child_id.empty() && child_id == id)
      return join_texts({json_text(*child, "given_names"), json_text(*child, "family_names")}, " ");
    if (!persons_) {
      persons_.emplace();
      if (!child_id.empty())
        if (auto list = site_.app().persons.list(actor_, child_id); list.ok())
          for (const auto& p : *list)
            persons_->emplace(p.person.id,
                              domain::has_role(p.person, domain::PersonRole::kAllegedPerpetrator)
                                  ? std::nullopt
                                  : std::optional(join_texts(
                                        {p.person.given_names, p.person.family_names}, " ")));
    }
    auto it = persons_->find(id);
    if (it == persons_->end()) return id;
    return it->second ? *it->second : changed();
  }

  // Each goal's text, its actions in brackets: "Regular meals (Parenting support); …".
  std::string goals(const std::string& text) const {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return changed();
    std::vector<std::string> out;
    for (const auto& g : j) {
      if (!g.is_object()) continue;
      std::vector<std::string> actions;
      for (const auto& a : g.value("actions", nlohmann::json::array()))
        if (a.is_object()) actions.push_back(json_text(a, "description"));
      std::string goal = json_text(g, "description");
      if (const std::string list = join_texts(actions, ", "); !list.empty())
        goal += " (" + list + ")";
      out.push_back(std::move(goal));
    }
    return join_texts(out, "; ");
  }

  // Each value under its label in the country's form ("Reported to the police: No; …"), in the
  // form's order; a value the form no longer defines, under its stored name.
  std::string custom(const char* record_type, const std::string& text) const {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return changed();
    const auto& defs = site_.app().forms.fields(json_text(c_, "country"), record_type);
    std::vector<std::string> out;
    auto one = [&](const std::string& name, const nlohmann::json& value,
                   const domain::FieldDefinition* def) {
      auto option = [&](const std::string& code) {
        if (def)
          for (const auto& o : def->options)
            if (o.code == code) return label_in(o.labels, v_.lang);
        return code;
      };
      std::string shown;
      if (value.is_boolean()) {
        shown = site_.t(v_, value.get<bool>() ? "common.yes" : "common.no");
      } else if (value.is_string()) {
        shown = option(value.get<std::string>());
      } else if (value.is_array()) {
        std::vector<std::string> parts;
        for (const auto& x : value)
          parts.push_back(x.is_string() ? option(x.get<std::string>()) : x.dump());
        shown = join_texts(parts, ", ");
      } else if (!value.is_null()) {
        shown = value.dump();
      }
      const std::string label = def ? label_in(def->labels, v_.lang) : name;
      out.push_back((label.empty() ? name : label) + ": " + shown);
    };
    for (const auto& def : defs)
      if (j.contains(def.name)) one(def.name, j[def.name], &def);
    for (const auto& [name, value] : j.items()) {
      bool defined = false;
      for (const auto& def : defs) defined = defined || def.name == name;
      if (!defined) one(name, value, nullptr);
    }
    return join_texts(out, "; ");
  }

  Site& site_;
  const Visitor& v_;
  const service::Actor& actor_;
  const nlohmann::json& c_;
  UserNames& users_;
  std::map<std::string, std::string> teams_;
  std::map<std::string, std::string> agencies_;
  std::optional<std::map<std::string, std::optional<std::string>>> persons_;  // read when needed
};

}  // namespace

bool names_a_user(const service::HistoryEntry& entry) {
  const HistoryField* f = history_field_of(entry);
  return f != nullptr && f->value == V::kUser;
}

mstch::array history_rows(Site& site, const Visitor& v, const service::Actor& actor,
                          const nlohmann::json& c, const service::RecentHistory& history,
                          UserNames& names) {
  HistoryValues values(site, v, actor, c, names);
  mstch::array rows;
  for (const auto& e : history.entries) {  // newest first
    const bool sensitive = e.sensitive;
    std::string old_value = sensitive ? "" : e.old_value.value_or("");
    std::string new_value =
        sensitive ? site.t(v, "case.history.changed") : e.new_value.value_or("");
    std::string what = e.entity + " · " + e.field;
    const auto kind = kRecordKinds.find(e.entity);
    std::string record = kind == kRecordKinds.end() ? e.entity : site.t(v, kind->second);
    if (const HistoryField* f = history_field_of(e)) {
      what = site.t(v, f->label_key);
      if (!sensitive)
        for (std::string* value : {&old_value, &new_value})
          if (!value->empty()) *value = values.text(*f, *value);
    }
    // A field made empty with its record (services file "" or [] where there was nothing) shows
    // the reader nothing changed: no row for it.
    if (!sensitive && old_value.empty() && new_value.empty()) continue;
    rows.push_back(mstch::map{{"when", format_date_time(e.changed_at, v.lang)},
                              {"who", names.of(e.changed_by)},
                              {"record", std::move(record)},
                              {"what", what},
                              {"old", old_value},
                              {"has_old", !old_value.empty()},
                              {"new", new_value},
                              {"sensitive", sensitive}});
  }
  return rows;
}

}  // namespace haven::http::web
