// The records of a case's steps: screening decision, assessments, plans (with submit, approve and
// return), reviews and the closure (with request, approve and return). Submitting and approving a
// plan and requesting and approving closure are lifecycle transitions; these routes name them for
// clients that think in records rather than actions. Each answers with the case as GET /cases/{id}
// does.
#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {
using Write = core::Result<nlohmann::json> (service::CaseRecordService::*)(const std::string&,
                                                                           const nlohmann::json&,
                                                                           const service::Actor&);
using WriteRecord = core::Result<nlohmann::json> (service::CaseRecordService::*)(
    const std::string&, const std::string&, const nlohmann::json&, const service::Actor&);

Router::Handler record(service::App& app, Write write, int status) {
  return [&app, write, status](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    send_case_result(
        ctx, (app.case_records.*write)(std::string(ctx.param("case_id")), *body, *actor), status);
  };
}

Router::Handler record_of(service::App& app, WriteRecord write, const char* id_param) {
  return [&app, write, id_param](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    send_case_result(ctx,
                     (app.case_records.*write)(std::string(ctx.param("case_id")),
                                               std::string(ctx.param(id_param)), *body, *actor));
  };
}

// A lifecycle action under a record's name: {"version": <case version>, "comment"?}.
Router::Handler action(service::App& app, const char* code, const char* id_param) {
  return [&app, code, id_param](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    if (!body->is_object()) *body = nlohmann::json::object();
    (*body)["action"] = code;
    if (body->contains("comment") && !body->contains("reason"))
      (*body)["reason"] = (*body)["comment"];
    if (id_param) (*body)["plan_id"] = std::string(ctx.param(id_param));
    send_case_result(ctx, app.cases.transition(std::string(ctx.param("case_id")), *body, *actor));
  };
}
}  // namespace

void register_case_record_routes(Router& router, service::App& app) {
  using S = service::CaseRecordService;
  router.post("/api/v1/cases/{case_id}/screening", "recordScreening",
              record(app, &S::record_screening, 201));
  router.post("/api/v1/cases/{case_id}/assessments", "createAssessment",
              record(app, &S::create_assessment, 201));
  router.put("/api/v1/cases/{case_id}/assessments/{assessment_id}", "updateAssessment",
             record_of(app, &S::update_assessment, "assessment_id"));
  router.post("/api/v1/cases/{case_id}/plans", "createPlan", record(app, &S::create_plan, 201));
  router.put("/api/v1/cases/{case_id}/plans/{plan_id}", "updatePlan",
             record_of(app, &S::update_plan, "plan_id"));
  router.post("/api/v1/cases/{case_id}/plans/{plan_id}/submit", "submitPlan",
              action(app, "submit_plan", "plan_id"));
  router.post("/api/v1/cases/{case_id}/plans/{plan_id}/approve", "approvePlan",
              action(app, "approve_plan", "plan_id"));
  router.post("/api/v1/cases/{case_id}/plans/{plan_id}/return", "returnPlan",
              record_of(app, &S::return_plan, "plan_id"));
  router.post("/api/v1/cases/{case_id}/reviews", "createReview",
              record(app, &S::create_review, 201));
  router.put("/api/v1/cases/{case_id}/closure", "putClosure", record(app, &S::put_closure, 200));
  router.post("/api/v1/cases/{case_id}/closure/request", "requestClosure",
              action(app, "request_closure", nullptr));
  router.post("/api/v1/cases/{case_id}/closure/approve", "approveClosure",
              action(app, "approve_closure", nullptr));
  router.post("/api/v1/cases/{case_id}/closure/return", "returnClosure",
              action(app, "return_closure", nullptr));
}

}  // namespace haven::http::api
