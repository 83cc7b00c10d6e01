// The statistics' SQL. The portable subset covers almost all of it (window functions, CASE,
// substr); where SQLite and PostgreSQL differ — dates from millisecond timestamps, date arithmetic
// and unnesting a JSON list — a fragment per dialect is spliced in (fragments are constants, values
// are always bound).
#include "service/stats/case_data_queries.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "domain/case_types.h"
#include "domain/person_types.h"
#include "domain/report_types.h"

namespace haven::service {

namespace {

using store::Backend;

bool pg(const store::Tx& tx) {
  return tx.backend() == Backend::kPostgres;
}

// The UTC calendar day ("YYYY-MM-DD") of a millisecond timestamp column.
std::string day_of_ms(bool postgres, std::string_view ms) {
  if (postgres)
    return "to_char(to_timestamp(" + std::string(ms) +
           " / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
  return "date(" + std::string(ms) + " / 1000, 'unixepoch')";
}

// Whole days from one "YYYY-MM-DD" to a later one.
std::string days_between(bool postgres, std::string_view earlier, std::string_view later) {
  if (postgres)
    return "(CAST(" + std::string(later) + " AS DATE) - CAST(" + std::string(earlier) +
           " AS DATE))";
  return "CAST(julianday(" + std::string(later) + ") - julianday(" + std::string(earlier) +
         ") AS INTEGER)";
}

// A "YYYY-MM-DD" seven days after another.
std::string week_after(bool postgres, std::string_view day) {
  if (postgres) return "to_char(CAST(" + std::string(day) + " AS DATE) + 7, 'YYYY-MM-DD')";
  return "date(" + std::string(day) + ", '+7 days')";
}

// Age in whole years on `day` of a child born on `birth` (both "YYYY-MM-DD" text; NULL if birth
// is). Portable: years apart, minus one if the birthday is still to come that year.
std::string age_on(std::string_view day, std::string_view birth) {
  const std::string d(day), b(birth);
  return "(CAST(substr(" + d + ", 1, 4) AS INTEGER) - CAST(substr(" + b +
         ", 1, 4) AS INTEGER) - CASE WHEN substr(" + d + ", 6, 5) < substr(" + b +
         ", 6, 5) THEN 1 ELSE 0 END)";
}

// What SQLite's and PostgreSQL's CAST(text AS INTEGER) make of a date's year: its leading digits.
int64_t leading_int(std::string_view s) {
  int64_t v = 0;
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) i = 1;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
  return negative ? -v : v;
}

// SQL's substr(s, pos + 1, n): empty past the end.
std::string_view part(std::string_view s, size_t pos, size_t n) {
  return pos >= s.size() ? std::string_view() : s.substr(pos, n);
}

// age_on() in C++, the same arithmetic on the same text: nullopt without a birth date.
std::optional<int64_t> age_of(std::string_view day, const ChildAttributes::Child& child) {
  if (!child.born_known) return std::nullopt;
  return leading_int(part(day, 0, 4)) - leading_int(part(child.birth, 0, 4)) -
         (part(day, 5, 5) < part(child.birth, 5, 5) ? 1 : 0);
}

// day_of_ms() in C++: the UTC calendar day of a millisecond timestamp, as "YYYY-MM-DD" text in a
// buffer reused for every row.
class DayText {
 public:
  std::string_view of_ms(int64_t ms) {
    int64_t z = (ms >= 0 ? ms : ms - 86'399'999) / 86'400'000 + 719'468;  // civil_from_days
    const int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
    const int64_t doe = z - era * 146'097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y < 0 || y > 9999) {
      std::snprintf(buf_, sizeof buf_, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                    static_cast<long long>(m), static_cast<long long>(d));
      return buf_;
    }
    put(0, y, 4);
    buf_[4] = '-';
    put(5, m, 2);
    buf_[7] = '-';
    put(8, d, 2);
    return std::string_view(buf_, 10);
  }

 private:
  void put(size_t at, int64_t v, size_t width) {
    for (size_t i = width; i-- > 0; v /= 10) buf_[at + i] = static_cast<char>('0' + v % 10);
  }
  char buf_[64] = {};
};

std::optional<int64_t> opt_int(const store::Row& r, size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<int64_t>(r.integer(i));
}

// Rows of (age, sex, count).
std::vector<StatsGroup> by_age_sex(const store::Rows& rows) {
  std::vector<StatsGroup> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) {
    StatsGroup g;
    g.age = opt_int(r, 0);
    g.sex = r.text(1);
    g.count = r.integer(2);
    out.push_back(std::move(g));
  }
  return out;
}

// Join order: SQLite takes the tables of a CROSS JOIN in the order written (and haven keeps no
// ANALYZE statistics to choose better), so the queries start from the table their window
// narrows — placements, screening decisions, referrals — rather than from the country's
// agencies, which reaches every case of the country (a million, at the goal's size). PostgreSQL
// treats CROSS JOIN … WHERE as an inner join and orders it itself.

// Placements of the window's country, in cases that were not folded into another.
constexpr std::string_view kCountryPlacements =
    "FROM placements p CROSS JOIN cases c CROSS JOIN agencies a WHERE c.id = p.case_id "
    "AND a.id = c.agency_id AND a.country = $1 AND c.status <> 'merged' ";

}  // namespace

ChildAttributes ChildAttributes::read(store::Tx& tx) {
  // In pages of the index's key order, so that neither database holds a million rows at once.
  // merged_into is read rather than filtered on: SQLite would take children_by_merged_into and
  // look every child up in the table.
  constexpr size_t kPage = 65'536;
  const std::string sql =
      "SELECT id, merged_into, birth_date, sex FROM children WHERE id > $1 ORDER BY id LIMIT " +
      std::to_string(kPage);
  ChildAttributes out;
  std::vector<std::string_view> sexes;  // a handful of codes, kept once
  std::string after;
  for (;;) {
    const store::Rows rows = tx.query(sql, store::params(after));
    for (const store::Row& r : rows) {
      if (!r.is_null(1)) continue;
      Child c;
      c.born_known = !r.is_null(2);
      if (c.born_known) c.birth = out.keep(r.text(2));
      const std::string& sex = r.text(3);
      auto known = std::find(sexes.begin(), sexes.end(), sex);
      if (known == sexes.end()) known = sexes.insert(sexes.end(), out.keep(sex));
      c.sex = *known;
      out.children_.push_back({out.keep(r.text(0)), c});
    }
    if (rows.size() < kPage) break;
    after = rows.back().text(0);
  }
  out.index();
  return out;
}

uint64_t ChildAttributes::hash(std::string_view id) {
  return std::hash<std::string_view>{}(id);
}

void ChildAttributes::index() {
  size_t size = 16;
  while (size < 2 * children_.size()) size *= 2;
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  for (size_t i = 0; i < children_.size(); ++i) {
    const uint64_t h = hash(children_[i].id);
    size_t at = h & mask_;
    while (slots_[at].index != 0) at = (at + 1) & mask_;
    slots_[at] = {static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(i + 1)};
  }
}

const ChildAttributes::Child* ChildAttributes::find(std::string_view id) const {
  if (slots_.empty()) return nullptr;
  const uint64_t h = hash(id);
  const auto tag = static_cast<uint32_t>(h >> 32);
  for (size_t at = h & mask_; slots_[at].index != 0; at = (at + 1) & mask_) {
    if (slots_[at].tag != tag) continue;
    const Entry& e = children_[slots_[at].index - 1];
    if (e.id == id) return &e.child;
  }
  return nullptr;
}

std::string_view ChildAttributes::keep(std::string_view s) {
  constexpr size_t kBlock = 1 << 20;
  if (s.size() > left_) {
    left_ = std::max(kBlock, s.size());
    blocks_.push_back(std::make_unique<char[]>(left_));
    next_ = blocks_.back().get();
  }
  std::copy(s.begin(), s.end(), next_);
  const std::string_view kept(next_, s.size());
  next_ += s.size();
  left_ -= s.size();
  return kept;
}

std::vector<StatsGroup> CaseDataQueries::care_entries(
    store::Tx& tx, const StatsWindow& w,
    const std::vector<std::vector<std::string>>& reason_groups) {
  // Reasons are rows of placement_entry_reasons (placement_id, reason): one probe of its primary
  // key per group and child. The flags are worked out per child in a derived table and summed
  // outside it, as in barnahus_cases().
  store::Params p = store::params(w.country, w.first_day, w.last_day);
  auto any_of = [&](const std::vector<std::string>& codes) {
    std::string in;
    for (const std::string& code : codes) {
      p.push_back(store::to_value(code));
      in += std::string(in.empty() ? "" : ", ") + "$" + std::to_string(p.size());
    }
    return "EXISTS (SELECT 1 FROM placement_entry_reasons er WHERE er.placement_id = f.pid "
           "AND er.reason IN (" +
           in + "))";
  };
  std::vector<std::string> named_codes;  // every reason of a non-empty group
  for (const auto& group : reason_groups)
    named_codes.insert(named_codes.end(), group.begin(), group.end());
  std::string flags;
  std::string sums;
  for (size_t i = 0; i < reason_groups.size(); ++i) {
    const std::string when = !reason_groups[i].empty() ? any_of(reason_groups[i])
                             : named_codes.empty()     ? "1 = 1"
                                                       : "NOT " + any_of(named_codes);
    flags += ", CASE WHEN " + when + " THEN 1 ELSE 0 END AS r" + std::to_string(i);
    sums += ", SUM(x.r" + std::to_string(i) + ")";
  }
  const std::string sql =
      "WITH firsts AS (SELECT c.child_id AS child_id, p.id AS pid, p.type AS type, "
      "p.start_on AS day, "
      "ROW_NUMBER() OVER (PARTITION BY c.child_id ORDER BY p.start_on, p.id) AS n " +
      std::string(kCountryPlacements) +
      "AND p.start_on >= $2 AND p.start_on <= $3) "
      "SELECT x.type, x.age, x.sex, COUNT(*)" +
      sums + " FROM (SELECT f.type AS type, " + age_on("f.day", "ch.birth_date") +
      " AS age, ch.sex AS sex" + flags +
      " FROM firsts f JOIN children ch ON ch.id = f.child_id "
      "WHERE f.n = 1 AND ch.merged_into IS NULL) x GROUP BY 1, 2, 3";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, p)) {
    StatsGroup g;
    g.code = r.text(0);
    g.age = opt_int(r, 1);
    g.sex = r.text(2);
    g.count = r.integer(3);
    for (size_t i = 0; i < reason_groups.size(); ++i) g.parts.push_back(r.integer(4 + i));
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::care_stock(store::Tx& tx, const StatsWindow& w) {
  const std::string sql =
      "WITH active AS (SELECT c.child_id AS child_id, c.id AS case_id, p.type AS type, "
      "ROW_NUMBER() OVER (PARTITION BY c.child_id ORDER BY p.start_on DESC, p.id DESC) AS n " +
      std::string(kCountryPlacements) +
      "AND p.start_on <= $2 AND (p.end_on IS NULL OR p.end_on >= $2)) "
      "SELECT s.type, " +
      age_on("CAST($2 AS TEXT)", "ch.birth_date") +
      ", ch.sex, CASE WHEN ch.disabilities_ct IS NULL THEN 0 ELSE 1 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM case_plans cp WHERE cp.case_id = s.case_id "
      "AND cp.approval = 'approved' AND cp.approved_on <= $2) THEN 1 ELSE 0 END, COUNT(*) "
      "FROM active s JOIN children ch ON ch.id = s.child_id "
      "WHERE s.n = 1 AND ch.merged_into IS NULL GROUP BY 1, 2, 3, 4, 5";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, store::params(w.country, w.last_day))) {
    StatsGroup g;
    g.code = r.text(0);
    g.age = opt_int(r, 1);
    g.sex = r.text(2);
    g.disability = r.integer(3) != 0;
    g.care_plan = r.integer(4) != 0;
    g.count = r.integer(5);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::care_exits(store::Tx& tx, const StatsWindow& w) {
  const bool postgres = pg(tx);
  const std::string sql =
      "WITH ends AS (SELECT c.child_id AS child_id, p.end_on AS day, "
      "p.exit_destination AS destination, "
      "ROW_NUMBER() OVER (PARTITION BY c.child_id ORDER BY p.end_on DESC, p.id DESC) AS n " +
      std::string(kCountryPlacements) +
      "AND p.end_on >= $2 AND p.end_on <= $3 AND NOT EXISTS (SELECT 1 FROM placements q "
      "JOIN cases qc ON qc.id = q.case_id WHERE qc.child_id = c.child_id AND q.id <> p.id "
      "AND qc.status <> 'merged' AND q.start_on <= " +
      week_after(postgres, "p.end_on") +
      " AND (q.end_on IS NULL OR q.end_on > p.end_on))) "
      "SELECT COALESCE(e.destination, ''), " +
      age_on("e.day", "ch.birth_date") +
      ", ch.sex, COUNT(*) FROM ends e JOIN children ch ON ch.id = e.child_id "
      "WHERE e.n = 1 AND ch.merged_into IS NULL GROUP BY 1, 2, 3";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, store::params(w.country, w.first_day, w.last_day))) {
    StatsGroup g;
    g.code = r.text(0);
    g.age = opt_int(r, 1);
    g.sex = r.text(2);
    g.count = r.integer(3);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::placement_reviews(store::Tx& tx, const StatsWindow& w) {
  const std::string unnest =
      pg(tx) ? "CROSS JOIN LATERAL jsonb_array_elements_text(CAST(p.review_dates AS JSONB)) AS "
               "j(value) "
             : "CROSS JOIN json_each(p.review_dates) AS j ";
  const std::string sql =
      "SELECT p.type, COUNT(*) FROM placements p CROSS JOIN cases c CROSS JOIN agencies a " +
      unnest +
      "WHERE c.id = p.case_id AND a.id = c.agency_id AND a.country = $1 "
      "AND c.status <> 'merged' AND p.review_dates <> '[]' "
      "AND j.value >= $2 AND j.value <= $3 GROUP BY 1";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, store::params(w.country, w.first_day, w.last_day))) {
    StatsGroup g;
    g.code = r.text(0);
    g.count = r.integer(1);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::reports(
    store::Tx& tx, const StatsWindow& w, const ChildAttributes& children,
    const std::vector<std::vector<std::string>>& concern_groups) {
  // One row per report, read from the covering index reports_stats; the child's age and sex come
  // from `children`. Concern categories are a JSON list of codes: each distinct list (about 1,400
  // in a year at a million children) is matched against the groups once, here — a
  // SUM(CASE WHEN … LIKE '%"neglect"%' …) per group matched every report against every group.
  const std::string sql =
      "SELECT r.child_id, r.reporter_type, r.received_at, r.concern_categories "
      "FROM reports r JOIN agencies a ON a.id = r.agency_id "
      "WHERE a.country = $1 AND r.received_at >= $2 AND r.received_at < $3 "
      "AND r.child_id IS NOT NULL";
  // Which groups a stored list falls in: a non-empty group if the list names any of its codes
  // ('"neglect"' inside the JSON text); an empty group if it names none of the other groups'.
  std::unordered_map<std::string_view, std::vector<bool>> groups_of;
  auto falls_in = [&](std::string_view concerns) -> const std::vector<bool>& {
    auto known = groups_of.find(concerns);
    if (known != groups_of.end()) return known->second;
    std::vector<bool> in(concern_groups.size(), false);
    bool named = false;
    for (size_t i = 0; i < concern_groups.size(); ++i) {
      for (const std::string& code : concern_groups[i]) {
        if (concerns.find("\"" + code + "\"") != std::string_view::npos) in[i] = true;
      }
      named = named || in[i];
    }
    for (size_t i = 0; i < concern_groups.size(); ++i) {
      if (concern_groups[i].empty()) in[i] = !named;
    }
    return groups_of.emplace(concerns, std::move(in)).first->second;
  };
  const store::Rows rows = tx.query(sql, store::params(w.country, w.from_ms, w.to_ms));
  std::map<std::tuple<std::string_view, std::optional<int64_t>, std::string_view>, StatsGroup>
      by_key;
  DayText day;
  for (const store::Row& r : rows) {
    const ChildAttributes::Child* child = children.find(r.text(0));
    if (child == nullptr) continue;
    const std::string& reporter = r.text(1);
    const std::optional<int64_t> age = age_of(day.of_ms(r.integer(2)), *child);
    StatsGroup& g = by_key[{reporter, age, child->sex}];
    if (g.count == 0) {
      g.code = reporter;
      g.age = age;
      g.sex = std::string(child->sex);
      g.parts.assign(concern_groups.size(), 0);
    }
    ++g.count;
    const std::vector<bool>& in = falls_in(r.text(3));
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i]) ++g.parts[i];
    }
  }
  std::vector<StatsGroup> out;
  out.reserve(by_key.size());
  for (auto& [key, g] : by_key) out.push_back(std::move(g));
  return out;
}

std::vector<StatsGroup> CaseDataQueries::screening(store::Tx& tx, const StatsWindow& w,
                                                   const ChildAttributes& children) {
  const bool postgres = pg(tx);
  const std::string sql =
      "SELECT c.child_id, s.decided_on, " +
      days_between(postgres, day_of_ms(postgres, "COALESCE(c.reported_at, c.opened_at)"),
                   "s.decided_on") +
      " FROM screening_decisions s CROSS JOIN cases c CROSS JOIN agencies a "
      "WHERE c.id = s.case_id AND a.id = c.agency_id AND a.country = $1 "
      "AND c.status <> 'merged' AND s.decided_on >= $2 AND s.decided_on <= $3";
  const store::Rows rows = tx.query(sql, store::params(w.country, w.first_day, w.last_day));
  std::map<std::tuple<std::optional<int64_t>, std::string_view, int64_t>, int64_t> counts;
  for (const store::Row& r : rows) {
    const ChildAttributes::Child* child = children.find(r.text(0));
    if (child == nullptr) continue;
    ++counts[{age_of(r.text(1), *child), child->sex, r.integer(2)}];
  }
  std::vector<StatsGroup> out;
  out.reserve(counts.size());
  for (const auto& [key, n] : counts) {
    StatsGroup g;
    g.age = std::get<0>(key);
    g.sex = std::string(std::get<1>(key));
    g.days = std::get<2>(key);
    g.count = n;
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::open_cases_by_risk(store::Tx& tx, const StatsWindow& w,
                                                            const ChildAttributes& children) {
  // The latest risk level by a correlated look-up on risk_levels_by_case (case_id, set_at): joining
  // a second windowed CTE instead made SQLite rescan the cases for every risk level.
  const std::string sql =
      "WITH open_cases AS (SELECT c.id AS case_id, c.child_id AS child_id, "
      "ROW_NUMBER() OVER (PARTITION BY c.child_id ORDER BY c.opened_at DESC, c.id DESC) AS n "
      "FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE a.country = $1 "
      "AND c.status NOT IN ('merged', 'transferred') AND c.opened_at < $2 "
      "AND (c.closed_at IS NULL OR c.closed_at >= $2)) "
      "SELECT o.child_id, COALESCE((SELECT rl.risk_level "
      "FROM risk_levels rl WHERE rl.case_id = o.case_id AND rl.set_at < $2 "
      "ORDER BY rl.set_at DESC, rl.id DESC LIMIT 1), '') FROM open_cases o WHERE o.n = 1";
  const store::Rows rows = tx.query(sql, store::params(w.country, w.to_ms));
  std::map<std::tuple<std::string_view, std::optional<int64_t>, std::string_view>, int64_t> counts;
  for (const store::Row& r : rows) {
    const ChildAttributes::Child* child = children.find(r.text(0));
    if (child == nullptr) continue;
    ++counts[{r.text(1), age_of(w.last_day, *child), child->sex}];
  }
  std::vector<StatsGroup> out;
  out.reserve(counts.size());
  for (const auto& [key, n] : counts) {
    StatsGroup g;
    g.code = std::string(std::get<0>(key));
    g.age = std::get<1>(key);
    g.sex = std::string(std::get<2>(key));
    g.count = n;
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::unaccompanied(store::Tx& tx, const StatsWindow& w) {
  const std::string sql =
      "SELECT " + age_on("ch.registered_on", "ch.birth_date") +
      ", ch.sex, COUNT(*) FROM children ch JOIN agencies a ON a.id = ch.agency_id "
      "WHERE a.country = $1 AND ch.merged_into IS NULL AND ch.migration_status = $4 "
      "AND ch.registered_on >= $2 AND ch.registered_on <= $3 GROUP BY 1, 2";
  return by_age_sex(
      tx.query(sql, store::params(w.country, w.first_day, w.last_day,
                                  domain::to_code(domain::MigrationStatus::kUnaccompanied))));
}

std::vector<StatsGroup> CaseDataQueries::presumed_trafficking(store::Tx& tx, const StatsWindow& w) {
  const std::string sql =
      "WITH flagged AS (SELECT r.child_id AS child_id, r.received_at AS at, "
      "ROW_NUMBER() OVER (PARTITION BY r.child_id ORDER BY r.received_at, r.id) AS n "
      "FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE a.country = $1 "
      "AND r.received_at >= $2 AND r.received_at < $3 AND r.child_id IS NOT NULL "
      "AND r.concern_categories LIKE $4) "
      "SELECT " +
      age_on(day_of_ms(pg(tx), "f.at"), "ch.birth_date") +
      ", ch.sex, COUNT(*) FROM flagged f JOIN children ch ON ch.id = f.child_id "
      "WHERE f.n = 1 AND ch.merged_into IS NULL GROUP BY 1, 2";
  const std::string pattern =
      "%\"" + std::string(domain::to_code(domain::ConcernCategory::kTraffickingExploitation)) +
      "\"%";
  return by_age_sex(tx.query(sql, store::params(w.country, w.from_ms, w.to_ms, pattern)));
}

std::vector<StatsGroup> CaseDataQueries::disability_support(store::Tx& tx, const StatsWindow& w) {
  const std::string sql =
      "WITH supported AS (SELECT DISTINCT c.child_id AS child_id FROM referrals f "
      "CROSS JOIN cases c CROSS JOIN agencies a WHERE c.id = f.case_id "
      "AND a.id = c.agency_id AND a.country = $1 AND c.status <> 'merged' AND f.service_type = $4 "
      "AND f.referred_on IS NOT NULL AND f.referred_on <= $2 "
      "AND (f.status = $5 OR (f.status = $6 AND f.updated_at >= $3))) "
      "SELECT " +
      age_on("CAST($2 AS TEXT)", "ch.birth_date") +
      ", ch.sex, COUNT(*) FROM supported s JOIN children ch ON ch.id = s.child_id "
      "WHERE ch.disabilities_ct IS NOT NULL AND ch.merged_into IS NULL GROUP BY 1, 2";
  return by_age_sex(
      tx.query(sql, store::params(w.country, w.last_day, w.from_ms,
                                  domain::to_code(domain::ServiceType::kDisabilitySupport),
                                  domain::to_code(domain::ReferralStatus::kInProgress),
                                  domain::to_code(domain::ReferralStatus::kCompleted))));
}

namespace {

// Barnahus cases of the window's country: run by a Barnahus agency of it.
constexpr std::string_view kCountryBarnahus =
    "FROM barnahus_cases b JOIN agencies a ON a.id = b.barnahus_agency_id WHERE a.country = $1 ";

// Whether the child and a caregiver of Barnahus case `bid` were told at one stage by `last`.
std::string told(std::string_view bid, std::string_view stage, std::string_view last) {
  std::string out;
  for (const char* who : {"child", "caregiver"}) {
    out += std::string(out.empty() ? "" : " AND ") +
           "EXISTS (SELECT 1 FROM barnahus_information i WHERE i.barnahus_case_id = " +
           std::string(bid) + " AND i.stage = '" + std::string(stage) + "' AND i.recipient = '" +
           who + "' AND i.given_on <= " + std::string(last) + ")";
  }
  return "(" + out + ")";
}

}  // namespace

std::vector<StatsGroup> CaseDataQueries::barnahus_cases(
    store::Tx& tx, const StatsWindow& w,
    const std::vector<std::vector<std::string>>& violence_groups) {
  // Violence types are a JSON list of codes, found like concern categories in reports().
  store::Params p = store::params(w.country, w.from_ms, w.to_ms, w.last_day);
  std::vector<std::string> conditions;
  for (const auto& group : violence_groups) {
    std::string any;
    for (const std::string& code : group) {
      p.push_back(store::to_value("%\"" + code + "\"%"));
      any +=
          std::string(any.empty() ? "" : " OR ") + "x.violence LIKE $" + std::to_string(p.size());
    }
    conditions.push_back(any);
  }
  std::string named;
  for (const std::string& c : conditions) {
    if (!c.empty()) named += std::string(named.empty() ? "" : " OR ") + c;
  }
  // Stages the case reached by the last day, each with the information it needs (the quality
  // report's rule, domain/barnahus_timeline.h): referral always; the others when they happened.
  const std::string last = "CAST($4 AS TEXT)";
  const std::string therapy =
      "EXISTS (SELECT 1 FROM barnahus_therapy t WHERE t.barnahus_case_id = f.bid AND "
      "t.recipient = 'child' AND (t.offered_on IS NULL OR t.offered_on <= " +
      last + "))";
  const std::string informed =
      told("f.bid", "referral", last) +
      " AND (NOT EXISTS (SELECT 1 FROM barnahus_interviews iv WHERE iv.barnahus_case_id = f.bid "
      "AND iv.interviewed_on <= " +
      last + ") OR " + told("f.bid", "forensic_interview", last) +
      ") AND (NOT EXISTS (SELECT 1 FROM barnahus_medical_exams e WHERE e.barnahus_case_id = "
      "f.bid AND e.done = 1 AND e.examined_on <= " +
      last + ") OR " + told("f.bid", "medical_examination", last) + ") AND (NOT " + therapy +
      " OR " + told("f.bid", "therapy", last) +
      ") AND (NOT EXISTS (SELECT 1 FROM barnahus_court_dates cd WHERE cd.barnahus_case_id = "
      "f.bid AND cd.held_on <= " +
      last + ") OR " + told("f.bid", "court_proceedings", last) + ")";
  // The flags are worked out per child in a derived table and grouped outside it: PostgreSQL
  // does not group by an expression whose subquery names the row's columns.
  std::string sql =
      "WITH firsts AS (SELECT b.id AS bid, b.child_id AS child_id, b.child_role AS role, "
      "b.violence_types AS violence, b.referred_at AS at, "
      "ROW_NUMBER() OVER (PARTITION BY b.child_id ORDER BY b.referred_at, b.id) AS n " +
      std::string(kCountryBarnahus) +
      "AND b.referred_at >= $2 AND b.referred_at < $3) "
      "SELECT x.role, x.age, x.sex, x.therapy, x.informed, COUNT(*)";
  for (const std::string& c : conditions) {
    const std::string when = c.empty() ? (named.empty() ? "1 = 1" : "NOT (" + named + ")") : c;
    sql += ", SUM(CASE WHEN " + when + " THEN 1 ELSE 0 END)";
  }
  sql += " FROM (SELECT f.role AS role, f.violence AS violence, " +
         age_on(day_of_ms(pg(tx), "f.at"), "ch.birth_date") + " AS age, ch.sex AS sex, CASE WHEN " +
         therapy + " THEN 1 ELSE 0 END AS therapy, " + "CASE WHEN " + informed +
         " THEN 1 ELSE 0 END AS informed FROM firsts f JOIN children ch ON ch.id = f.child_id "
         "WHERE f.n = 1 AND ch.merged_into IS NULL) x GROUP BY 1, 2, 3, 4, 5";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, p)) {
    StatsGroup g;
    g.code = r.text(0);
    g.age = opt_int(r, 1);
    g.sex = r.text(2);
    g.therapy_offered = r.integer(3) != 0;
    g.informed = r.integer(4) != 0;
    g.count = r.integer(5);
    for (size_t i = 0; i < conditions.size(); ++i) g.parts.push_back(r.integer(6 + i));
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::barnahus_interviews(store::Tx& tx, const StatsWindow& w) {
  const bool postgres = pg(tx);
  const std::string sql =
      "WITH firsts AS (SELECT b.id AS bid, b.child_id AS child_id, b.referred_at AS at, "
      "iv.interviewed_on AS day, ROW_NUMBER() OVER (PARTITION BY b.child_id "
      "ORDER BY iv.interviewed_on, b.id) AS n FROM barnahus_interviews iv "
      "JOIN barnahus_cases b ON b.id = iv.barnahus_case_id "
      "JOIN agencies a ON a.id = b.barnahus_agency_id WHERE a.country = $1 AND iv.sequence = 1) "
      "SELECT x.age, x.sex, x.days, x.once, x.met, COUNT(*) FROM (SELECT " +
      age_on("f.day", "ch.birth_date") + " AS age, ch.sex AS sex, " +
      days_between(postgres, day_of_ms(postgres, "f.at"), "f.day") +
      " AS days, CASE WHEN EXISTS (SELECT 1 FROM barnahus_interviews j "
      "WHERE j.barnahus_case_id = f.bid AND j.sequence > 1 AND j.interviewed_on <= $3) "
      "THEN 0 ELSE 1 END AS once, CASE WHEN EXISTS (SELECT 1 FROM barnahus_meetings m "
      "WHERE m.barnahus_case_id = f.bid AND m.kind = 'planning' AND m.held_on <= f.day) "
      "THEN 1 ELSE 0 END AS met FROM firsts f JOIN children ch ON ch.id = f.child_id "
      "WHERE f.n = 1 AND f.day >= $2 AND f.day <= $3 AND ch.merged_into IS NULL) x "
      "GROUP BY 1, 2, 3, 4, 5";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, store::params(w.country, w.first_day, w.last_day))) {
    StatsGroup g;
    g.age = opt_int(r, 0);
    g.sex = r.text(1);
    g.days = r.integer(2);
    g.interviewed_once = r.integer(3) != 0;
    g.meeting_before = r.integer(4) != 0;
    g.count = r.integer(5);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::barnahus_medical_exams(store::Tx& tx,
                                                                const StatsWindow& w) {
  const bool postgres = pg(tx);
  const std::string sql =
      "WITH firsts AS (SELECT b.child_id AS child_id, b.referred_at AS at, e.examined_on AS day, "
      "ROW_NUMBER() OVER (PARTITION BY b.id ORDER BY e.examined_on, e.id) AS n "
      "FROM barnahus_medical_exams e JOIN barnahus_cases b ON b.id = e.barnahus_case_id "
      "JOIN agencies a ON a.id = b.barnahus_agency_id WHERE a.country = $1 AND e.done = 1 "
      "AND e.examined_on IS NOT NULL) "
      "SELECT " +
      age_on("f.day", "ch.birth_date") + ", ch.sex, " +
      days_between(postgres, day_of_ms(postgres, "f.at"), "f.day") +
      ", COUNT(*) FROM firsts f JOIN children ch ON ch.id = f.child_id WHERE f.n = 1 "
      "AND f.day >= $2 AND f.day <= $3 AND ch.merged_into IS NULL GROUP BY 1, 2, 3";
  std::vector<StatsGroup> out;
  for (const store::Row& r : tx.query(sql, store::params(w.country, w.first_day, w.last_day))) {
    StatsGroup g;
    g.age = opt_int(r, 0);
    g.sex = r.text(1);
    g.days = r.integer(2);
    g.count = r.integer(3);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace haven::service
