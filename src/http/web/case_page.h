// The case page (GET /cases/{id}) and its forms (POST /cases/{id}/<form>), shared between
// case_page.cpp, which renders the header, the sections and every form from the services' JSON,
// and case_page_forms.cpp, which turns a submitted form into a service call and either redirects
// (POST-redirect-GET) or renders the page again with the worker's input, the errors and, after a
// stale version, both versions side by side.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/web/form.h"
#include "http/web/site.h"

namespace haven::http {
class RequestContext;
class Router;
}  // namespace haven::http

namespace haven::http::web {

// What a failed form submission brings back to the page.
struct CaseFormState {
  std::string form;             // the form's id ("assessment", "plan", …); "" when none failed
  const Form* typed = nullptr;  // what the worker sent, shown again in that form
  // Errors by input name (without the "field-<form>-" prefix); already in the message shown.
  std::vector<FieldMessage> errors;
  std::string message;    // the service's overall message (shown in the form)
  bool conflict = false;  // someone saved first: show both versions
  bool resumed = false;   // typed before the session ended, kept through sign-in (Site::keep_form)
};

// Renders the case page for the signed-in visitor. A case the visitor may not see answers a 404
// page (another agency) or a 403 page, with no data.
void send_case_page(Site& site, RequestContext& ctx, const Visitor& v, const std::string& case_id,
                    const CaseFormState& state = {}, int status = 200);

// Every input name a case form has, in order: how a service field error ("goals[0].description")
// finds its input ("g0_description") and its label.
std::string case_input_for_field(const std::string& service_field);

// POST /cases/{id}/action, /screening, /assessment, /plan, /plan/return, /review, /closure,
// /note, /referral, /placement, /participation, /information.
void register_case_form_routes(Router& router, std::shared_ptr<Site> site);

}  // namespace haven::http::web
