// Find a child (GET/POST /find): search by name in any spelling or script, by case number, or by
// date of birth, through SearchService (policy-filtered, audited). Each result shows the child as
// registered, their cases the worker may open and why they matched (child_matches.h).
// The search is a POST so a child's name never appears in a URL, a browser history or an access
// log; with JavaScript (haven.js) the results follow as the worker types, fetched the same way as
// an HTML fragment (header X-Haven-Fragment: results).
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "http/request_context.h"
#include "http/router.h"
#include "http/web/catalog.h"
#include "http/web/child_matches.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

constexpr size_t kResultLimit = 20;

bool may_search(const Visitor& v) {
  switch (v.who->principal.role) {
    case security::Role::kCaseworker:
    case security::Role::kSupervisor:
    case security::Role::kBarnahusCoordinator:
    case security::Role::kContactPoint:
      return true;
    default:
      return false;
  }
}

struct SearchOutcome {
  bool searched = false;
  bool unavailable = false;        // the search failed for a reason that is not the worker's input
  std::optional<size_t> starting;  // the index is being built after a restart: children so far
  std::vector<service::ChildMatch> matches;
  std::vector<FieldMessage> errors;
};

// Runs the search the form describes; field errors in the visitor's language.
SearchOutcome search(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  SearchOutcome out;
  const std::string& q = form.get("q");
  const std::string& dob = form.get("dob");
  if (q.find_first_not_of(" \t\r\n") == std::string::npos && dob.empty()) {
    out.errors.push_back({"q", site.t(v, "find.error.empty")});
    return out;
  }
  service::ChildSearchQuery query{q, dob, kResultLimit};
  auto found = site.app().search.find_children(query, service::Actor::of(*v.who, ctx.request_id()));
  if (!found.ok()) {
    const auto& e = found.error();
    if (e.code == core::ErrorCode::kUnavailable && site.app().search.building()) {
      out.starting = site.app().search.children_loaded();
      return out;
    }
    if (e.code != core::ErrorCode::kInvalidInput) {
      out.unavailable = true;
      return out;
    }
    bool dob_error = false;
    for (const auto& f : e.fields) dob_error = dob_error || f.field == "dob";
    if (dob_error) out.errors.push_back({"dob", site.t(v, "find.error.dob")});
    if (!dob_error || e.fields.size() > 1) out.errors.push_back({"q", site.t(v, "find.error.q")});
    return out;
  }
  out.searched = true;
  out.matches = std::move(*found);
  return out;
}

void fill_results(Site& site, const Visitor& v, mstch::map& m, const SearchOutcome& outcome) {
  m["searched"] = outcome.searched;
  m["has_matches"] = !outcome.matches.empty();
  m["count"] = std::to_string(outcome.matches.size());
  m["one_match"] = outcome.matches.size() == 1;
  m["matches"] = child_match_rows(site, v, outcome.matches);
  m["starting"] = outcome.starting.has_value();
  m["indexed"] = format_number(static_cast<int64_t>(outcome.starting.value_or(0)), v.lang);
}

void send_find(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
               const SearchOutcome& outcome) {
  Page page;
  page.template_name = "find_child";
  page.title_key = "find.title";
  page.status = outcome.starting ? 503 : outcome.errors.empty() ? 200 : 422;
  auto& m = page.model;
  mstch::array fields{
      site.field(v, "q", "find.q", typed.get("q"), "search", false),
      site.field(v, "dob", "find.dob", typed.get("dob"), "date", false),
  };
  Site::attach_errors(fields, outcome.errors);
  m["fields"] = fields;
  fill_results(site, v, m, outcome);
  page.errors = outcome.errors;
  site.send(ctx, v, std::move(page));
}

}  // namespace

void register_find_child_page(Router& router, std::shared_ptr<Site> site) {
  router.get("/find", "findChildPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_search(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    const Form typed = site->resumed_form(ctx).value_or(Form::parse(""));
    send_find(*site, ctx, *v, typed, {});
  });

  router.post("/find", "findChildSearch", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (!may_search(*v))
      return site->send_message(ctx, *v, 403, "error.forbidden.title", "error.forbidden.message");
    const Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    SearchOutcome outcome;
    if (form.valid()) {
      outcome = search(*site, ctx, *v, form);
    } else {
      outcome.errors.push_back({"q", site->t(*v, "find.error.q")});
    }
    if (outcome.unavailable)
      return site->send_message(ctx, *v, 503, "error.unavailable.title",
                                "error.unavailable.message");
    if (outcome.starting) ctx.response().set_header("Retry-After", "5");
    if (ctx.header("X-Haven-Fragment") == "results") {
      mstch::map m;
      fill_results(*site, *v, m, outcome);
      if (!outcome.errors.empty()) m["fragment_error"] = outcome.errors.front().message;
      return site->send_fragment(ctx, *v, "find_results", std::move(m),
                                 outcome.starting         ? 503
                                 : outcome.errors.empty() ? 200
                                                          : 422);
    }
    send_find(*site, ctx, *v, form, outcome);
  });
}

}  // namespace haven::http::web
