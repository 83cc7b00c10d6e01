// Administration for the admin role: the users (list, create with the password policy's field
// errors) and the agencies (list, create). UserService and AgencyService authorize and validate;
// these handlers only turn forms into calls and errors into messages beside the fields.
#include <httplib.h>

#include "http/request_context.h"
#include "http/router.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "security/permissions.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

// A service's field errors in the visitor's language: one catalog message per field
// (`prefix` + field, "admin.users.error.password"), else the service's own words.
std::vector<FieldMessage> translate_errors(const Site& site, const Visitor& v,
                                           const core::Error& error, const std::string& prefix) {
  std::vector<FieldMessage> out;
  for (const auto& f : error.fields) {
    bool seen = false;
    for (const auto& o : out) seen = seen || o.field == f.field;
    if (seen) continue;
    const std::string key = prefix + f.field;
    out.push_back({f.field, site.catalogs().has("en", key) ? site.t(v, key) : f.message});
  }
  return out;
}

mstch::map select_field(const Site& site, const Visitor& v, const std::string& name,
                        std::string_view label_key, const std::string& value,
                        const std::vector<std::pair<std::string, std::string>>& options) {
  mstch::map f = site.field(v, name, label_key, value, "select");
  mstch::array opts;
  opts.push_back(mstch::map{{"value", std::string()},
                            {"label", site.t(v, "common.choose")},
                            {"selected", value.empty()}});
  for (const auto& [val, label] : options)
    opts.push_back(mstch::map{{"value", val}, {"label", label}, {"selected", val == value}});
  f["options"] = opts;
  return f;
}

void send_users(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                std::vector<FieldMessage> errors) {
  auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto users = site.app().users.list(actor);
  auto agencies = site.app().agencies.list(actor);
  if (!users.ok() || !agencies.ok())
    return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
  Page page;
  page.template_name = "admin_users";
  page.title_key = "admin.users.title";
  page.status = errors.empty() ? 200 : 422;
  mstch::array rows;
  for (const auto& u : *users)
    rows.push_back(mstch::map{
        {"username", u.username},
        {"display_name", u.display_name},
        {"role", site.t(v, "role." + u.role)},
        {"agency", u.agency_name},
        {"second_factor", site.t(v, u.totp_enrolled ? "common.yes" : "common.no")},
        {"last_login", u.last_login_at ? format_date_time(*u.last_login_at, v.lang) : "—"}});
  page.model["users"] = rows;
  page.model["user_count"] = format_number(static_cast<int64_t>(users->size()), v.lang);
  std::vector<std::pair<std::string, std::string>> roles, agency_options;
  for (auto r : security::kAllRoles) {
    const std::string name(security::role_name(r));
    roles.emplace_back(name, site.t(v, "role." + name));
  }
  for (const auto& a : *agencies)
    agency_options.emplace_back(a.id, a.name + " (" + a.country + ")");
  mstch::array fields{
      site.field(v, "username", "admin.users.username", typed.get("username")),
      site.field(v, "display_name", "admin.users.display_name", typed.get("display_name")),
      select_field(site, v, "role", "admin.users.role", typed.get("role"), roles),
      select_field(site, v, "agency", "admin.users.agency", typed.get("agency"), agency_options),
      site.field(v, "password", "admin.users.password", "", "password", true, "new-password")};
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

void send_agencies(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                   std::vector<FieldMessage> errors) {
  auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto agencies = site.app().agencies.list(actor);
  if (!agencies.ok())
    return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
  Page page;
  page.template_name = "admin_agencies";
  page.title_key = "admin.agencies.title";
  page.status = errors.empty() ? 200 : 422;
  mstch::array rows;
  for (const auto& a : *agencies)
    rows.push_back(mstch::map{
        {"name", a.name}, {"kind", site.t(v, "agency_kind." + a.kind)}, {"country", a.country}});
  page.model["agencies"] = rows;
  std::vector<std::pair<std::string, std::string>> kinds;
  for (auto k : security::kAllAgencyKinds) {
    const std::string name(security::agency_kind_name(k));
    kinds.emplace_back(name, site.t(v, "agency_kind." + name));
  }
  const std::string country = typed.has("country") ? typed.get("country") : v.who->user.country;
  mstch::array fields{
      site.field(v, "name", "admin.agencies.name", typed.get("name")),
      select_field(site, v, "kind", "admin.agencies.kind", typed.get("kind"), kinds),
      site.field(v, "country", "admin.agencies.country", country)};
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

}  // namespace

void register_admin_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/admin/users", "adminUsersPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kAdmin)) return;
    send_users(*site, ctx, *v, Form(), {});
  });

  router.post("/admin/users", "adminCreateUser", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kAdmin)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    service::NewUser user{form.get("username"), form.get("display_name"), form.get("role"),
                          form.get("agency"), form.get("password")};
    auto created = site->app().users.create(user, service::Actor::of(*v->who, ctx.request_id()));
    security::wipe(user.password);
    if (created.ok()) return site->redirect(ctx, "/admin/users", "flash.user_created");
    if (created.error().code != core::ErrorCode::kInvalidInput)
      return site->send_message(ctx, *v,
                                created.error().code == core::ErrorCode::kConflict ? 409 : 403,
                                "admin.users.title", "admin.users.error.conflict");
    send_users(*site, ctx, *v, form,
               translate_errors(*site, *v, created.error(), "admin.users.error."));
  });

  router.get("/admin/agencies", "adminAgenciesPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kAdmin)) return;
    send_agencies(*site, ctx, *v, Form(), {});
  });

  router.post("/admin/agencies", "adminCreateAgency", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kAdmin)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    service::NewAgency agency{form.get("name"), form.get("kind"), form.get("country")};
    auto created =
        site->app().agencies.create(agency, service::Actor::of(*v->who, ctx.request_id()));
    if (created.ok()) return site->redirect(ctx, "/admin/agencies", "flash.agency_created");
    if (created.error().code != core::ErrorCode::kInvalidInput)
      return site->send_message(ctx, *v,
                                created.error().code == core::ErrorCode::kConflict ? 409 : 403,
                                "admin.agencies.title", "admin.agencies.error.conflict");
    send_agencies(*site, ctx, *v, form,
                  translate_errors(*site, *v, created.error(), "admin.agencies.error."));
  });
}

}  // namespace haven::http::web
