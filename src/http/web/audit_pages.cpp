// The audit trail for auditors: filtered by user, record (kind and id), action and a period of
// days, newest first, fifty to a page. The filters travel in a POST form, never in the URL, because
// a record id or a user typed into the address bar ends up in histories and logs. Every look-up is
// itself audited ("audit.view").
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

constexpr int kPageSize = 50;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;

void send_trail(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  security::Resource log;
  log.kind = security::ResourceKind::kAuditLog;
  log.country = v.who->principal.country;
  if (auto s = site.app().access.authorize(v.who->principal, security::Action::kViewAudit, log,
                                           ctx.request_id());
      !s.ok())
    return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");

  std::vector<FieldMessage> errors;
  store::AuditFilter filter;
  filter.actor_id = form.get("user");
  filter.entity = form.get("entity");
  filter.entity_id = form.get("entity_id");
  filter.action = form.get("action");
  for (const auto* name : {"user", "entity", "entity_id", "action"})
    if (form.get(name).size() > 128) errors.push_back({name, site.t(v, "audit.error.too_long")});
  if (!form.get("from").empty()) {
    if (auto d = core::Date::parse(form.get("from")))
      filter.from_ms = d->days_since_epoch() * kDayMs;
    else
      errors.push_back({"from", site.t(v, "audit.error.date")});
  }
  if (!form.get("to").empty()) {
    if (auto d = core::Date::parse(form.get("to")))
      filter.to_ms = (d->days_since_epoch() + 1) * kDayMs;  // the whole of the last day
    else
      errors.push_back({"to", site.t(v, "audit.error.date")});
  }
  int page_no = 1;
  if (const auto& p = form.get("page"); !p.empty()) {
    try {
      page_no = std::max(1, std::min(100000, std::stoi(p)));
    } catch (...) {
      page_no = 1;
    }
  }
  if (errors.empty() && filter.from_ms && filter.to_ms && *filter.to_ms <= *filter.from_ms)
    errors.push_back({"to", site.t(v, "audit.error.range")});

  Page page;
  page.template_name = "audit";
  page.title_key = "audit.title";
  if (errors.empty()) {
    auto result = site.app().audit.search(filter, page_no, kPageSize);
    if (!result.ok())
      return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
    nlohmann::json details{{"actor_id", filter.actor_id},
                           {"action", filter.action},
                           {"from", form.get("from")},
                           {"to", form.get("to")},
                           {"page", page_no}};
    if (auto s = site.app().audit.append({v.who->user.id, v.who->user.role, v.who->user.agency_id,
                                          "audit.view", filter.entity, filter.entity_id, "audit",
                                          "success", ctx.request_id(), details.dump()});
        !s.ok())
      return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
    mstch::array rows;
    for (const auto& e : result->events)
      rows.push_back(
          mstch::map{{"at", format_date_time(e.at.ms, v.lang)},
                     {"actor", e.actor_id},
                     {"role", e.role.empty() ? std::string() : site.t(v, "role." + e.role)},
                     {"action", e.action},
                     {"entity", e.entity},
                     {"entity_id", e.entity_id},
                     {"purpose", e.purpose},
                     {"outcome", e.outcome},
                     {"denied", e.outcome != "success"}});
    page.model["events"] = rows;
    page.model["has_events"] = !rows.empty();
    page.model["page"] = format_number(page_no, v.lang);
    if (page_no > 1) page.model["prev_page"] = std::to_string(page_no - 1);
    if (result->has_more) page.model["next_page"] = std::to_string(page_no + 1);
  } else {
    page.status = 422;
  }
  mstch::array fields{
      site.field(v, "user", "audit.user", form.get("user"), "text", false),
      site.field(v, "entity", "audit.entity", form.get("entity"), "text", false),
      site.field(v, "entity_id", "audit.entity_id", form.get("entity_id"), "text", false),
      site.field(v, "action", "audit.action", form.get("action"), "text", false),
      site.field(v, "from", "audit.from", form.get("from"), "date", false),
      site.field(v, "to", "audit.to", form.get("to"), "date", false)};
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

}  // namespace

void register_audit_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/audit", "auditPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kAuditor)) return;
    send_trail(*site, ctx, *v, Form());
  });

  router.post("/audit", "auditSearch", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kAuditor)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    send_trail(*site, ctx, *v, form);
  });
}

}  // namespace haven::http::web
