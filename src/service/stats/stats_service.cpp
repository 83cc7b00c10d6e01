// From grouped records to a protected release: which source feeds which indicator, the mapping
// of haven's codes onto the catalogue's code lists, protection per cube, derived figures, and the
// attacker's check before anything is handed back.
#include "service/stats/stats_service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "core/country.h"
#include "security/permissions.h"
#include "security/policy.h"
#include "service/stats/case_data_queries.h"
#include "stats/derive.h"
#include "stats/sdmx_csv.h"

namespace haven::service {

namespace {

using stats::Cell;
using stats::CellStatus;
using stats::Dimension;
using stats::Indicator;
using stats::Table;

enum class Source {
  kEntries,
  kStock,
  kExits,
  kReviews,
  kReports,
  kScreening,
  kRisk,
  kUnaccompanied,
  kTrafficking,
  kDisabilitySupport,
  kBarnahusCases,
  kBarnahusInterviews,
  kBarnahusExams,
};

enum class Measure {
  kCount,          // the groups' counts
  kCarePlanShare,  // children with an approved care plan, over all of them
  kOnTimeShare,    // screening decisions within the country's screening_days, over all of them
  kMedianDays,     // median days of the groups (report to screening decision, to interview, …)
  // Barnahus shares over their base's children: interviewed only once, a planning meeting before
  // the interview, therapy offered, informed at every stage.
  kInterviewedOnceShare,
  kMeetingBeforeShare,
  kTherapyOfferedShare,
  kInformedShare,
};

struct Binding {
  std::string_view indicator;
  Source source;
  Measure measure;
};

// Every catalogue indicator haven computes from its own records. Rates and ratios are not here:
// they are derived from the protected counts named in the catalogue (derived_from).
constexpr Binding kBindings[] = {
    {"CARE_ENTRY", Source::kEntries, Measure::kCount},
    {"CARE_ENTRY_REASON", Source::kEntries, Measure::kCount},
    {"CARE_STOCK", Source::kStock, Measure::kCount},
    {"CARE_EXIT", Source::kExits, Measure::kCount},
    {"CARE_PLAN_SHARE", Source::kStock, Measure::kCarePlanShare},
    {"PLACEMENT_REVIEWS", Source::kReviews, Measure::kCount},
    {"REPORTS_CONCERN", Source::kReports, Measure::kCount},
    {"REPORTS_SOURCE", Source::kReports, Measure::kCount},
    {"SCREENING_DECISIONS", Source::kScreening, Measure::kCount},
    {"SCREENING_DAYS_MEDIAN", Source::kScreening, Measure::kMedianDays},
    {"SCREENING_ON_TIME_SHARE", Source::kScreening, Measure::kOnTimeShare},
    {"CASES_RISK", Source::kRisk, Measure::kCount},
    {"UAM_REGISTERED", Source::kUnaccompanied, Measure::kCount},
    {"TRAFFICKING_PRESUMED", Source::kTrafficking, Measure::kCount},
    {"DISABILITY_SUPPORT", Source::kDisabilitySupport, Measure::kCount},
    {"BARNAHUS_CASES", Source::kBarnahusCases, Measure::kCount},
    {"BARNAHUS_INTERVIEWED", Source::kBarnahusInterviews, Measure::kCount},
    {"BARNAHUS_INTERVIEW_DAYS_MEDIAN", Source::kBarnahusInterviews, Measure::kMedianDays},
    {"BARNAHUS_MEDICAL_DAYS_MEDIAN", Source::kBarnahusExams, Measure::kMedianDays},
    {"BARNAHUS_SINGLE_INTERVIEW_SHARE", Source::kBarnahusInterviews,
     Measure::kInterviewedOnceShare},
    {"BARNAHUS_TEAM_MEETING_SHARE", Source::kBarnahusInterviews, Measure::kMeetingBeforeShare},
    {"BARNAHUS_THERAPY_OFFERED_SHARE", Source::kBarnahusCases, Measure::kTherapyOfferedShare},
    {"BARNAHUS_INFORMED_SHARE", Source::kBarnahusCases, Measure::kInformedShare},
};

const Binding* binding_of(std::string_view indicator) {
  for (const Binding& b : kBindings) {
    if (b.indicator == indicator) return &b;
  }
  return nullptr;
}

// The breakdowns a source's groups carry.
bool source_has(Source s, std::string_view dim) {
  if (dim == "AGE" || dim == "SEX") return s != Source::kReviews;
  if (dim == "CARE_TYPE")
    return s == Source::kEntries || s == Source::kStock || s == Source::kReviews;
  if (dim == "DISABILITY") return s == Source::kStock;
  if (dim == "REPORT_SOURCE" || dim == "CONCERN_TYPE") return s == Source::kReports;
  if (dim == "RISK_LEVEL") return s == Source::kRisk;
  if (dim == "REASON") return s == Source::kEntries;
  if (dim == "DESTINATION") return s == Source::kExits;
  if (dim == "VIOLENCE_TYPE" || dim == "CHILD_ROLE") return s == Source::kBarnahusCases;
  return false;
}

// Why a catalogue indicator without a binding is not in the release.
std::string reason_not_held(const Indicator&) {
  return "haven holds no records this indicator counts.";
}

// What --timings calls a source.
std::string_view source_name(Source s) {
  switch (s) {
    case Source::kEntries:
      return "care entries";
    case Source::kStock:
      return "care stock";
    case Source::kExits:
      return "care exits";
    case Source::kReviews:
      return "placement reviews";
    case Source::kReports:
      return "reports of concern";
    case Source::kScreening:
      return "screening decisions";
    case Source::kRisk:
      return "open cases by risk";
    case Source::kUnaccompanied:
      return "unaccompanied minors";
    case Source::kTrafficking:
      return "presumed trafficking";
    case Source::kDisabilitySupport:
      return "disability support";
    case Source::kBarnahusCases:
      return "Barnahus cases";
    case Source::kBarnahusInterviews:
      return "Barnahus interviews";
    case Source::kBarnahusExams:
      return "Barnahus medical examinations";
  }
  return "?";
}

// Wall-clock and this thread's CPU time since it was started (StatsTiming).
class PartTimer {
 public:
  PartTimer() : wall_(std::chrono::steady_clock::now()), cpu_ms_(thread_cpu_ms()) {}
  StatsTiming done(std::string part, int worker) const {
    return {
        std::move(part), worker,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_).count(),
        thread_cpu_ms() - cpu_ms_};
  }

 private:
  static double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_ms_;
};

// What a source costs, as its wall time at a million children (milliseconds, `haven stats compute
// --timings`, release build, session 22; disability support and the children's and placements'
// reads session 23): the workers take their tasks costliest first (longest
// processing time first), so that the two finish together. Only the order matters; a source that
// grows faster than these figures costs some balance, not a wrong figure.
double source_cost(Source s, store::Backend backend) {
  const bool postgres = backend == store::Backend::kPostgres;
  switch (s) {
    case Source::kDisabilitySupport:
      return postgres ? 150 : 180;
    case Source::kRisk:
      return postgres ? 230 : 115;
    case Source::kScreening:
      return postgres ? 800 : 390;
    case Source::kBarnahusInterviews:
      return postgres ? 355 : 290;
    case Source::kReports:
      return postgres ? 650 : 370;
    case Source::kBarnahusCases:
      return postgres ? 505 : 220;
    case Source::kBarnahusExams:
      return postgres ? 170 : 150;
    case Source::kEntries:
    case Source::kStock:
    case Source::kExits:
    case Source::kReviews:
      return 0;  // worked out here from the placements read once (placements_cost)
    case Source::kUnaccompanied:
    case Source::kTrafficking:
      return 0;  // a small indexed read; trafficking comes from the reports' rows
  }
  return 0;
}
// The children's ages and sexes (ChildAttributes::read), and the placements of the four care
// sources with their figures (PlacementRecords::read and the four), the same way.
double children_cost(store::Backend backend) {
  return backend == store::Backend::kPostgres ? 600 : 400;
}
double placements_cost(store::Backend backend) {
  return backend == store::Backend::kPostgres ? 620 : 450;
}

// PostgreSQL's planner settings while a source's query runs, as SET LOCAL statements. The
// statistics read tables that stay in shared buffers, so an index probe costs about what a
// sequential page does (random_page_cost 1.1, not the default 4): the placement and referral
// sources then probe cases by id instead of hash-joining every case, reports and screening read
// their covering indexes instead of the tables. The Barnahus, open-case and unaccompanied queries
// kept the plans the default gives (measured no better, trafficking worse), so they keep the
// default. The placements' read (PlacementRecords, for the four care sources) still hash-joined a
// million cases to 59,000 placements (0.5 s against 0.3 s probing them; placement reviews alone,
// session 9: 0.75 s of server CPU against 0.24 s), so hash and merge joins are off for it alone.
// work_mem 64 MB keeps the window functions' sorts and the hashes in memory (the default 4 MB
// spilled them to temporary files): 10–45 % less time on every source but one. Screening then
// hashed its quarter of a million decisions and probed them with every case (0.86 s against
// 0.56 s for the merge join the default gives), so it keeps the default.
std::string pg_settings(Source s) {
  std::string cost = "DEFAULT";
  std::string joins = "DEFAULT";
  const std::string memory = s == Source::kScreening ? "DEFAULT" : "'64MB'";
  switch (s) {
    case Source::kEntries:
    case Source::kStock:
    case Source::kExits:
    case Source::kReviews:
      joins = "off";
      [[fallthrough]];
    case Source::kDisabilitySupport:
    case Source::kReports:
    case Source::kScreening:
      cost = "1.1";
      break;
    default:
      break;
  }
  return "SET LOCAL random_page_cost = " + cost + "; SET LOCAL enable_hashjoin = " + joins +
         "; SET LOCAL enable_mergejoin = " + joins + "; SET LOCAL work_mem = " + memory;
}

struct RawData {
  std::map<Source, std::vector<StatsGroup>> groups;
  // The multi-valued dimension's code index of each group part: REASON for care_entries(),
  // CONCERN_TYPE for reports(), VIOLENCE_TYPE for barnahus_cases().
  std::map<Source, std::vector<int>> part_leaves;
};

// The leaves of a multi-valued breakdown with the haven codes each collects, in part order.
std::vector<std::vector<std::string>> part_groups(const stats::Catalogue& catalogue,
                                                  std::string_view breakdown,
                                                  std::vector<int>& leaves) {
  std::vector<std::vector<std::string>> groups;
  if (const stats::Breakdown* b = catalogue.breakdown(breakdown)) {
    for (size_t c = 0; c < b->dimension.codes.size(); ++c) {
      if (!b->dimension.is_leaf(static_cast<int>(c))) continue;
      leaves.push_back(static_cast<int>(c));
      groups.push_back(b->domain[c]);
    }
  }
  return groups;
}

// Haven's codes onto the catalogue's code lists (the `domain` lists of codelists.toml).
class Coder {
 public:
  explicit Coder(const stats::Catalogue& catalogue) {
    for (const stats::Breakdown& b : catalogue.breakdowns) {
      auto& map = by_dimension_[b.dimension.id];
      for (size_t code = 0; code < b.domain.size(); ++code) {
        for (const std::string& d : b.domain[code]) map[d] = static_cast<int>(code);
      }
    }
  }

  // The leaf of `dim` a group falls in; -1 if it falls in none (the record is left out).
  int leaf(const Dimension& dim, const StatsGroup& g) const {
    if (dim.id == "AGE") return age_leaf(dim, g.age);
    if (dim.id == "SEX") return lookup(dim, g.sex);
    if (dim.id == "CARE_TYPE" || dim.id == "REPORT_SOURCE" || dim.id == "CHILD_ROLE")
      return lookup(dim, g.code);
    if (dim.id == "RISK_LEVEL") return g.code.empty() ? dim.find("_U") : lookup(dim, g.code);
    // An exit recorded before destinations were codes (or with a code the list lacks) is
    // "Other or not recorded".
    if (dim.id == "DESTINATION") {
      const int c = g.code.empty() ? -1 : lookup(dim, g.code);
      return c >= 0 ? c : dim.find("OTHER");
    }
    if (dim.id == "DISABILITY") return dim.find(g.disability ? "DIS" : "NDIS");
    return -1;
  }

 private:
  int lookup(const Dimension& dim, const std::string& code) const {
    auto d = by_dimension_.find(dim.id);
    if (d == by_dimension_.end()) return -1;
    auto c = d->second.find(code);
    return c == d->second.end() ? -1 : c->second;
  }
  static int age_leaf(const Dimension& dim, std::optional<int64_t> age) {
    if (!age) return -1;
    for (size_t c = 0; c < dim.codes.size(); ++c) {
      if (!dim.is_leaf(static_cast<int>(c))) continue;
      auto range = stats::age_range(dim.codes[c].id);
      if (range && *age >= range->first && *age <= range->second) return static_cast<int>(c);
    }
    return -1;
  }
  std::map<std::string, std::map<std::string, int>, std::less<>> by_dimension_;
};

// A group's weight in a table: the count (numerator) and, for shares, the denominator.
using Weigh = std::function<std::pair<int64_t, int64_t>(const StatsGroup&)>;

// Adds the groups to the leaf cells (for a multi-valued dimension: its total and each of its
// codes, from the group's parts), sums the margins and returns how many records fell in no leaf.
int64_t fill(Table& t, const std::vector<StatsGroup>& groups, const Coder& coder,
             const std::vector<int>& part_leaves, const Weigh& weigh) {
  const auto& dims = t.dimensions();
  int multi = -1;
  for (size_t k = 0; k < dims.size(); ++k) {
    if (dims[k].kind == stats::DimensionKind::kMultiValued) multi = static_cast<int>(k);
  }
  int64_t left_out = 0;
  std::vector<int> coords(dims.size());
  for (const StatsGroup& g : groups) {
    bool placed = true;
    for (size_t k = 0; k < dims.size() && placed; ++k) {
      if (static_cast<int>(k) == multi) continue;
      coords[k] = coder.leaf(dims[k], g);
      placed = coords[k] >= 0;
    }
    if (!placed) {
      left_out += g.count;
      continue;
    }
    const auto [n, d] = weigh(g);
    if (multi < 0) {
      Cell& c = t.at(t.index(coords));
      c.count += n;
      c.denominator += d;
      continue;
    }
    const size_t m = static_cast<size_t>(multi);
    coords[m] = dims[m].root();
    t.at(t.index(coords)).count += n;
    for (size_t part = 0; part < part_leaves.size() && part < g.parts.size(); ++part) {
      coords[m] = part_leaves[part];
      t.at(t.index(coords)).count += g.parts[part];
    }
  }
  t.sum_margins();
  return left_out;
}

// Codes of a dimension a leaf counts under: itself and its ancestors up to the total.
std::vector<int> with_ancestors(const Dimension& dim, int leaf) {
  std::vector<int> out;
  for (int c = leaf; c >= 0; c = dim.codes[static_cast<size_t>(c)].parent) out.push_back(c);
  return out;
}

double median_of(const std::map<int64_t, int64_t>& histogram, int64_t n) {
  auto nth = [&](int64_t k) {  // 0-based
    int64_t seen = 0;
    for (const auto& [days, count] : histogram) {
      seen += count;
      if (k < seen) return static_cast<double>(days);
    }
    return 0.0;
  };
  return n % 2 == 1 ? nth(n / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2.0;
}

// Median days per cell, margins included: each group's days go into every cell its leaves and
// their ancestors name.
int64_t fill_medians(Table& t, const std::vector<StatsGroup>& groups, const Coder& coder) {
  const auto& dims = t.dimensions();
  std::vector<std::map<int64_t, int64_t>> histograms(t.size());
  int64_t left_out = 0;
  for (const StatsGroup& g : groups) {
    std::vector<std::vector<int>> codes(dims.size());
    bool placed = true;
    for (size_t k = 0; k < dims.size() && placed; ++k) {
      const int leaf = coder.leaf(dims[k], g);
      placed = leaf >= 0;
      if (placed) codes[k] = with_ancestors(dims[k], leaf);
    }
    if (!placed) {
      left_out += g.count;
      continue;
    }
    std::vector<size_t> pick(dims.size(), 0);
    std::vector<int> coords(dims.size());
    for (;;) {
      for (size_t k = 0; k < dims.size(); ++k) coords[k] = codes[k][pick[k]];
      histograms[t.index(coords)][std::max<int64_t>(g.days, 0)] += g.count;
      size_t k = 0;
      while (k < dims.size() && ++pick[k] == codes[k].size()) pick[k++] = 0;
      if (k == dims.size()) break;
    }
  }
  for (size_t i = 0; i < t.size(); ++i) {
    int64_t n = 0;
    for (const auto& [days, count] : histograms[i]) n += count;
    t.at(i).count = n;
    t.at(i).median = n > 0 ? median_of(histograms[i], n) : 0;
  }
  return left_out;
}

// A share shows no figure where its base count is withheld: whatever the share's own protection
// found, the cell takes the base cell's status.
core::Status follow_base(Table& share, const Table& base) {
  std::vector<std::string> keep;
  for (const Dimension& d : share.dimensions()) keep.push_back(d.id);
  auto view = stats::margin_view(base, keep, base.key().indicator);
  if (!view.ok()) return view.take_error();
  std::vector<std::string_view> codes(view->dimensions().size());
  for (size_t i = 0; i < share.size(); ++i) {
    for (size_t k = 0; k < share.dimensions().size(); ++k) {
      const int at = view->dimension_index(share.dimensions()[k].id);
      codes[static_cast<size_t>(at)] = share.dimensions()[k].codes[share.coord(i, k)].id;
    }
    auto j = view->find(codes);
    if (!j) continue;
    const CellStatus base_status = view->at(*j).status;
    Cell& c = share.at(i);
    if (!stats::is_suppressed(base_status) || c.status == CellStatus::kPrimarySuppressed) continue;
    if (c.status == CellStatus::kObserved || c.status == CellStatus::kSecondarySuppressed) {
      c = Cell{};
      c.status = base_status;
    }
  }
  return core::ok_status();
}

void add_summary(stats::ProtectionSummary& into, const stats::ProtectionSummary& s) {
  into.primary += s.primary;
  into.secondary += s.secondary;
  into.not_applicable += s.not_applicable;
  into.rounded += s.rounded;
  into.audit_rounds += s.audit_rounds;
}

}  // namespace

core::Result<StatsRelease> StatsService::compute(const StatsRequest& request, const Actor& actor) {
  return compute_as(request, actor, security::Action::kExport);
}

core::Result<StatsRelease> StatsService::compute_to_view(const StatsRequest& request,
                                                         const Actor& actor) {
  return compute_as(request, actor, security::Action::kViewAggregates);
}

core::Result<StatsRelease> StatsService::compute_as(const StatsRequest& request, const Actor& actor,
                                                    security::Action action) {
  if (!core::is_country_code(request.country)) {
    return core::Error::invalid("The country '" + request.country +
                                "' is not an ISO 3166-1 alpha-2 code such as SE.");
  }
  auto period = stats::parse_period(request.period);
  if (!period.ok()) return period.take_error();
  const core::Date today = core::Date::of(clock_.now());
  if (period->first > today) {
    return core::Error::invalid("The period " + period->code + " has not begun.");
  }
  if (actor.principal) {
    security::Resource resource;
    resource.kind = security::ResourceKind::kStatisticsAggregate;
    resource.country = request.country;
    HAVEN_TRY(access_.authorize(*actor.principal, action, resource, actor.request_id));
  }
  const CountryDisclosure& disclosure = disclosure_.for_country(request.country);

  StatsRelease release;
  release.country = request.country;
  release.period = *period;
  const core::Date stock_day = std::min(period->last, today);
  release.stock_day = stock_day.to_string();
  StatsWindow w;
  w.country = request.country;
  w.first_day = period->first.to_string();
  w.last_day = release.stock_day;
  w.from_ms = period->first.days_since_epoch() * 86'400'000;
  w.to_ms = (stock_day.days_since_epoch() + 1) * 86'400'000;

  // Which indicators are computed, and which are not (with the reason).
  std::vector<const Indicator*> measured;
  std::set<Source> sources;
  std::set<std::string> computed;
  for (const Indicator& ind : catalogue_.indicators) {
    if (!ind.derived_from.empty()) continue;
    const Binding* b = binding_of(ind.id);
    if (!b) {
      release.skipped.push_back({ind.id, reason_not_held(ind)});
      continue;
    }
    auto missing = std::find_if(ind.breakdowns.begin(), ind.breakdowns.end(),
                                [&](const std::string& d) { return !source_has(b->source, d); });
    if (missing != ind.breakdowns.end()) {
      release.skipped.push_back({ind.id, "haven cannot break it down by " + *missing + "."});
      continue;
    }
    measured.push_back(&ind);
    sources.insert(b->source);
    computed.insert(ind.id);
  }

  // The reason groups of CARE_ENTRY_REASON, the concern groups of REPORTS_CONCERN and the
  // violence groups of BARNAHUS_CASES: each leaf of the multi-valued breakdown with its haven
  // codes.
  RawData raw;
  const auto reason_groups = part_groups(catalogue_, "REASON", raw.part_leaves[Source::kEntries]);
  const auto concern_groups =
      part_groups(catalogue_, "CONCERN_TYPE", raw.part_leaves[Source::kReports]);
  const auto violence_groups =
      part_groups(catalogue_, "VIOLENCE_TYPE", raw.part_leaves[Source::kBarnahusCases]);

  // The sources run on two read connections at once (the machine's two cores; SQLite's reader
  // pool, PostgreSQL's pool), each worker taking the next task, costliest first. Each worker
  // reads in its own transaction: a record written between them may be counted by one source
  // and not yet by another, as it would be by a release computed a moment earlier or later.
  // Every source but two takes the children's ages and sexes (and disabilities) from one
  // ChildAttributes, read once per release by the first worker that needs it while the other
  // waits for it (on
  // PostgreSQL the read is a COPY, so the server and this process keep both cores busy
  // meanwhile); a child registered after that read is not counted by a source reading later.
  // Two tasks hold several sources: the children's task — the children, then reports and
  // presumed trafficking from their rows —, the costliest, which the first worker starts with;
  // and the four care sources, which share one read of the placements (PlacementRecords).
  for (Source s : sources) raw.groups[s];  // every slot exists before the workers fill them
  const store::Backend backend = db_.backend();
  auto in_children_task = [](Source s) {
    return s == Source::kReports || s == Source::kTrafficking;
  };
  auto uses_children = [](Source s) {
    return s != Source::kReviews && s != Source::kUnaccompanied;
  };
  auto of_placements = [](Source s) {
    return s == Source::kEntries || s == Source::kStock || s == Source::kExits ||
           s == Source::kReviews;
  };
  // Sources that read their own records before they need the children.
  auto reads_first = [&](Source s) { return of_placements(s) || s == Source::kDisabilitySupport; };
  // Presumed trafficking comes from the reports' rows (CaseDataQueries::reports) when both are
  // wanted: one read of the window's reports rather than two. Both are in the children's task,
  // reports first (the enum's order), so its slot is filled by the time trafficking's turn comes.
  const bool trafficking_from_reports =
      sources.count(Source::kReports) > 0 && sources.count(Source::kTrafficking) > 0;
  struct Task {
    std::vector<Source> sources;
    double cost = 0;
  };
  std::vector<Task> tasks;
  Task with_children{{}, children_cost(backend)};
  Task care{{}, placements_cost(backend)};
  for (Source s : sources) {  // std::set: the enum's order
    Task& task = in_children_task(s) ? with_children
                 : of_placements(s)  ? care
                                     : tasks.emplace_back();
    task.sources.push_back(s);
    task.cost += source_cost(s, backend);
  }
  for (Task* shared : {&with_children, &care}) {
    if (!shared->sources.empty()) tasks.push_back(std::move(*shared));
  }
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const Task& a, const Task& b) { return a.cost > b.cost; });
  std::mutex children_read;
  std::optional<ChildAttributes> children;
  // A worker takes the costliest task not yet taken — except one that starts by needing the
  // children's ages and sexes while the other worker is about to read them or reading them: it
  // would only wait, so it takes the next that does not (the care sources read the placements
  // first) and comes back for it. Only when every task left would wait does it take one.
  std::mutex picking;
  std::vector<bool> taken(tasks.size(), false);
  bool children_claimed = false;  // a worker has taken a task that will read them
  std::atomic<bool> children_ready{false};
  bool stop = false;  // a worker failed: the other takes nothing more
  auto next_task = [&]() -> std::optional<size_t> {
    const std::lock_guard lock(picking);
    if (stop) return std::nullopt;
    std::optional<size_t> waiting;
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (taken[i]) continue;
      const Source first = tasks[i].sources.front();
      const bool wants_children = uses_children(first) && !reads_first(first) && !children_ready;
      if (wants_children && children_claimed) {
        if (!waiting) waiting = i;
        continue;
      }
      if (wants_children) children_claimed = true;
      taken[i] = true;
      return i;
    }
    if (waiting) taken[*waiting] = true;
    return waiting;
  };
  auto stop_taking = [&] {
    const std::lock_guard lock(picking);
    stop = true;
  };
  std::vector<StatsTiming> timings[2];  // one list per worker, merged after them
  auto work = [&](store::Tx& tx, int worker) {
    // PostgreSQL: no JIT compilation (it cost more than it saved on every source, up to 0.25 s
    // for the Barnahus cases); no parallel workers — the two workers already keep both cores
    // busy, and each parallel worker is a new server process that faults in every shared page it
    // reads (13 % less server CPU for the release without them, docs/PERFORMANCE.md); and the
    // planner's settings per source (pg_settings above).
    // SQLite: the window functions' sorts in memory (temp_store; with temp files, session 13's
    // sort of the screening decisions went through a temporary B-tree behind a 2 MB cache,
    // 215,000 page reads) and a page cache of 16 MiB instead of 2, for the release; both put back
    // after the sources (a failure on the way leaves that pooled reader so until its next
    // release, which is harmless). The 2 MB cache held 125 of the 16 KiB pages: the Barnahus
    // sources' probes of their 4 MB indexes read each page about 140 times, 86,000 of the
    // release's 272,000 page reads; with 16 MiB, 173,000 (64 MiB saved only 5,000 more; session
    // 17).
    const bool postgres = tx.backend() == store::Backend::kPostgres;
    std::string settings;
    std::string cache_size;
    if (postgres) {
      tx.execute_script("SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0");
    } else {
      cache_size = std::to_string(tx.query_one("PRAGMA cache_size")->integer(0));
      tx.execute_script("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384");
    }
    // The children's ages and sexes, read in this worker's transaction unless the other worker
    // has read them or is reading them.
    auto children_read_once = [&]() -> const ChildAttributes& {
      const std::lock_guard lock(children_read);
      if (!children) {
        const PartTimer timer;
        children = ChildAttributes::read(tx);
        children_ready = true;
        timings[worker - 1].push_back(timer.done("children's ages and sexes", worker));
      }
      return *children;
    };
    while (const std::optional<size_t> i = next_task()) {
      std::optional<PlacementRecords> placements;
      for (Source s : tasks[*i].sources) {
        std::vector<StatsGroup>& g = raw.groups.at(s);
        if (postgres) {
          std::string wanted = pg_settings(s);
          if (wanted != settings) {
            settings = std::move(wanted);
            tx.execute_script(settings);
          }
        }
        if (of_placements(s) && !placements) {
          const PartTimer timer;
          placements = PlacementRecords::read(tx, w, reason_groups);
          timings[worker - 1].push_back(timer.done("placements", worker));
        }
        std::vector<std::string> supported;
        if (s == Source::kDisabilitySupport) {
          const PartTimer timer;
          supported = CaseDataQueries::supported_children(tx, w);
          timings[worker - 1].push_back(timer.done("disability support's referrals", worker));
        }
        // After the source's own records (reads_first), which need no children.
        const ChildAttributes* kids = uses_children(s) ? &children_read_once() : nullptr;
        const PartTimer timer;
        switch (s) {
          case Source::kEntries:
            g = CaseDataQueries::care_entries(*placements, w, *kids);
            break;
          case Source::kStock:
            g = CaseDataQueries::care_stock(*placements, w, *kids);
            break;
          case Source::kExits:
            g = CaseDataQueries::care_exits(*placements, w, *kids);
            break;
          case Source::kReviews:
            g = CaseDataQueries::placement_reviews(*placements);
            break;
          case Source::kReports:
            g = CaseDataQueries::reports(
                tx, w, *kids, concern_groups,
                trafficking_from_reports ? &raw.groups.at(Source::kTrafficking) : nullptr);
            break;
          case Source::kScreening:
            g = CaseDataQueries::screening(tx, w, *kids);
            break;
          case Source::kRisk:
            g = CaseDataQueries::open_cases_by_risk(tx, w, *kids);
            break;
          case Source::kUnaccompanied:
            g = CaseDataQueries::unaccompanied(tx, w);
            break;
          case Source::kTrafficking:
            if (!trafficking_from_reports) CaseDataQueries::reports(tx, w, *kids, {}, &g);
            break;
          case Source::kDisabilitySupport:
            g = CaseDataQueries::disability_support(supported, w, *kids);
            break;
          case Source::kBarnahusCases:
            g = CaseDataQueries::barnahus_cases(tx, w, *kids, violence_groups);
            break;
          case Source::kBarnahusInterviews:
            g = CaseDataQueries::barnahus_interviews(tx, w, *kids);
            break;
          case Source::kBarnahusExams:
            g = CaseDataQueries::barnahus_medical_exams(tx, w, *kids);
            break;
        }
        timings[worker - 1].push_back(timer.done("source " + std::string(source_name(s)), worker));
      }
    }
    if (!postgres) {
      tx.execute_script("PRAGMA temp_store = DEFAULT; PRAGMA cache_size = " + cache_size);
    }
  };
  std::optional<core::Error> failed;
  std::exception_ptr thrown;
  std::thread helper([&] {
    try {
      db_.read([&](store::Tx& tx) { work(tx, 2); });
    } catch (const store::DbError& e) {
      failed = store::to_error(e);
    } catch (...) {
      thrown = std::current_exception();
    }
  });
  try {
    db_.read([&](store::Tx& tx) { work(tx, 1); });
  } catch (const store::DbError& e) {
    stop_taking();  // the helper stops after its current task
    helper.join();
    return store::to_error(e);
  } catch (...) {
    stop_taking();
    helper.join();
    throw;
  }
  helper.join();
  if (thrown) std::rethrow_exception(thrown);
  if (failed) return *failed;
  for (auto& list : timings) {
    release.timings.insert(release.timings.end(), list.begin(), list.end());
  }
  const PartTimer protecting;

  // Raw tables.
  const Coder coder(catalogue_);
  const int64_t screening_days = policies_.for_country(request.country).screening_days;
  std::map<std::string, Table, std::less<>> tables;
  for (const Indicator* ind : measured) {
    const Binding& b = *binding_of(ind->id);
    Table t({ind->id, request.country, period->code}, ind->unit, catalogue_.dimensions_of(*ind));
    const std::vector<StatsGroup>& groups = raw.groups[b.source];
    const std::vector<int>& parts = raw.part_leaves[b.source];
    // A share of the groups whose flag is set, over all of them.
    auto flag_share = [&](bool StatsGroup::*flag) {
      return fill(t, groups, coder, parts, [flag](const StatsGroup& g) {
        return std::pair<int64_t, int64_t>{g.*flag ? g.count : 0, g.count};
      });
    };
    int64_t left_out = 0;
    switch (b.measure) {
      case Measure::kCount:
        left_out = fill(t, groups, coder, parts, [](const StatsGroup& g) {
          return std::pair<int64_t, int64_t>{g.count, 0};
        });
        break;
      case Measure::kCarePlanShare:
        left_out = fill(t, groups, coder, parts, [](const StatsGroup& g) {
          return std::pair<int64_t, int64_t>{g.care_plan ? g.count : 0, g.count};
        });
        break;
      case Measure::kOnTimeShare:
        left_out = fill(t, groups, coder, parts, [&](const StatsGroup& g) {
          return std::pair<int64_t, int64_t>{g.days <= screening_days ? g.count : 0, g.count};
        });
        break;
      case Measure::kMedianDays:
        left_out = fill_medians(t, groups, coder);
        break;
      case Measure::kInterviewedOnceShare:
        left_out = flag_share(&StatsGroup::interviewed_once);
        break;
      case Measure::kMeetingBeforeShare:
        left_out = flag_share(&StatsGroup::meeting_before);
        break;
      case Measure::kTherapyOfferedShare:
        left_out = flag_share(&StatsGroup::therapy_offered);
        break;
      case Measure::kInformedShare:
        left_out = flag_share(&StatsGroup::informed);
        break;
    }
    if (left_out > 0) release.left_out.push_back({ind->id, left_out});
    tables.emplace(ind->id, std::move(t));
  }

  // Protection: counts cube by cube (tables about the same children together), then shares and
  // medians on their own.
  std::map<std::string, std::vector<const Indicator*>> cubes;
  for (const Indicator* ind : measured) {
    if (ind->unit == stats::Unit::kCount)
      cubes[ind->cube.empty() ? ind->id : ind->cube].push_back(ind);
  }
  for (const auto& [cube, inds] : cubes) {
    std::vector<Table*> linked;
    for (const Indicator* ind : inds) linked.push_back(&tables.at(ind->id));
    auto s = stats::protect_linked(linked, stats::policy_for(disclosure.policy, *inds.front()));
    if (!s.ok()) return s.take_error();
    add_summary(release.protection, *s);
  }
  for (const Indicator* ind : measured) {
    if (ind->unit == stats::Unit::kCount) continue;
    stats::DisclosurePolicy policy = stats::policy_for(disclosure.policy, *ind);
    if (ind->unit == stats::Unit::kMedianDays) policy.min_count = disclosure.median_min_cases;
    Table& t = tables.at(ind->id);
    auto s = stats::protect(t, policy);
    if (!s.ok()) {
      // A share over a few children can leave a withheld cell whose line holds nothing else to
      // hide (every numerator 0): then the table is withheld whole rather than published exposed.
      release.skipped.push_back(
          {ind->id,
           "withheld whole: its cells cannot be protected one by one (" + s.error().message + ")"});
      tables.erase(ind->id);
      continue;
    }
    add_summary(release.protection, *s);
    if (ind->unit == stats::Unit::kShare) {
      auto base = tables.find(ind->base_indicator);
      if (base == tables.end()) {
        release.skipped.push_back(
            {ind->id, "its base " + ind->base_indicator + " is not computed."});
        tables.erase(ind->id);
        continue;
      }
      HAVEN_TRY(follow_base(t, base->second));
    }
  }

  // Rates and ratios from the protected counts.
  for (const Indicator& ind : catalogue_.indicators) {
    if (ind.derived_from.empty()) continue;
    auto base = tables.find(ind.derived_from);
    if (base == tables.end()) {
      release.skipped.push_back(
          {ind.id, "it is derived from " + ind.derived_from + ", which is not computed."});
      continue;
    }
    auto derived = ind.unit == stats::Unit::kRatio
                       ? stats::derive_ratio(base->second, ind)
                       : stats::derive_rates(base->second, ind, population_);
    if (!derived.ok()) return derived.take_error();
    tables.emplace(ind.id, std::move(*derived));
  }

  for (const Indicator& ind : catalogue_.indicators) {
    auto t = tables.find(ind.id);
    if (t != tables.end()) release.tables.push_back(std::move(t->second));
  }

  // The attacker on what is about to be published: nothing leaves if it recovers anything.
  const auto findings = stats::audit_release(release.tables, catalogue_, disclosure.policy);
  if (!findings.empty()) {
    return core::Error::internal("The release failed its disclosure check (" +
                                 findings.front().table.indicator + " " + findings.front().cell +
                                 ": " + findings.front().problem + "); nothing was published.");
  }
  std::vector<const Table*> out;
  for (const Table& t : release.tables) out.push_back(&t);
  auto csv = stats::write_sdmx_csv(out, catalogue_.data_structure());
  if (!csv.ok()) return csv.take_error();
  release.sdmx_csv = std::move(*csv);
  release.timings.push_back(protecting.done("tables, protection, attacker's check, SDMX-CSV", 0));

  const std::string details =
      "{\"country\":\"" + release.country + "\",\"period\":\"" + period->code +
      "\",\"tables\":" + std::to_string(release.tables.size()) +
      ",\"primary\":" + std::to_string(release.protection.primary) +
      ",\"secondary\":" + std::to_string(release.protection.secondary) + "}";
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "stats.compute",
                           "statistics_release", release.country + "/" + period->code, "statistics",
                           "success", actor.request_id, details}));
  return release;
}

core::Result<std::vector<stats::AuditFinding>> StatsService::audit_published(
    std::string_view sdmx_csv, std::string_view country) const {
  const stats::DataStructure dsd = catalogue_.data_structure();
  auto dataset = stats::read_sdmx_csv(sdmx_csv, dsd);
  if (!dataset.ok()) return dataset.take_error();
  auto tables = stats::tables_from_dataset(*dataset, dsd);
  if (!tables.ok()) return tables.take_error();
  return stats::audit_release(*tables, catalogue_, disclosure_.for_country(country).policy);
}

}  // namespace haven::service
