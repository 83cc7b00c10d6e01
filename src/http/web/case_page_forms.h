// The forms of the case page as models for the `case_form` partial: each form is a list of field
// groups built from the record it edits (or empty for a new one), filled instead with what the
// worker typed when that form came back with errors, its errors beside the fields and in the page's
// summary, and after a stale version a table of what is saved now beside what the worker typed.
// Also the catalog labels of the codes the case page shows (status, risk, service types, …).
#pragma once

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/web/case_page.h"
#include "http/web/code_labels.h"

namespace haven::service {
struct ReferralRecord;
struct PlacementRecord;
struct ParticipationEntry;
}  // namespace haven::service

namespace haven::http::web {

// Plan rows offered without JavaScript: empty rows are ignored when the plan is saved.
inline constexpr int kPlanGoalRows = 3;
inline constexpr int kPlanActionRows = 2;

class CaseForms {
 public:
  // `c` is the case as CaseService::get answers it (read after any failed write, so an update
  // form's hidden version is the one saved now).
  CaseForms(Site& site, const Visitor& v, const nlohmann::json& c, const CaseFormState& state);

  mstch::map screening();
  mstch::map assessment();
  // The plan to edit (a draft or returned plan, else a new one); nullopt while one is submitted
  // or approved.
  std::optional<mstch::map> plan();
  mstch::map plan_return();
  mstch::map review();
  mstch::map closure();
  // A new record's form, or, given a saved record, the form that changes it: its id is
  // edit_form_id(kind, record id), it carries the record's id and version, and a stale version
  // comes back as the conflict view.
  mstch::map referral(const service::ReferralRecord* saved = nullptr);
  mstch::map placement(const service::PlacementRecord* saved = nullptr);
  mstch::map participation(const service::ParticipationEntry* saved = nullptr);
  static std::string edit_form_id(std::string_view kind, const std::string& record_id) {
    return std::string(kind) + "-" + record_id;
  }
  mstch::map information();
  mstch::map note();
  // The upload form (multipart/form-data): a document type and the file, with the size limit and
  // the kinds of file kept said beside the file input (the hint every kFile input carries).
  mstch::map document();

  // The errors of the failed form for the summary at the top, linked to their inputs.
  const std::vector<FieldMessage>& page_errors() const { return page_errors_; }
  // True when a form kept over a sign-in was rendered as a conflict: its record changed since the
  // worker read it.
  bool resumed_conflict() const { return resumed_conflict_; }

  // kCheckboxGroup: a fieldset with its label as legend and one box per option, each posted as
  // <name>_<code>=1; its value is the ticked codes joined by commas.
  enum class Kind { kText, kDate, kTextarea, kSelect, kCheckbox, kNumber, kFile, kCheckboxGroup };
  struct FieldSpec {
    std::string name;
    std::string label;  // already translated
    Kind kind = Kind::kText;
    bool required = false;
    std::vector<std::pair<std::string, std::string>> options;  // value, label
    std::string saved;  // the value saved now ("" for a new record; "1" for a ticked box)
  };
  struct Group {
    std::string legend;  // "" for none
    std::vector<FieldSpec> fields;
  };
  struct FormSpec {
    std::string id;         // "assessment": the anchor and the input id prefix
    std::string title_key;  // the form's heading
    std::string path;       // POST target under /cases/{id}
    std::string submit_key;
    std::vector<std::pair<std::string, std::string>> hidden;
    std::vector<Group> groups;  // a kFile field makes the form multipart/form-data
  };

 private:
  mstch::map render(const FormSpec& spec);
  // What a file input accepts and the size limit, in the visitor's language.
  std::string file_hint() const;
  FieldSpec text(const std::string& name, std::string_view label_key, Kind kind,
                 const std::string& saved, bool required = false) const;
  FieldSpec select(const std::string& name, std::string_view label_key,
                   const std::vector<std::string>& codes, std::string_view code_prefix,
                   const std::string& saved, bool required = false) const;
  // The country's extra fields for `record_type`, named cf_<name>, from `saved` custom_fields.
  std::vector<FieldSpec> custom_fields(std::string_view record_type,
                                       const nlohmann::json& saved) const;

  Site& site_;
  const Visitor& v_;
  const nlohmann::json& c_;
  const CaseFormState& state_;
  std::vector<FieldMessage> page_errors_;
  bool resumed_conflict_ = false;
};

}  // namespace haven::http::web
