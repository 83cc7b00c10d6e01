// Every endpoint, by resource, in the order docs/openapi.yaml lists them.
#include "http/routes.h"

#include "http/router.h"
#include "http/web/web_options.h"
#include "service/app.h"

namespace haven::http {

void register_routes(Router& router, service::App& app, const Metrics& metrics) {
  api::register_health_routes(router, app, metrics);  // /healthz, /readyz, /metrics
  api::register_auth_routes(router, app);             // /api/v1/auth/…
  api::register_me_routes(router, app);               // /api/v1/me
  api::register_audit_routes(router, app);            // /api/v1/audit
  web::register_web_routes(router, app,
                           web::WebOptions{.demo = app.demo.is_demo()});  // pages, /static/
  api::register_break_glass_routes(router, app);                          // /api/v1/break-glass
  api::register_report_routes(router, app);                               // /api/v1/reports
  api::register_case_routes(router, app);                                 // /api/v1/cases…
  api::register_case_record_routes(router, app);     // /api/v1/cases/{case_id}/…
  api::register_child_routes(router, app);           // /api/v1/children/{child_id}
  api::register_person_routes(router, app);          // …/{child_id}/persons, …/relationships
  api::register_task_routes(router, app);            // /api/v1/tasks
  api::register_case_referral_routes(router, app);   // …/cases/{case_id}/referrals
  api::register_case_placement_routes(router, app);  // …/cases/{case_id}/placements
  api::register_case_participation_routes(router, app);  // …/participation, …/information-given
  api::register_case_note_routes(router, app);           // …/cases/{case_id}/notes
  api::register_case_document_routes(router, app);       // …/cases/{case_id}/documents
  api::register_case_transfer_routes(router, app);       // …/transfers, /api/v1/transfers
  api::register_export_routes(router, app);  // /api/v1/exports/{list}, …/subject-access
  api::register_search_routes(router, app);  // /api/v1/search/children
  api::register_merge_routes(router, app);   // …/{child_id}/merge, /api/v1/merges, …/duplicates
  api::register_barnahus_routes(router, app);               // /api/v1/barnahus/…
  api::register_exchange_routes(router, app);               // /api/v1/exchange/inbox
  api::register_cross_border_referral_routes(router, app);  // /api/v1/referrals…, …/linkage-review
}

}  // namespace haven::http
