// GET /api/v1/audit?entity=…&entity_id=…: the auditor's "who looked at this record, and why" —
// every event about one record, newest first. Authorized by the policy (audit.view); the look-up is
// itself audited.
#include <nlohmann/json.hpp>

#include "http/authentication.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"

namespace haven::http::api {

void register_audit_routes(Router& router, service::App& app) {
  router.get("/api/v1/audit", "listAuditEvents", [&app](RequestContext& ctx) {
    auto who = authenticate(ctx, app);
    if (!who) return;
    const std::string entity = ctx.query("entity");
    const std::string entity_id = ctx.query("entity_id");
    security::Resource log;
    log.kind = security::ResourceKind::kAuditLog;
    log.country = who->principal.country;
    if (auto s = app.access.authorize(who->principal, security::Action::kViewAudit, log,
                                      ctx.request_id());
        !s.ok())
      return ctx.send_problem(s.error());
    std::vector<core::FieldError> errors;
    if (entity.empty() || entity.size() > 64)
      errors.push_back({"entity", "Name the kind of record, e.g. child."});
    if (entity_id.empty() || entity_id.size() > 64)
      errors.push_back({"entity_id", "Give the record's id."});
    if (!errors.empty())
      return ctx.send_problem(core::Error::invalid("Say which record to look up.", errors));
    auto events = app.audit.about(entity, entity_id);
    if (auto s = app.audit.append({who->user.id, who->user.role, who->user.agency_id, "audit.view",
                                   entity, entity_id, "audit", "success", ctx.request_id(),
                                   std::nullopt});
        !s.ok())
      return ctx.send_problem(s.error());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : events)
      list.push_back(nlohmann::json::parse(service::audit_event_json(e)));
    ctx.send_json(200, {{"entity", entity}, {"entity_id", entity_id}, {"events", list}});
  });
}

}  // namespace haven::http::api
