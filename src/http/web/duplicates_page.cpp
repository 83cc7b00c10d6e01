// The supervisor's review queue of possible duplicate children (GET/POST /duplicates): the pairs
// `haven dedupe` found in the supervisor's agency, both records side by side with why they look
// alike, and for each a form to merge one into the other (with a reason) or to mark them as two
// different children — through the same service calls as the JSON API (service/duplicates/).
#include <cmath>

#include "http/request_context.h"
#include "http/router.h"
#include "http/web/catalog.h"
#include "http/web/child_matches.h"
#include "http/web/mywork.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

// Why the pair looks alike, in the visitor's language: compared again by the name index (the
// queue keeps the scan's English sentence for the API and the CLI).
mstch::array pair_reasons(Site& site, const Visitor& v, const std::string& a,
                          const std::string& b) {
  if (auto hit = site.app().search.index().compare(a, b))
    return match_reasons(site, v, hit->explanation);
  return {};
}

constexpr int kPageSize = 50;

struct DuplicatesOutcome {
  std::vector<FieldMessage> errors;
  std::string notice;
  int status = 200;
};

std::string sex_label(const Site& site, const Visitor& v, const std::string& sex) {
  if (sex == "female" || sex == "male" || sex == "other") return site.t(v, "intake.sex." + sex);
  return site.t(v, "intake.sex.unknown");
}

mstch::map child_model(const Site& site, const Visitor& v, const service::DuplicateChild& c) {
  std::string born = c.birth_date ? format_day(*c.birth_date, v.lang) : std::string("—");
  if (c.birth_date && c.birth_date_estimated)
    born += " (" + site.t(v, "duplicates.estimated") + ")";
  return mstch::map{{"id", c.id},
                    {"given_names", c.given_names},
                    {"family_names", c.family_names},
                    {"born", born},
                    {"sex", sex_label(site, v, c.sex)},
                    {"cases", format_number(c.cases, v.lang)},
                    {"version", std::to_string(c.version)}};
}

void send_queue(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                DuplicatesOutcome outcome) {
  service::DuplicateListOptions options;
  options.limit = kPageSize;
  auto queue = site.app().duplicates.list(service::Actor::of(*v.who, ctx.request_id()), options);
  if (!queue.ok()) {
    if (queue.error().code == core::ErrorCode::kForbidden)
      return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  }
  Page page;
  page.template_name = "duplicates";
  page.title_key = "duplicates.title";
  page.status = outcome.errors.empty() ? outcome.status : 422;
  page.notice = outcome.notice;
  const std::string typed_pair = typed.get("candidate_id");
  mstch::array pairs;
  int n = 0;
  // The index learns of children written since its last refresh (the pair may be minutes old);
  // without it a pair is still shown, only without its reasons.
  (void)site.app().search.refresh();
  for (const auto& d : queue->candidates) {
    const std::string field = "reason-" + d.id;
    std::string error;
    for (const auto& e : outcome.errors)
      if (e.field == field) error = e.message;
    const bool keep_b = typed_pair == d.id && typed.get("keep") == "b";
    pairs.push_back(mstch::map{
        {"id", d.id},
        {"number", format_number(++n, v.lang)},
        {"version", std::to_string(d.version)},
        {"a", child_model(site, v, d.a)},
        {"b", child_model(site, v, d.b)},
        {"likelihood",
         format_number(static_cast<int64_t>(std::lround(d.probability * 100)), v.lang) + " %"},
        {"reasons", pair_reasons(site, v, d.a.id, d.b.id)},
        {"keep_b", keep_b},
        {"field", field},
        {"reason", typed_pair == d.id ? typed.get("reason") : std::string()},
        {"error", error}});
  }
  page.model["pairs"] = pairs;
  page.model["has_pairs"] = !pairs.empty();
  page.model["total"] = format_number(queue->total, v.lang);
  page.model["more"] = queue->next_offset.has_value();
  page.errors = std::move(outcome.errors);
  site.send(ctx, v, std::move(page));
}

// Merge one record of a pair into the other, or dismiss the pair.
void decide(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto number = [&](const std::string& name) -> std::optional<int64_t> {
    try {
      return std::stoll(form.get(name));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  const std::string& id = form.get("candidate_id");
  DuplicatesOutcome outcome;
  outcome.status = 409;
  core::Status done = core::ok_status();
  const char* flash = "duplicates.flash.dismissed";
  if (form.get("action") == "merge") {
    flash = "duplicates.flash.merged";
    const bool keep_b = form.get("keep") == "b";
    service::MergeRequest request;
    request.survivor_child_id = form.get(keep_b ? "child_b" : "child_a");
    request.merged_child_id = form.get(keep_b ? "child_a" : "child_b");
    request.survivor_version = number(keep_b ? "version_b" : "version_a");
    request.merged_child_version = number(keep_b ? "version_a" : "version_b");
    request.reason = form.get("reason");
    if (!request.survivor_version || !request.merged_child_version) {
      done = core::Error::conflict("The form is incomplete.");
    } else if (auto merged = site.app().merges.merge(request, actor); !merged.ok()) {
      done = merged.take_error();
    }
  } else {
    if (auto dismissed = site.app().duplicates.dismiss(actor, id, number("version"));
        !dismissed.ok())
      done = dismissed.take_error();
  }
  if (done.ok()) return site.redirect(ctx, "/duplicates", flash);
  switch (done.error().code) {
    case core::ErrorCode::kInvalidInput:
      outcome.errors.push_back({"reason-" + id, site.t(v, "duplicates.error.reason")});
      break;
    case core::ErrorCode::kForbidden:
    case core::ErrorCode::kNotFound:
      outcome.status = 404;
      outcome.notice = site.t(v, "duplicates.error.changed");
      break;
    default:
      outcome.notice = site.t(v, "duplicates.error.changed");
  }
  send_queue(site, ctx, v, form, std::move(outcome));
}

}  // namespace

void register_duplicates_page(Router& router, std::shared_ptr<Site> site) {
  router.get("/duplicates", "duplicatesPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kSupervisor)) return;
    if (auto resumed = site->resumed_form(ctx)) {
      DuplicatesOutcome kept;
      kept.notice = site->t(*v, "duplicates.resumed");
      return send_queue(*site, ctx, *v, *resumed, std::move(kept));
    }
    send_queue(*site, ctx, *v, Form(), {});
  });

  router.post("/duplicates", "duplicatesDecide", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kSupervisor)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    decide(*site, ctx, *v, form);
  });
}

}  // namespace haven::http::web
