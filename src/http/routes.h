// The routes file: every endpoint haven serves is registered from register_routes(), one call per
// resource file in http/api/ (Primero style), so this file, docs/openapi.yaml and Router::routes()
// list the same endpoints. To add a resource: write http/api/<resource>.cpp with
// register_<resource>_routes(Router&, service::App&), declare it below and call it in routes.cpp.
#pragma once

namespace haven::service {
struct App;
}

namespace haven::http {

class Metrics;
class Router;

// Registers every endpoint of the application on `router`.
void register_routes(Router& router, service::App& app, const Metrics& metrics);

namespace api {
// GET /healthz, GET /readyz, GET /metrics (the one route file that also needs the server's
// metrics).
void register_health_routes(Router& router, service::App& app, const Metrics& metrics);
// POST /api/v1/auth/login, /auth/logout, /auth/totp/enroll, /auth/totp/confirm.
void register_auth_routes(Router& router, service::App& app);
// GET /api/v1/me.
void register_me_routes(Router& router, service::App& app);
// GET /api/v1/audit (auditors).
void register_audit_routes(Router& router, service::App& app);
// GET /api/v1/break-glass, POST /api/v1/break-glass/{event_id}/acknowledge (supervisors, auditors).
void register_break_glass_routes(Router& router, service::App& app);
// POST /api/v1/reports (intake: child, report and case in one go).
void register_report_routes(Router& router, service::App& app);
// GET /api/v1/cases, GET /api/v1/cases/{case_id}, POST …/transitions, …/assignment, GET …/history.
void register_case_routes(Router& router, service::App& app);
// Screening, assessments, plans (+ submit/approve/return), reviews, closure (+ request/approve).
void register_case_record_routes(Router& router, service::App& app);
// GET /api/v1/children/{child_id}.
void register_child_routes(Router& router, service::App& app);
// GET/POST …/children/{child_id}/persons, GET/PUT …/persons/{person_id}, …/relationships (+ end).
void register_person_routes(Router& router, service::App& app);
// GET /api/v1/tasks.
void register_task_routes(Router& router, service::App& app);
// Records under a case: GET/POST …/referrals, PUT …/referrals/{referral_id}.
void register_case_referral_routes(Router& router, service::App& app);
// GET/POST …/placements, PUT …/placements/{placement_id}.
void register_case_placement_routes(Router& router, service::App& app);
// GET/POST …/participation and …/information-given, PUT each by id.
void register_case_participation_routes(Router& router, service::App& app);
// GET/POST …/notes, PUT …/notes/{note_id}.
void register_case_note_routes(Router& router, service::App& app);
// GET/POST …/documents (raw upload), GET …/documents/{document_id} (download, audited).
void register_case_document_routes(Router& router, service::App& app);
// POST/GET …/cases/{case_id}/transfers, GET /api/v1/transfers, POST …/transfers/{id}/accept|reject.
void register_case_transfer_routes(Router& router, service::App& app);
// GET /api/v1/exports/{list} (CSV/XLSX), POST /api/v1/children/{child_id}/subject-access.
void register_export_routes(Router& router, service::App& app);
// GET /api/v1/search/children (by name, birth date or case number).
void register_search_routes(Router& router, service::App& app);
// POST …/children/{child_id}/merge, GET /api/v1/merges/{merge_id}, POST …/merges/{merge_id}/undo,
// GET /api/v1/duplicates, POST …/duplicates/{candidate_id}/dismiss.
void register_merge_routes(Router& router, service::App& app);
// /api/v1/barnahus/…: cases and their timeline, alerts, quality report, training ([J1]).
void register_barnahus_routes(Router& router, service::App& app);
// POST /api/v1/exchange/inbox: packages from partner authorities, no session ([X1]).
void register_exchange_routes(Router& router, service::App& app);
// /api/v1/referrals…: transnational referrals; /api/v1/linkage-review…: the review queue ([X1]).
void register_cross_border_referral_routes(Router& router, service::App& app);
}  // namespace api

namespace web {
struct WebOptions;
// The HTML pages under / and their assets under /static/ (http/web/web_routes.h).
void register_web_routes(Router& router, service::App& app, const WebOptions& options);
}  // namespace web

}  // namespace haven::http
