// The page groups of http/web, one file each, registered by web::register_web_routes
// (web_routes.cpp, declared in http/routes.h).
// Each takes the shared Site, which lives as long as the router's handlers.
#pragma once

#include <memory>

namespace haven::http {
class Router;
}

namespace haven::http::web {

class Site;

// GET /static/{file}: the CSS, JS and icons under web/static/, with a long cache lifetime.
void register_static_files(Router& router, std::shared_ptr<Site> site);
// /signin (password, then code), /signin/enrol (first-time TOTP and recovery codes), /signout.
void register_signin_pages(Router& router, std::shared_ptr<Site> site);
// / (home), /account, POST /language.
void register_account_pages(Router& router, std::shared_ptr<Site> site);
// POST /language alone (the header's switcher), for the regional hub's pages.
void register_language_switch(Router& router, std::shared_ptr<Site> site);
// /admin/users and /admin/agencies (admins).
void register_admin_pages(Router& router, std::shared_ptr<Site> site);
// /audit (auditors).
void register_audit_pages(Router& router, std::shared_ptr<Site> site);
// /reports/new: intake of a report of concern (caseworkers, supervisors).
void register_intake_page(Router& router, std::shared_ptr<Site> site);
// /find: find a child by name, case number or date of birth.
void register_find_child_page(Router& router, std::shared_ptr<Site> site);
// /team: the supervisor's caseload chart, approvals queue and overdue list.
void register_team_page(Router& router, std::shared_ptr<Site> site);
// /duplicates: the supervisor's review queue of possible duplicate children (merge or dismiss).
void register_duplicates_page(Router& router, std::shared_ptr<Site> site);
// /cases/{case_id}/my-plan: the child's own one-page summary of their plan.
void register_my_plan_page(Router& router, std::shared_ptr<Site> site);
// /cases/{id} and its forms (case_page.cpp, case_page_posts.cpp).
void register_case_pages(Router& router, std::shared_ptr<Site> site);

// /exports: "Download lists" (CSV/XLSX) and, for supervisors, the subject-access export.
void register_exports_page(Router& router, std::shared_ptr<Site> site);

}  // namespace haven::http::web
