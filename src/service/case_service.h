// Cases: read one (with its child, reports, step records, risk history and the actions available
// now, each with the reason it is or is not allowed), list them (filters, keyset cursor), move them
// through the lifecycle (domain::check over facts assembled from the records and the acting user,
// with each action's side effects on the records), assign them, and read their history. Every
// method authorizes (CaseAccess), validates, runs one transaction and audits — reads included.
// Updates name the version they read; a stale one is a kConflict whose fields carry
// {"current_version", "<n>"}. Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/case_lifecycle.h"
#include "domain/task_list.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/policy_registry.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct CaseListRequest {
  std::optional<std::string> status;
  std::optional<std::string> risk;
  std::optional<std::string> worker;  // user id, or "me"
  bool overdue_only = false;
  std::string sort = "-opened_at";  // "opened_at" (oldest first) or "-opened_at" (newest first)
  std::string cursor;               // from the previous page's next_cursor
  int limit = 50;                   // 1–200
};

// The conflict for a stale version: the message says what to do, the field carries the number.
core::Error stale_version(std::string_view what, int64_t now_at);
// The case's version as committed now (after a lost race, the winner's), inside `tx`.
int64_t current_version(store::Tx& tx, const std::string& case_id);

class CaseService {
 public:
  CaseService(store::Database& db, const core::Clock& clock, CaseAccess& access,
              AuditService& audit, KeyService& keys, RecordHistory& history,
              const PolicyRegistry& policies)
      : db_(db),
        clock_(clock),
        access_(access),
        audit_(audit),
        keys_(keys),
        history_(history),
        policies_(policies) {}

  // The case as JSON (see docs/openapi.yaml, Case). Audited as case.read.
  core::Result<nlohmann::json> get(const std::string& case_id, const Actor& actor);
  // {"items": [...], "next_cursor": "…" | null}. Only cases the actor's agency holds (restricted
  // ones only for their team and worker). Audited as case.list.
  core::Result<nlohmann::json> list(const CaseListRequest& request, const Actor& actor);
  // Body {"action", "version", "reason"?, "merge_into"?}. Returns the case as get() does.
  core::Result<nlohmann::json> transition(const std::string& case_id, const nlohmann::json& body,
                                          const Actor& actor);
  // Body {"version", "assigned_worker_id"?, "team_id"?} (supervisors).
  core::Result<nlohmann::json> assign(const std::string& case_id, const nlohmann::json& body,
                                      const Actor& actor);
  // {"entries": [...]}: every change to the case and its records, oldest first.
  core::Result<nlohmann::json> history(const std::string& case_id, const Actor& actor);

  // The lifecycle facts of a case for `actor`, read inside the caller's transaction
  // (CaseRecordService and the task list use it too).
  domain::CaseFacts facts(store::Tx& tx, const store::CaseRow& c, const Actor& actor) const;

  // The case as get() shows it, inside the caller's transaction (no authorization, no audit).
  core::Result<nlohmann::json> view(store::Tx& tx, const store::CaseRow& c, const Actor& actor);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
  const PolicyRegistry& policies_;
};

// The case row's fields that history tracks, old → new.
std::vector<FieldChange> case_changes(const store::CaseRow& before, const store::CaseRow& after);

}  // namespace haven::service

namespace haven::service {
// What the task list knows of a case from its row alone (plan and closure approvals need the
// records: the task service adds them).
domain::CaseSummary case_summary(const store::CaseRow& c);
}  // namespace haven::service
