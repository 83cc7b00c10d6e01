// "Download lists" (/exports) for caseworkers and supervisors: which list (cases, tasks,
// placements), the case list's filters and CSV or XLSX, answered with the file itself from the same
// service and streaming as GET /api/v1/exports/{list}. Supervisors also find the subject-access
// export of one child here (HTML summary or JSON bundle). The choices travel in POST forms (CSRF-
// checked, never in a URL); every download is audited by the service.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "domain/case_types.h"
#include "http/api/exports.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

bool may_export(const Visitor& v) {
  return v.who->principal.role == security::Role::kCaseworker ||
         v.who->principal.role == security::Role::kSupervisor;
}

// A select whose empty first option reads "Any" (a filter left open) unless `any_key` is empty.
mstch::map choice(const Site& site, const Visitor& v, const std::string& name,
                  std::string_view label_key, const std::string& value,
                  const std::vector<std::pair<std::string, std::string>>& options,
                  std::string_view any_key = "exports.any") {
  mstch::map f = site.field(v, name, label_key, value, "select", any_key.empty());
  mstch::array opts;
  if (!any_key.empty())
    opts.push_back(mstch::map{
        {"value", std::string()}, {"label", site.t(v, any_key)}, {"selected", value.empty()}});
  for (const auto& [val, label] : options)
    opts.push_back(mstch::map{{"value", val}, {"label", label}, {"selected", val == value}});
  f["options"] = opts;
  return f;
}

void send_export_form(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                      std::vector<FieldMessage> errors = {}, int status = 200) {
  Page page;
  page.template_name = "exports";
  page.title_key = "exports.title";
  page.status = errors.empty() ? status : 422;
  std::vector<std::pair<std::string, std::string>> lists{
      {"cases", site.t(v, "exports.list.cases")},
      {"tasks", site.t(v, "exports.list.tasks")},
      {"placements", site.t(v, "exports.list.placements")}};
  std::vector<std::pair<std::string, std::string>> statuses, risks;
  for (auto s : domain::all_case_statuses()) {
    std::string code(domain::to_code(s));
    statuses.emplace_back(code, site.t(v, "status." + code));
  }
  for (auto r : domain::all_risk_levels()) {
    std::string code(domain::to_code(r));
    risks.emplace_back(code, site.t(v, "risk." + code));
  }
  const std::string list = typed.get("list").empty() ? "cases" : typed.get("list");
  const std::string format = typed.get("format").empty() ? "csv" : typed.get("format");
  mstch::array fields{
      choice(site, v, "list", "exports.list", list, lists, ""),
      choice(site, v, "status", "exports.status", typed.get("status"), statuses),
      choice(site, v, "risk", "exports.risk", typed.get("risk"), risks),
      choice(site, v, "worker", "exports.worker", typed.get("worker"),
             {{"me", site.t(v, "exports.worker.me")}}),
      choice(site, v, "overdue", "exports.overdue", typed.get("overdue"),
             {{"true", site.t(v, "exports.overdue.only")}}),
      choice(site, v, "format", "exports.format", format,
             {{"csv", site.t(v, "exports.format.csv")}, {"xlsx", site.t(v, "exports.format.xlsx")}},
             "")};
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  if (v.who->principal.role == security::Role::kSupervisor) {
    const std::string sar_format =
        typed.get("sar_format").empty() ? "html" : typed.get("sar_format");
    mstch::array sar{site.field(v, "child_id", "exports.sar.child_id", typed.get("child_id")),
                     choice(site, v, "sar_format", "exports.sar.format", sar_format,
                            {{"html", site.t(v, "exports.sar.format.html")},
                             {"json", site.t(v, "exports.sar.format.json")}},
                            "")};
    Site::attach_errors(sar, errors);
    page.model["sar_fields"] = sar;
    page.model["supervisor"] = true;
  }
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

// The service's field errors, in the visitor's language: the field is named, the reason general.
std::vector<FieldMessage> field_messages(Site& site, const Visitor& v, const core::Error& e,
                                         const char* fallback_field) {
  std::vector<FieldMessage> out;
  for (const auto& f : e.fields) {
    std::string field = f.field == "cursor" || f.field == "limit" ? fallback_field : f.field;
    out.push_back({field, site.t(v, "exports.error.invalid")});
  }
  if (out.empty()) out.push_back({fallback_field, site.t(v, "exports.error.invalid")});
  return out;
}

}  // namespace

void register_exports_page(Router& router, std::shared_ptr<Site> site) {
  router.get("/exports", "exportsPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_export(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    send_export_form(*site, ctx, *v, Form());
  });

  router.post("/exports", "exportsDownload", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_export(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    service::ListExportRequest q;
    std::vector<FieldMessage> errors;
    auto list = service::parse_export_list(form.get("list"));
    auto format = service::parse_export_format(form.get("format"));
    if (!list) errors.push_back({"list", site->t(*v, "exports.error.list")});
    if (!format) errors.push_back({"format", site->t(*v, "exports.error.list")});
    if (!errors.empty()) return send_export_form(*site, ctx, *v, form, std::move(errors));
    q.list = *list;
    q.format = *format;
    // The task list is always the user's own: its filters do not apply and are not sent.
    if (q.list != service::ExportList::kTasks) {
      auto opt = [&](const char* name) -> std::optional<std::string> {
        const std::string& s = form.get(name);
        return s.empty() ? std::nullopt : std::optional(s);
      };
      q.filters.status = opt("status");
      q.filters.risk = opt("risk");
      q.filters.worker = opt("worker");
      q.filters.overdue_only = form.get("overdue") == "true";
    }
    auto file = site->app().exports.export_list(q, service::Actor::of(*v->who, ctx.request_id()));
    if (!file.ok()) {
      if (file.error().code == core::ErrorCode::kInvalidInput)
        return send_export_form(*site, ctx, *v, form,
                                field_messages(*site, *v, file.error(), "list"));
      if (file.error().code == core::ErrorCode::kForbidden)
        return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
      return site->send_message(ctx, *v, 503, "error.unavailable.title",
                                "error.unavailable.message");
    }
    api::send_export_file(ctx, std::move(*file));
  });

  router.post("/exports/subject-access", "exportsSubjectAccess", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kSupervisor)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    service::SubjectAccessRequest request;
    request.format = form.get("sar_format") == "json" ? "json" : "html";
    auto bundle = site->app().subject_access.bundle(form.get("child_id"), request,
                                                    service::Actor::of(*v->who, ctx.request_id()));
    if (!bundle.ok()) {
      const auto code = bundle.error().code;
      if (code == core::ErrorCode::kNotFound || code == core::ErrorCode::kForbidden ||
          code == core::ErrorCode::kInvalidInput)
        return send_export_form(*site, ctx, *v, form,
                                {{"child_id", site->t(*v, "exports.error.child")}});
      return site->send_message(ctx, *v, 503, "error.unavailable.title",
                                "error.unavailable.message");
    }
    api::send_subject_access(ctx, *bundle, request.format,
                             core::Date::of(site->app().clock.now()).to_string());
  });
}

}  // namespace haven::http::web
