// The Barnahus home (GET /barnahus): the cases the visitor may see and, for a coordinator, the
// overdue dashboard — every open case's interview, medical examination and assessment deadline
// from the country policy that is overdue or due soon, most urgent first — and opening a case from
// a police (or other) referral (GET/POST /barnahus/cases/new): who referred it and when, the
// violence types, victim or witness, the child known or registered here, the contact person and
// the child protection case it belongs with.
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "domain/barnahus.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/barnahus_pages.h"
#include "service/app.h"
#include "service/case_json.h"

namespace haven::http::web::barnahus {

namespace {

constexpr const char* kNewForm = "new";

std::string violence_text(const Site& site, const Visitor& v, const std::string& stored) {
  std::string out;
  for (const auto& code : service::codes_from_json(stored)) {
    if (!out.empty()) out += ", ";
    out += code_text(site, v, "violence", code);
  }
  return out;
}

bool is_coordinator(const Visitor& v) {
  return v.who->principal.role == security::Role::kBarnahusCoordinator;
}

void send_home(Site& site, RequestContext& ctx, const Visitor& v) {
  const auto actor = actor_of(ctx, v);
  auto cases = site.app().barnahus.list_cases(actor, ctx.query("closed") == "1");
  if (!cases.ok()) return send_failure(site, ctx, v, cases.error());
  Page page;
  page.template_name = "barnahus_home";
  page.title_key = "barnahus.home.title";
  auto& m = page.model;
  m["is_coordinator"] = is_coordinator(v);
  m["show_closed"] = ctx.query("closed") == "1";
  mstch::array rows;
  for (const auto& c : *cases)
    rows.push_back(mstch::map{{"id", c.id},
                              {"referred", day_of_ms(c.referred_at, v)},
                              {"violence", violence_text(site, v, c.violence_types)},
                              {"role", code_text(site, v, "role", c.child_role)},
                              {"source", code_text(site, v, "source", c.referred_by)},
                              {"contact", c.contact_person},
                              {"status", code_text(site, v, "status", c.status)}});
  m["cases"] = rows;
  m["has_cases"] = !cases->empty();
  if (is_coordinator(v)) {
    auto alerts = site.app().barnahus.alerts(actor);
    if (!alerts.ok()) return send_failure(site, ctx, v, alerts.error());
    mstch::array out;
    for (const auto& a : *alerts)
      out.push_back(
          mstch::map{{"case_id", a.barnahus_case_id},
                     {"child", a.child_name.empty() ? site.t(v, "barnahus.unknown") : a.child_name},
                     {"referred", day_of_ms(a.referred_at, v)},
                     {"step", code_text(site, v, "step", a.deadline.step)},
                     {"due", day_text(a.deadline.due.due_date().to_string(), v)},
                     {"state", code_text(site, v, "state", a.deadline.state)},
                     {"state_class", "state-" + a.deadline.state},
                     {"contact", a.contact_person}});
    m["alerts"] = out;
    m["has_alerts"] = !alerts->empty();
  }
  site.send(ctx, v, std::move(page));
}

// "2026-11-27T14:05" (a datetime-local field, read as UTC) → ms since the epoch.
std::optional<int64_t> parse_local_time(const std::string& text) {
  if (text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto d = core::Date::parse(text.substr(0, 10));
  if (!d) return std::nullopt;
  auto two = [&](size_t at) -> int {
    if (!std::isdigit(static_cast<unsigned char>(text[at])) ||
        !std::isdigit(static_cast<unsigned char>(text[at + 1])))
      return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const int h = two(11), mi = two(14);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return std::nullopt;
  return ((d->days_since_epoch() * 24 + h) * 60 + mi) * 60'000LL;
}

std::string local_time_of(int64_t ms) {
  const core::Date d = core::Date::of(core::Timestamp{ms});
  const int64_t minutes = (ms / 60'000) % (24 * 60);
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return d.to_string() + "T" + buf;
}

void send_new_case(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                   std::string_view body, std::vector<FieldMessage> errors) {
  auto dir = site.app().barnahus.directory(actor_of(ctx, v));
  if (!dir.ok()) return send_failure(site, ctx, v, dir.error());
  std::vector<std::pair<std::string, std::string>> agencies;
  for (const auto& a : dir->agencies) agencies.emplace_back(a.id, a.name);
  const std::string mode = typed.has("child_mode") ? typed.get("child_mode") : "new";
  mstch::array sexes;
  for (const char* s : {"female", "male", "other", "unknown"})
    sexes.push_back(mstch::map{{"value", std::string(s)},
                               {"label", site.t(v, std::string("intake.sex.") + s)},
                               {"selected", typed.get("sex") == s}});
  mstch::array modes;
  for (const auto& [code, key] : {std::pair{"new", "barnahus.new.child_mode.new"},
                                  std::pair{"known", "barnahus.new.child_mode.known"}})
    modes.push_back(mstch::map{
        {"value", std::string(code)}, {"label", site.t(v, key)}, {"selected", mode == code}});

  const std::string referred_at = typed.has("referred_at")
                                      ? typed.get("referred_at")
                                      : local_time_of(site.app().clock.now().ms);
  mstch::array referral{
      select_field(site, v, kNewForm, "referred_by", "barnahus.new.referred_by",
                   code_options(site, v, "source", domain::barnahus_referral_sources(),
                                {typed.has("referred_by") ? typed.get("referred_by") : "police"})),
      select_field(site, v, kNewForm, "referred_by_agency_id", "barnahus.new.referred_by_agency",
                   id_options(agencies, {typed.get("referred_by_agency_id")}), false),
      input_field(site, v, kNewForm, "referred_at", "barnahus.new.referred_at", referred_at,
                  "datetime-local"),
      checkboxes_field(site, v, kNewForm, "violence_types", "barnahus.new.violence_types",
                       code_options(site, v, "violence", domain::barnahus_violence_types(),
                                    checked_values(body, "violence_types"))),
      select_field(site, v, kNewForm, "child_role", "barnahus.new.child_role",
                   code_options(site, v, "role", domain::barnahus_child_roles(),
                                {typed.has("child_role") ? typed.get("child_role") : "victim"})),
      input_field(site, v, kNewForm, "contact_person", "barnahus.new.contact_person",
                  typed.get("contact_person"))};
  set_hint(boost::get<mstch::map>(referral[2]), site.t(v, "barnahus.new.referred_at_hint"));
  set_hint(boost::get<mstch::map>(referral[5]), site.t(v, "barnahus.new.contact_person_hint"));
  mstch::array child{
      select_field(site, v, kNewForm, "child_mode", "barnahus.new.child_mode", modes),
      input_field(site, v, kNewForm, "given_names", "intake.given_names", typed.get("given_names"),
                  "text", false),
      input_field(site, v, kNewForm, "family_names", "intake.family_names",
                  typed.get("family_names"), "text", false),
      input_field(site, v, kNewForm, "birth_date", "intake.birth_date", typed.get("birth_date"),
                  "date", false),
      select_field(site, v, kNewForm, "sex", "intake.sex", sexes, false),
      input_field(site, v, kNewForm, "child_id", "barnahus.new.child_id", typed.get("child_id"),
                  "text", false),
      input_field(site, v, kNewForm, "case_id", "barnahus.new.case_id", typed.get("case_id"),
                  "text", false)};
  set_hint(boost::get<mstch::map>(child[0]), site.t(v, "barnahus.new.child_mode_hint"));
  set_hint(boost::get<mstch::map>(child[5]), site.t(v, "barnahus.new.child_id_hint"));
  set_hint(boost::get<mstch::map>(child[6]), site.t(v, "barnahus.new.case_id_hint"));
  attach_errors(referral, kNewForm, errors);
  attach_errors(child, kNewForm, errors);

  Page page;
  page.template_name = "barnahus_new_case";
  page.title_key = "barnahus.new.title";
  page.status = errors.empty() ? 200 : 422;
  page.model["referral_fields"] = referral;
  page.model["child_fields"] = child;
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

std::string rename_new_case_field(const std::string& field) {
  if (field.rfind("child.", 0) == 0) return field.substr(6);
  if (field == "child") return "child_mode";
  return "";
}

void open_case(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  const auto actor = actor_of(ctx, v);
  service::BarnahusCaseInput in;
  domain::FieldErrors errors;
  in.details.violence_types = checked_values(ctx.body(), "violence_types");
  in.details.child_role = form.get("child_role");
  in.details.referred_by = form.get("referred_by");
  in.details.referred_by_agency_id = form.get("referred_by_agency_id");
  in.details.contact_person = form.get("contact_person");
  in.case_id = form.get("case_id");
  auto at = parse_local_time(form.get("referred_at"));
  if (!at) errors.add("referred_at", "Give the day and time the referral came.");
  in.details.referred_at = core::Timestamp{at.value_or(0)};
  if (form.get("child_mode") == "known") {
    in.child_id = form.get("child_id");
    if (in.child_id.empty()) errors.add("child_id", "Give the child's id.");
  } else {
    nlohmann::json child{{"given_names", form.get("given_names")},
                         {"family_names", form.get("family_names")},
                         {"sex", form.get("sex").empty() ? "unknown" : form.get("sex")}};
    if (!form.get("birth_date").empty()) child["birth_date"] = form.get("birth_date");
    in.new_child = service::read_child(child, errors, "child.");
  }
  std::vector<FieldMessage> messages;
  if (!errors.empty()) {
    auto allowed = site.app().barnahus.authorize_open_case(actor);
    if (!allowed.ok()) return send_failure(site, ctx, v, allowed.error());
    auto status = errors.status("The Barnahus case needs correcting.");
    messages = field_messages(site, v, kNewForm, status.error(), rename_new_case_field);
    return send_new_case(site, ctx, v, form, ctx.body(), std::move(messages));
  }
  auto created = site.app().barnahus.create_case(actor, std::move(in));
  if (created.ok())
    return site.redirect(ctx, "/barnahus/cases/" + created->id, "barnahus.flash.opened");
  if (created.error().code != core::ErrorCode::kInvalidInput)
    return send_failure(site, ctx, v, created.error());
  send_new_case(site, ctx, v, form, ctx.body(),
                field_messages(site, v, kNewForm, created.error(), rename_new_case_field));
}

}  // namespace

void register_home_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/barnahus", "barnahusHomePage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    send_home(*site, ctx, *v);
  });

  router.get("/barnahus/cases/new", "barnahusNewCasePage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    auto allowed = site->app().barnahus.authorize_open_case(actor_of(ctx, *v));
    if (!allowed.ok()) return send_failure(*site, ctx, *v, allowed.error());
    send_new_case(*site, ctx, *v, Form(), "", {});
  });

  router.post("/barnahus/cases/new", "barnahusOpenCase", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    open_case(*site, ctx, *v, form);
  });
}

}  // namespace haven::http::web::barnahus
