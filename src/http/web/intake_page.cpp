// Intake (GET/POST /reports/new): the report-of-concern form — when and how it came, who reported,
// the concerns, what was said, how urgent, the country's own fields — and the child, chosen by a
// case number or child id the worker can see, or described as new. The form becomes the body of
// ReportService::intake (as POST /api/v1/reports sends it); its field errors come back beside the
// fields in the worker's language with everything typed kept. Success opens the new case's page.
// Before a new child is registered, SearchService looks for children the worker can see who may be
// the same child; if there are any, the form comes back with them listed (why each matched) and
// the worker either registers the report for one of them or confirms the child is new.
#include <cctype>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/id.h"
#include "domain/form_definition.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/child_matches.h"
#include "http/web/code_labels.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

struct Choice {
  const char* code;
  const char* key;  // catalog key of its label
};

constexpr Choice kChannels[] = {{"phone", "intake.channel.phone"},
                                {"email", "intake.channel.email"},
                                {"letter", "intake.channel.letter"},
                                {"in_person", "intake.channel.in_person"},
                                {"online_form", "intake.channel.online_form"},
                                {"police_notification", "intake.channel.police_notification"}};
constexpr Choice kReporters[] = {{"school", "intake.reporter.school"},
                                 {"preschool", "intake.reporter.preschool"},
                                 {"health", "intake.reporter.health"},
                                 {"police", "intake.reporter.police"},
                                 {"ngo", "intake.reporter.ngo"},
                                 {"relative", "intake.reporter.relative"},
                                 {"neighbour", "intake.reporter.neighbour"},
                                 {"anonymous", "intake.reporter.anonymous"},
                                 {"child", "intake.reporter.child"},
                                 {"social_services", "intake.reporter.social_services"},
                                 {"other", "intake.reporter.other"}};
constexpr Choice kConcerns[] = {
    {"physical_violence", "intake.concern.physical_violence"},
    {"sexual_abuse", "intake.concern.sexual_abuse"},
    {"neglect", "intake.concern.neglect"},
    {"emotional_abuse", "intake.concern.emotional_abuse"},
    {"witnessing_domestic_violence", "intake.concern.witnessing_domestic_violence"},
    {"trafficking_exploitation", "intake.concern.trafficking_exploitation"},
    {"online_abuse", "intake.concern.online_abuse"},
    {"self_harm", "intake.concern.self_harm"},
    {"substance_use", "intake.concern.substance_use"},
    {"disability_related_needs", "intake.concern.disability_related_needs"},
    {"poverty", "intake.concern.poverty"},
    {"migration_related", "intake.concern.migration_related"}};
constexpr Choice kUrgencies[] = {{"high", "intake.urgency.high"},
                                 {"medium", "intake.urgency.medium"},
                                 {"low", "intake.urgency.low"}};
constexpr Choice kSexes[] = {{"female", "intake.sex.female"},
                             {"male", "intake.sex.male"},
                             {"other", "intake.sex.other"},
                             {"unknown", "intake.sex.unknown"}};
constexpr Choice kBases[] = {{"self_declared", "intake.basis.self_declared"},
                             {"relative_statement", "intake.basis.relative_statement"},
                             {"unverified_document", "intake.basis.unverified_document"},
                             {"medical_age_assessment", "intake.basis.medical_age_assessment"},
                             {"caseworker_estimate", "intake.basis.caseworker_estimate"},
                             {"reporter_estimate", "intake.basis.reporter_estimate"}};
constexpr Choice kMigration[] = {{"none", "intake.migration.none"},
                                 {"asylum_seeker", "intake.migration.asylum_seeker"},
                                 {"refugee", "intake.migration.refugee"},
                                 {"unaccompanied", "intake.migration.unaccompanied"},
                                 {"separated", "intake.migration.separated"},
                                 {"undocumented", "intake.migration.undocumented"},
                                 {"temporary_protection", "intake.migration.temporary_protection"}};

// The message shown beside each form field, whatever the service said in English.
constexpr Choice kErrorKeys[] = {{"received_at", "intake.error.received_at"},
                                 {"channel", "intake.error.choose"},
                                 {"reporter_type", "intake.error.reporter_type"},
                                 {"reporter_organisation", "intake.error.name_length"},
                                 {"concerns", "intake.error.concerns"},
                                 {"narrative", "intake.error.narrative"},
                                 {"urgency", "intake.error.choose"},
                                 {"child_mode", "intake.error.child_mode"},
                                 {"child_ref", "intake.error.child_ref"},
                                 {"given_names", "intake.error.given_names"},
                                 {"family_names", "intake.error.name_length"},
                                 {"names_original_script", "intake.error.name_length"},
                                 {"sex", "intake.error.choose"},
                                 {"birth_date", "intake.error.birth_date"},
                                 {"birth_date_estimate_basis", "intake.error.basis"},
                                 {"nationalities", "intake.error.nationalities"},
                                 {"stateless", "intake.error.nationalities"},
                                 {"languages", "intake.error.languages"},
                                 {"migration_status", "intake.error.choose"}};

const char* kCustomPrefixes[][2] = {{"child.custom_fields.", "child_cf_"},
                                    {"report.custom_fields.", "report_cf_"},
                                    {"custom_fields.", "case_cf_"}};

// The form field a service error names: "child.nationalities[1]" → "nationalities",
// "report.custom_fields.police_report" → "report_cf_police_report".
std::string form_field_of(std::string f) {
  for (const auto& [from, to] : kCustomPrefixes)
    if (f.rfind(from, 0) == 0) return to + f.substr(std::strlen(from));
  if (auto b = f.find('['); b != std::string::npos) f.resize(b);
  if (f.rfind("child.", 0) == 0) f = f.substr(6);
  if (f.rfind("report.", 0) == 0) f = f.substr(7);
  if (f == "concern_categories") return "concerns";
  if (f == "child_id") return "child_ref";
  if (f == "child") return "child_mode";
  if (f == "report") return "narrative";
  return f;
}

std::string message_for(const Site& site, const Visitor& v, const std::string& field) {
  for (const auto& e : kErrorKeys)
    if (field == e.code) return site.t(v, e.key);
  if (field.find("_cf_") != std::string::npos) return site.t(v, "intake.error.custom_field");
  return site.t(v, "intake.error.check");
}

void add_error(std::vector<FieldMessage>& errors, const Site& site, const Visitor& v,
               const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return;
  errors.push_back({field, message_for(site, v, field)});
}

template <size_t N>
mstch::map select_field(const Site& site, const Visitor& v, const std::string& name,
                        std::string_view label_key, const std::string& value,
                        const Choice (&choices)[N], bool required = true) {
  mstch::map f = site.field(v, name, label_key, value, "select", required);
  mstch::array opts;
  opts.push_back(mstch::map{{"value", std::string()},
                            {"label", site.t(v, "common.choose")},
                            {"selected", value.empty()}});
  for (const auto& c : choices)
    opts.push_back(mstch::map{{"value", std::string(c.code)},
                              {"label", site.t(v, c.key)},
                              {"selected", value == c.code}});
  f["options"] = opts;
  return f;
}

// The country's own fields of one record type, as form fields named <prefix><name>.
mstch::array custom_fields(Site& site, const Visitor& v, const Form& typed,
                           const std::string& record_type, const std::string& prefix) {
  mstch::array out;
  for (const auto& d : site.app().forms.fields(v.who->user.country, record_type)) {
    const std::string name = prefix + d.name;
    const std::string& value = typed.get(name);
    mstch::map f = site.field(v, name, "", value,
                              d.type == domain::FieldType::kDate     ? "date"
                              : d.type == domain::FieldType::kNumber ? "number"
                              : d.type == domain::FieldType::kText   ? "text"
                                                                     : "select",
                              d.required);
    f["label"] = label_in(d.labels, v.lang);
    if (d.type == domain::FieldType::kChoice || d.type == domain::FieldType::kBoolean ||
        d.type == domain::FieldType::kMultiChoice) {
      mstch::array opts;
      opts.push_back(mstch::map{{"value", std::string()},
                                {"label", site.t(v, "common.choose")},
                                {"selected", value.empty()}});
      if (d.type == domain::FieldType::kBoolean) {
        opts.push_back(mstch::map{{"value", std::string("yes")},
                                  {"label", site.t(v, "common.yes")},
                                  {"selected", value == "yes"}});
        opts.push_back(mstch::map{{"value", std::string("no")},
                                  {"label", site.t(v, "common.no")},
                                  {"selected", value == "no"}});
      }
      for (const auto& o : d.options)
        opts.push_back(mstch::map{{"value", o.code},
                                  {"label", label_in(o.labels, v.lang)},
                                  {"selected", value == o.code}});
      f["options"] = opts;
    }
    out.push_back(std::move(f));
  }
  return out;
}

// The typed values of the country's fields as the service reads them; a number that is not one is
// a field error.
nlohmann::json custom_values(Site& site, const Visitor& v, const Form& form,
                             const std::string& record_type, const std::string& prefix,
                             std::vector<std::string>& bad) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& d : site.app().forms.fields(v.who->user.country, record_type)) {
    const std::string& value = form.get(prefix + d.name);
    if (value.empty()) continue;
    switch (d.type) {
      case domain::FieldType::kNumber:
        try {
          size_t used = 0;
          double n = std::stod(value, &used);
          if (used != value.size()) throw std::invalid_argument(value);
          out[d.name] = n;
        } catch (const std::exception&) {
          bad.push_back(prefix + d.name);
          out[d.name] = value;  // refused by the service as not a number
        }
        break;
      case domain::FieldType::kBoolean:
        out[d.name] = value == "yes";
        break;
      case domain::FieldType::kMultiChoice:
        out[d.name] = nlohmann::json::array({value});
        break;
      default:
        out[d.name] = value;
    }
  }
  return out;
}

// "SE, ua lv" → ["SE", "UA", "LV"] (or lower case for languages).
nlohmann::json code_list(const std::string& text, bool upper) {
  nlohmann::json out = nlohmann::json::array();
  std::string code;
  auto flush = [&] {
    if (!code.empty()) out.push_back(code);
    code.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t') {
      flush();
    } else {
      code += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                    : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  flush();
  return out;
}

// "2026-11-27T14:05" (a datetime-local field, read as UTC) → ms since the epoch.
std::optional<int64_t> parse_local_time(const std::string& text) {
  if (text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto d = core::Date::parse(text.substr(0, 10));
  if (!d) return std::nullopt;
  auto digits = [&](size_t at) -> int {
    if (!std::isdigit(static_cast<unsigned char>(text[at])) ||
        !std::isdigit(static_cast<unsigned char>(text[at + 1])))
      return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const int h = digits(11), m = digits(14);
  int s = 0;
  if (text.size() >= 19 && text[16] == ':') s = digits(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return ((d->days_since_epoch() * 24 + h) * 60 + m) * 60'000LL + s * 1000LL;
}

std::string local_time_of(int64_t ms) {
  const core::Date d = core::Date::of(core::Timestamp{ms});
  const int64_t minutes = (ms / 60'000) % (24 * 60);
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return d.to_string() + "T" + buf;
}

bool may_register(const Visitor& v) {
  const auto role = v.who->principal.role;
  return role == security::Role::kCaseworker || role == security::Role::kSupervisor;
}

// What the worker typed about a new child, as one string: a confirmation that the child is new
// holds only while these stay as they were.
std::string new_child_fingerprint(const Form& form) {
  return form.get("given_names") + "|" + form.get("family_names") + "|" + form.get("birth_date") +
         "|" + (form.get("birth_date_estimated").empty() ? "0" : "1") + "|" + form.get("sex");
}

struct Duplicates {
  std::vector<service::ChildMatch> matches;  // empty: no warning
  std::string fingerprint;
};

void send_intake_form(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                      std::vector<FieldMessage> errors, std::string notice = {},
                      const Duplicates& duplicates = {}) {
  Page page;
  page.template_name = "intake";
  page.title_key = "intake.title";
  page.status = errors.empty() ? 200 : 422;
  page.notice = std::move(notice);
  auto& m = page.model;
  const std::string received = typed.has("received_at") ? typed.get("received_at")
                                                        : local_time_of(site.app().clock.now().ms);
  mstch::array report{
      site.field(v, "received_at", "intake.received_at", received, "datetime-local"),
      select_field(site, v, "channel", "intake.channel",
                   typed.has("channel") ? typed.get("channel") : "phone", kChannels),
      select_field(site, v, "reporter_type", "intake.reporter_type", typed.get("reporter_type"),
                   kReporters),
      site.field(v, "reporter_organisation", "intake.reporter_organisation",
                 typed.get("reporter_organisation"), "text", false, "organization")};
  Site::attach_errors(report, errors);
  m["report_fields"] = report;

  mstch::array concerns;
  for (const auto& c : kConcerns) {
    const std::string name = std::string("concern_") + c.code;
    concerns.push_back(mstch::map{{"name", name},
                                  {"id", "concern-" + std::string(c.code)},
                                  {"label", site.t(v, c.key)},
                                  {"checked", !typed.get(name).empty()}});
  }
  m["concerns"] = concerns;
  m["narrative"] = typed.get("narrative");
  mstch::array urgencies;
  const std::string urgency = typed.has("urgency") ? typed.get("urgency") : "medium";
  for (const auto& u : kUrgencies)
    urgencies.push_back(mstch::map{{"value", std::string(u.code)},
                                   {"id", "urgency-" + std::string(u.code)},
                                   {"label", site.t(v, u.key)},
                                   {"checked", urgency == u.code}});
  m["urgencies"] = urgencies;

  mstch::array report_custom = custom_fields(site, v, typed, "report", "report_cf_");
  mstch::array case_custom = custom_fields(site, v, typed, "case", "case_cf_");
  for (auto& f : case_custom) report_custom.push_back(std::move(f));
  Site::attach_errors(report_custom, errors);
  m["report_custom"] = report_custom;

  const bool existing = typed.get("child_mode") == "existing";
  m["child_existing"] = existing;
  m["child_new"] = !existing;
  mstch::array existing_fields{
      site.field(v, "child_ref", "intake.child_ref", typed.get("child_ref"), "text", false)};
  Site::attach_errors(existing_fields, errors);
  m["existing_fields"] = existing_fields;

  mstch::array names{
      site.field(v, "given_names", "intake.given_names", typed.get("given_names"), "text", false),
      site.field(v, "family_names", "intake.family_names", typed.get("family_names"), "text",
                 false),
      site.field(v, "names_original_script", "intake.names_original_script",
                 typed.get("names_original_script"), "text", false),
      select_field(site, v, "sex", "intake.sex", typed.has("sex") ? typed.get("sex") : "unknown",
                   kSexes),
      site.field(v, "birth_date", "intake.birth_date", typed.get("birth_date"), "date", true)};
  Site::attach_errors(names, errors);
  m["child_fields"] = names;
  m["birth_date_estimated"] = !typed.get("birth_date_estimated").empty();
  mstch::array more{
      select_field(site, v, "birth_date_estimate_basis", "intake.birth_date_estimate_basis",
                   typed.get("birth_date_estimate_basis"), kBases, false),
      site.field(v, "nationalities", "intake.nationalities", typed.get("nationalities"), "text",
                 false),
      site.field(v, "languages", "intake.languages", typed.get("languages"), "text", false)};
  Site::attach_errors(more, errors);
  m["child_more"] = more;
  m["interpreter_needed"] = !typed.get("interpreter_needed").empty();
  mstch::array migration{select_field(
      site, v, "migration_status", "intake.migration_status",
      typed.has("migration_status") ? typed.get("migration_status") : "none", kMigration)};
  mstch::array child_custom = custom_fields(site, v, typed, "child", "child_cf_");
  for (auto& f : child_custom) migration.push_back(std::move(f));
  Site::attach_errors(migration, errors);
  m["child_last"] = migration;

  m["has_duplicates"] = !duplicates.matches.empty();
  m["matches"] = child_match_rows(site, v, duplicates.matches, {.use_buttons = true});
  m["duplicates_fingerprint"] = duplicates.fingerprint;
  // Once confirmed new, the confirmation travels with the form until the names change.
  const bool reviewed = duplicates.matches.empty() && typed.has("duplicates_reviewed") &&
                        typed.get("duplicates_reviewed") == new_child_fingerprint(typed);
  m["duplicates_reviewed"] = reviewed ? typed.get("duplicates_reviewed") : std::string();
  m["has_duplicates_reviewed"] = reviewed;

  for (const auto& e : errors) {
    if (e.field == "concerns") m["concerns_error"] = e.message;
    if (e.field == "narrative") m["narrative_error"] = e.message;
    if (e.field == "child_mode") m["child_mode_error"] = e.message;
  }
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

// The form as ReportService::intake's body; problems the page can see itself go in `errors`.
nlohmann::json body_of(Site& site, RequestContext& ctx, const Visitor& v, const Form& form,
                       std::vector<FieldMessage>& errors) {
  nlohmann::json report = nlohmann::json::object();
  // What the page cannot read itself still goes to the service in a form it refuses, so that
  // every other field is checked too and all problems come back at once.
  if (auto at = parse_local_time(form.get("received_at"))) {
    report["received_at"] = *at;
  } else {
    report["received_at"] = form.get("received_at");
    add_error(errors, site, v, "received_at");
  }
  report["channel"] = form.get("channel");
  if (!form.get("reporter_type").empty()) report["reporter_type"] = form.get("reporter_type");
  report["reporter_organisation"] = form.get("reporter_organisation");
  nlohmann::json concerns = nlohmann::json::array();
  for (const auto& c : kConcerns)
    if (!form.get(std::string("concern_") + c.code).empty()) concerns.push_back(c.code);
  report["concern_categories"] = concerns;
  report["narrative"] = form.get("narrative");
  report["urgency"] = form.get("urgency");
  std::vector<std::string> bad;
  report["custom_fields"] = custom_values(site, v, form, "report", "report_cf_", bad);
  nlohmann::json body{{"report", report}};
  body["custom_fields"] = custom_values(site, v, form, "case", "case_cf_", bad);

  const std::string mode = form.get("child_mode");
  if (mode == "existing") {
    const std::string ref = form.get("child_ref");
    const service::Actor actor = service::Actor::of(*v.who, ctx.request_id());
    std::string child_id;
    if (core::is_valid_id(ref)) {
      child_id = ref;  // ReportService checks the worker may read this child
    } else if (auto case_id = site.app().team.case_id_by_number(ref, actor); case_id.ok()) {
      if (auto c = site.app().cases.get(*case_id, actor); c.ok() && (*c)["child"].is_object())
        child_id = (*c)["child"].value("id", "");
    }
    if (child_id.empty()) add_error(errors, site, v, "child_ref");
    body["child_id"] = child_id;  // "" is refused by the service
  } else if (mode == "new") {
    nlohmann::json child{{"given_names", form.get("given_names")},
                         {"family_names", form.get("family_names")},
                         {"names_original_script", form.get("names_original_script")},
                         {"sex", form.get("sex")},
                         {"birth_date_estimated", !form.get("birth_date_estimated").empty()},
                         {"nationalities", code_list(form.get("nationalities"), true)},
                         {"languages", code_list(form.get("languages"), false)},
                         {"interpreter_needed", !form.get("interpreter_needed").empty()},
                         {"migration_status", form.get("migration_status")}};
    if (!form.get("birth_date").empty()) child["birth_date"] = form.get("birth_date");
    if (!form.get("birth_date_estimate_basis").empty())
      child["birth_date_estimate_basis"] = form.get("birth_date_estimate_basis");
    child["custom_fields"] = custom_values(site, v, form, "child", "child_cf_", bad);
    body["child"] = child;
  } else {
    add_error(errors, site, v, "child_mode");
  }
  for (const auto& f : bad) add_error(errors, site, v, f);
  return body;
}

// The children the worker can see who may be the one described as new, unless the worker already
// said the child is new for exactly these names. A check that cannot run (a date the service will
// refuse anyway) finds nothing: the intake itself then names the problem.
Duplicates possible_duplicates(Site& site, RequestContext& ctx, const Visitor& v,
                               const Form& form) {
  Duplicates out;
  if (form.get("child_mode") != "new") return out;
  out.fingerprint = new_child_fingerprint(form);
  if (form.get("duplicates_reviewed") == out.fingerprint) return out;
  const std::string letters = form.get("given_names") + form.get("family_names");
  if (letters.find_first_not_of(" \t\r\n") == std::string::npos) return out;
  service::DuplicateCheck check{form.get("given_names"), form.get("family_names"), form.get("sex"),
                                form.get("birth_date"), !form.get("birth_date_estimated").empty()};
  auto found =
      site.app().search.likely_duplicates(check, service::Actor::of(*v.who, ctx.request_id()));
  if (found.ok()) out.matches = std::move(*found);
  return out;
}

}  // namespace

void register_intake_page(Router& router, std::shared_ptr<Site> site) {
  router.get("/reports/new", "intakePage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_register(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    if (auto resumed = site->resumed_form(ctx))
      return send_intake_form(*site, ctx, *v, *resumed, {}, site->t(*v, "intake.resumed"));
    send_intake_form(*site, ctx, *v, Form::parse("child_mode=new"), {});
  });

  router.post("/reports/new", "intakeSubmit", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_register(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    if (form.has("use_child")) {  // "register the report for this child" on a possible duplicate
      form.set("child_mode", "existing");
      form.set("child_ref", form.get("use_child"));
    }
    if (auto duplicates = possible_duplicates(*site, ctx, *v, form); !duplicates.matches.empty())
      return send_intake_form(*site, ctx, *v, form, {}, site->t(*v, "intake.dup.notice"),
                              duplicates);
    std::vector<FieldMessage> errors;
    nlohmann::json body = body_of(*site, ctx, *v, form, errors);
    auto done = site->app().reports.intake(body, service::Actor::of(*v->who, ctx.request_id()));
    if (done.ok() && errors.empty())
      return site->redirect(ctx, "/cases/" + done->case_id, "intake.flash.registered");
    if (done.ok())  // cannot happen: every value the page could not read is sent refusable
      return site->send_message(ctx, *v, 500, "error.unavailable.title",
                                "error.unavailable.message");
    const auto& error = done.error();
    if (error.code == core::ErrorCode::kInvalidInput) {
      for (const auto& f : error.fields) add_error(errors, *site, *v, form_field_of(f.field));
      if (errors.empty()) add_error(errors, *site, *v, "narrative");
      return send_intake_form(*site, ctx, *v, form, std::move(errors));
    }
    // A child the worker may not read is refused like one that does not exist.
    if ((error.code == core::ErrorCode::kForbidden || error.code == core::ErrorCode::kNotFound) &&
        form.get("child_mode") == "existing") {
      add_error(errors, *site, *v, "child_ref");
      return send_intake_form(*site, ctx, *v, form, std::move(errors));
    }
    if (error.code == core::ErrorCode::kForbidden)
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    site->send_message(ctx, *v, 503, "error.unavailable.title", "error.unavailable.message");
  });
}

}  // namespace haven::http::web
