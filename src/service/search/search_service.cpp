// SearchService: loading children into the name index, following the child_changes log, and turning
// index hits into results the actor may see (names and cases read in one query each).
#include "service/search/search_service.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "domain/case_number.h"
#include "security/policy.h"
#include "service/case_access.h"
#include "store/repositories/case_repository.h"

namespace haven::service {

namespace {

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// "$k, $k+1, …" for an IN list starting at placeholder k.
std::string placeholders(size_t first, size_t count) {
  std::string s;
  for (size_t i = 0; i < count; ++i) s += (i ? ", $" : "$") + std::to_string(first + i);
  return s;
}

// IN lists are padded (repeating the last value) to a few fixed lengths, so the prepared
// statement cache holds a handful of statements rather than one per list length.
size_t padded_length(size_t n) {
  size_t len = 8;
  while (len < n) len *= 2;
  return len;
}

template <class Fn>
void for_each_chunk(const std::vector<std::string>& values, size_t chunk, Fn&& fn) {
  for (size_t at = 0; at < values.size(); at += chunk) {
    const size_t n = std::min(chunk, values.size() - at);
    store::Params p;
    const size_t len = padded_length(n);
    p.reserve(len);
    for (size_t i = 0; i < len; ++i) p.push_back(values[at + std::min(i, n - 1)]);
    fn(placeholders(1, len), p);
  }
}

constexpr size_t kChunk = 512;  // ids per IN list (padded to a power of two, at most kChunk)
constexpr size_t kBuildPage = 5000;

// The children columns the index needs, in this order (see to_record).
constexpr const char* kChildColumns =
    "id, given_names, family_names, names_original_script, other_names, sex, birth_date, "
    "birth_date_estimated, languages, merged_into ";

std::optional<search::ChildSex> sex_of(std::string_view sex) {
  if (sex == "female") return search::ChildSex::kFemale;
  if (sex == "male") return search::ChildSex::kMale;
  return std::nullopt;
}

search::ChildRecord to_record(const store::Row& r) {
  search::ChildRecord c;
  c.id = r.text(0);
  c.given_names = r.text(1);
  c.family_names = r.text(2);
  // The original script is one string ("Щербаков Иван"), not split into given and family names:
  // matched against both.
  if (auto original = r.opt_text(3); original && !original->empty())
    c.other_names.push_back(*original);
  auto others = nlohmann::json::parse(r.text(4), nullptr, false);
  if (others.is_array())
    for (const auto& o : others)
      if (o.is_string() && !o.get<std::string>().empty()) c.other_names.push_back(o);
  c.sex = sex_of(r.text(5));
  if (auto d = r.opt_text(6)) c.birth_date = core::Date::parse(*d);
  c.birth_date_estimated = r.boolean(7);
  auto languages = nlohmann::json::parse(r.text(8), nullptr, false);
  if (languages.is_array() && !languages.empty() && languages[0].is_string()) {
    const std::string lang = languages[0];
    if (lang.size() == 2) c.language = lang;
  }
  return c;
}

core::Error field_error(const std::string& field, std::string message) {
  core::Error e = core::Error::invalid(message);
  e.fields.push_back({field, std::move(message)});
  return e;
}

}  // namespace

struct SearchService::State {
  explicit State(search::NameNormalizer n, const search::IndexOptions& options)
      : normalizer(std::move(n)), index(normalizer, options) {}
  search::NameNormalizer normalizer;
  search::NameIndex index;
  int64_t built_ms = 0;
  int64_t last_seq = 0;
  // Sequence numbers below last_seq not seen yet (a PostgreSQL transaction that had not committed
  // when we read), with when we first missed them (steady clock, ms).
  std::map<int64_t, int64_t> gaps;
};

SearchService::SearchService(store::Database& db, const core::Clock& clock, AccessService& access,
                             AuditService& audit, SearchServiceOptions options)
    : db_(db), clock_(clock), access_(access), audit_(audit), options_(std::move(options)) {}

SearchService::~SearchService() {
  stop_background_refresh();
}

core::Status SearchService::build() {
  std::lock_guard lock(refresh_mu_);
  if (built_) return refresh_locked();
  return build_locked();
}

core::Status SearchService::ensure_built() const {
  if (built_) return core::ok_status();
  std::lock_guard lock(refresh_mu_);
  if (built_) return core::ok_status();
  return build_locked();
}

core::Status SearchService::build_locked() const {
  const auto started = std::chrono::steady_clock::now();
  if (!state_) {
    auto normalizer = search::NameNormalizer::create();
    if (!normalizer.ok()) return normalizer.take_error();
    state_ = std::make_unique<State>(std::move(*normalizer), options_.index);
  }
  State& s = *state_;
  try {
    // The change log's position first: a child written while we load is then applied again by
    // the next refresh (an upsert is idempotent), never missed.
    int64_t last_seq = 0;
    std::vector<int64_t> recent;
    db_.read([&](store::Tx& tx) {
      auto r = tx.query_one("SELECT MAX(seq) FROM child_changes");
      last_seq = r && !r->is_null(0) ? r->integer(0) : 0;
      if (!commits_out_of_order()) return;
      for (const auto& row : tx.query("SELECT seq FROM child_changes WHERE seq > $1 ORDER BY seq",
                                      store::params(last_seq - 1000)))
        recent.push_back(row.integer(0));
    });
    // Numbers handed out just before but not yet committed look like gaps among the recent ones.
    const int64_t now = steady_ms();
    std::unordered_set<int64_t> present(recent.begin(), recent.end());
    if (commits_out_of_order())
      for (int64_t seq = std::max<int64_t>(1, last_seq - 999); seq < last_seq; ++seq)
        if (!present.count(seq)) s.gaps.emplace(seq, now);

    // Pages in id order through the primary key; merged children are skipped here rather than in
    // the WHERE clause: given "merged_into IS NULL", SQLite (no planner statistics) chose the
    // merged_into index, which holds nearly every child under NULL, and sorted all of them again
    // for every page: 18 of the 41 s of a million-child build (docs/PERFORMANCE.md, session 15).
    std::string after;
    children_loaded_ = 0;
    for (;;) {
      if (cancel_build_) {
        state_.reset();  // half an index: the next build starts afresh
        return core::Error::unavailable("The search index build was stopped.");
      }
      std::vector<search::ChildRecord> page;
      size_t rows_read = 0;
      db_.read([&](store::Tx& tx) {
        for (const auto& row : tx.query(std::string("SELECT ") + kChildColumns +
                                            "FROM children WHERE id > $1 ORDER BY id LIMIT " +
                                            std::to_string(kBuildPage),
                                        store::params(after))) {
          ++rows_read;
          after = row.text(0);
          if (row.is_null(9)) page.push_back(to_record(row));
        }
      });
      // In id order, one by one: the index's slots follow insertion order and a pair's score
      // can depend on which child comes first, so the same database must always build the same
      // index (the duplicate scan and its review queue are reproducible). Normalizing in parallel
      // and inserting in order needs a batch insert in search::NameIndex (not there yet).
      for (const auto& child : page) {
        // A child whose names the index refuses (over-long, broken UTF-8) is not findable by
        // name; the rest of the index is still good.
        (void)s.index.upsert(child);
      }
      children_loaded_ += page.size();
      if (rows_read < kBuildPage) break;
    }
    if (s.index.size() >= options_.min_children_to_train) s.index.train({});
    s.last_seq = last_seq;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  s.built_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count();
  last_refresh_ms_ = steady_ms();
  built_ = true;
  return core::ok_status();
}

core::Status SearchService::refresh() {
  std::lock_guard lock(refresh_mu_);
  if (!built_) return build_locked();
  return refresh_locked();
}

void SearchService::mark_stale() {
  last_refresh_ms_ = 0;
}

core::Status SearchService::refresh_locked() const {
  State& s = *state_;
  const int64_t now = steady_ms();
  // Gaps that never filled (a rolled-back transaction) are given up after the timeout.
  for (auto it = s.gaps.begin(); it != s.gaps.end();) {
    if (now - it->second > options_.gap_timeout_ms)
      it = s.gaps.erase(it);
    else
      ++it;
  }
  try {
    std::vector<std::string> changed;
    std::unordered_set<std::string> seen_ids;
    auto note = [&](int64_t seq, const std::string& child_id) {
      if (seq > s.last_seq) {
        // (A jump of thousands is not transactions in flight: the log was swept meanwhile.)
        if (seq - s.last_seq <= 1000 && commits_out_of_order())
          for (int64_t missing = s.last_seq + 1; missing < seq; ++missing)
            s.gaps.emplace(missing, now);
        s.last_seq = seq;
      } else {
        s.gaps.erase(seq);
      }
      if (seen_ids.insert(child_id).second) changed.push_back(child_id);
    };
    db_.read([&](store::Tx& tx) {
      if (!s.gaps.empty()) {
        std::vector<int64_t> seqs;
        for (const auto& [seq, since] : s.gaps) seqs.push_back(seq);
        for (size_t at = 0; at < seqs.size(); at += kChunk) {
          const size_t n = std::min(kChunk, seqs.size() - at);
          const size_t len = padded_length(n);
          store::Params p;
          for (size_t i = 0; i < len; ++i) p.push_back(seqs[at + std::min(i, n - 1)]);
          for (const auto& row : tx.query("SELECT seq, child_id FROM child_changes WHERE seq IN (" +
                                              placeholders(1, len) + ")",
                                          p))
            note(row.integer(0), row.text(1));
        }
      }
      for (;;) {
        const auto rows = tx.query(
            "SELECT seq, child_id FROM child_changes WHERE seq > $1 ORDER BY seq LIMIT 10000",
            store::params(s.last_seq));
        for (const auto& row : rows) note(row.integer(0), row.text(1));
        if (rows.size() < 10000) break;
      }
    });
    if (!changed.empty()) {
      std::vector<search::ChildRecord> live;
      std::unordered_set<std::string> found;
      db_.read([&](store::Tx& tx) {
        for_each_chunk(changed, kChunk, [&](const std::string& in, const store::Params& p) {
          for (const auto& row : tx.query(std::string("SELECT ") + kChildColumns +
                                              "FROM children WHERE id IN (" + in + ")",
                                          p)) {
            if (!found.insert(row.text(0)).second) continue;
            if (row.is_null(9)) live.push_back(to_record(row));
          }
        });
      });
      std::unordered_set<std::string> live_ids;
      for (const auto& c : live) {
        live_ids.insert(c.id);
        // Names the index refuses (over-long, broken UTF-8): not findable by name rather than
        // findable by the names they had before.
        if (!s.index.upsert(c).ok()) s.index.remove(c.id);
      }
      // Deleted, or merged into another child (no longer a result of its own).
      for (const auto& id : changed)
        if (!live_ids.count(id)) s.index.remove(id);
    }
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  last_refresh_ms_ = steady_ms();
  return core::ok_status();
}

core::Status SearchService::maybe_refresh() {
  if (!built_) return ensure_built();
  if (steady_ms() - last_refresh_ms_ < options_.refresh_after_ms) return core::ok_status();
  return refresh();
}

const search::NameIndex& SearchService::index() const {
  (void)ensure_built();
  std::lock_guard lock(refresh_mu_);
  if (!state_) throw std::runtime_error("the name normalizer could not be created");
  return state_->index;
}

SearchService::Stats SearchService::stats() const {
  std::lock_guard lock(refresh_mu_);
  if (!state_) return {0, 0, 0};
  return {state_->index.size(), state_->built_ms, state_->last_seq};
}

core::Result<std::vector<ChildMatch>> SearchService::resolve(
    const std::vector<search::SearchHit>& hits, const Actor& actor, size_t limit) {
  std::vector<ChildMatch> out;
  if (hits.empty()) return out;
  struct ChildInfo {
    ChildMatch match;
    std::string agency_id, country;
    std::optional<std::string> merged_into;
    std::vector<store::CaseRow> cases;  // oldest first
  };
  std::unordered_map<std::string, ChildInfo> info;
  std::vector<std::string> ids;
  for (const auto& h : hits)
    if (info.emplace(h.id, ChildInfo{}).second) ids.push_back(h.id);
  try {
    db_.read([&](store::Tx& tx) {
      for_each_chunk(ids, kChunk, [&](const std::string& in, const store::Params& p) {
        for (const auto& r :
             tx.query("SELECT ch.id, ch.given_names, ch.family_names, ch.sex, ch.birth_date, "
                      "ch.birth_date_estimated, ch.agency_id, a.country, ch.merged_into "
                      "FROM children ch JOIN agencies a ON a.id = ch.agency_id WHERE ch.id IN (" +
                          in + ")",
                      p)) {
          auto& i = info[r.text(0)];
          i.match.child_id = r.text(0);
          i.match.given_names = r.text(1);
          i.match.family_names = r.text(2);
          i.match.sex = r.text(3);
          if (auto d = r.opt_text(4)) i.match.birth_date = core::Date::parse(*d);
          i.match.birth_date_estimated = r.boolean(5);
          i.agency_id = r.text(6);
          i.country = r.text(7);
          i.merged_into = r.opt_text(8);
        }
        for (const auto& r :
             tx.query("SELECT c.id, c.case_number, c.child_id, c.agency_id, a.country, c.status, "
                      "c.assigned_worker_id, c.team_id, c.restricted, c.created_by, c.opened_at "
                      "FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE c.child_id IN (" +
                          in + ") ORDER BY c.opened_at, c.id",
                      p)) {
          store::CaseRow c;
          c.id = r.text(0);
          c.case_number = r.text(1);
          c.child_id = r.text(2);
          c.agency_id = r.text(3);
          c.country = r.text(4);
          c.status = r.text(5);
          c.assigned_worker_id = r.opt_text(6);
          c.team_id = r.opt_text(7);
          c.restricted = r.boolean(8);
          c.created_by = r.opt_text(9).value_or("");
          c.opened_at = r.integer(10);
          info[c.child_id].cases.push_back(std::move(c));
        }
      });
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  // The policy of [F2], as ChildService::get asks it, but without a break-the-glass reason (a
  // search never breaks the glass) and without auditing each hidden hit: a child the actor may
  // not read is left out as if it did not exist.
  std::optional<security::Principal> principal = actor.principal;
  if (principal) principal->break_glass_reason.reset();
  auto may_read = [&](const security::Resource& r) {
    if (!principal) return true;
    const auto d = security::decide(*principal, security::Action::kRead, r);
    return d.allowed && !d.break_glass;
  };
  for (const auto& h : hits) {
    if (out.size() >= limit) break;
    auto it = info.find(h.id);
    if (it == info.end() || it->second.match.child_id.empty()) continue;  // gone since indexed
    ChildInfo& i = it->second;
    if (i.merged_into) continue;
    security::Resource r;
    r.kind = security::ResourceKind::kChild;
    r.id = i.match.child_id;
    r.owning_agency_id = i.agency_id;
    r.country = i.country;
    // The worker of the child's newest case may read the child wherever they are.
    if (!i.cases.empty()) r.assigned_worker_id = i.cases.back().assigned_worker_id.value_or("");
    if (!may_read(r)) continue;
    ChildMatch m = i.match;
    m.weight = h.weight;
    m.probability = h.probability;
    m.explanation = h.explanation;
    for (const auto& c : i.cases)
      if (may_read(CaseAccess::resource_of(c))) m.cases.push_back({c.id, c.case_number, c.status});
    out.push_back(std::move(m));
  }
  return out;
}

core::Result<std::vector<ChildMatch>> SearchService::find_children(const ChildSearchQuery& query,
                                                                   const Actor& actor) {
  std::optional<core::Date> dob;
  if (!query.birth_date.empty()) {
    dob = core::Date::parse(query.birth_date);
    if (!dob) return field_error("dob", "Give the birth date as YYYY-MM-DD.");
  }
  const size_t limit = std::clamp<size_t>(query.limit, 1, options_.index.max_results);
  // The index refuses more hits than this; asking for more than the page lets the access filter
  // drop some and still fill it.
  const size_t fetch = std::min(options_.index.max_results, std::max<size_t>(limit * 5, 50));
  std::string text = query.text;
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);

  std::vector<search::SearchHit> hits;
  bool by_case_number = false;
  if (auto number = domain::parse_case_number(text); number.ok()) {
    by_case_number = true;
    try {
      db_.read([&](store::Tx& tx) {
        if (auto r = tx.query_one(
                "SELECT COALESCE(ch.merged_into, ch.id) FROM cases c JOIN children ch ON ch.id = "
                "c.child_id WHERE c.case_number = $1",
                store::params(number->to_string())))
          hits.push_back({r->text(0), 0, 1, {}});
      });
    } catch (const store::DbError& e) {
      return store::to_error(e);
    }
  } else if (text.empty() && dob) {
    // Born that day: at most a few hundred children even in a national instance.
    try {
      db_.read([&](store::Tx& tx) {
        for (const auto& r :
             tx.query("SELECT id FROM children WHERE birth_date = $1 AND merged_into IS NULL "
                      "ORDER BY family_names, given_names, id LIMIT 1000",
                      store::params(dob->to_string())))
          hits.push_back({r.text(0), 0, 0, {}});
      });
    } catch (const store::DbError& e) {
      return store::to_error(e);
    }
  } else {
    // While `haven serve` builds the index in the background a name search answers at once
    // rather than wait: searches come as a worker types, and each waiting one would hold a server
    // thread for the rest of the build. (The case-number and birth-date look-ups above need no
    // index; the duplicate check at intake waits, since it must not be skipped.)
    if (building_ && !built_) {
      return core::Error::unavailable(
          "Search is getting ready after a restart: " + std::to_string(children_loaded_) +
          " children indexed so far. Try again in a few seconds.");
    }
    HAVEN_TRY(maybe_refresh());
    search::SearchQuery q;
    q.text = text;
    q.birth_date = dob;
    q.limit = fetch;
    auto result = state_->index.search(q);
    if (!result.ok()) return result.take_error();
    hits = std::move(result->hits);
  }
  auto matches = resolve(hits, actor, limit);
  if (!matches.ok()) return matches;
  for (auto& m : *matches) m.by_case_number = by_case_number;
  nlohmann::json details{{"count", matches->size()}};
  HAVEN_TRY(
      audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "child.search", "child", "",
                     "case_management", "success", actor.request_id, details.dump()}));
  return matches;
}

core::Result<std::vector<ChildMatch>> SearchService::likely_duplicates(const DuplicateCheck& check,
                                                                       const Actor& actor,
                                                                       size_t limit) {
  search::ChildRecord c;
  c.id = "(new child)";
  c.given_names = check.given_names;
  c.family_names = check.family_names;
  c.sex = sex_of(check.sex);
  if (!check.birth_date.empty()) {
    c.birth_date = core::Date::parse(check.birth_date);
    if (!c.birth_date) return field_error("birth_date", "Give the birth date as YYYY-MM-DD.");
  }
  c.birth_date_estimated = check.birth_date_estimated;
  limit = std::clamp<size_t>(limit, 1, options_.index.max_results);
  HAVEN_TRY(maybe_refresh());
  const double min_weight =
      state_->index.model().weight_for_probability(options_.duplicate_min_probability);
  auto hits = state_->index.find_duplicates(
      c, std::min(options_.index.max_results, std::max<size_t>(limit * 5, 50)), min_weight);
  if (!hits.ok()) return hits.take_error();
  auto matches = resolve(*hits, actor, limit);
  if (!matches.ok()) return matches;
  nlohmann::json details{{"count", matches->size()}};
  HAVEN_TRY(
      audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "child.duplicate_check",
                     "child", "", "case_management", "success", actor.request_id, details.dump()}));
  return matches;
}

void SearchService::start_background_refresh(std::chrono::milliseconds every,
                                             std::function<void(const std::string&)> log) {
  std::lock_guard guard(bg_mu_);
  if (bg_thread_.joinable()) return;
  bg_stopping_ = false;
  cancel_build_ = false;
  building_ = !built_;
  bg_thread_ = std::thread([this, every, log = std::move(log)] {
    std::unique_lock lock(bg_mu_);
    while (!bg_stopping_) {
      if (building_) {
        lock.unlock();
        const auto built = refresh();  // builds: nothing was built yet
        if (built.ok()) {
          building_ = false;
          const Stats s = stats();
          if (log)
            log("search index: " + std::to_string(s.children) + " children in " +
                std::to_string(s.built_ms) + " ms");
        } else if (log && !cancel_build_) {
          log("cannot build the search index (trying again): " + built.error().message);
        }
        lock.lock();
        if (!building_) continue;
      }
      bg_cv_.wait_for(lock, every, [this] { return bg_stopping_; });
      if (bg_stopping_) break;
      if (building_) continue;
      lock.unlock();
      if (auto s = refresh(); !s.ok() && log)
        log("search index refresh failed: " + s.error().message);
      lock.lock();
    }
  });
}

void SearchService::stop_background_refresh() {
  {
    std::lock_guard lock(bg_mu_);
    bg_stopping_ = true;
    cancel_build_ = true;
  }
  bg_cv_.notify_all();
  if (bg_thread_.joinable()) bg_thread_.join();
  cancel_build_ = false;  // a search after this builds in its own thread as usual
  building_ = false;
}

core::Result<int64_t> SearchService::sweep_changes(int64_t older_than_ms) {
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<int64_t> {
      return tx.execute("DELETE FROM child_changes WHERE changed_at < $1",
                        store::params(clock_.now().ms - older_than_ms));
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
