// Finding a child ([S1]): free-text name search, the duplicate check at intake and the index the
// batch duplicate scan reads. Owns the in-memory search::NameIndex, which is only a cache of the
// children table: built from the database (lazily, on first use, or by build() at `haven serve`)
// and kept current from the child_changes log (migration 0009), so several processes agree.
// Every result is filtered by the access policy ([F2]) before it is counted. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "search/match_explanation.h"
#include "search/name_index.h"
#include "search/name_normalizer.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"

namespace haven::service {

struct CaseRef {
  std::string case_id, case_number, status;
};

struct ChildMatch {
  std::string child_id, given_names, family_names, sex;  // names as registered
  std::optional<core::Date> birth_date;
  bool birth_date_estimated = false;
  std::vector<CaseRef> cases;          // the child's cases the actor may open
  double weight = 0, probability = 0;  // from the model
  bool by_case_number = false;         // found by an exact case number, not by name
  search::MatchExplanation explanation;
};

struct ChildSearchQuery {
  std::string text;        // names in any order and script, or a case number ("SE-2026-000123")
  std::string birth_date;  // "" or YYYY-MM-DD
  size_t limit = 10;
};

struct DuplicateCheck {
  std::string given_names, family_names, sex;  // sex: "female", "male" or anything else (unknown)
  std::string birth_date;                      // "" or YYYY-MM-DD
  bool birth_date_estimated = false;
};

struct SearchServiceOptions {
  // A search more than this after the last refresh applies the changes first (one indexed query
  // of child_changes, ~0.05 ms on SQLite when nothing changed). 0: every search and duplicate
  // check sees every child committed before it began, whichever process wrote it — a worker at
  // intake must be warned of the child a colleague registered a moment ago.
  int64_t refresh_after_ms = 0;
  // A gap in child_changes (a PostgreSQL sequence number handed out to a transaction that had
  // not committed when we read) is re-read until it appears or this much time has passed.
  int64_t gap_timeout_ms = 60'000;
  // Below this many children the model keeps its starting values (EM needs data to learn from).
  size_t min_children_to_train = 2'000;
  // likely_duplicates() leaves out children less likely than this to be the same child.
  double duplicate_min_probability = 0.5;
  search::IndexOptions index;
};

class SearchService {
 public:
  SearchService(store::Database& db, const core::Clock& clock, AccessService& access,
                AuditService& audit, SearchServiceOptions options = {});
  ~SearchService();
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  // Loads every child not merged into another and trains the model (EM). Replaces the index.
  core::Status build();
  // Applies the child changes after the last one seen (and re-reads earlier gaps). Builds first
  // if nothing was built yet.
  core::Status refresh();
  // The next search refreshes whatever the time since the last refresh (call after a write of a
  // child in this process when a search must see it at once).
  void mark_stale();

  // Errors: kInvalidInput with field "q" (too short, too long, invalid UTF-8) or "dob" (not a
  // date); kUnavailable for a name search while the background build runs (building()).
  // Audited as "child.search" (without the query text).
  core::Result<std::vector<ChildMatch>> find_children(const ChildSearchQuery& query,
                                                      const Actor& actor);
  // The children most like a child about to be registered, that the actor may read. Errors:
  // kInvalidInput with field "birth_date". Audited as "child.duplicate_check".
  core::Result<std::vector<ChildMatch>> likely_duplicates(const DuplicateCheck& check,
                                                          const Actor& actor, size_t limit = 5);

  // For the batch duplicate scan. Builds first if nothing was built yet (a failed build leaves
  // the index empty); call refresh() before reading it for current data.
  const search::NameIndex& index() const;

  // `haven serve`: on a thread of its own, builds the index now if nothing was built yet (the
  // server answers meanwhile and building() is true: a name search is refused as unavailable,
  // a duplicate check waits for the build), then refresh() every `every` until stop (or
  // destruction). The build's figures
  // ("search index: N children in T ms") and failures are told to `log` (counts only, no
  // personal data). A failed build is tried again at the next interval.
  void start_background_refresh(std::chrono::milliseconds every,
                                std::function<void(const std::string&)> log);
  // Idempotent. A build under way stops at its next page of children (an index half built is
  // dropped), so shutting down never waits for a whole build.
  void stop_background_refresh();
  // True from start_background_refresh until its first build has succeeded: /readyz says not
  // ready meanwhile, so a load balancer sends the searches to a process that can answer them,
  // and a name search is answered "not yet" at once (likely_duplicates waits for the build).
  bool building() const { return building_; }
  // Children loaded so far by the build under way (for the readiness message).
  size_t children_loaded() const { return children_loaded_; }
  // Deletes change-log rows older than this (the maintenance sweep); how many.
  core::Result<int64_t> sweep_changes(int64_t older_than_ms = 24 * 3'600'000);

  struct Stats {
    size_t children;
    int64_t built_ms;
    int64_t last_seq;
  };
  Stats stats() const;

 private:
  struct State;
  core::Status ensure_built() const;
  core::Status build_locked() const;
  core::Status refresh_locked() const;
  // Whether a change can commit after one numbered later: on PostgreSQL, where transactions take
  // their numbers from a sequence and commit in any order, so a missing number may still come.
  // SQLite has one writer, so its changes commit in number order and a missing number (a rolled-
  // back write, or one the maintenance sweep removed) never comes; waiting for it cost every
  // search a query of up to a thousand numbers in the first minute after a start.
  bool commits_out_of_order() const { return db_.backend() == store::Backend::kPostgres; }
  core::Status maybe_refresh();
  // The hits the actor may read, as ChildMatch with names and cases from the database, at most
  // `limit`, in the order given.
  core::Result<std::vector<ChildMatch>> resolve(const std::vector<search::SearchHit>& hits,
                                                const Actor& actor, size_t limit);

  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  SearchServiceOptions options_;
  // Built lazily (creating the normalizer compiles ICU transforms): tests and tools that never
  // search never pay for it. refresh_mu_ serializes build and refresh; the index itself is
  // thread-safe for readers.
  mutable std::mutex refresh_mu_;
  mutable std::unique_ptr<State> state_;
  mutable std::atomic<bool> built_{false};
  mutable std::atomic<int64_t> last_refresh_ms_{0};
  std::mutex bg_mu_;
  std::condition_variable bg_cv_;
  bool bg_stopping_ = false;
  std::thread bg_thread_;
  std::atomic<bool> building_{false};
  mutable std::atomic<bool> cancel_build_{false};
  mutable std::atomic<size_t> children_loaded_{0};
};

}  // namespace haven::service
