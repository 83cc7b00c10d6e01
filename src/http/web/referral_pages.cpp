// The cross-border pages ([X1]): /cross-border lists the referrals the visitor may see, outgoing
// and incoming; /cross-border/new drafts one from a case, the partner authority picked from the
// trust list and the request type choosing which fields the form shows (re-rendered on the server,
// so it works without script); /cross-border/{id} shows a referral, exactly what leaves the country
// (or what arrived), and one form per action its direction and status allow; /cross-border/review
// is the contact points' linkage review queue. Every action is a POST with the version read,
// redirected after; a refused one comes back with the message beside the field and what was typed.
#include "http/web/referral_pages.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/id.h"
#include "domain/transnational_referral.h"
#include "exchange/trust_list.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/catalog.h"
#include "http/web/form.h"
#include "http/web/mywork.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

using nlohmann::json;

// Catalog keys of every code the pages show (the catalog test finds each key spelled out here).
const std::map<std::string, std::string>& labels() {
  static const std::map<std::string, std::string> m = {
      {"draft", "referral.status.draft"},
      {"approved", "referral.status.approved"},
      {"sent", "referral.status.sent"},
      {"acknowledged", "referral.status.acknowledged"},
      {"answered", "referral.status.answered"},
      {"closed", "referral.status.closed"},
      {"rejected", "referral.status.rejected"},
      {"withdrawn", "referral.status.withdrawn"},
      {"outgoing", "referral.direction.outgoing"},
      {"incoming", "referral.direction.incoming"},
      {"information_request", "referral.type.information_request"},
      {"family_home_assessment", "referral.type.family_home_assessment"},
      {"risk_security_assessment", "referral.type.risk_security_assessment"},
      {"best_interests_determination", "referral.type.best_interests_determination"},
      {"placement_abroad_consultation", "referral.type.placement_abroad_consultation"},
      {"return_reintegration_follow_up", "referral.type.return_reintegration_follow_up"},
      {"missing_child_notification", "referral.type.missing_child_notification"},
      {"given_names", "duplicates.given_names"},
      {"family_names", "duplicates.family_names"},
      {"birth_date", "duplicates.birth_date"},
      {"sex", "duplicates.sex"},
      {"nationalities", "referral.field.nationalities"},
      {"question", "referral.field.question"},
      {"known_addresses", "referral.field.known_addresses"},
      {"family_members", "referral.field.family_members"},
      {"family_address", "referral.field.family_address"},
      {"languages", "referral.field.languages"},
      {"risk_indicators", "referral.field.risk_indicators"},
      {"trafficking_flags", "referral.field.trafficking_flags"},
      {"planned_return_date", "referral.field.planned_return_date"},
      {"child_views", "referral.field.child_views"},
      {"best_interests_assessment_summary", "referral.field.best_interests_assessment_summary"},
      {"durable_solution_options", "referral.field.durable_solution_options"},
      {"proposed_placement", "referral.field.proposed_placement"},
      {"placement_start", "referral.field.placement_start"},
      {"care_needs", "referral.field.care_needs"},
      {"return_date", "referral.field.return_date"},
      {"receiving_authority_confirmation", "referral.field.receiving_authority_confirmation"},
      {"follow_up_plan", "referral.field.follow_up_plan"},
      {"missing_since", "referral.field.missing_since"},
      {"last_seen_place", "referral.field.last_seen_place"},
      {"description", "referral.field.description"},
      {"answer", "referral.field.answer"},
      {"purpose", "referral.detail.purpose"},
      {"legal_basis", "referral.detail.legal_basis"},
      {"reason", "referral.form.reason"},
  };
  return m;
}

// The data categories a package is logged with (domain::RequestTemplate::data_categories).
const std::map<std::string, std::string>& category_labels() {
  static const std::map<std::string, std::string> m = {
      {"identity", "referral.category.identity"},
      {"question", "referral.category.question"},
      {"family", "referral.category.family"},
      {"risk", "referral.category.risk"},
      {"trafficking", "referral.category.trafficking"},
      {"child_views", "referral.category.child_views"},
      {"assessment", "referral.category.assessment"},
      {"placement", "referral.category.placement"},
      {"health", "referral.category.health"},
      {"return", "referral.category.return"},
      {"missing", "referral.category.missing"},
  };
  return m;
}

// A refused field's message, by the service's field name.
const std::map<std::string, std::string>& error_keys() {
  static const std::map<std::string, std::string> m = {
      {"case_id", "referral.error.case_id"},
      {"request_type", "referral.error.request_type"},
      {"partner_authority", "referral.error.partner_authority"},
      {"purpose", "referral.error.purpose"},
      {"legal_basis", "referral.error.legal_basis"},
      {"answer", "referral.error.answer"},
      {"reason", "referral.error.reason"},
      {"fields", "referral.error.fields"},
      {"actor", "referral.error.actor"},
  };
  return m;
}

std::string label(const Site& site, const Visitor& v, const std::string& code) {
  auto it = labels().find(code);
  return it == labels().end() ? code : site.t(v, it->second);
}

std::string error_text(const Site& site, const Visitor& v, const std::string& field) {
  auto it = error_keys().find(field);
  return site.t(v, it == error_keys().end() ? "referral.error.field" : it->second);
}

// Fields typed as a comma-separated list and carried as a JSON array.
bool is_list_field(const std::string& f) {
  static const std::set<std::string> lists = {
      "nationalities",   "languages",         "known_addresses",         "family_members",
      "risk_indicators", "trafficking_flags", "durable_solution_options"};
  return lists.count(f) != 0;
}

bool is_date_field(const std::string& f) {
  return f == "birth_date" || f == "planned_return_date" || f == "placement_start" ||
         f == "return_date" || f == "missing_since";
}

bool is_long_text_field(const std::string& f) {
  return f == "question" || f == "description" || f == "child_views" ||
         f == "best_interests_assessment_summary" || f == "care_needs" || f == "follow_up_plan";
}

bool is_identity_field(const std::string& f) {
  return f == "given_names" || f == "family_names" || f == "birth_date" || f == "sex" ||
         f == "nationalities";
}

// Every field a worker types on some request type's draft form, in the templates' order.
const std::vector<std::string>& typed_field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (auto t : domain::all_request_types())
      for (auto f : domain::request_template(t).fields) {
        const std::string name(f);
        if (!is_identity_field(name) && std::find(out.begin(), out.end(), name) == out.end())
          out.push_back(name);
      }
    return out;
  }();
  return names;
}

bool in_template(domain::RequestType type, const std::string& field) {
  const auto& fields = domain::request_template(type).fields;
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : ", ") + value_text(item);
    return out;
  }
  if (v.is_null()) return "";
  return v.dump();
}

json typed_value(const std::string& field, const std::string& text) {
  if (!is_list_field(field)) return text;
  json list = json::array();
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) list.push_back(item);
    start = comma + 1;
  }
  return list;
}

// The child's sex codes and their catalog keys.
const std::vector<std::pair<std::string, std::string>>& sex_keys() {
  static const std::vector<std::pair<std::string, std::string>> keys = {
      {"female", "intake.sex.female"},
      {"male", "intake.sex.male"},
      {"other", "intake.sex.other"},
      {"unknown", "intake.sex.unknown"}};
  return keys;
}

// A value as the reader should see it: dates in the page's language, sex in words.
std::string shown_value(const Site& site, const Visitor& v, const std::string& field,
                        const json& value) {
  const std::string text = value_text(value);
  if (is_date_field(field)) return format_day(text, v.lang);
  if (field == "sex")
    for (const auto& [code, key] : sex_keys())
      if (text == code) return site.t(v, key);
  return text;
}

// Field/value rows of a JSON object for a table.
mstch::array rows_of(const Site& site, const Visitor& v, const std::string& object_text) {
  mstch::array rows;
  const json j = json::parse(object_text, nullptr, false);
  if (!j.is_object()) return rows;
  for (const auto& item : j.items())
    rows.push_back(mstch::map{{"field", label(site, v, item.key())},
                              {"value", shown_value(site, v, item.key(), item.value())}});
  return rows;
}

std::string day_of(int64_t ms, const Visitor& v) {
  return ms ? format_day(core::Date::of({ms}).to_string(), v.lang) : std::string("—");
}

// ---- form fields (the referral_field partial) ---------------------------------------------------

enum class Kind { kText, kLongText, kDate, kSelect };

// A field for the referral_field partial: `key` names it in error messages and its id
// ("field-<key>"); `name` is what the form posts.
mstch::map make_field(const std::string& key, const std::string& name,
                      const std::string& label_text, const std::string& value, Kind kind,
                      bool required, const std::string& hint = "") {
  mstch::map f{{"key", key},
               {"name", name},
               {"id", "field-" + key},
               {"label", label_text},
               {"value", value},
               {"required", required},
               {"hint", hint},
               {"error", std::string()},
               {"is_select", kind == Kind::kSelect},
               {"is_textarea", kind == Kind::kLongText},
               {"is_input", kind == Kind::kText || kind == Kind::kDate},
               {"type", std::string(kind == Kind::kDate ? "date" : "text")}};
  f["describedby"] = hint.empty() ? std::string() : "field-" + key + "-hint";
  return f;
}

// A template field of the draft or edit form, labelled and shaped by its name.
mstch::map template_field(const Site& site, const Visitor& v, const std::string& field,
                          const std::string& key, const std::string& value) {
  if (field == "sex") {
    mstch::map f = make_field(key, key, label(site, v, field), value, Kind::kSelect, false);
    mstch::array options;
    for (const auto& [code, text_key] : sex_keys())
      options.push_back(
          mstch::map{{"value", code}, {"label", site.t(v, text_key)}, {"selected", code == value}});
    f["options"] = options;
    return f;
  }
  const Kind kind = is_date_field(field)        ? Kind::kDate
                    : is_long_text_field(field) ? Kind::kLongText
                                                : Kind::kText;
  return make_field(key, key, label(site, v, field), value, kind, false,
                    is_list_field(field) ? site.t(v, "referral.hint.list") : "");
}

mstch::array options_of(const std::vector<std::pair<std::string, std::string>>& choices,
                        const std::string& chosen) {
  mstch::array out;
  for (const auto& [value, text] : choices)
    out.push_back(mstch::map{{"value", value}, {"label", text}, {"selected", value == chosen}});
  return out;
}

// Puts each message beside the field it names (by key) and links it from aria-describedby; the
// messages naming no field of `fields` are returned. `summary`, when given, gains each placed
// message after its field's label, for the error summary at the top of the page.
std::vector<FieldMessage> attach(mstch::array& fields, const std::vector<FieldMessage>& errors,
                                 std::vector<FieldMessage>* summary = nullptr) {
  std::vector<FieldMessage> unplaced;
  std::set<std::string> placed;
  for (auto& node : fields) {
    auto* f = boost::get<mstch::map>(&node);
    if (!f) continue;
    const auto& key = boost::get<std::string>(f->at("key"));
    for (const auto& e : errors)
      if (e.field == key) {
        (*f)["error"] = e.message;
        const auto& hint = boost::get<std::string>(f->at("hint"));
        (*f)["describedby"] =
            "field-" + key + "-error" + (hint.empty() ? std::string() : " field-" + key + "-hint");
        placed.insert(key);
        if (summary)
          summary->push_back({key, boost::get<std::string>(f->at("label")) + ": " + e.message});
        break;
      }
  }
  for (const auto& e : errors)
    if (!placed.count(e.field)) unplaced.push_back(e);
  return unplaced;
}

// ---- the trust list
// ------------------------------------------------------------------------------

std::vector<exchange::Identity> partners(Site& site) {
  auto list = exchange::TrustList::load(site.app().cross_border.exchange_dir() + "/trust.toml");
  return list.ok() ? list->partners() : std::vector<exchange::Identity>{};
}

// Every request type, after a "Choose…" option when `placeholder`.
mstch::array type_options(const Site& site, const Visitor& v, const std::string& chosen,
                          bool placeholder = true) {
  std::vector<std::pair<std::string, std::string>> choices;
  if (placeholder) choices.emplace_back("", site.t(v, "common.choose"));
  for (auto t : domain::all_request_types()) {
    const std::string code(domain::to_code(t));
    choices.emplace_back(code, label(site, v, code));
  }
  return options_of(choices, chosen);
}

// The partner authorities of the trust list (of `country` only, when given) as "LV — name".
mstch::array partner_options(Site& site, const Visitor& v, const std::string& chosen,
                             const std::string& country = "", bool placeholder = true) {
  std::vector<std::pair<std::string, std::string>> choices;
  if (placeholder) choices.emplace_back("", site.t(v, "common.choose"));
  for (const auto& p : partners(site)) {
    if (!country.empty() && p.country != country) continue;
    choices.emplace_back(p.authority, p.country + " — " + p.authority);
  }
  return options_of(choices, chosen);
}

bool may_see(const Visitor& v) {
  const auto role = v.who->principal.role;
  return role == security::Role::kCaseworker || role == security::Role::kSupervisor ||
         role == security::Role::kContactPoint;
}

void send_error(Site& site, RequestContext& ctx, const Visitor& v, const core::Error& e) {
  switch (e.code) {
    case core::ErrorCode::kForbidden:
      return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
    case core::ErrorCode::kNotFound:
      return site.send_message(ctx, v, 404, "referral.not_found.title",
                               "referral.not_found.message");
    default:
      return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  }
}

// ---- the list --------------------------------------------------------------------------------

void send_list(Site& site, RequestContext& ctx, const Visitor& v) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto all = site.app().cross_border.list(actor, "");
  if (!all.ok()) return send_error(site, ctx, v, all.error());
  mstch::array outgoing, incoming;
  for (const auto& r : *all) {
    mstch::map row{{"id", r.id},
                   {"type", label(site, v, r.request_type)},
                   {"partner", r.partner_country + " — " + r.partner_authority},
                   {"status", label(site, v, r.status)},
                   {"status_class", "state-" + r.status},
                   {"created", day_of(r.created_at, v)}};
    (r.direction == "incoming" ? incoming : outgoing).push_back(std::move(row));
  }
  Page page;
  page.template_name = "referral_list";
  page.title_key = "referral.list.title";
  page.model["has_outgoing"] = !outgoing.empty();
  page.model["outgoing"] = outgoing;
  page.model["has_incoming"] = !incoming.empty();
  page.model["incoming"] = incoming;
  page.model["contact_point"] = v.who->principal.role == security::Role::kContactPoint;
  mstch::array start{make_field("case_id", "case_id", site.t(v, "referral.new.case"),
                                std::string(ctx.query("case_id")), Kind::kText, true,
                                site.t(v, "referral.new.case_hint")),
                     make_field("request_type", "request_type", site.t(v, "referral.col.type"), "",
                                Kind::kSelect, true),
                     make_field("partner_authority", "partner_authority",
                                site.t(v, "referral.col.partner"), "", Kind::kSelect, true)};
  boost::get<mstch::map>(start[1])["options"] = type_options(site, v, "");
  boost::get<mstch::map>(start[2])["options"] = partner_options(site, v, "");
  page.model["start_fields"] = start;
  page.model["no_partners"] = partners(site).empty();
  site.send(ctx, v, std::move(page));
}

// ---- drafting ----------------------------------------------------------------------------------

// The typed fields the chosen request type does not carry: each is refused beside itself, so
// nothing typed for another type is dropped without the worker seeing it.
std::vector<FieldMessage> outside_template(const Site& site, const Visitor& v,
                                           const std::optional<domain::RequestType>& type,
                                           const Form& typed) {
  std::vector<FieldMessage> out;
  if (!type) return out;
  for (const auto& name : typed_field_names())
    if (!typed.get(name).empty() && !in_template(*type, name))
      out.push_back({name, site.t(v, "referral.error.outside_template")});
  return out;
}

// The draft form: case, request type (with a button that shows its fields), partner authority
// from the trust list, then the fields the chosen type carries (and any typed value it does not).
void send_new(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
              std::vector<FieldMessage> errors, int status) {
  const std::string type_code = typed.get("request_type");
  const auto type = domain::request_type_from_code(type_code);
  Page page;
  page.template_name = "referral_new";
  page.title_key = "referral.new.title";
  page.status = status;

  mstch::array choice{
      make_field("case_id", "case_id", site.t(v, "referral.new.case"), typed.get("case_id"),
                 Kind::kText, true, site.t(v, "referral.new.case_hint")),
      make_field("request_type", "request_type", site.t(v, "referral.col.type"), type_code,
                 Kind::kSelect, true, site.t(v, "referral.new.type_hint")),
      make_field("partner_authority", "partner_authority", site.t(v, "referral.col.partner"),
                 typed.get("partner_authority"), Kind::kSelect, true)};
  boost::get<mstch::map>(choice[1])["options"] = type_options(site, v, type_code);
  boost::get<mstch::map>(choice[2])["options"] =
      partner_options(site, v, typed.get("partner_authority"));

  mstch::array fields;
  if (type) {
    for (auto f : domain::request_template(*type).fields) {
      const std::string name(f);
      if (is_identity_field(name)) continue;  // from the case; shown in the preview
      fields.push_back(template_field(site, v, name, name, typed.get(name)));
    }
    for (const auto& name : typed_field_names())
      if (!typed.get(name).empty() && !in_template(*type, name))
        fields.push_back(template_field(site, v, name, name, typed.get(name)));
  }
  mstch::array approval{
      make_field("purpose", "purpose", site.t(v, "referral.detail.purpose"), typed.get("purpose"),
                 Kind::kText, false, site.t(v, "referral.new.later_hint")),
      make_field("legal_basis", "legal_basis", site.t(v, "referral.detail.legal_basis"),
                 typed.get("legal_basis"), Kind::kText, false,
                 site.t(v, "referral.new.later_hint"))};
  std::vector<FieldMessage> summary;
  attach(choice, errors, &summary);
  attach(fields, errors, &summary);
  attach(approval, errors, &summary);
  page.model["choice_fields"] = choice;
  page.model["fields"] = fields;
  page.model["approval_fields"] = approval;
  page.model["has_type"] = type.has_value();
  page.model["type"] = type ? label(site, v, type_code) : std::string();
  page.model["case_id"] = typed.get("case_id");
  page.model["has_case"] = core::is_valid_id(typed.get("case_id"));
  page.model["no_partners"] = partners(site).empty();
  page.errors = std::move(summary);
  site.send(ctx, v, std::move(page));
}

void create_draft(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  const auto type = domain::request_type_from_code(form.get("request_type"));
  // "Show the fields": the same form for the chosen type, nothing typed lost.
  if (form.get("action") == "type")
    return send_new(site, ctx, v, form, outside_template(site, v, type, form), 200);

  std::vector<FieldMessage> errors;
  if (form.get("case_id").empty()) errors.push_back({"case_id", error_text(site, v, "case_id")});
  if (!type) errors.push_back({"request_type", error_text(site, v, "request_type")});
  if (form.get("partner_authority").empty())
    errors.push_back({"partner_authority", error_text(site, v, "partner_authority")});
  for (auto& e : outside_template(site, v, type, form)) errors.push_back(std::move(e));
  if (!errors.empty()) return send_new(site, ctx, v, form, std::move(errors), 422);

  json fields = json::object();
  for (auto f : domain::request_template(*type).fields) {
    const std::string name(f);
    if (is_identity_field(name))
      fields[name] = nullptr;  // from the case's child
    else if (!form.get(name).empty())
      fields[name] = typed_value(name, form.get(name));
  }
  service::ReferralDraft d;
  d.case_id = form.get("case_id");
  d.request_type = form.get("request_type");
  d.partner_authority = form.get("partner_authority");
  d.fields = fields.dump();
  d.purpose = form.get("purpose");
  d.legal_basis = form.get("legal_basis");
  auto made = site.app().cross_border.draft(service::Actor::of(*v.who, ctx.request_id()), d);
  if (made.ok()) return site.redirect(ctx, "/cross-border/" + made->id, "referral.flash.saved");
  switch (made.error().code) {
    case core::ErrorCode::kNotFound:
    case core::ErrorCode::kForbidden:
      // The case is not there, or not one this worker may draft from: say so beside it.
      errors.push_back({"case_id", error_text(site, v, "case_id")});
      break;
    case core::ErrorCode::kInvalidInput:
      for (const auto& f : made.error().fields)
        errors.push_back({f.field, error_text(site, v, f.field)});
      break;
    default:
      return send_error(site, ctx, v, made.error());
  }
  send_new(site, ctx, v, form, std::move(errors), 422);
}

// ---- one referral ----------------------------------------------------------------------------

// What a refused action leaves for the page shown again: the action, what was typed into its form
// and the messages for its fields.
struct Refused {
  std::string action;
  const Form* typed = nullptr;
  std::vector<FieldMessage> errors;
};

void send_detail(Site& site, RequestContext& ctx, const Visitor& v, const std::string& id,
                 const std::string& notice = "", int status = 200, const Refused& refused = {}) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto r = site.app().cross_border.get(actor, id);
  if (!r.ok()) return send_error(site, ctx, v, r.error());
  const bool out = r->direction == "outgoing";
  const auto role = v.who->principal.role;
  // What the refused form had in it, else `fallback` (what is saved).
  auto typed_or = [&](const std::string& action, const std::string& name,
                      const std::string& fallback) {
    return refused.typed && refused.action == action ? refused.typed->get(name) : fallback;
  };
  Page page;
  page.template_name = "referral_detail";
  page.title_key = "referral.detail.title";
  page.status = status;
  page.notice = notice;
  auto& m = page.model;
  m["id"] = r->id;
  m["version"] = std::to_string(r->version);
  m["type"] = label(site, v, r->request_type);
  m["direction"] = label(site, v, r->direction);
  m["status"] = label(site, v, r->status);
  m["status_class"] = "state-" + r->status;
  m["partner"] = r->partner_country + " — " + r->partner_authority;
  m["case_id"] = r->case_id;
  m["has_case"] = !r->case_id.empty();
  m["legal_basis"] = r->legal_basis.empty() ? std::string("—") : r->legal_basis;
  m["purpose"] = r->purpose.empty() ? std::string("—") : r->purpose;
  m["has_approval"] = !r->approved_by.empty();
  m["approved_on"] = day_of(r->approved_at, v);
  m["has_reason"] = !r->reason.empty();
  m["reason"] = r->reason;
  m["outgoing"] = out;
  m["has_answer"] = !r->answer.empty();
  m["answer_rows"] = rows_of(site, v, r->answer);
  if (out) {
    // Exactly what will leave (or left) the country.
    auto p = site.app().cross_border.preview(actor, id);
    if (!p.ok()) return send_error(site, ctx, v, p.error());
    m["sender"] = p->sender_country + " — " + p->sender_authority;
    m["receiver"] = p->receiver_country + " — " + p->receiver_authority;
    std::string cats;
    for (const auto& c : p->data_categories) {
      auto it = category_labels().find(c);
      cats +=
          (cats.empty() ? "" : ", ") + (it == category_labels().end() ? c : site.t(v, it->second));
    }
    m["categories"] = cats;
    m["rows"] = rows_of(site, v, p->payload);
    mstch::array problems;
    for (const auto& f : p->problems)
      problems.push_back(mstch::map{{"field", label(site, v, f.field)}});
    m["has_problems"] = !problems.empty() && r->status == "draft";
    m["problems"] = problems;
  } else {
    m["rows"] = rows_of(site, v, r->fields);
  }

  std::vector<FieldMessage> errors = refused.errors;
  std::vector<FieldMessage> placed;  // for the error summary, after their fields' labels
  auto form_fields = [&](mstch::array fields) {
    attach(fields, errors, &placed);
    return fields;
  };
  // The edit form of a draft: every field it carries.
  const bool draft = out && r->status == "draft";
  m["can_edit"] = draft && role != security::Role::kCaseworker;
  if (draft) {
    mstch::array edit;
    const json fields = json::parse(r->fields, nullptr, false);
    if (fields.is_object())
      for (const auto& item : fields.items())
        edit.push_back(
            template_field(site, v, item.key(), "edit-" + item.key(),
                           typed_or("save", "edit-" + item.key(), value_text(item.value()))));
    edit.push_back(make_field("edit-purpose", "edit-purpose", site.t(v, "referral.detail.purpose"),
                              typed_or("save", "edit-purpose", r->purpose), Kind::kText, false));
    edit.push_back(
        make_field("edit-legal_basis", "edit-legal_basis", site.t(v, "referral.detail.legal_basis"),
                   typed_or("save", "edit-legal_basis", r->legal_basis), Kind::kText, false));
    m["edit_fields"] = form_fields(std::move(edit));
  }
  m["can_approve"] = draft && role == security::Role::kSupervisor;
  m["approve_fields"] = form_fields(
      {make_field("approve-legal_basis", "approve-legal_basis",
                  site.t(v, "referral.detail.legal_basis"),
                  typed_or("approve", "approve-legal_basis", r->legal_basis), Kind::kText, true,
                  site.t(v, "referral.approve.legal_basis_hint")),
       make_field("approve-purpose", "approve-purpose", site.t(v, "referral.detail.purpose"),
                  typed_or("approve", "approve-purpose", r->purpose), Kind::kText, true)});
  m["can_send"] = out && r->status == "approved" && role == security::Role::kContactPoint;
  // Packages recorded as sent whose delivery failed wait in the outbox until sent again.
  m["pending"] = r->pending_deliveries > 0;
  m["can_resend"] = r->pending_deliveries > 0 && role == security::Role::kContactPoint;
  m["can_withdraw"] = out &&
                      (r->status == "draft" || r->status == "approved" || r->status == "sent" ||
                       r->status == "acknowledged") &&
                      role != security::Role::kCaseworker;
  m["withdraw_fields"] = form_fields(
      {make_field("withdraw-reason", "withdraw-reason", site.t(v, "referral.form.reason"),
                  typed_or("withdraw", "withdraw-reason", ""), Kind::kLongText, true)});
  m["can_reject"] = (draft && role == security::Role::kSupervisor) ||
                    (!out && (r->status == "sent" || r->status == "acknowledged") &&
                     role == security::Role::kContactPoint);
  m["reject_fields"] =
      form_fields({make_field("reject-reason", "reject-reason", site.t(v, "referral.form.reason"),
                              typed_or("reject", "reject-reason", ""), Kind::kLongText, true)});
  m["can_acknowledge"] = !out && r->status == "sent" && role == security::Role::kContactPoint;
  m["can_answer"] = !out && r->status == "acknowledged" && role == security::Role::kContactPoint;
  m["answer_fields"] =
      form_fields({make_field("answer", "answer", site.t(v, "referral.field.answer"),
                              typed_or("answer", "answer", ""), Kind::kLongText, true)});
  m["can_close"] = r->status == "answered" && role == security::Role::kContactPoint;
  // Messages that name no field of a form on the page go into the notice.
  std::string rest;
  for (const auto& e : errors)
    if (std::none_of(placed.begin(), placed.end(),
                     [&](const FieldMessage& p) { return p.field == e.field; }))
      rest += (rest.empty() ? "" : " ") + e.message;
  if (!rest.empty()) page.notice = page.notice.empty() ? rest : page.notice + " " + rest;
  page.errors = std::move(placed);
  site.send(ctx, v, std::move(page));
}

void act(Site& site, RequestContext& ctx, const Visitor& v, const std::string& id,
         const Form& form) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto& svc = site.app().cross_border;
  int64_t version = 0;
  try {
    version = std::stoll(form.get("version"));
  } catch (const std::exception&) {
    return send_detail(site, ctx, v, id, site.t(v, "referral.error.changed"), 409);
  }
  const std::string action = form.get("action");
  core::Status done = core::ok_status();
  bool undelivered = false;  // recorded, but the partner's inbox could not be reached
  auto keep = [&](auto result) {
    if (!result.ok()) {
      done = result.take_error();
      return;
    }
    if constexpr (requires { result->delivery_error; })
      undelivered = !result->delivered && !result->delivery_error.empty();
  };
  // The form field a service field error belongs beside, in this action's form.
  std::string prefix;
  if (action == "save") {
    prefix = "edit-";
    json fields = json::object();
    auto current = svc.get(actor, id);
    if (!current.ok()) return send_error(site, ctx, v, current.error());
    const json before = json::parse(current->fields, nullptr, false);
    if (before.is_object())
      for (const auto& item : before.items()) {
        const std::string typed = form.get("edit-" + item.key());
        if (!typed.empty()) fields[item.key()] = typed_value(item.key(), typed);
      }
    keep(svc.update_draft(actor, id, version, fields.dump(), form.get("edit-purpose"),
                          form.get("edit-legal_basis")));
  } else if (action == "approve") {
    prefix = "approve-";
    keep(svc.approve(actor, id, version, form.get("approve-legal_basis"),
                     form.get("approve-purpose")));
  } else if (action == "send") {
    keep(svc.send(actor, id, version));
  } else if (action == "withdraw") {
    prefix = "withdraw-";
    keep(svc.withdraw(actor, id, version, form.get("withdraw-reason")));
  } else if (action == "reject") {
    prefix = "reject-";
    keep(svc.reject(actor, id, version, form.get("reject-reason")));
  } else if (action == "acknowledge") {
    keep(svc.acknowledge(actor, id, version));
  } else if (action == "answer") {
    keep(svc.answer(actor, id, version, json{{"answer", form.get("answer")}}.dump()));
  } else if (action == "close") {
    keep(svc.close(actor, id, version));
  } else {
    return send_detail(site, ctx, v, id, site.t(v, "referral.error.changed"), 409);
  }
  if (done.ok())
    return site.redirect(ctx, "/cross-border/" + id,
                         undelivered ? "referral.flash.not_delivered" : "referral.flash.saved");
  switch (done.error().code) {
    case core::ErrorCode::kInvalidInput: {
      Refused refused{action, &form, {}};
      for (const auto& f : done.error().fields)
        refused.errors.push_back(
            {f.field == "answer" ? f.field : prefix + f.field, error_text(site, v, f.field)});
      return send_detail(site, ctx, v, id, "", 422, refused);
    }
    case core::ErrorCode::kUnavailable:
      return send_detail(site, ctx, v, id, site.t(v, "referral.error.delivery"), 503);
    case core::ErrorCode::kConflict:
      return send_detail(site, ctx, v, id, site.t(v, "referral.error.changed"), 409);
    default:
      return send_error(site, ctx, v, done.error());
  }
}

// ---- the review queue --------------------------------------------------------------------------

void send_review(Site& site, RequestContext& ctx, const Visitor& v, const std::string& notice = "",
                 int status = 200, const std::string& refused_pair = "",
                 const Form* typed = nullptr, const std::vector<FieldMessage>& errors = {}) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto queue = site.app().cross_border.review_queue(actor, "pending");
  if (!queue.ok()) return send_error(site, ctx, v, queue.error());
  mstch::array pairs;
  std::vector<FieldMessage> page_errors;
  for (const auto& p : *queue) {
    const bool this_one = p.id == refused_pair && typed;
    const std::string type = this_one ? typed->get("request_type") : "information_request";
    const std::string partner = this_one ? typed->get("partner_authority") : "";
    mstch::array fields{
        make_field("type-" + p.id, "request_type", site.t(v, "referral.col.type"), type,
                   Kind::kSelect, true),
        make_field("partner-" + p.id, "partner_authority", site.t(v, "referral.col.partner"),
                   partner, Kind::kSelect, true)};
    boost::get<mstch::map>(fields[0])["options"] = type_options(site, v, type, false);
    boost::get<mstch::map>(fields[1])["options"] =
        partner_options(site, v, partner, p.partner_country, false);
    if (this_one) {
      std::vector<FieldMessage> mine;
      for (const auto& e : errors)
        mine.push_back({(e.field == "request_type" ? "type-" : "partner-") + p.id, e.message});
      attach(fields, mine, &page_errors);
    }
    pairs.push_back(mstch::map{
        {"id", p.id},
        {"version", std::to_string(p.version)},
        {"child", p.child_name},
        {"born", p.birth_date.empty() ? std::string("—") : format_day(p.birth_date, v.lang)},
        {"partner_country", p.partner_country},
        {"partner_reference", p.partner_reference},
        {"fields", fields}});
  }
  Page page;
  page.template_name = "referral_review";
  page.title_key = "referral.review.title";
  page.status = status;
  page.notice = notice;
  page.model["pairs"] = pairs;
  page.model["has_pairs"] = !pairs.empty();
  page.errors = std::move(page_errors);
  site.send(ctx, v, std::move(page));
}

void decide_pair(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  int64_t version = 0;
  try {
    version = std::stoll(form.get("version"));
  } catch (const std::exception&) {
    return send_review(site, ctx, v, site.t(v, "referral.error.changed"), 409);
  }
  if (form.get("action") == "confirm") {
    auto made = site.app().cross_border.confirm_pair(actor, form.get("pair_id"), version,
                                                     form.get("request_type"),
                                                     form.get("partner_authority"));
    if (made.ok()) return site.redirect(ctx, "/cross-border/" + made->id, "referral.flash.saved");
    if (made.error().code == core::ErrorCode::kForbidden)
      return send_error(site, ctx, v, made.error());
    if (made.error().code == core::ErrorCode::kInvalidInput) {
      std::vector<FieldMessage> errors;
      for (const auto& f : made.error().fields)
        if (f.field == "request_type" || f.field == "partner_authority")
          errors.push_back({f.field, error_text(site, v, f.field)});
      if (!errors.empty())
        return send_review(site, ctx, v, "", 422, form.get("pair_id"), &form, errors);
    }
    return send_review(
        site, ctx, v,
        site.t(v, made.error().code == core::ErrorCode::kInvalidInput ? "referral.error.invalid"
                                                                      : "referral.error.changed"),
        made.error().code == core::ErrorCode::kInvalidInput ? 422 : 409);
  }
  auto rejected = site.app().cross_border.reject_pair(actor, form.get("pair_id"), version);
  if (rejected.ok()) return site.redirect(ctx, "/cross-border/review", "referral.flash.saved");
  if (rejected.error().code == core::ErrorCode::kForbidden)
    return send_error(site, ctx, v, rejected.error());
  send_review(site, ctx, v, site.t(v, "referral.error.changed"), 409);
}

}  // namespace

void register_referral_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/cross-border", "crossBorderPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_see(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    send_list(*site, ctx, *v);
  });

  router.get("/cross-border/new", "crossBorderNewPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_see(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    Form typed = site->resumed_form(ctx).value_or(Form());
    for (const char* name : {"case_id", "request_type", "partner_authority"})
      if (typed.get(name).empty()) typed.set(name, std::string(ctx.query(name)));
    const auto type = domain::request_type_from_code(typed.get("request_type"));
    send_new(*site, ctx, *v, typed, outside_template(*site, *v, type, typed), 200);
  });

  router.post("/cross-border/new", "crossBorderDraft", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_see(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    create_draft(*site, ctx, *v, form);
  });

  router.get("/cross-border/review", "crossBorderReviewPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kContactPoint)) return;
    send_review(*site, ctx, *v);
  });

  router.post("/cross-border/review", "crossBorderReviewDecide", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kContactPoint)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    decide_pair(*site, ctx, *v, form);
  });

  router.get("/cross-border/{referral_id}", "crossBorderReferralPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_see(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    send_detail(*site, ctx, *v, std::string(ctx.param("referral_id")));
  });

  router.post("/cross-border/{referral_id}", "crossBorderReferralAct", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_see(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    act(*site, ctx, *v, std::string(ctx.param("referral_id")), form);
  });
}

}  // namespace haven::http::web
