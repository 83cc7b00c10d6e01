// The home page ("My work" for caseworkers and supervisors, mywork_page.cpp; for other roles a
// greeting and the pages the role can use), the account page, and the language switch (POST
// /language from the header or the account page), remembered per user and in a cookie for the
// sign-in page.
#include <httplib.h>

#include "http/request_context.h"
#include "http/router.h"
#include "http/web/mywork.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

struct Destination {
  const char* href;
  const char* title_key;
  const char* description_key;
};

std::vector<Destination> destinations_for(security::Role role) {
  switch (role) {
    case security::Role::kAdmin:
      return {{"/admin/users", "nav.users", "home.users"},
              {"/admin/agencies", "nav.agencies", "home.agencies"}};
    case security::Role::kAuditor:
      return {{"/audit", "nav.audit", "home.audit"}};
    default:
      return {};
  }
}

}  // namespace

void register_account_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/", "homePage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    const auto role = v->who->principal.role;
    if (role == security::Role::kCaseworker || role == security::Role::kSupervisor)
      return send_my_work(*site, ctx, *v);
    Page page;
    page.template_name = "home";
    page.title_key = "home.title";
    mstch::array links;
    for (const auto& d : destinations_for(v->who->principal.role))
      links.push_back(mstch::map{{"href", std::string(d.href)},
                                 {"title", site->t(*v, d.title_key)},
                                 {"description", site->t(*v, d.description_key)}});
    links.push_back(mstch::map{{"href", std::string("/account")},
                               {"title", site->t(*v, "nav.account")},
                               {"description", site->t(*v, "home.account")}});
    page.model["links"] = links;
    site->send(ctx, *v, std::move(page));
  });

  router.get("/account", "accountPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    const auto& u = v->who->user;
    Page page;
    page.template_name = "account";
    page.title_key = "account.title";
    page.model["username"] = u.username;
    page.model["agency_name"] = u.agency_name;
    page.model["country"] = u.country;
    if (u.last_login_at) page.model["last_login"] = format_date_time(*u.last_login_at, v->lang);
    site->send(ctx, *v, std::move(page));
  });

  register_language_switch(router, site);
}

// Also served by the regional hub, whose visitors never sign in: the choice lives in the cookie.
void register_language_switch(Router& router, std::shared_ptr<Site> site) {
  router.post("/language", "setLanguage", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, v, form)) return;
    const std::string& lang = form.get("lang");
    // The sign-in page is the one page a switch may return to that is_safe_next refuses as a
    // destination after signing in.
    const std::string& typed = form.get("next");
    const std::string next = is_safe_next(typed) || typed == "/signin" ? typed : "/";
    if (!is_page_language(lang) || site->catalogs().entries(lang).empty())
      return site->redirect(ctx, next);
    if (v.who) {
      if (auto s = site->languages().set_preferred(*v.who, lang, ctx.request_id()); !s.ok())
        return site->send_message(ctx, v, 503, "error.unavailable.title",
                                  "error.unavailable.message");
    }
    site->set_cookie(ctx, site->lang_cookie_name(), lang, 365LL * 24 * 3600);
    site->redirect(ctx, next, "flash.language_changed");
  });
}

}  // namespace haven::http::web
