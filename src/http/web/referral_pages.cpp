// The cross-border pages ([X1]): /cross-border lists the referrals the visitor may see, outgoing
// and incoming; /cross-border/new drafts one from a case with the fields of the chosen request
// type; /cross-border/{id} shows a referral, exactly what leaves the country (or what arrived),
// and one form per action its direction and status allow; /cross-border/review is the contact
// points' linkage review queue. Every action is a POST with the version read, redirected after.
#include "http/web/referral_pages.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

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

std::string label(const Site& site, const Visitor& v, const std::string& code) {
  auto it = labels().find(code);
  return it == labels().end() ? code : site.t(v, it->second);
}

// Fields typed as a comma-separated list and carried as a JSON array.
bool is_list_field(const std::string& f) {
  static const std::set<std::string> lists = {
      "nationalities",   "languages",         "known_addresses",         "family_members",
      "risk_indicators", "trafficking_flags", "durable_solution_options"};
  return lists.count(f) != 0;
}

bool is_identity_field(const std::string& f) {
  return f == "given_names" || f == "family_names" || f == "birth_date" || f == "sex" ||
         f == "nationalities";
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

// Field/value rows of a JSON object for a table.
mstch::array rows_of(const Site& site, const Visitor& v, const std::string& object_text) {
  mstch::array rows;
  const json j = json::parse(object_text, nullptr, false);
  if (!j.is_object()) return rows;
  for (const auto& item : j.items())
    rows.push_back(
        mstch::map{{"field", label(site, v, item.key())}, {"value", value_text(item.value())}});
  return rows;
}

std::string day_of(int64_t ms, const Visitor& v) {
  return ms ? format_day(core::Date::of({ms}).to_string(), v.lang) : std::string("—");
}

std::vector<exchange::Identity> partners(Site& site) {
  auto list = exchange::TrustList::load(site.app().cross_border.exchange_dir() + "/trust.toml");
  return list.ok() ? list->partners() : std::vector<exchange::Identity>{};
}

mstch::array type_options(const Site& site, const Visitor& v, const std::string& chosen) {
  mstch::array out;
  for (auto t : domain::all_request_types()) {
    const std::string code(domain::to_code(t));
    out.push_back(
        mstch::map{{"value", code}, {"label", label(site, v, code)}, {"selected", code == chosen}});
  }
  return out;
}

mstch::array partner_options(Site& site, const std::string& chosen,
                             const std::string& country = "") {
  mstch::array out;
  for (const auto& p : partners(site)) {
    if (!country.empty() && p.country != country) continue;
    out.push_back(mstch::map{{"value", p.authority},
                             {"label", p.country + " — " + p.authority},
                             {"selected", p.authority == chosen}});
  }
  return out;
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
  page.model["case_id"] = std::string(ctx.query("case_id"));
  page.model["types"] = type_options(site, v, "");
  page.model["partners"] = partner_options(site, "");
  site.send(ctx, v, std::move(page));
}

// ---- drafting ----------------------------------------------------------------------------------

void send_new(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
              std::vector<FieldMessage> errors, int status) {
  const std::string type_code = typed.get("request_type");
  const auto type = domain::request_type_from_code(type_code);
  if (!type) return site.redirect(ctx, "/cross-border");
  Page page;
  page.template_name = "referral_new";
  page.title_key = "referral.new.title";
  page.status = errors.empty() ? status : 422;
  mstch::array fields;
  for (auto f : domain::request_template(*type).fields) {
    const std::string name(f);
    if (is_identity_field(name)) continue;  // from the case; shown in the preview
    auto it = labels().find(name);
    mstch::map field = site.field(v, name, it == labels().end() ? name : it->second,
                                  typed.get(name), "text", false);
    fields.push_back(std::move(field));
  }
  fields.push_back(
      site.field(v, "purpose", "referral.detail.purpose", typed.get("purpose"), "text", false));
  fields.push_back(site.field(v, "legal_basis", "referral.detail.legal_basis",
                              typed.get("legal_basis"), "text", false));
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  page.model["type"] = label(site, v, type_code);
  page.model["request_type"] = type_code;
  page.model["case_id"] = typed.get("case_id");
  page.model["partner_authority"] = typed.get("partner_authority");
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

void create_draft(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  const auto type = domain::request_type_from_code(form.get("request_type"));
  if (!type) return site.redirect(ctx, "/cross-border");
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
  if (made.error().code != core::ErrorCode::kInvalidInput)
    return send_error(site, ctx, v, made.error());
  std::vector<FieldMessage> errors;
  for (const auto& f : made.error().fields)
    errors.push_back({f.field, site.t(v, "referral.error.field")});
  send_new(site, ctx, v, form, std::move(errors), 422);
}

// ---- one referral ----------------------------------------------------------------------------

void send_detail(Site& site, RequestContext& ctx, const Visitor& v, const std::string& id,
                 const std::string& notice = "", int status = 200) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto r = site.app().cross_border.get(actor, id);
  if (!r.ok()) return send_error(site, ctx, v, r.error());
  const bool out = r->direction == "outgoing";
  const auto role = v.who->principal.role;
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
    for (const auto& c : p->data_categories) cats += (cats.empty() ? "" : ", ") + c;
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
  // The edit form of a draft: every field it carries.
  const bool draft = out && r->status == "draft";
  m["can_edit"] = draft && role != security::Role::kCaseworker;
  if (draft) {
    mstch::array edit;
    const json fields = json::parse(r->fields, nullptr, false);
    if (fields.is_object())
      for (const auto& item : fields.items()) {
        auto it = labels().find(item.key());
        edit.push_back(site.field(v, "f." + item.key(),
                                  it == labels().end() ? item.key() : it->second,
                                  value_text(item.value()), "text", false));
      }
    m["edit_fields"] = edit;
  }
  m["can_approve"] = draft && role == security::Role::kSupervisor;
  m["can_send"] = out && r->status == "approved" && role == security::Role::kContactPoint;
  m["can_withdraw"] = out &&
                      (r->status == "draft" || r->status == "approved" || r->status == "sent" ||
                       r->status == "acknowledged") &&
                      role != security::Role::kCaseworker;
  m["can_reject"] = (draft && role == security::Role::kSupervisor) ||
                    (!out && (r->status == "sent" || r->status == "acknowledged") &&
                     role == security::Role::kContactPoint);
  m["can_acknowledge"] = !out && r->status == "sent" && role == security::Role::kContactPoint;
  m["can_answer"] = !out && r->status == "acknowledged" && role == security::Role::kContactPoint;
  m["can_close"] = r->status == "answered" && role == security::Role::kContactPoint;
  m["legal_basis_value"] = r->legal_basis;
  m["purpose_value"] = r->purpose;
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
  auto keep = [&](auto result) {
    if (!result.ok()) done = result.take_error();
  };
  if (action == "save") {
    json fields = json::object();
    auto current = svc.get(actor, id);
    if (!current.ok()) return send_error(site, ctx, v, current.error());
    const json before = json::parse(current->fields, nullptr, false);
    if (before.is_object())
      for (const auto& item : before.items()) {
        const std::string typed = form.get("f." + item.key());
        if (!typed.empty()) fields[item.key()] = typed_value(item.key(), typed);
      }
    keep(svc.update_draft(actor, id, version, fields.dump(), form.get("purpose"),
                          form.get("legal_basis")));
  } else if (action == "approve") {
    keep(svc.approve(actor, id, version, form.get("legal_basis"), form.get("purpose")));
  } else if (action == "send") {
    keep(svc.send(actor, id, version));
  } else if (action == "withdraw") {
    keep(svc.withdraw(actor, id, version, form.get("reason")));
  } else if (action == "reject") {
    keep(svc.reject(actor, id, version, form.get("reason")));
  } else if (action == "acknowledge") {
    keep(svc.acknowledge(actor, id, version));
  } else if (action == "answer") {
    keep(svc.answer(actor, id, version, json{{"answer", form.get("answer")}}.dump()));
  } else if (action == "close") {
    keep(svc.close(actor, id, version));
  } else {
    return send_detail(site, ctx, v, id, site.t(v, "referral.error.changed"), 409);
  }
  if (done.ok()) return site.redirect(ctx, "/cross-border/" + id, "referral.flash.saved");
  switch (done.error().code) {
    case core::ErrorCode::kInvalidInput: {
      std::string names;
      for (const auto& f : done.error().fields)
        names += (names.empty() ? "" : ", ") + label(site, v, f.field);
      return send_detail(site, ctx, v, id, site.t(v, "referral.error.invalid") + " " + names, 422);
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
                 int status = 200) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto queue = site.app().cross_border.review_queue(actor, "pending");
  if (!queue.ok()) return send_error(site, ctx, v, queue.error());
  mstch::array pairs;
  for (const auto& p : *queue)
    pairs.push_back(mstch::map{
        {"id", p.id},
        {"version", std::to_string(p.version)},
        {"child", p.child_name},
        {"born", p.birth_date.empty() ? std::string("—") : format_day(p.birth_date, v.lang)},
        {"partner_country", p.partner_country},
        {"partner_reference", p.partner_reference},
        {"types", type_options(site, v, "information_request")},
        {"partners", partner_options(site, "", p.partner_country)}});
  Page page;
  page.template_name = "referral_review";
  page.title_key = "referral.review.title";
  page.status = status;
  page.notice = notice;
  page.model["pairs"] = pairs;
  page.model["has_pairs"] = !pairs.empty();
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
      if (typed.get(name).empty()) typed.set(name, ctx.query(name));
    send_new(*site, ctx, *v, typed, {}, 200);
  });

  router.post("/cross-border/new", "crossBorderDraft", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
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
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    act(*site, ctx, *v, std::string(ctx.param("referral_id")), form);
  });
}

}  // namespace haven::http::web
