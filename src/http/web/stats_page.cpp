// The statistics dashboard's handlers and its one renderer. Whatever the mode, the page is built
// from a list of releases (country, period, SDMX observations): the chosen indicator's cell — all
// breakdowns at their totals, or each code of one chosen breakdown — is looked up per country and
// period. Figures are shown as published: a withheld, not applicable or missing cell shows its
// flag in words and no number, in the chart, its text alternative and the table alike. Charts are
// svg_chart.h bar charts; downloads go through StatsDashboard::download (the export writers).
#include "http/web/stats_page.h"

#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "http/api/exports.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "http/web/svg_chart.h"
#include "service/app.h"
#include "service/stats/stats_dashboard.h"
#include "stats/indicator_catalogue.h"

namespace haven::http::web {

namespace {

using service::DashboardRelease;
using stats::CellStatus;
using stats::Indicator;

enum class Mode { kNational, kRegional };

// What the reader asked for, checked against the catalogue: unknown values fall back to defaults.
struct Choice {
  std::string view = "all";  // national: "all", "barnahus" (Barnahus view), "cases"
  const Indicator* indicator = nullptr;
  std::string period;
  std::string by;  // "" (totals) or a breakdown of the indicator
};

// "care.toml:12" → "care": the catalogue file an indicator is defined in is its theme.
std::string theme_of(const Indicator& ind) {
  return ind.source.substr(0, ind.source.find(".toml"));
}

const char* theme_key(const std::string& theme) {
  if (theme == "care") return "stats.theme.care";
  if (theme == "reports") return "stats.theme.reports";
  if (theme == "barnahus") return "stats.theme.barnahus";
  if (theme == "disability") return "stats.theme.disability";
  if (theme == "migration") return "stats.theme.migration";
  return "stats.theme.other";
}

bool in_view(const std::string& view, const Indicator& ind) {
  if (view == "barnahus") return theme_of(ind) == "barnahus";
  if (view == "cases") return theme_of(ind) != "barnahus";
  return true;
}

const char* unit_key(stats::Unit unit) {
  switch (unit) {
    case stats::Unit::kCount:
      return "stats.unit.count";
    case stats::Unit::kRatePer100k:
      return "stats.unit.rate";
    case stats::Unit::kShare:
      return "stats.unit.share";
    case stats::Unit::kRatio:
      return "stats.unit.ratio";
    case stats::Unit::kMedianDays:
      return "stats.unit.median_days";
  }
  return "stats.unit.count";
}

// The flag of a cell in words (never colour alone); a cell no release holds is "no figures".
const char* flag_key(const stats::Observation* o) {
  if (!o) return "stats.flag.none";
  switch (o->status) {
    case CellStatus::kObserved:
      return o->rounding_base > 0 ? "stats.flag.rounded" : "stats.flag.observed";
    case CellStatus::kPrimarySuppressed:
      return "stats.flag.small";
    case CellStatus::kSecondarySuppressed:
      return "stats.flag.secondary";
    case CellStatus::kNotApplicable:
      return "stats.flag.not_applicable";
    case CellStatus::kMissing:
      return "stats.flag.missing";
  }
  return "stats.flag.none";
}

// The same in one or two words, for the narrow figure column of a chart (the table says it in
// full).
const char* chart_key(const stats::Observation* o) {
  if (!o) return "stats.chart.none";
  if (stats::is_suppressed(o->status)) return "stats.chart.withheld";
  if (o->status == CellStatus::kNotApplicable) return "stats.chart.not_applicable";
  return "stats.chart.missing";
}

icu::Locale icu_locale(std::string_view lang) {
  if (lang == "no") return icu::Locale("nb", "NO");
  return icu::Locale(std::string(lang).c_str());
}

// The country's name in the reader's language ("Sverige", "Schweden"); the code if ICU has none.
std::string country_name(const std::string& code, std::string_view lang) {
  icu::UnicodeString name;
  icu::Locale("", code.c_str()).getDisplayCountry(icu_locale(lang), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? code : out;
}

// A published figure with the unit's digits after the point, in the reader's conventions.
std::string format_figure(double value, stats::Unit unit, std::string_view lang) {
  const int decimals = stats::unit_decimals(unit);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> fmt(
      icu::NumberFormat::createInstance(icu_locale(lang), status));
  std::string out;
  if (U_SUCCESS(status) && fmt) {
    fmt->setMinimumFractionDigits(decimals);
    fmt->setMaximumFractionDigits(decimals);
    icu::UnicodeString text;
    fmt->format(value, text);
    text.toUTF8String(out);
  } else {
    out = std::to_string(value);
  }
  if (unit == stats::Unit::kShare) out += "\u00a0%";
  return out;
}

// A figure for a file: the unit's digits after a point, no grouping ("1234.5").
std::string plain_figure(double value, stats::Unit unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", stats::unit_decimals(unit), value);
  return buf;
}

// The releases' observations by country, period, indicator and breakdown codes.
class Figures {
 public:
  Figures(const std::vector<DashboardRelease>& releases, const stats::DataStructure& structure)
      : structure_(structure) {
    for (const DashboardRelease& r : releases) {
      countries_.insert(r.country);
      periods_.insert(r.period);
      for (const stats::Observation& o : r.observations)
        by_key_.emplace(key(o.country, o.period, o.indicator, o.breakdown_codes), &o);
    }
  }
  const stats::Observation* find(const std::string& country, const std::string& period,
                                 const std::string& indicator,
                                 const std::vector<std::string>& codes) const {
    auto it = by_key_.find(key(country, period, indicator, codes));
    return it == by_key_.end() ? nullptr : it->second;
  }
  // One code per breakdown of the structure: "_Z" where the indicator is not broken down,
  // "_T" where it is, `code` for `dimension`.
  std::vector<std::string> codes(const Indicator& ind, const std::string& dimension = {},
                                 const std::string& code = {}) const {
    std::vector<std::string> out;
    for (const stats::Dimension& d : structure_.breakdowns) {
      const bool broken_down =
          std::find(ind.breakdowns.begin(), ind.breakdowns.end(), d.id) != ind.breakdowns.end();
      out.push_back(!broken_down ? "_Z" : d.id == dimension ? code : "_T");
    }
    return out;
  }
  const std::set<std::string>& countries() const { return countries_; }
  const std::set<std::string>& periods() const { return periods_; }

 private:
  static std::string key(const std::string& country, const std::string& period,
                         const std::string& indicator, const std::vector<std::string>& codes) {
    std::string k = country + "|" + period + "|" + indicator;
    for (const std::string& c : codes) k += "|" + c;
    return k;
  }
  const stats::DataStructure& structure_;
  std::set<std::string> countries_;
  std::set<std::string> periods_;
  std::map<std::string, const stats::Observation*> by_key_;
};

// The page's inputs beside the releases.
struct Context {
  Mode mode = Mode::kNational;
  const stats::Catalogue* catalogue = nullptr;
  std::vector<std::string> periods;  // offered, newest first
  std::vector<DashboardRelease> releases;
};

Choice choose(const RequestContext& ctx, const Context& c) {
  Choice choice;
  const std::string view = ctx.query("view");
  if (c.mode == Mode::kNational && (view == "barnahus" || view == "cases")) choice.view = view;
  const std::string wanted = ctx.query("indicator");
  for (const Indicator& ind : c.catalogue->indicators) {
    if (!in_view(choice.view, ind)) continue;
    if (!choice.indicator) choice.indicator = &ind;
    if (ind.id == wanted) choice.indicator = &ind;
  }
  const std::string period = ctx.query("period");
  choice.period = c.periods.empty() ? std::string() : c.periods.front();
  if (std::find(c.periods.begin(), c.periods.end(), period) != c.periods.end())
    choice.period = period;
  const std::string by = ctx.query("by");
  if (choice.indicator &&
      std::find(choice.indicator->breakdowns.begin(), choice.indicator->breakdowns.end(), by) !=
          choice.indicator->breakdowns.end())
    choice.by = by;
  return choice;
}

// A cell's flag in the reader's words; a rounded cell names its base ("{base}" in the catalog).
std::string flag_text(const Site& site, const Visitor& v, const stats::Observation* o) {
  std::string flag = site.t(v, flag_key(o));
  constexpr std::string_view kBase = "{base}";
  if (auto at = flag.find(kBase); o && o->rounding_base > 0 && at != std::string::npos)
    flag.replace(at, kBase.size(), std::to_string(o->rounding_base));
  return flag;
}

// One cell of a table: the figure, or its flag in words and no number.
mstch::map cell_model(const Site& site, const Visitor& v, const stats::Observation* o,
                      stats::Unit unit) {
  const bool has_value = o && o->value.has_value();
  const std::string flag = flag_text(site, v, o);
  std::string css = "flag";
  if (o && stats::is_suppressed(o->status)) css += " flag-withheld";
  return mstch::map{{"figure", has_value ? format_figure(*o->value, unit, v.lang) : flag},
                    {"has_value", has_value},
                    {"flag", flag},
                    {"flag_class", css}};
}

ChartBar bar_of(const Site& site, const Visitor& v, const std::string& label,
                const stats::Observation* o, stats::Unit unit) {
  ChartBar bar;
  bar.label = label;
  if (o && o->value) {
    bar.value = *o->value;
    bar.value_text = format_figure(*o->value, unit, v.lang);
  } else {
    bar.value_text = site.t(v, chart_key(o));
  }
  return bar;
}

// The labels of a breakdown's codes in the reader's language, totals last.
std::vector<std::pair<std::string, std::string>> code_labels(const stats::Breakdown& b,
                                                             const Visitor& v) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < b.dimension.codes.size(); ++i) {
    if (b.dimension.codes[i].id == "_T") continue;
    out.emplace_back(b.dimension.codes[i].id, b.labels[i].in(v.lang));
  }
  for (size_t i = 0; i < b.dimension.codes.size(); ++i) {
    if (b.dimension.codes[i].id == "_T") out.emplace_back("_T", b.labels[i].in(v.lang));
  }
  return out;
}

std::string query_string(const Choice& c, const std::string& extra = {}) {
  std::string q = "view=" + c.view;
  if (c.indicator) q += "&indicator=" + c.indicator->id;
  if (!c.period.empty()) q += "&period=" + c.period;
  if (!c.by.empty()) q += "&by=" + c.by;
  return extra.empty() ? q : q + "&" + extra;
}

void send_dashboard(Site& site, RequestContext& ctx, const Visitor& v, const Context& c) {
  const Choice choice = choose(ctx, c);
  const stats::Catalogue& catalogue = *c.catalogue;
  const stats::DataStructure structure = catalogue.data_structure();
  const Figures figures(c.releases, structure);
  Page page;
  page.template_name = "stats";
  page.title_key = "stats.title";
  auto& m = page.model;
  m["regional"] = c.mode == Mode::kRegional;
  m["view"] = choice.view;

  // The views (national): every indicator, the Barnahus view, the case-management view.
  if (c.mode == Mode::kNational) {
    mstch::array views;
    for (const auto& [id, key] :
         {std::pair{"all", "stats.view.all"}, std::pair{"barnahus", "stats.view.barnahus"},
          std::pair{"cases", "stats.view.cases"}})
      views.push_back(mstch::map{{"href", "/stats?view=" + std::string(id)},
                                 {"label", site.t(v, key)},
                                 {"current", choice.view == id}});
    m["views"] = views;
  }

  // The choices: indicators grouped by theme, periods, the breakdown to show.
  std::vector<std::pair<std::string, mstch::array>> grouped;  // theme → its indicators
  for (const Indicator& ind : catalogue.indicators) {
    if (!in_view(choice.view, ind)) continue;
    const std::string theme = theme_of(ind);
    if (grouped.empty() || grouped.back().first != theme)
      grouped.emplace_back(theme, mstch::array{});
    grouped.back().second.push_back(mstch::map{
        {"id", ind.id}, {"name", ind.name.in(v.lang)}, {"selected", choice.indicator == &ind}});
  }
  mstch::array themes;
  for (auto& [theme, indicators] : grouped)
    themes.push_back(
        mstch::map{{"label", site.t(v, theme_key(theme))}, {"indicators", std::move(indicators)}});
  m["themes"] = themes;
  mstch::array periods;
  for (const std::string& p : c.periods)
    periods.push_back(mstch::map{{"value", p}, {"selected", p == choice.period}});
  m["periods"] = periods;
  m["has_periods"] = !c.periods.empty();
  mstch::array bys{mstch::map{{"value", std::string()},
                              {"label", site.t(v, "stats.by.none")},
                              {"selected", choice.by.empty()}}};
  if (choice.indicator) {
    for (const std::string& d : choice.indicator->breakdowns) {
      const stats::Breakdown* b = catalogue.breakdown(d);
      if (!b) continue;
      bys.push_back(
          mstch::map{{"value", d}, {"label", b->name.in(v.lang)}, {"selected", choice.by == d}});
    }
  }
  m["bys"] = bys;

  if (!choice.indicator || choice.period.empty()) {
    m["has_figure"] = false;
    return site.send(ctx, v, std::move(page));
  }
  const Indicator& ind = *choice.indicator;
  m["has_figure"] = true;
  m["indicator_id"] = ind.id;
  m["indicator_name"] = ind.name.in(v.lang);
  m["definition"] = ind.definition.in(v.lang);
  m["unit"] = site.t(v, unit_key(ind.unit));
  m["reference"] = ind.reference;
  m["period"] = choice.period;
  m["download_csv"] = "/stats/download?" + query_string(choice, "format=csv");
  m["download_xlsx"] = "/stats/download?" + query_string(choice, "format=xlsx");
  mstch::array notes;
  for (const DashboardRelease& r : c.releases)
    if (!r.note.empty() && r.period == choice.period)
      notes.push_back(mstch::map{{"country", country_name(r.country, v.lang)},
                                 {"note", site.t(v, "stats.note.no_figures")}});
  m["notes"] = notes;

  std::vector<std::string> countries(figures.countries().begin(), figures.countries().end());
  if (countries.empty()) {
    m["has_countries"] = false;
    return site.send(ctx, v, std::move(page));
  }
  m["has_countries"] = true;

  // Countries side by side for the period: the totals, or each code of the chosen breakdown.
  const stats::Breakdown* by = choice.by.empty() ? nullptr : catalogue.breakdown(choice.by);
  std::vector<std::pair<std::string, std::string>> by_codes;
  if (by) by_codes = code_labels(*by, v);
  m["by_name"] = by ? by->name.in(v.lang) : std::string();
  m["has_by"] = by != nullptr;
  BarChart compare;
  compare.id = "stats-compare";
  compare.title = ind.name.in(v.lang) + ", " + choice.period;
  compare.bar_class = "bar bar-stats";
  mstch::array rows;
  for (const std::string& country : countries) {
    const std::string name = country_name(country, v.lang);
    if (!by) {
      const auto* o = figures.find(country, choice.period, ind.id, figures.codes(ind));
      compare.bars.push_back(bar_of(site, v, name, o, ind.unit));
      rows.push_back(mstch::map{
          {"country", name}, {"code", std::string()}, {"cell", cell_model(site, v, o, ind.unit)}});
      continue;
    }
    for (const auto& [code, label] : by_codes) {
      const auto* o =
          figures.find(country, choice.period, ind.id, figures.codes(ind, choice.by, code));
      compare.bars.push_back(
          bar_of(site, v, countries.size() > 1 ? name + " – " + label : label, o, ind.unit));
      rows.push_back(mstch::map{
          {"country", name}, {"code", label}, {"cell", cell_model(site, v, o, ind.unit)}});
    }
  }
  m["compare_chart"] = render_bar_chart(compare);
  m["compare_rows"] = rows;

  // A time series per country: the totals over the periods offered, oldest first, all drawn to
  // one scale so that the countries' charts compare as the side-by-side one does.
  std::vector<std::string> series_periods(c.periods.rbegin(), c.periods.rend());
  double series_max = 0;
  for (const std::string& country : countries) {
    for (const std::string& p : series_periods) {
      const auto* o = figures.find(country, p, ind.id, figures.codes(ind));
      if (o && o->value) series_max = std::max(series_max, *o->value);
    }
  }
  mstch::array series;
  int n = 0;
  for (const std::string& country : countries) {
    const std::string name = country_name(country, v.lang);
    BarChart chart;
    chart.id = "stats-series-" + std::to_string(++n);
    chart.title = ind.name.in(v.lang) + " – " + name;
    chart.bar_class = "bar bar-stats";
    chart.max_value = series_max;
    mstch::array prow;
    for (const std::string& p : series_periods) {
      const auto* o = figures.find(country, p, ind.id, figures.codes(ind));
      chart.bars.push_back(bar_of(site, v, p, o, ind.unit));
      prow.push_back(mstch::map{{"period", p}, {"cell", cell_model(site, v, o, ind.unit)}});
    }
    series.push_back(mstch::map{
        {"id", chart.id}, {"country", name}, {"chart", render_bar_chart(chart)}, {"rows", prow}});
  }
  m["series"] = series;
  site.send(ctx, v, std::move(page));
}

// The indicator's every published cell over the releases shown, with codes and flags.
std::vector<std::vector<std::string>> download_rows(const Site& site, const Visitor& v,
                                                    const Context& c, const Indicator& ind) {
  const stats::DataStructure structure = c.catalogue->data_structure();
  std::vector<size_t> columns;  // the indicator's breakdowns, in its order, as structure columns
  std::vector<std::string> header{"REF_AREA", "TIME_PERIOD", "INDICATOR"};
  for (const std::string& id : ind.breakdowns) {
    for (size_t i = 0; i < structure.breakdowns.size(); ++i) {
      if (structure.breakdowns[i].id != id) continue;
      columns.push_back(i);
      header.push_back(id);
    }
  }
  for (const char* h : {"OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS", "CONF_STATUS", "ROUNDING"})
    header.push_back(h);
  header.push_back(site.t(v, "stats.col.flag"));
  std::vector<std::vector<std::string>> rows{header};
  for (const DashboardRelease& r : c.releases) {
    for (const stats::Observation& o : r.observations) {
      if (o.indicator != ind.id) continue;
      std::vector<std::string> row{o.country, o.period, o.indicator};
      for (size_t i : columns) row.push_back(o.breakdown_codes[i]);
      row.push_back(o.value ? plain_figure(*o.value, ind.unit) : std::string());
      row.emplace_back(stats::unit_sdmx_code(o.unit));
      row.emplace_back(1, stats::obs_status_code(o.status));
      row.emplace_back(1, stats::conf_status_code(o.status));
      row.push_back(o.rounding_base > 0 ? std::to_string(o.rounding_base) : std::string());
      row.push_back(flag_text(site, v, &o));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void send_download(Site& site, RequestContext& ctx, const Visitor& v, const Context& c,
                   const service::Actor& actor) {
  const Choice choice = choose(ctx, c);
  const std::string format = ctx.query("format");
  auto parsed = service::parse_export_format(format.empty() ? "csv" : format);
  if (!choice.indicator || !parsed)
    return site.send_message(ctx, v, 400, "stats.error.title", "stats.error.download");
  auto file = site.app().statistics.download(actor, choice.indicator->id, *parsed,
                                             download_rows(site, v, c, *choice.indicator));
  if (!file.ok())
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  api::send_export_file(ctx, std::move(*file));
}

// The national context: the periods offered and their figures for the signed-in reader, or an
// answer already sent (403 without aggregates.view, 503 when the catalogue cannot be read).
std::optional<Context> national_context(Site& site, RequestContext& ctx, const Visitor& v) {
  Context c;
  c.mode = Mode::kNational;
  auto& dashboard = site.app().statistics;
  auto catalogue = dashboard.catalogue();
  if (!catalogue.ok()) {
    site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
    return std::nullopt;
  }
  c.catalogue = *catalogue;
  c.periods = service::StatsDashboard::national_periods(core::Date::of(site.app().clock.now()));
  auto releases = dashboard.national(service::Actor::of(*v.who, ctx.request_id()), c.periods);
  if (!releases.ok()) {
    if (releases.error().code == core::ErrorCode::kForbidden)
      site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
    else
      site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
    return std::nullopt;
  }
  c.releases = std::move(*releases);
  return c;
}

std::optional<Context> regional_context(Site& site, RequestContext& ctx, const Visitor& v) {
  Context c;
  c.mode = Mode::kRegional;
  auto& dashboard = site.app().statistics;
  auto catalogue = dashboard.catalogue();
  auto releases = dashboard.regional();
  if (!catalogue.ok() || !releases.ok()) {
    site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
    return std::nullopt;
  }
  c.catalogue = *catalogue;
  c.releases = std::move(*releases);
  std::set<std::string> periods;
  for (const DashboardRelease& r : c.releases) periods.insert(r.period);
  c.periods.assign(periods.rbegin(), periods.rend());
  return c;
}

}  // namespace

void register_stats_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/stats", "statsDashboard", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (auto c = national_context(*site, ctx, *v)) send_dashboard(*site, ctx, *v, *c);
  });
  router.get("/stats/download", "statsDownload", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    if (auto c = national_context(*site, ctx, *v))
      send_download(*site, ctx, *v, *c, service::Actor::of(*v->who, ctx.request_id()));
  });
}

void register_stats_hub_routes(Router& router, service::App& app) {
  auto site = std::make_shared<Site>(app, WebOptions{});
  register_static_files(router, site);
  register_language_switch(router, site);  // POST /language: the header's switcher
  router.get("/stats", "hubStatsDashboard", [site](RequestContext& ctx) {
    const Visitor v = site->visit(ctx);
    if (auto c = regional_context(*site, ctx, v)) send_dashboard(*site, ctx, v, *c);
  });
  router.get("/stats/download", "hubStatsDownload", [site](RequestContext& ctx) {
    const Visitor v = site->visit(ctx);
    service::Actor actor;
    actor.name = "public";
    actor.request_id = ctx.request_id();
    if (auto c = regional_context(*site, ctx, v)) send_download(*site, ctx, v, *c, actor);
  });
}

}  // namespace haven::http::web
