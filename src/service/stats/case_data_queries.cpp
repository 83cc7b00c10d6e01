// The statistics' SQL. The portable subset covers almost all of it (window functions, CASE,
// substr); where SQLite and PostgreSQL differ — dates from millisecond timestamps, date arithmetic
// and unnesting a JSON list — a fragment per dialect is spliced in (fragments are constants, values
// are always bound).
#include "service/stats/case_data_queries.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/text_hash.h"
#include "domain/barnahus_timeline.h"
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

// "MM-DD" with digits where they belong, as the number MMDD (which orders as the text does); -1 for
// anything else.
int32_t month_day(std::string_view md) {
  if (md.size() != 5 || md[2] != '-') return -1;
  int32_t v = 0;
  for (size_t i : {0, 1, 3, 4}) {
    if (md[i] < '0' || md[i] > '9') return -1;
    v = v * 10 + (md[i] - '0');
  }
  return v;
}

// age_on() in C++, the same arithmetic on the same text: nullopt without a birth date. Where
// both dates are canonical the birthday comparison is one of two numbers (a third of the reports'
// and screening's time went to comparing the texts at a million children); otherwise the texts
// are compared as SQL does.
std::optional<int64_t> age_of(std::string_view day, const ChildAttributes::Child& child) {
  if (!child.born_known) return std::nullopt;
  const int64_t years = leading_int(part(day, 0, 4)) - child.birth_year;
  const std::string_view day_md = part(day, 5, 5);
  const int32_t md = child.birth_month_day >= 0 ? month_day(day_md) : -1;
  if (md >= 0) return years - (md < child.birth_month_day ? 1 : 0);
  return years - (day_md < child.birth_day ? 1 : 0);
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

// Days since 1970-01-01 of a "YYYY-MM-DD" text (days_from_civil); nullopt for any other text.
std::optional<int64_t> civil_day(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return std::nullopt;
  }
  int64_t y = leading_int(d.substr(0, 4));
  const int64_t m = leading_int(d.substr(5, 2));
  const int64_t day = leading_int(d.substr(8, 2));
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  constexpr int64_t kLength[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1 || day > kLength[m - 1] + (m == 2 && leap ? 1 : 0))
    return std::nullopt;
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146'097 + doe - 719'468;
}

// The day (days since 1970-01-01, UTC) a millisecond timestamp falls on, as day_of_ms() finds
// it: PostgreSQL from the exact instant, SQLite from the whole seconds (ms / 1000 truncates).
int64_t floor_day(bool postgres, int64_t ms) {
  if (postgres) return (ms >= 0 ? ms : ms - 86'399'999) / 86'400'000;
  const int64_t seconds = ms / 1000;
  return (seconds >= 0 ? seconds : seconds - 86'399) / 86'400;
}

std::optional<int64_t> opt_int(const store::Row& r, size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<int64_t>(r.integer(i));
}

// A row of Tx::scan_text read as Tx::scan's RowView reads one: text() of NULL, and integer() of
// anything but a decimal integer, throw ColumnError.
struct TextFields {
  store::TextRow row;
  bool is_null(size_t i) const { return !row[i]; }
  std::string_view text(size_t i) const {
    if (!row[i]) throw store::ColumnError("a statistics column is NULL where text was expected");
    return *row[i];
  }
  int64_t integer(size_t i) const {
    const std::string_view t = text(i);
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size())
      throw store::ColumnError("a statistics column is not an integer");
    return v;
  }
};

// Each row of `sql` handed to `visit` as something with text(i), integer(i) and is_null(i): on
// PostgreSQL streamed with COPY (Tx::scan_text), so that the result is never held whole — the
// reports' 330,000 rows at a million children, a 60 MB result in fresh memory, cost the client
// 0.1–0.2 s more than the stream; the screening decisions' 250,000 and the open cases' 146,000
// rows 0.05–0.1 s and 0.03 s (session 22; a one-shot command pays the kernel for zeroing every
// fresh page it touches) —, on SQLite stepped in place (Tx::scan).
template <typename Visit>
void scan_rows(store::Tx& tx, const std::string& sql, const store::Params& p, Visit&& visit) {
  if (pg(tx)) {
    tx.scan_text(sql, p, [&](store::TextRow row) { visit(TextFields{row}); });
  } else {
    tx.scan(sql, p, [&](const store::RowView& r) { visit(r); });
  }
}

// A source's groups, as `SELECT k0, …, COUNT(*), SUM(s0), … FROM (select) x GROUP BY k0, …` would
// return them: `select` names its key columns k0 … k{keys - 1} and the
// columns to sum s0 … s{sums - 1}. SQLite has no hash aggregation — its GROUP BY sorts the rows,
// about 1.5 µs a row on this machine (the open cases' 131,000 rows took 0.2 s of the source's 0.7
// at a million children) — so there the rows are read in place and counted here, by their keys'
// values; PostgreSQL groups them itself (a hash aggregate), which spares sending every row.
store::Rows count_groups(store::Tx& tx, const std::string& select, size_t keys, size_t sums,
                         const store::Params& p) {
  if (pg(tx)) {
    std::string sql = "SELECT ";
    std::string by;
    for (size_t i = 0; i < keys; ++i) {
      sql += "x.k" + std::to_string(i) + ", ";
      by += (i == 0 ? "" : ", ") + std::to_string(i + 1);
    }
    sql += "COUNT(*)";
    for (size_t i = 0; i < sums; ++i) sql += ", SUM(x.s" + std::to_string(i) + ")";
    return tx.query(sql + " FROM (" + select + ") x GROUP BY " + by, p);
  }
  std::unordered_map<std::string, size_t, core::TextHash, std::equal_to<>> group_of;
  std::vector<std::vector<store::Value>> groups;
  // A row's key: each key column's kind, then its integer's bytes or its text's length and text.
  std::string key;
  tx.scan(select, p, [&](const store::RowView& r) {
    key.clear();
    for (size_t i = 0; i < keys; ++i) {
      const store::RowView::Kind kind = r.kind(i);
      key += static_cast<char>(kind);
      if (kind == store::RowView::Kind::kInteger) {
        const int64_t n = r.integer(i);
        key.append(reinterpret_cast<const char*>(&n), sizeof n);
      } else if (kind == store::RowView::Kind::kText) {
        const std::string_view t = r.text(i);
        const uint32_t size = static_cast<uint32_t>(t.size());
        key.append(reinterpret_cast<const char*>(&size), sizeof size).append(t);
      } else if (kind != store::RowView::Kind::kNull) {
        throw store::ColumnError("a statistics group key is neither text nor an integer");
      }
    }
    auto [at, added] = group_of.try_emplace(key, groups.size());
    if (added) {
      std::vector<store::Value>& g = groups.emplace_back();
      for (size_t i = 0; i < keys; ++i) {
        if (r.is_null(i)) {
          g.emplace_back(std::monostate{});
        } else if (r.kind(i) == store::RowView::Kind::kInteger) {
          g.emplace_back(r.integer(i));
        } else {
          g.emplace_back(std::string(r.text(i)));
        }
      }
      g.insert(g.end(), 1 + sums, store::Value(int64_t{0}));
    }
    std::vector<store::Value>& g = groups[at->second];
    ++std::get<int64_t>(g[keys]);
    for (size_t i = 0; i < sums; ++i) {
      if (!r.is_null(keys + i)) std::get<int64_t>(g[keys + 1 + i]) += r.integer(keys + i);
    }
  });
  // In GROUP BY's order, as SQLite gave them: by the keys, NULL first, then integers, then text
  // byte by byte (Value's alternatives are in that order).
  auto key_less = [](const store::Value& a, const store::Value& b) {
    if (a.index() != b.index()) return a.index() < b.index();
    if (const auto* n = std::get_if<int64_t>(&a)) return *n < std::get<int64_t>(b);
    if (const auto* t = std::get_if<std::string>(&a)) return *t < std::get<std::string>(b);
    return false;  // both NULL
  };
  std::sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
    return std::lexicographical_compare(a.begin(), a.begin() + static_cast<ptrdiff_t>(keys),
                                        b.begin(), b.begin() + static_cast<ptrdiff_t>(keys),
                                        key_less);
  });
  store::Rows rows;
  rows.reserve(groups.size());
  for (auto& g : groups) rows.emplace_back(std::move(g));
  return rows;
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

// Grouping keys of the C++-joined sources: small integers (a code's place among those seen, the
// child's sex_index, an age or day count) instead of the texts, so that a record costs one hash
// probe rather than a walk down an ordered map comparing strings.
struct Key3 {
  int64_t a = 0;
  int64_t b = 0;
  int64_t c = 0;
  bool operator==(const Key3&) const = default;
};
struct Key3Hash {
  size_t operator()(const Key3& k) const {
    uint64_t h = static_cast<uint64_t>(k.a) * 0x9E3779B97F4A7C15ULL;
    h = (h ^ static_cast<uint64_t>(k.b)) * 0xBF58476D1CE4E5B9ULL;
    h = (h ^ static_cast<uint64_t>(k.c)) * 0x94D049BB133111EBULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};
constexpr int64_t kNoAge = INT64_MIN;
int64_t age_key(std::optional<int64_t> age) {
  return age ? *age : kNoAge;
}

// The place of a code among those seen so far (a handful: reporter types, risk levels).
class CodeIndex {
 public:
  int64_t of(std::string_view code) {
    for (size_t i = 0; i < codes_.size(); ++i) {
      if (codes_[i] == code) return static_cast<int64_t>(i);
    }
    codes_.emplace_back(code);
    return static_cast<int64_t>(codes_.size() - 1);
  }
  const std::string& code(int64_t i) const { return codes_[static_cast<size_t>(i)]; }

 private:
  std::vector<std::string> codes_;
};

// A record's facts as the bits of one number, read with one correlated probe: bit i is set if
// any of `rows` (SQL's `FROM … WHERE …` naming the record) meets conditions[i]. Each bit is the
// MAX of its CASE (no DISTINCT, for which SQLite builds a temporary B-tree per probe); 0 when no
// row is there. Where a probe per fact had cost an index descent each — nine per child entering
// care, ten per Barnahus case for who was told at which stage — this is one.
std::string mask_sql(const std::vector<std::string>& conditions, std::string_view rows) {
  if (conditions.empty()) return "0";
  std::string sum;
  for (size_t i = 0; i < conditions.size(); ++i) {
    sum += std::string(i == 0 ? "" : " + ") + "MAX(CASE WHEN " + conditions[i] + " THEN " +
           std::to_string(uint64_t{1} << i) + " ELSE 0 END)";
  }
  return "COALESCE((SELECT " + sum + " " + std::string(rows) + "), 0)";
}

// The codes a source's groups name, as the bits of one mask (mask_sql); each group's flag is then
// a test of the mask here.
class CodeMask {
 public:
  explicit CodeMask(const std::vector<std::vector<std::string>>& groups) {
    for (const auto& group : groups) {
      uint64_t bits = 0;
      for (const std::string& code : group) {
        auto known = std::find(codes_.begin(), codes_.end(), code);
        if (known == codes_.end()) known = codes_.insert(codes_.end(), code);
        bits |= uint64_t{1} << (known - codes_.begin());
      }
      of_group_.push_back(bits);
      named_ |= bits;
    }
    // Codes are a domain enumeration's, far fewer than a mask's bits (a broken invariant if not).
    if (codes_.size() > 62) throw std::logic_error("more than 62 codes in a statistics breakdown");
  }
  // The mask of `column`'s codes among `rows` (mask_sql); the codes are bound into `p`.
  std::string sql(std::string_view column, std::string_view rows, store::Params& p) const {
    std::vector<std::string> is_code;
    for (const std::string& code : codes_) {
      p.push_back(store::to_value(code));
      is_code.push_back(std::string(column) + " = $" + std::to_string(p.size()));
    }
    return mask_sql(is_code, rows);
  }
  // Whether a record with `mask` counts in group i: it names one of the group's codes, or, for an
  // empty group, none of the other groups'.
  bool in(size_t group, int64_t mask) const {
    const uint64_t m = static_cast<uint64_t>(mask);
    return of_group_[group] != 0 ? (m & of_group_[group]) != 0 : (m & named_) == 0;
  }

 private:
  std::vector<std::string> codes_;
  std::vector<uint64_t> of_group_;
  uint64_t named_ = 0;
};

// Whether `text LIKE '%<needle>%'` holds, by LIKE's own rules for a needle without `%` or `\\`:
// `_` is any one character, and SQLite (fold_case) compares ASCII letters without case.
bool like_contains(std::string_view text, std::string_view needle, bool fold_case) {
  auto same = [&](char a, char b) {
    if (b == '_') return true;
    if (fold_case && a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (fold_case && b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    return a == b;
  };
  for (size_t at = 0; at + needle.size() <= text.size(); ++at) {
    size_t k = 0;
    while (k < needle.size() && same(text[at + k], needle[k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// The groups a stored JSON list of codes falls in, worked out once per distinct list (about 1,400
// among a year's reports at a million children): a non-empty group if the list names any of its
// codes — found as `list LIKE '%"code"%'` finds it (like_contains) —, an empty group if it names
// none of the other groups' codes. Lists read in place (Tx::scan) are kept as keys of their own.
class ListGroups {
 public:
  ListGroups(const std::vector<std::vector<std::string>>& groups, bool fold_case)
      : fold_case_(fold_case) {
    for (const auto& group : groups) {
      std::vector<std::string>& quoted = quoted_.emplace_back();
      for (const std::string& code : group) quoted.push_back("\"" + code + "\"");
    }
  }
  const std::vector<bool>& of(std::string_view list) {
    auto known = known_.find(list);
    if (known != known_.end()) return known->second;
    std::vector<bool> in(quoted_.size(), false);
    bool named = false;
    for (size_t i = 0; i < quoted_.size(); ++i) {
      for (const std::string& code : quoted_[i])
        in[i] = in[i] || like_contains(list, code, fold_case_);
      named = named || in[i];
    }
    for (size_t i = 0; i < quoted_.size(); ++i) {
      if (quoted_[i].empty()) in[i] = !named;
    }
    return known_.emplace(std::string(list), std::move(in)).first->second;
  }

 private:
  std::vector<std::vector<std::string>> quoted_;
  bool fold_case_;
  std::unordered_map<std::string, std::vector<bool>, core::TextHash, std::equal_to<>> known_;
};

// The groups of an ordered map, in its order.
template <typename Key>
std::vector<StatsGroup> groups_of(std::map<Key, StatsGroup>&& by_key) {
  std::vector<StatsGroup> out;
  out.reserve(by_key.size());
  for (auto& [key, g] : by_key) out.push_back(std::move(g));
  return out;
}

// The groups of a hash map, in the order of (code, age, sex) as the SQL's GROUP BY would give
// them.
std::vector<StatsGroup> sorted_groups(std::unordered_map<Key3, StatsGroup, Key3Hash>&& by_key) {
  std::vector<StatsGroup> out;
  out.reserve(by_key.size());
  for (auto& [key, g] : by_key) out.push_back(std::move(g));
  std::sort(out.begin(), out.end(), [](const StatsGroup& x, const StatsGroup& y) {
    return std::tie(x.code, x.age, x.sex, x.days) < std::tie(y.code, y.age, y.sex, y.days);
  });
  return out;
}

// Join order: SQLite takes the tables of a CROSS JOIN in the order written (and haven keeps no
// ANALYZE statistics to choose better), so the queries start from the table their window
// narrows — placements, screening decisions, referrals — rather than from the country's
// agencies, which reaches every case of the country (a million, at the goal's size). PostgreSQL
// treats CROSS JOIN … WHERE as an inner join and orders it itself.

// The cases a source's records name, looked up by id. SQLite, without ANALYZE statistics, takes
// the unique index on cases.id and then reads the wide case row for the rest; the covering index
// cases_screening_stats (id, agency_id, status, reported_at, opened_at, child_id: migration 0021)
// holds every column the sources read, in a third of the pages.
std::string cases_by_id(const store::Tx& tx) {
  return pg(tx) ? "cases c" : "cases c INDEXED BY cases_screening_stats";
}

}  // namespace

ChildAttributes ChildAttributes::read(store::Tx& tx) {
  // One pass over the covering index children_stats, streamed (Tx::scan_text): no Rows of a
  // million children are built, and PostgreSQL sends them with COPY — 0.3 s of server CPU at a
  // million children, where pages of 65,536 children aggregated into one text each (string_agg,
  // to spare libpqxx's per-field results) cost 1.5 s. merged_into is read rather than filtered on:
  // SQLite would take children_by_merged_into and look every child up in the table.
  ChildAttributes out;
  out.slots_.reserve(1 << 20);  // address space only: pages are touched as children arrive
  tx.scan_text("SELECT id, merged_into, birth_date, sex FROM children ORDER BY id",
               [&out](store::TextRow child) {
                 if (child[1] || !child[0] || !child[3]) return;  // merged (id, sex: NOT NULL)
                 out.add(*child[0], child[2], *child[3]);
               });
  out.index();
  // Then the children with a disability recorded, in id order, so that their slots are visited
  // from one end to the other: 86,000 of a million, where the sources' look-ups of the children's
  // table rows were 30,000 (migration 0028). A merged child is not among the slots and stays out.
  const std::string disabled =
      pg(tx) ? "SELECT id FROM children WHERE disabilities_ct IS NOT NULL ORDER BY id"
             : "SELECT id FROM children INDEXED BY children_with_disabilities "
               "WHERE disabilities_ct IS NOT NULL ORDER BY id";
  tx.scan_text(disabled, [&out](store::TextRow child) {
    if (!child[0]) return;
    uint64_t hi = 0;
    uint64_t lo = 0;
    if (parse_id(*child[0], hi, lo)) {
      if (const Slot* at = out.slot_of(hi, lo)) {
        Slot& slot = out.slots_[static_cast<size_t>(at - out.slots_.data())];
        slot.child = out.with_disability(slot.child);
      }
      return;
    }
    auto odd = out.odd_.find(std::string(*child[0]));
    if (odd != out.odd_.end()) odd->second = out.with_disability(odd->second);
  });
  return out;
}

namespace {

// A hexadecimal digit's value; 16 for anything else.
struct HexDigits {
  uint8_t value[256];
  constexpr HexDigits() : value() {
    for (int c = 0; c < 256; ++c) value[c] = 16;
    for (int c = '0'; c <= '9'; ++c) value[c] = static_cast<uint8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) value[c] = static_cast<uint8_t>(c - 'a' + 10);
  }
};
constexpr HexDigits kHex;

// Where the 32 digits of a canonical UUID stand in its text.
constexpr size_t kDigitAt[32] = {0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
                                 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};

// "YYYY-MM-DD" with digits where they belong, as the number YYYYMMDD; 0 for anything else.
uint64_t canonical_day(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return 0;
  uint64_t v = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(d[i] - '0');
  }
  return v;
}

}  // namespace

bool ChildAttributes::parse_id(std::string_view id, uint64_t& hi, uint64_t& lo) {
  // Canonical: 8-4-4-4-12 lower-case hex digits (core::is_valid_id); anything else is kept as text.
  if (id.size() != 36 || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-')
    return false;
  uint64_t half[2] = {0, 0};
  uint8_t bad = 0;
  for (size_t h = 0; h < 2; ++h) {
    uint64_t v = 0;
    for (size_t i = 16 * h; i < 16 * h + 16; ++i) {
      const uint8_t d = kHex.value[static_cast<unsigned char>(id[kDigitAt[i]])];
      bad |= d;
      v = (v << 4) | (d & 15);
    }
    half[h] = v;
  }
  if (bad & 16) return false;
  hi = half[0];
  lo = half[1];
  return true;
}

const ChildAttributes::Child* ChildAttributes::kind(std::optional<std::string_view> birth,
                                                    std::string_view sex) {
  uint32_t sex_index = 0;
  while (sex_index < sexes_.size() && sexes_[sex_index] != sex) ++sex_index;
  if (sex_index == sexes_.size()) sexes_.push_back(texts_.emplace_back(sex));
  // Where the pair is kept: a slot of kind_at_ for no birth date or a canonical one in the years
  // it covers, with one of its first sexes; an entry keyed by the texts for any other.
  size_t at = SIZE_MAX;
  if (sex_index < kKindSexes) {
    const uint64_t day = birth ? canonical_day(*birth) : 0;
    const uint64_t year = day / 10000;
    const uint64_t month = day / 100 % 100;
    const uint64_t day_of_month = day % 100;
    if (!birth) {
      at = sex_index;
    } else if (year >= kKindFirstYear && year < kKindFirstYear + kKindYears && month >= 1 &&
               month <= 12 && day_of_month >= 1 && day_of_month <= 31) {
      const uint64_t in_year = (month - 1) * 31 + day_of_month - 1;
      at = kKindSexes * (1 + (year - kKindFirstYear) * 372 + in_year) + sex_index;
    }
  }
  std::string odd_key;
  if (at != SIZE_MAX) {
    if (kind_at_.empty()) kind_at_.assign(kKindSexes * (1 + kKindYears * 372), nullptr);
    if (kind_at_[at] != nullptr) return kind_at_[at];
  } else {
    // Without a birth date the key is the sex alone; a text never starts with '\x01'.
    odd_key =
        (birth ? std::string(*birth) : std::string("\x01")) + '\x1f' + std::to_string(sex_index);
    auto known = odd_kind_of_.find(odd_key);
    if (known != odd_kind_of_.end()) return known->second;
  }
  Child c;
  c.sex = sexes_[sex_index];
  c.sex_index = sex_index;
  c.born_known = birth.has_value();
  if (birth) {
    c.birth = texts_.emplace_back(*birth);
    c.birth_year = leading_int(part(c.birth, 0, 4));
    c.birth_day = part(c.birth, 5, 5);
    c.birth_month_day = month_day(c.birth_day);
  }
  const Child* kept = &kinds_.emplace_back(c);
  if (at != SIZE_MAX) {
    kind_at_[at] = kept;
  } else {
    odd_kind_of_.emplace(std::move(odd_key), kept);
  }
  return kept;
}

void ChildAttributes::add(std::string_view id, std::optional<std::string_view> birth,
                          std::string_view sex) {
  const Child* child = kind(birth, sex);
  ++size_;
  Slot s;
  if (!parse_id(id, s.hi, s.lo)) {
    odd_.emplace(std::string(id), child);
    return;
  }
  s.child = child;
  slots_.push_back(s);
}

void ChildAttributes::index() {
  // The scan's ORDER BY id is the order of (hi, lo) for canonical ids (lower-case hexadecimal
  // digits and dashes in the same places); sorted again only if a database's collation had it
  // otherwise.
  if (!std::is_sorted(slots_.begin(), slots_.end())) std::sort(slots_.begin(), slots_.end());
  if (slots_.empty()) return;
  // About one child a bucket: the range of first halves read, cut into steps of 2^shift_ for the
  // smallest shift that leaves no more buckets than the power of two at or above the children's
  // number.
  lowest_ = slots_.front().hi;
  const uint64_t span = slots_.back().hi - lowest_;
  uint64_t buckets = 1;
  while (buckets < slots_.size()) buckets *= 2;
  shift_ = 0;
  while (shift_ < 63 && (span >> shift_) >= buckets) ++shift_;
  buckets = (span >> shift_) + 1;
  buckets_.assign(buckets + 1, static_cast<uint32_t>(slots_.size()));
  for (size_t i = slots_.size(); i-- > 0;) {
    buckets_[(slots_[i].hi - lowest_) >> shift_] = static_cast<uint32_t>(i);
  }
  // An empty bucket starts where the next one does.
  for (size_t b = buckets; b-- > 0;) buckets_[b] = std::min(buckets_[b], buckets_[b + 1]);
}

const ChildAttributes::Child* ChildAttributes::find(std::string_view id) const {
  uint64_t hi = 0;
  uint64_t lo = 0;
  if (!parse_id(id, hi, lo)) {
    auto odd = odd_.find(std::string(id));
    return odd == odd_.end() ? nullptr : odd->second;
  }
  const Slot* at = slot_of(hi, lo);
  return at != nullptr ? at->child : nullptr;
}

const ChildAttributes::Slot* ChildAttributes::slot_of(uint64_t hi, uint64_t lo) const {
  if (slots_.empty() || hi < lowest_) return nullptr;
  const uint64_t b = (hi - lowest_) >> shift_;
  if (b + 1 >= buckets_.size()) return nullptr;
  const Slot* first = slots_.data() + buckets_[b];
  const Slot* last = slots_.data() + buckets_[b + 1];
  const Slot* at = std::lower_bound(first, last, Slot{hi, lo, nullptr});
  return at != last && at->hi == hi && at->lo == lo ? at : nullptr;
}

const ChildAttributes::Child* ChildAttributes::with_disability(const Child* child) {
  if (child->disabled) return child;
  auto [known, added] = disabled_kind_of_.try_emplace(child, nullptr);
  if (added) {
    Child c = *child;
    c.disabled = true;
    known->second = &kinds_.emplace_back(c);
  }
  return known->second;
}

PlacementRecords PlacementRecords::read(
    store::Tx& tx, const StatsWindow& w,
    const std::vector<std::vector<std::string>>& reason_groups) {
  // The placements with their cases' children and countries (the cases looked up by id: PostgreSQL
  // is told so by pg_settings, SQLite by the CROSS JOIN's order), and what only some placements
  // need, asked only for them (CASE evaluates its branches lazily on both databases): the care
  // plan for those in force on last_day (the disability is the child's, from ChildAttributes),
  // the entry reasons' mask (CodeMask) for those begun in the window. The plan's subquery ends in
  // LIMIT 1 so that PostgreSQL probes the index per placement rather than hashing every approved
  // plan first.
  // Placements that ended before the window and were not begun in it matter to no source unless
  // one of their review dates falls in the window: they are left out before their cases are
  // looked up (half the placements at a million children, 30,000 look-ups). Every other one can
  // be used: begun in the window (entries), in force on last_day (stock), ended in the window or
  // not before it (exits, and the placements that may continue an exit: they end after it or not
  // at all), or reviewed in the window.
  const bool postgres = pg(tx);
  const std::string review_dates =
      postgres ? "jsonb_array_elements_text(CAST(p.review_dates AS JSONB)) AS j(value)"
               : "json_each(p.review_dates) AS j";
  store::Params p = store::params(w.country, w.first_day, w.last_day);
  const CodeMask reasons(reason_groups);
  const std::string of_country = "a.country = $1";
  const std::string sql =
      "SELECT p.id, c.child_id, CASE WHEN " + of_country +
      " THEN 1 ELSE 0 END, p.type, p.start_on, p.end_on, "
      "COALESCE(p.exit_destination, ''), p.review_dates, "
      "CASE WHEN " +
      of_country +
      " AND p.start_on <= $3 AND (p.end_on IS NULL OR p.end_on >= $3) THEN "
      "(CASE WHEN (SELECT 1 FROM case_plans cp WHERE cp.case_id = c.id "
      "AND cp.approval = 'approved' AND cp.approved_on <= $3 LIMIT 1) IS NULL THEN 0 ELSE 1 END) "
      "ELSE 0 END, "
      "CASE WHEN " +
      of_country + " AND p.start_on >= $2 AND p.start_on <= $3 THEN " +
      reasons.sql("er.reason", "FROM placement_entry_reasons er WHERE er.placement_id = p.id", p) +
      " ELSE 0 END FROM placements p CROSS JOIN " + cases_by_id(tx) +
      " CROSS JOIN agencies a WHERE c.id = p.case_id AND a.id = c.agency_id "
      "AND c.status <> 'merged' AND (p.end_on IS NULL OR p.end_on >= $2 OR p.start_on >= $2 "
      "OR (p.review_dates <> '[]' AND EXISTS (SELECT 1 FROM " +
      review_dates + " WHERE j.value >= $2 AND j.value <= $3)))";
  // How many dates of a stored review list fall in the window, worked out once per distinct list
  // (about 9,400 among 59,000 placements at a million children). An element that is not a text
  // (haven writes none) is no date, as SQLite's json_each compares a number below any text; a
  // list that is not JSON fails the release, as the SQL's unnesting did on both databases.
  std::unordered_map<std::string, int64_t, core::TextHash, std::equal_to<>> in_window;
  auto reviews_in = [&](std::string_view list) {
    if (list == "[]") return int64_t{0};
    auto known = in_window.find(list);
    if (known != in_window.end()) return known->second;
    const nlohmann::json dates = nlohmann::json::parse(list, nullptr, false);
    if (!dates.is_array())
      throw store::ColumnError("a placement's review dates are not a JSON list");
    int64_t n = 0;
    for (const nlohmann::json& d : dates) {
      if (!d.is_string()) continue;
      const std::string& text = d.get_ref<const std::string&>();
      if (text >= w.first_day && text <= w.last_day) ++n;
    }
    in_window.emplace(list, n);
    return n;
  };
  PlacementRecords out;
  out.reason_groups_ = reason_groups.size();
  out.placements_.reserve(1024);
  scan_rows(tx, sql, p, [&](const auto& r) {
    const bool here = r.integer(2) != 0;
    const std::string_view start_on = r.text(4);
    const std::optional<std::string_view> end_on =
        r.is_null(5) ? std::nullopt : std::optional(r.text(5));
    const int64_t reviews = here ? reviews_in(r.text(7)) : 0;
    const bool begun_in_window = here && start_on >= w.first_day && start_on <= w.last_day;
    Placement& pl = out.placements_.emplace_back();
    pl.id = r.text(0);
    pl.child_id = r.text(1);
    pl.here = here;
    pl.type = r.text(3);
    pl.start_on = start_on;
    if (end_on) pl.end_on = std::string(*end_on);
    pl.destination = r.text(6);
    pl.reviews = reviews;
    pl.care_plan = r.integer(8) != 0;
    if (begun_in_window) {
      const int64_t mask = r.integer(9);
      pl.reasons.resize(reason_groups.size());
      for (size_t i = 0; i < reason_groups.size(); ++i) pl.reasons[i] = reasons.in(i, mask);
    }
  });
  return out;
}

namespace {

// Each child's one record among those `wanted`: the first in the strict order `before`, as a
// window function's ROW_NUMBER() = 1 picks it.
template <typename Record, typename Wanted, typename Before>
std::unordered_map<std::string_view, const Record*> one_per_child(
    const std::vector<Record>& records, Wanted&& wanted, Before&& before) {
  std::unordered_map<std::string_view, const Record*> chosen;
  for (const Record& r : records) {
    if (!wanted(r)) continue;
    auto [at, added] = chosen.try_emplace(r.child_id, &r);
    if (!added && before(r, *at->second)) at->second = &r;
  }
  return chosen;
}

}  // namespace

std::vector<StatsGroup> CaseDataQueries::care_entries(const PlacementRecords& placements,
                                                      const StatsWindow& w,
                                                      const ChildAttributes& children) {
  // Each child's first placement begun in the window, by (start_on, id).
  const auto first = one_per_child(
      placements.placements_,
      [&](const auto& p) {
        return p.here && p.start_on >= w.first_day && p.start_on <= w.last_day;
      },
      [](const auto& a, const auto& b) {
        return std::tie(a.start_on, a.id) < std::tie(b.start_on, b.id);
      });
  // By (type, age, sex): the map's order is GROUP BY's, so the groups leave it sorted.
  std::map<std::tuple<std::string, std::optional<int64_t>, std::string>, StatsGroup> by_key;
  for (const auto& [child_id, p] : first) {
    const ChildAttributes::Child* child = children.find(child_id);
    if (child == nullptr) continue;
    auto [it, added] =
        by_key.try_emplace({p->type, age_of(p->start_on, *child), std::string(child->sex)});
    StatsGroup& g = it->second;
    if (added) {
      std::tie(g.code, g.age, g.sex) = it->first;
      g.parts.assign(placements.reason_groups_, 0);
    }
    ++g.count;
    for (size_t i = 0; i < p->reasons.size(); ++i) {
      if (p->reasons[i]) ++g.parts[i];
    }
  }
  return groups_of(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::care_stock(const PlacementRecords& placements,
                                                    const StatsWindow& w,
                                                    const ChildAttributes& children) {
  // Each child's latest placement in force on last_day, by (start_on, id).
  const auto latest = one_per_child(
      placements.placements_,
      [&](const auto& p) {
        return p.here && p.start_on <= w.last_day && (!p.end_on || *p.end_on >= w.last_day);
      },
      [](const auto& a, const auto& b) {
        return std::tie(b.start_on, b.id) < std::tie(a.start_on, a.id);
      });
  std::map<std::tuple<std::string, std::optional<int64_t>, std::string, bool, bool>, StatsGroup>
      by_key;
  for (const auto& [child_id, p] : latest) {
    const ChildAttributes::Child* child = children.find(child_id);
    if (child == nullptr) continue;
    auto [it, added] = by_key.try_emplace({p->type, age_of(w.last_day, *child),
                                           std::string(child->sex), child->disabled, p->care_plan});
    StatsGroup& g = it->second;
    if (added) std::tie(g.code, g.age, g.sex, g.disability, g.care_plan) = it->first;
    ++g.count;
  }
  return groups_of(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::care_exits(const PlacementRecords& placements,
                                                    const StatsWindow& w,
                                                    const ChildAttributes& children) {
  // Every placement of each child, of any country: another one continues an ended placement if it
  // began by 7 days after that end and did not end by it.
  std::unordered_map<std::string_view, std::vector<const PlacementRecords::Placement*>> of_child;
  for (const auto& p : placements.placements_) of_child[p.child_id].push_back(&p);
  DayText day;
  auto continued = [&](const PlacementRecords::Placement& p) {
    // A week after the end, as the SQL's date arithmetic would give it (none for a date that is
    // not one, as SQLite's date() gives NULL).
    const std::optional<int64_t> end = civil_day(*p.end_on);
    if (!end) return false;
    const std::string week(day.of_ms((*end + 7) * 86'400'000));
    for (const PlacementRecords::Placement* q : of_child.at(p.child_id)) {
      if (q->id != p.id && q->start_on <= week && (!q->end_on || *q->end_on > *p.end_on))
        return true;
    }
    return false;
  };
  // Each child's last such end, by (end_on, id).
  const auto last = one_per_child(
      placements.placements_,
      [&](const auto& p) {
        return p.here && p.end_on && *p.end_on >= w.first_day && *p.end_on <= w.last_day &&
               !continued(p);
      },
      [](const auto& a, const auto& b) {
        return std::tie(*b.end_on, b.id) < std::tie(*a.end_on, a.id);
      });
  std::map<std::tuple<std::string, std::optional<int64_t>, std::string>, StatsGroup> by_key;
  for (const auto& [child_id, p] : last) {
    const ChildAttributes::Child* child = children.find(child_id);
    if (child == nullptr) continue;
    auto [it, added] =
        by_key.try_emplace({p->destination, age_of(*p->end_on, *child), std::string(child->sex)});
    StatsGroup& g = it->second;
    if (added) std::tie(g.code, g.age, g.sex) = it->first;
    ++g.count;
  }
  return groups_of(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::placement_reviews(const PlacementRecords& placements) {
  std::map<std::string, StatsGroup> by_type;
  for (const auto& p : placements.placements_) {
    if (!p.here || p.reviews == 0) continue;
    StatsGroup& g = by_type[p.type];
    g.code = p.type;
    g.count += p.reviews;
  }
  return groups_of(std::move(by_type));
}

std::vector<StatsGroup> CaseDataQueries::reports(
    store::Tx& tx, const StatsWindow& w, const ChildAttributes& children,
    const std::vector<std::vector<std::string>>& concern_groups,
    std::vector<StatsGroup>* trafficking) {
  // One row per report, read from the covering index reports_stats; the child's age and sex come
  // from `children`. Concern categories are a JSON list of codes: each distinct list (about 1,400
  // in a year at a million children) is matched against the groups once, here — a
  // SUM(CASE WHEN … LIKE '%"neglect"%' …) per group matched every report against every group.
  // PostgreSQL is given the country's agencies as a list, so that it reads the index's window of
  // each agency (agency_id = ANY, then the received_at range): joined, it hashed the agencies and
  // read every report in the index for the window's dates (330 → 185 ms of server time at a
  // million children). SQLite takes the agencies first and each one's window as it is.
  const std::string sql =
      "SELECT r.child_id, r.reporter_type, r.received_at, r.concern_categories " +
      std::string(pg(tx) ? "FROM reports r WHERE r.agency_id = ANY(ARRAY(SELECT a.id FROM agencies "
                           "a WHERE a.country = $1)) "
                         : "FROM reports r JOIN agencies a ON a.id = r.agency_id "
                           "WHERE a.country = $1 ") +
      "AND r.received_at >= $2 AND r.received_at < $3 AND r.child_id IS NOT NULL";
  ListGroups concerns_in(concern_groups, !pg(tx));
  // presumed_trafficking()'s `concern_categories LIKE '%"trafficking_exploitation"%'`, per
  // distinct list.
  const std::string flag =
      "\"" + std::string(domain::to_code(domain::ConcernCategory::kTraffickingExploitation)) + "\"";
  const bool fold_case = !pg(tx);
  std::unordered_map<std::string, bool, core::TextHash, std::equal_to<>> flagged_list;
  auto flagged = [&](std::string_view concerns) {
    auto known = flagged_list.find(concerns);
    if (known != flagged_list.end()) return known->second;
    const bool found = like_contains(concerns, flag, fold_case);
    flagged_list.emplace(std::string(concerns), found);
    return found;
  };
  // The first flagged report of each child: its timestamp and the child.
  std::unordered_map<std::string, std::pair<int64_t, const ChildAttributes::Child*>, core::TextHash,
                     std::equal_to<>>
      first;
  CodeIndex reporters;
  std::unordered_map<Key3, StatsGroup, Key3Hash> by_key;
  DayText day;
  scan_rows(tx, sql, store::params(w.country, w.from_ms, w.to_ms), [&](const auto& r) {
    const std::string_view child_id = r.text(0);
    const ChildAttributes::Child* child = children.find(child_id);
    if (child == nullptr) return;
    const std::string_view reporter = r.text(1);
    const int64_t received = r.integer(2);
    const std::optional<int64_t> age = age_of(day.of_ms(received), *child);
    StatsGroup& g = by_key[{reporters.of(reporter), age_key(age), child->sex_index}];
    if (g.count == 0) {
      g.code = reporter;
      g.age = age;
      g.sex = std::string(child->sex);
      g.parts.assign(concern_groups.size(), 0);
    }
    ++g.count;
    const std::string_view concerns = r.text(3);
    const std::vector<bool>& in = concerns_in.of(concerns);
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i]) ++g.parts[i];
    }
    if (trafficking != nullptr && flagged(concerns)) {
      auto at = first.find(child_id);
      if (at == first.end()) {
        first.emplace(std::string(child_id), std::pair{received, child});
      } else if (received < at->second.first) {
        at->second.first = received;
      }
    }
  });
  std::vector<StatsGroup> out = sorted_groups(std::move(by_key));
  if (trafficking != nullptr) {
    // By age on the day of the child's first flagged report (reports received at the same
    // instant fall on the same day, so which of them is first does not matter) and sex.
    std::unordered_map<Key3, StatsGroup, Key3Hash> by_age_sex;
    for (const auto& [id, when] : first) {
      const std::optional<int64_t> age = age_of(day.of_ms(when.first), *when.second);
      StatsGroup& g = by_age_sex[{age_key(age), when.second->sex_index, 0}];
      if (g.count == 0) {
        g.age = age;
        g.sex = std::string(when.second->sex);
      }
      ++g.count;
    }
    *trafficking = sorted_groups(std::move(by_age_sex));
  }
  return out;
}

std::vector<StatsGroup> CaseDataQueries::screening(store::Tx& tx, const StatsWindow& w,
                                                   const ChildAttributes& children) {
  // The days from the report to the decision are worked out here from the report's timestamp: the
  // date functions per row (julianday and date on SQLite; to_timestamp, numeric division and
  // to_char on PostgreSQL) cost more than the rest of the query. A decision day that is not
  // "YYYY-MM-DD" (haven writes none) is left to the SQL's own arithmetic.
  // The decisions come in case order from screening_decisions_stats (case_id, decided_on), so that
  // the look-ups of their cases walk cases_screening_stats from one end to the other (in the order
  // of days they were random, about two page reads a decision), and PostgreSQL merges the two
  // index scans. Every decision's index entry is read and the period's kept: at a million
  // children 0.1 s, where sorting the period's quarter of a million decisions into case order
  // took 0.8 s (migration 0026). INDEXED BY: SQLite, without ANALYZE statistics, would start from
  // the cases.
  const bool postgres = pg(tx);
  const std::string sql =
      "SELECT c.child_id, s.decided_on, COALESCE(c.reported_at, c.opened_at) " +
      std::string(postgres ? "FROM screening_decisions s CROSS JOIN cases c"
                           : "FROM screening_decisions s INDEXED BY screening_decisions_stats "
                             "CROSS JOIN cases c INDEXED BY cases_screening_stats") +
      " CROSS JOIN agencies a "
      "WHERE c.id = s.case_id AND a.id = c.agency_id AND a.country = $1 "
      "AND c.status <> 'merged' AND s.decided_on >= $2 AND s.decided_on <= $3";
  const std::string odd_sql =
      "SELECT " + days_between(postgres, day_of_ms(postgres, "$1"), "CAST($2 AS TEXT)");
  std::unordered_map<Key3, StatsGroup, Key3Hash> by_key;
  auto count = [&](const ChildAttributes::Child& child, std::string_view decided, int64_t days) {
    const std::optional<int64_t> age = age_of(decided, child);
    StatsGroup& g = by_key[{age_key(age), child.sex_index, days}];
    if (g.count == 0) {
      g.age = age;
      g.sex = std::string(child.sex);
      g.days = days;
    }
    ++g.count;
  };
  // Decisions whose day is not "YYYY-MM-DD": counted after the scan, which holds the statement.
  std::vector<std::tuple<const ChildAttributes::Child*, std::string, int64_t>> odd;
  scan_rows(tx, sql, store::params(w.country, w.first_day, w.last_day), [&](const auto& r) {
    const ChildAttributes::Child* child = children.find(r.text(0));
    if (child == nullptr) return;
    const std::string_view decided = r.text(1);
    if (const std::optional<int64_t> day = civil_day(decided)) {
      count(*child, decided, *day - floor_day(postgres, r.integer(2)));
    } else {
      odd.emplace_back(child, decided, r.integer(2));
    }
  });
  for (const auto& [child, decided, reported] : odd) {
    count(*child, decided, tx.query(odd_sql, store::params(reported, decided)).at(0).integer(0));
  }
  return sorted_groups(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::open_cases_by_risk(store::Tx& tx, const StatsWindow& w,
                                                            const ChildAttributes& children) {
  // A case open at the end of the window is still open (the partial index cases_open_now, in
  // child order) or was closed after it (cases_closed_on): two small reads instead of a scan of
  // every case of the country — a million at the goal's size, of which about 15 % are open. The
  // CROSS JOIN keeps SQLite on the cases first (through agencies it would take the country's
  // index of every case instead). Both come in the order of cases_open_now (SQLite merges the
  // index's order with the few closed ones sorted; PostgreSQL, joining the agencies by hash, sorts
  // them all, 0.1 s), and each child's first row is her latest open case: on SQLite a window
  // function numbering each child's cases sorted all 146,000 again (0.4 s of the query's 0.6 s at
  // a million children).
  // The case's risk level at the end of the window is its own (cases.risk_level, the latest level:
  // CaseRecordService writes it with every risk_levels row), read from cases_open_now with the
  // rest, unless the case had a level set on or after that end: only those cases (none for the
  // current period; a list read once from risk_levels_by_time, migration 0027) are looked up in
  // risk_levels_latest (case_id, set_at, id). Looking up every open case there was 146,000
  // probes at a million children, 0.5 s of PostgreSQL's time.
  const std::string level_sql =
      "CASE WHEN c.id IN (SELECT rl.case_id FROM risk_levels rl WHERE rl.set_at >= $2) "
      "THEN COALESCE((SELECT rl.risk_level FROM risk_levels rl WHERE rl.case_id = c.id "
      "AND rl.set_at < $2 ORDER BY rl.set_at DESC, rl.id DESC LIMIT 1), '') "
      "ELSE COALESCE(c.risk_level, '') END";
  const std::string columns = "SELECT c.child_id, " + level_sql +
                              ", c.opened_at, c.id FROM cases c CROSS JOIN agencies a "
                              "WHERE a.id = c.agency_id AND a.country = $1 "
                              "AND c.status NOT IN ('merged', 'transferred') AND c.opened_at < $2 ";
  const std::string sql = columns + "AND c.closed_at IS NULL UNION ALL " + columns +
                          "AND c.closed_at IS NOT NULL AND c.closed_at >= $2 "
                          "ORDER BY 1, 3 DESC, 4 DESC";
  CodeIndex levels;
  std::unordered_map<Key3, StatsGroup, Key3Hash> by_key;
  std::string last_child;
  scan_rows(tx, sql, store::params(w.country, w.to_ms), [&](const auto& r) {
    const std::string_view child_id = r.text(0);
    if (child_id == last_child) return;  // an earlier case of the child counted just before
    last_child.assign(child_id);
    const ChildAttributes::Child* child = children.find(child_id);
    if (child == nullptr) return;
    const std::string_view level = r.text(1);
    const std::optional<int64_t> age = age_of(w.last_day, *child);
    StatsGroup& g = by_key[{levels.of(level), age_key(age), child->sex_index}];
    if (g.count == 0) {
      g.code = level;
      g.age = age;
      g.sex = std::string(child->sex);
    }
    ++g.count;
  });
  return sorted_groups(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::unaccompanied(store::Tx& tx, const StatsWindow& w) {
  const std::string sql =
      "SELECT " + age_on("ch.registered_on", "ch.birth_date") +
      " AS k0, ch.sex AS k1 FROM children ch JOIN agencies a ON a.id = ch.agency_id "
      "WHERE a.country = $1 AND ch.merged_into IS NULL AND ch.migration_status = $4 "
      "AND ch.registered_on >= $2 AND ch.registered_on <= $3";
  return by_age_sex(
      count_groups(tx, sql, 2, 0,
                   store::params(w.country, w.first_day, w.last_day,
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

std::vector<std::string> CaseDataQueries::supported_children(store::Tx& tx, const StatsWindow& w) {
  // The children's disabilities and ages are ChildAttributes' (one read of the partial index
  // children_with_disabilities, migration 0028): joined here, each supported child was a look-up
  // of her table row, 14,500 at a million children (0.1 s of PostgreSQL's time, 0.2 s of
  // SQLite's).
  const std::string sql =
      "SELECT DISTINCT c.child_id FROM referrals f CROSS JOIN " + cases_by_id(tx) +
      " CROSS JOIN agencies a WHERE c.id = f.case_id "
      "AND a.id = c.agency_id AND a.country = $1 AND c.status <> 'merged' AND f.service_type = $4 "
      "AND f.referred_on IS NOT NULL AND f.referred_on <= $2 "
      "AND (f.status = $5 OR (f.status = $6 AND f.updated_at >= $3))";
  std::vector<std::string> out;
  scan_rows(tx, sql,
            store::params(w.country, w.last_day, w.from_ms,
                          domain::to_code(domain::ServiceType::kDisabilitySupport),
                          domain::to_code(domain::ReferralStatus::kInProgress),
                          domain::to_code(domain::ReferralStatus::kCompleted)),
            [&](const auto& r) { out.emplace_back(r.text(0)); });
  return out;
}

std::vector<StatsGroup> CaseDataQueries::disability_support(
    const std::vector<std::string>& supported, const StatsWindow& w,
    const ChildAttributes& children) {
  std::unordered_map<Key3, StatsGroup, Key3Hash> by_key;
  for (const std::string& id : supported) {
    const ChildAttributes::Child* child = children.find(id);
    if (child == nullptr || !child->disabled) continue;
    const std::optional<int64_t> age = age_of(w.last_day, *child);
    StatsGroup& g = by_key[{age_key(age), child->sex_index, 0}];
    if (g.count == 0) {
      g.age = age;
      g.sex = std::string(child->sex);
    }
    ++g.count;
  }
  return sorted_groups(std::move(by_key));
}

namespace {

// Barnahus cases of the window's country: run by a Barnahus agency of it.
constexpr std::string_view kCountryBarnahus =
    "FROM barnahus_cases b JOIN agencies a ON a.id = b.barnahus_agency_id WHERE a.country = $1 ";

// A stage's bit in the `reached` mask of domain::barnahus_informed_every_stage() (its place in
// domain::barnahus_quality_stages(); times two, the child's bit in `informed`, the caregiver's
// the next one up).
int64_t stage_bit(std::string_view stage) {
  const auto stages = domain::barnahus_quality_stages();
  const auto at = std::find(stages.begin(), stages.end(), stage);
  if (at == stages.end())
    throw std::logic_error("not a Barnahus quality stage: " + std::string(stage));
  return int64_t{1} << (at - stages.begin());
}

}  // namespace

std::vector<StatsGroup> CaseDataQueries::barnahus_cases(
    store::Tx& tx, const StatsWindow& w, const ChildAttributes& children,
    const std::vector<std::vector<std::string>>& violence_groups) {
  // One row per child's first Barnahus case of the window, folded here: the child's age on the day
  // of referral and sex (from `children`), and the violence groups of each distinct stored list (a
  // JSON list of codes, matched as `violence_types LIKE '%"code"%'` would match it). Grouped in
  // SQL, each case cost PostgreSQL two date conversions and 24 LIKEs (0.1 s of the source's 0.45 s
  // at a million children).
  const bool postgres = pg(tx);
  const store::Params p = store::params(w.country, w.from_ms, w.to_ms, w.last_day);
  // What the case had by the last day: the stages it reached (one probe each) as bits of `reached`
  // (stage_bit), and who was told at which stage as bits of `informed` (one probe of the covering
  // index barnahus_information_stats: mask_sql, or on PostgreSQL bit_or of one CASE a row, which
  // costs it a third less than ten MAX(CASE …)). The quality rule
  // (domain::barnahus_informed_every_stage) is applied to the two masks here: written in SQL as a
  // probe per stage and recipient it took fifteen index descents per case, five now.
  const std::string last = "CAST($4 AS TEXT)";
  const std::pair<std::string_view, std::string> reached_when[] = {
      {"forensic_interview",
       "EXISTS (SELECT 1 FROM barnahus_interviews iv WHERE iv.barnahus_case_id = f.bid "
       "AND iv.interviewed_on <= " +
           last + ")"},
      {"medical_examination",
       "EXISTS (SELECT 1 FROM barnahus_medical_exams e WHERE e.barnahus_case_id = f.bid "
       "AND e.done = 1 AND e.examined_on <= " +
           last + ")"},
      {"therapy",
       "EXISTS (SELECT 1 FROM barnahus_therapy t WHERE t.barnahus_case_id = f.bid "
       "AND t.recipient = 'child' AND (t.offered_on IS NULL OR t.offered_on <= " +
           last + "))"},
      {"court_proceedings",
       "EXISTS (SELECT 1 FROM barnahus_court_dates cd WHERE cd.barnahus_case_id = f.bid "
       "AND cd.held_on <= " +
           last + ")"}};
  std::string reached;
  for (const auto& [stage, when] : reached_when) {
    reached += std::string(reached.empty() ? "(" : " + ") + "CASE WHEN " + when + " THEN " +
               std::to_string(stage_bit(stage)) + " ELSE 0 END";
  }
  reached += ")";
  const int64_t therapy_bit = stage_bit("therapy");
  const std::string information =
      "FROM barnahus_information i " +
      std::string(postgres ? "" : "INDEXED BY barnahus_information_stats ") +
      "WHERE i.barnahus_case_id = f.bid AND i.given_on <= " + last;
  std::string informed;
  if (postgres) {
    // Stage s told to the child is bit 2s, to a caregiver bit 2s + 1, as in mask_sql's order.
    std::string stage_bits;
    int64_t bit = 1;
    for (std::string_view stage : domain::barnahus_quality_stages()) {
      stage_bits += " WHEN '" + std::string(stage) + "' THEN " + std::to_string(bit);
      bit <<= 2;
    }
    informed = "COALESCE((SELECT bit_or(CASE i.stage" + stage_bits +
               " END * CASE i.recipient WHEN 'child' THEN 1 WHEN 'caregiver' THEN 2 ELSE 0 END) " +
               information + "), 0)";
  } else {
    std::vector<std::string> told;
    for (std::string_view stage : domain::barnahus_quality_stages()) {
      for (const char* who : {"child", "caregiver"}) {
        told.push_back("i.stage = '" + std::string(stage) + "' AND i.recipient = '" + who + "'");
      }
    }
    informed = mask_sql(told, information);
  }
  const std::string sql =
      "WITH firsts AS (SELECT b.id AS bid, b.child_id AS child_id, b.child_role AS role, "
      "b.violence_types AS violence, b.referred_at AS at, "
      "ROW_NUMBER() OVER (PARTITION BY b.child_id ORDER BY b.referred_at, b.id) AS n " +
      std::string(kCountryBarnahus) +
      "AND b.referred_at >= $2 AND b.referred_at < $3) "
      "SELECT f.role, f.at, f.child_id, " +
      reached + ", " + informed + ", f.violence FROM firsts f WHERE f.n = 1";
  ListGroups violence_in(violence_groups, !postgres);
  // By (role, age, sex, therapy offered, informed), in that order (the map's).
  std::map<std::tuple<std::string, std::optional<int64_t>, std::string, bool, bool>, StatsGroup>
      by_key;
  DayText day;
  scan_rows(tx, sql, p, [&](const auto& r) {
    const ChildAttributes::Child* child = children.find(r.text(2));
    if (child == nullptr) return;
    // The day of referral as day_of_ms() finds it (SQLite from the whole seconds).
    const int64_t at = r.integer(1);
    const std::string_view referred = day.of_ms(postgres ? at : at / 1000 * 1000);
    const int64_t steps = r.integer(3);
    auto [it, added] = by_key.try_emplace(
        {std::string(r.text(0)), age_of(referred, *child), std::string(child->sex),
         (steps & therapy_bit) != 0,
         domain::barnahus_informed_every_stage(static_cast<uint64_t>(steps),
                                               static_cast<uint64_t>(r.integer(4)))});
    StatsGroup& g = it->second;
    if (added) {
      std::tie(g.code, g.age, g.sex, g.therapy_offered, g.informed) = it->first;
      g.parts.assign(violence_groups.size(), 0);
    }
    ++g.count;
    const std::vector<bool>& in = violence_in.of(r.text(5));
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i]) ++g.parts[i];
    }
  });
  return groups_of(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::barnahus_interviews(store::Tx& tx, const StatsWindow& w,
                                                             const ChildAttributes& children) {
  // The first interview of each Barnahus case is read from the covering index
  // barnahus_interviews_stats (migration 0025); SQLite, without ANALYZE statistics, would take the
  // unique (barnahus_case_id, sequence) index and read each interview's row for its day. One row
  // per child, the age and sex from `children`.
  const bool postgres = pg(tx);
  const std::string sql =
      "WITH firsts AS (SELECT b.id AS bid, b.child_id AS child_id, b.referred_at AS at, "
      "iv.interviewed_on AS day, ROW_NUMBER() OVER (PARTITION BY b.child_id "
      "ORDER BY iv.interviewed_on, b.id) AS n FROM barnahus_interviews iv " +
      std::string(postgres ? "" : "INDEXED BY barnahus_interviews_stats ") +
      "JOIN barnahus_cases b ON b.id = iv.barnahus_case_id "
      "JOIN agencies a ON a.id = b.barnahus_agency_id WHERE a.country = $1 AND iv.sequence = 1) "
      "SELECT f.child_id, f.day, " +
      days_between(postgres, day_of_ms(postgres, "f.at"), "f.day") +
      ", CASE WHEN EXISTS (SELECT 1 FROM barnahus_interviews j "
      "WHERE j.barnahus_case_id = f.bid AND j.sequence > 1 AND j.interviewed_on <= $3) "
      "THEN 0 ELSE 1 END, CASE WHEN EXISTS (SELECT 1 FROM barnahus_meetings m "
      "WHERE m.barnahus_case_id = f.bid AND m.kind = 'planning' AND m.held_on <= f.day) "
      "THEN 1 ELSE 0 END FROM firsts f WHERE f.n = 1 AND f.day >= $2 AND f.day <= $3";
  // By (age, sex, days, interviewed once, meeting before), in that order (the map's).
  std::map<std::tuple<std::optional<int64_t>, std::string, int64_t, bool, bool>, StatsGroup> by_key;
  scan_rows(tx, sql, store::params(w.country, w.first_day, w.last_day), [&](const auto& r) {
    const ChildAttributes::Child* child = children.find(r.text(0));
    if (child == nullptr) return;
    auto [it, added] = by_key.try_emplace({age_of(r.text(1), *child), std::string(child->sex),
                                           r.integer(2), r.integer(3) != 0, r.integer(4) != 0});
    StatsGroup& g = it->second;
    if (added) std::tie(g.age, g.sex, g.days, g.interviewed_once, g.meeting_before) = it->first;
    ++g.count;
  });
  return groups_of(std::move(by_key));
}

std::vector<StatsGroup> CaseDataQueries::barnahus_medical_exams(store::Tx& tx, const StatsWindow& w,
                                                                const ChildAttributes& children) {
  const bool postgres = pg(tx);
  const std::string sql =
      "WITH firsts AS (SELECT b.child_id AS child_id, b.referred_at AS at, e.examined_on AS day, "
      "ROW_NUMBER() OVER (PARTITION BY b.id ORDER BY e.examined_on, e.id) AS n "
      "FROM barnahus_medical_exams e JOIN barnahus_cases b ON b.id = e.barnahus_case_id "
      "JOIN agencies a ON a.id = b.barnahus_agency_id WHERE a.country = $1 AND e.done = 1 "
      "AND e.examined_on IS NOT NULL) "
      "SELECT f.child_id, f.day, " +
      days_between(postgres, day_of_ms(postgres, "f.at"), "f.day") +
      " FROM firsts f WHERE f.n = 1 AND f.day >= $2 AND f.day <= $3";
  // By (age, sex, days), in that order (the map's).
  std::map<std::tuple<std::optional<int64_t>, std::string, int64_t>, StatsGroup> by_key;
  scan_rows(tx, sql, store::params(w.country, w.first_day, w.last_day), [&](const auto& r) {
    const ChildAttributes::Child* child = children.find(r.text(0));
    if (child == nullptr) return;
    auto [it, added] =
        by_key.try_emplace({age_of(r.text(1), *child), std::string(child->sex), r.integer(2)});
    StatsGroup& g = it->second;
    if (added) std::tie(g.age, g.sex, g.days) = it->first;
    ++g.count;
  });
  return groups_of(std::move(by_key));
}

}  // namespace haven::service
