// The Barnahus quality-standards report (GET /barnahus/quality) — the PROMISE figures for the cases
// of one Barnahus referred in a period, as a table and as server-rendered SVG bar charts with text
// alternatives (http/web/svg_chart.h) — and the staff training records of standard 9 (GET/POST
// /barnahus/training). Both call BarnahusService, which decides who may see them and audits.
#include <cmath>
#include <cstdio>

#include "core/date.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/barnahus_pages.h"
#include "http/web/catalog.h"
#include "http/web/svg_chart.h"
#include "service/app.h"

namespace haven::http::web::barnahus {

namespace {

std::string percent(std::optional<double> share, const Site& site, const Visitor& v) {
  if (!share) return site.t(v, "barnahus.quality.no_data");
  const long n = std::lround(*share * 100.0);
  return std::to_string(n) + (v.lang == "en" ? "%" : "\u00a0%");
}

std::string days(std::optional<double> value, const Site& site, const Visitor& v) {
  if (!value) return site.t(v, "barnahus.quality.no_data");
  const double rounded = std::round(*value * 10.0) / 10.0;
  char buf[32];
  if (rounded == std::floor(rounded))
    std::snprintf(buf, sizeof(buf), "%.0f", rounded);
  else
    std::snprintf(buf, sizeof(buf), "%.1f", rounded);
  std::string text = buf;
  if (v.lang != "en")
    for (auto& ch : text)
      if (ch == '.') ch = ',';
  return text + " " + site.t(v, "barnahus.quality.days");
}

std::string count_of(int part, int whole, const Visitor& v) {
  return format_number(part, v.lang) + " / " + format_number(whole, v.lang);
}

mstch::map figure(const Site& site, const Visitor& v, std::string_view key, std::string value,
                  std::string basis = {}) {
  return mstch::map{{"label", site.t(v, key)}, {"value", std::move(value)}, {"basis", basis}};
}

void send_quality(Site& site, RequestContext& ctx, const Visitor& v) {
  const auto actor = actor_of(ctx, v);
  const core::Date today = core::Date::of(site.app().clock.now());
  std::vector<FieldMessage> errors;
  const std::string from_text =
      ctx.query("from").empty() ? today.plus_days(-365).to_string() : ctx.query("from");
  const std::string to_text = ctx.query("to").empty() ? today.to_string() : ctx.query("to");
  auto from = core::Date::parse(from_text);
  auto to = core::Date::parse(to_text);
  if (!from) errors.push_back({"quality-from", site.t(v, "barnahus.error.from")});
  if (!to) errors.push_back({"quality-to", site.t(v, "barnahus.error.to")});
  std::string barnahus = ctx.query("barnahus_agency_id");
  if (barnahus.empty()) {
    // Someone outside a Barnahus names the Barnahus; the service decides whether they may see it.
    if (v.who->principal.agency_kind != security::AgencyKind::kBarnahus)
      return site.send_message(ctx, v, 403, "error.forbidden.title", "barnahus.error.forbidden");
    barnahus = v.who->principal.agency_id;
  }

  Page page;
  page.template_name = "barnahus_quality";
  page.title_key = "barnahus.quality.title";
  auto& m = page.model;
  mstch::array fields{
      input_field(site, v, "quality", "from", "barnahus.quality.from", from_text, "date"),
      input_field(site, v, "quality", "to", "barnahus.quality.to", to_text, "date")};
  if (errors.empty()) {
    auto report = site.app().barnahus.quality_report(actor, barnahus, *from, *to);
    if (!report.ok()) {
      if (report.error().code != core::ErrorCode::kInvalidInput)
        return send_failure(site, ctx, v, report.error());
      errors = field_messages(site, v, "quality", report.error());
    } else {
      const auto& q = report->quality;
      m["has_report"] = true;
      m["period"] =
          day_text(report->from.to_string(), v) + " – " + day_text(report->to.to_string(), v);
      m["cases"] = format_number(q.cases, v.lang);
      m["figures"] = mstch::array{
          figure(site, v, "barnahus.quality.cases", format_number(q.cases, v.lang)),
          figure(site, v, "barnahus.quality.interviewed_once",
                 percent(q.share_interviewed_once, site, v),
                 count_of(q.interviewed_once, q.interviewed, v)),
          figure(site, v, "barnahus.quality.days_to_interview",
                 days(q.median_days_to_interview, site, v), format_number(q.interviewed, v.lang)),
          figure(site, v, "barnahus.quality.days_to_exam",
                 days(q.median_days_to_medical_exam, site, v), format_number(q.examined, v.lang)),
          figure(site, v, "barnahus.quality.meeting_before",
                 percent(q.share_meeting_before_interview, site, v),
                 count_of(q.meeting_before_interview, q.interviewed, v)),
          figure(site, v, "barnahus.quality.therapy_offered",
                 percent(q.share_therapy_offered, site, v),
                 count_of(q.therapy_offered, q.cases, v)),
          figure(site, v, "barnahus.quality.informed_every",
                 percent(q.share_informed_every_stage, site, v),
                 count_of(q.informed_every_stage, q.cases, v))};
      mstch::array stages;
      std::vector<ChartBar> stage_bars;
      for (const auto& s : q.by_stage) {
        std::optional<double> share;
        if (s.reached > 0) share = static_cast<double>(s.informed) / s.reached;
        const std::string label = code_text(site, v, "stage", s.stage);
        stages.push_back(mstch::map{{"stage", label},
                                    {"value", percent(share, site, v)},
                                    {"basis", count_of(s.informed, s.reached, v)}});
        stage_bars.push_back({label, share, percent(share, site, v)});
      }
      m["stages"] = stages;

      BarChart shares;
      shares.id = "chart-shares";
      shares.title = site.t(v, "barnahus.quality.chart_shares");
      shares.max_value = 1.0;
      shares.bars = {
          {site.t(v, "barnahus.quality.interviewed_once"), q.share_interviewed_once,
           percent(q.share_interviewed_once, site, v)},
          {site.t(v, "barnahus.quality.meeting_before"), q.share_meeting_before_interview,
           percent(q.share_meeting_before_interview, site, v)},
          {site.t(v, "barnahus.quality.therapy_offered"), q.share_therapy_offered,
           percent(q.share_therapy_offered, site, v)},
          {site.t(v, "barnahus.quality.informed_every"), q.share_informed_every_stage,
           percent(q.share_informed_every_stage, site, v)}};
      BarChart delay;
      delay.id = "chart-days";
      delay.title = site.t(v, "barnahus.quality.chart_days");
      delay.bar_class = "chart-bar chart-bar-days";
      delay.bars = {{site.t(v, "barnahus.quality.days_to_interview"), q.median_days_to_interview,
                     days(q.median_days_to_interview, site, v)},
                    {site.t(v, "barnahus.quality.days_to_exam"), q.median_days_to_medical_exam,
                     days(q.median_days_to_medical_exam, site, v)}};
      BarChart informed;
      informed.id = "chart-stages";
      informed.title = site.t(v, "barnahus.quality.chart_stages");
      informed.max_value = 1.0;
      informed.bars = std::move(stage_bars);
      m["charts"] = mstch::array{
          mstch::map{{"svg", render_bar_chart(shares)}, {"caption", shares.title}},
          mstch::map{{"svg", render_bar_chart(delay)}, {"caption", delay.title}},
          mstch::map{{"svg", render_bar_chart(informed)}, {"caption", informed.title}}};
    }
  }
  attach_errors(fields, "quality", errors);
  m["form_fields"] = fields;
  m["barnahus_agency_id"] = barnahus;
  page.status = errors.empty() ? 200 : 422;
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

void send_training(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
                   std::vector<FieldMessage> errors) {
  const auto actor = actor_of(ctx, v);
  auto rows = site.app().barnahus.list_training(actor);
  if (!rows.ok()) return send_failure(site, ctx, v, rows.error());
  auto dir = site.app().barnahus.directory(actor);
  if (!dir.ok()) return send_failure(site, ctx, v, dir.error());
  std::map<std::string, std::string> agency_names, names;
  for (const auto& a : dir->agencies) agency_names[a.id] = a.name;
  std::vector<std::pair<std::string, std::string>> people;
  for (const auto& p : dir->people) {
    names[p.id] = p.name + " (" + agency_names[p.agency_id] + ")";
    people.emplace_back(p.id, names[p.id]);
  }
  Page page;
  page.template_name = "barnahus_training";
  page.title_key = "barnahus.training.title";
  page.status = errors.empty() ? 200 : 422;
  mstch::array list;
  for (const auto& r : *rows)
    list.push_back(mstch::map{{"who", names.count(r.user_id) ? names[r.user_id] : r.user_id},
                              {"training", r.training},
                              {"completed", day_text(r.completed_on, v)}});
  page.model["rows"] = list;
  page.model["has_rows"] = !rows->empty();
  mstch::array fields{
      select_field(site, v, "training", "user_id", "barnahus.training.person",
                   id_options(people, {typed.get("user_id")})),
      input_field(site, v, "training", "training", "barnahus.training.training",
                  typed.get("training")),
      input_field(site, v, "training", "completed_on", "barnahus.training.completed_on",
                  typed.get("completed_on"), "date")};
  attach_errors(fields, "training", errors);
  page.model["training_form"] =
      form_model(site, v, "training", "/barnahus/training", "barnahus.training.add",
                 "barnahus.training.submit", std::move(fields));
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

}  // namespace

void register_report_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/barnahus/quality", "barnahusQualityPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    send_quality(*site, ctx, *v);
  });

  router.get("/barnahus/training", "barnahusTrainingPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    send_training(*site, ctx, *v, Form(), {});
  });

  router.post("/barnahus/training", "barnahusRecordTraining", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    domain::TrainingRecord t;
    t.user_id = form.get("user_id");
    t.training = form.get("training");
    auto day = core::Date::parse(form.get("completed_on"));
    if (!day) {
      // Only a coordinator learns what is wrong with the form.
      auto allowed = site->app().barnahus.list_training(actor_of(ctx, *v));
      if (!allowed.ok()) return send_failure(*site, ctx, *v, allowed.error());
      return send_training(*site, ctx, *v, form,
                           {{"training-completed_on", site->t(*v, "barnahus.error.completed_on")}});
    }
    t.completed_on = *day;
    auto done = site->app().barnahus.record_training(actor_of(ctx, *v), std::move(t));
    if (done.ok()) return site->redirect(ctx, "/barnahus/training", "barnahus.flash.saved");
    if (done.error().code != core::ErrorCode::kInvalidInput)
      return send_failure(*site, ctx, *v, done.error());
    send_training(*site, ctx, *v, form, field_messages(*site, *v, "training", done.error()));
  });
}

}  // namespace haven::http::web::barnahus
