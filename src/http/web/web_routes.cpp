// register_web_routes (declared in http/routes.h): one Site for all pages, shared by the page
// groups' handlers.
#include "http/router.h"
#include "http/routes.h"
#include "http/web/barnahus_pages.h"
#include "http/web/pages.h"
#include "http/web/referral_pages.h"
#include "http/web/site.h"
#include "http/web/stats_page.h"

namespace haven::http::web {

void register_web_routes(Router& router, service::App& app, const WebOptions& options) {
  auto site = std::make_shared<Site>(app, options);
  register_static_files(router, site);
  register_signin_pages(router, site);
  register_account_pages(router, site);
  register_admin_pages(router, site);
  register_audit_pages(router, site);
  site->attach_router(router);
  register_intake_page(router, site);
  register_find_child_page(router, site);
  register_team_page(router, site);
  register_duplicates_page(router, site);
  register_my_plan_page(router, site);
  register_case_pages(router, site);
  register_exports_page(router, site);
  register_barnahus_pages(router, site);
  register_stats_pages(router, site);
  register_referral_pages(router, site);
}

}  // namespace haven::http::web
