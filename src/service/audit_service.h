// The audit trail: appends hash-chained events (security/audit_chain.h) durably, group-committing
// concurrent appends into one transaction; verifies the chain; exports and queries it. Every other
// service reports here: logins, denials, user and agency changes, tokens, key rotation, and (later
// issues) every read and write of personal data.
//
// Thread-safety: one AuditService per process, shared by every request thread. append() blocks
// until its event is committed (durable before the caller answers), and concurrent callers share
// commits: the first waiting caller becomes the flusher and writes every queued event in ONE
// transaction, the others wait and are woken together. Across processes the chain stays linear
// because each batch takes the chain lock (AuditRepository::lock_chain) before reading the head.
//
// Never call append() inside a Database transaction (the flusher needs the writer; SQLite has one):
// use record(tx, …) there, which appends within the caller's transaction instead.
//
// A page that reads many lists (the case page) audits each read; waiting for each event's commit in
// turn made it wait for several group commits one after another. Within an AuditService::Deferral
// on the request's thread, append() queues its event and returns at once; Deferral::wait() then
// waits for all of them together, and the page is sent only if they were committed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/audit_chain.h"
#include "store/database.h"
#include "store/repositories/audit_repository.h"

namespace haven::service {

// What a caller says about an event; seq, id, time and hashes are filled in by the service.
struct AuditRecord {
  std::string actor_id;  // user id, "system", "cli", or the typed username of a failed login
  std::string role;
  std::string agency_id;
  std::string action;  // "auth.login", "policy.deny", "user.create", "case.read", …
  std::string entity;
  std::string entity_id;
  std::string purpose;
  std::string outcome;  // "success" | "failure" | "denied"
  std::string request_id;
  std::optional<std::string> details;  // JSON object as text; never a secret
};

// One page of the filtered trail (AuditService::search), newest first.
struct AuditPage {
  std::vector<security::AuditEvent> events;
  int page = 1;           // 1-based
  bool has_more = false;  // another page follows
};

struct AuditStats {
  int64_t appended = 0;  // events committed by append()
  int64_t commits = 0;   // transactions append() used for them (appended / commits = batch size)
};

class AuditService {
 public:
  AuditService(store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // Appends one event and returns once it is committed. Errors: kUnavailable if the database is
  // down (the caller must then fail the request: no audit, no answer).
  core::Status append(AuditRecord record);
  // Appends inside the caller's write transaction (changes and their audit event commit together).
  void record(store::Tx& tx, const AuditRecord& record);

  // Recomputes the chain from the first event (or checks it against anchors), streaming.
  security::ChainVerification verify(const std::vector<security::ChainAnchor>& anchors = {});
  // Every event with `at` in [from, to), ascending seq, one JSON object per line through `line`.
  core::Result<int64_t> export_jsonl(core::Timestamp from, core::Timestamp to,
                                     const std::function<void(const std::string&)>& line);
  // Who touched one record, newest first: the auditor's "who looked at this child's file and why".
  // The caller authorizes (AccessService, kViewAudit) first.
  std::vector<security::AuditEvent> about(const std::string& entity, const std::string& entity_id,
                                          int limit = 500);

  // The trail filtered by user, record, action and time, newest first, `page_size` events per page
  // (1-based `page`). Errors: kInvalidInput for a page below 1 or a range whose end is not after
  // its start. The caller authorizes (AccessService, kViewAudit) and audits the look-up.
  core::Result<AuditPage> search(const store::AuditFilter& filter, int page, int page_size = 50);

  AuditStats stats() const;

 private:
  struct Pending {
    AuditRecord record;
    core::Timestamp at;
    bool done = false;
    std::optional<core::Error> error;
  };

 public:
  // While one lives on a thread, that thread's append() calls (to this service) queue their events
  // without waiting; wait() (or the destructor, ignoring the result) waits until every one of them
  // is committed. Send nothing that a deferred event describes before wait() returned ok: an error
  // there (kUnavailable) means the answer must not be given. Not nestable; one thread only.
  class Deferral {
   public:
    explicit Deferral(AuditService& audit);
    ~Deferral();
    Deferral(const Deferral&) = delete;
    Deferral& operator=(const Deferral&) = delete;
    core::Status wait();

   private:
    AuditService& audit_;
    std::vector<std::shared_ptr<Pending>> pending_;
    friend class AuditService;
  };

 private:
  // Blocks until `mine` is committed, flushing the queue if no one else is (lock held on entry and
  // on return).
  core::Status wait_for(Pending& mine, std::unique_lock<std::mutex>& lock);
  void write_batch(store::Tx& tx, const std::vector<std::shared_ptr<Pending>>& batch);

  store::Database& db_;
  const core::Clock& clock_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Pending>> queue_;
  bool flushing_ = false;
  AuditStats stats_;
};

// The JSON object for one event (export and the API); hashes in hex.
std::string audit_event_json(const security::AuditEvent& event);

}  // namespace haven::service
