// The Barnahus pages ([J1], docs/BARNAHUS.md "Pages") and what they share: the home page with the
// coordinator's overdue dashboard and opening a case (barnahus_home_page.cpp), the case page with
// its team, parties and one timeline (barnahus_case_page.cpp), the quality-standards report and the
// staff training records (barnahus_report_pages.cpp). Every page calls BarnahusService only, so
// the policy, validation and audit are the JSON API's. The helpers below build the models of the
// `barnahus_form` partial: a field of form F named N has the id "field-F-N", and its error (a
// FieldMessage whose field is "F-N") links there from the error summary.
#pragma once

#include <memory>
#include <mstch/mstch.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "http/web/site.h"
#include "service/identity.h"

namespace haven::http {
class Router;
class RequestContext;
}  // namespace haven::http

namespace haven::http::web {

// /barnahus, /barnahus/cases/new, /barnahus/cases/{id} and its forms, /barnahus/quality,
// /barnahus/training.
void register_barnahus_pages(Router& router, std::shared_ptr<Site> site);

namespace barnahus {

void register_home_pages(Router& router, std::shared_ptr<Site> site);
void register_case_pages(Router& router, std::shared_ptr<Site> site);
void register_report_pages(Router& router, std::shared_ptr<Site> site);

// The label of a Barnahus code: catalog key "barnahus.<vocabulary>.<code>".
std::string code_text(const Site& site, const Visitor& v, std::string_view vocabulary,
                      const std::string& code);
// Options for a select or a checkbox group: value, label, selected/checked.
mstch::array code_options(const Site& site, const Visitor& v, std::string_view vocabulary,
                          std::span<const std::string_view> codes,
                          const std::vector<std::string>& chosen);
mstch::array id_options(const std::vector<std::pair<std::string, std::string>>& ids_and_labels,
                        const std::vector<std::string>& chosen);

// Fields of the barnahus_form partial. `form` is the form's id on the page.
mstch::map input_field(const Site& site, const Visitor& v, const std::string& form,
                       const std::string& name, std::string_view label_key,
                       const std::string& value, const std::string& type = "text",
                       bool required = true);
mstch::map textarea_field(const Site& site, const Visitor& v, const std::string& form,
                          const std::string& name, std::string_view label_key,
                          const std::string& value, bool required = true);
mstch::map select_field(const Site& site, const Visitor& v, const std::string& form,
                        const std::string& name, std::string_view label_key, mstch::array options,
                        bool required = true);
mstch::map checkbox_field(const Site& site, const Visitor& v, const std::string& form,
                          const std::string& name, std::string_view label_key, bool checked);
// A group of checkboxes named "<name>" with the options' values (Form keeps the first value of a
// name, so each box is named "<name>-<value>" and read back with checked_values()).
mstch::map checkboxes_field(const Site& site, const Visitor& v, const std::string& form,
                            const std::string& name, std::string_view legend_key,
                            mstch::array options, bool required = true);
// The values of the boxes of group `name` ticked in a form body.
std::vector<std::string> checked_values(std::string_view body, const std::string& name);
// A hint under the field's label (already translated).
void set_hint(mstch::map& field, const std::string& hint);
// Puts the errors of `form` beside its fields.
void attach_errors(mstch::array& fields, const std::string& form,
                   const std::vector<FieldMessage>& errors);
// The model of one barnahus_form: fields, hidden values, heading and button.
mstch::map form_model(const Site& site, const Visitor& v, const std::string& form,
                      const std::string& action, std::string_view heading_key,
                      std::string_view submit_key, mstch::array fields,
                      std::vector<std::pair<std::string, std::string>> hidden = {});

// A service's kInvalidInput as messages beside the fields of `form`, in the visitor's language:
// "barnahus.error.<field>" when the catalog has one, else a general "check this field". `rename`
// maps a service field ("tasks[0].task") to the form's ("task_1"); it may return "" to keep it.
std::vector<FieldMessage> field_messages(const Site& site, const Visitor& v,
                                         const std::string& form, const core::Error& error,
                                         std::string (*rename)(const std::string&) = nullptr);
// Answers a refusal or failure that no form shows: 403, 404, 409 or 503 with a page.
void send_failure(Site& site, RequestContext& ctx, const Visitor& v, const core::Error& error);

service::Actor actor_of(RequestContext& ctx, const Visitor& v);
// "2026-11-27" for a stored YYYY-MM-DD or ms timestamp, in the visitor's way of writing days.
std::string day_text(const std::string& ymd, const Visitor& v);
std::string day_of_ms(int64_t ms, const Visitor& v);

}  // namespace barnahus

}  // namespace haven::http::web
