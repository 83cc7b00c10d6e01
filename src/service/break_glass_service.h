// Break the glass, shown to the supervisor: the emergency reads of case content that
// security::decide() allowed only because the reader wrote a reason (policy.h rule 8), as
// AccessService audited them. A supervisor sees every such read by users of their agency — who,
// when, which record, the reason — newest first, and acknowledges each; auditors see them all.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"

namespace haven::service {

struct BreakGlassEvent {
  std::string event_id;  // the audit event's id
  int64_t seq = 0;
  int64_t at = 0;
  std::string reader_id, reader_username, reader_display_name, reader_role;
  std::string agency_id;  // the reader's agency
  std::string entity;     // the record read: "case", "child", …
  std::string entity_id;
  std::string reason;
  std::string request_id;
  bool acknowledged = false;
  std::string acknowledged_by;  // user id
  std::string acknowledged_by_username;
  std::optional<int64_t> acknowledged_at;
};

struct BreakGlassListOptions {
  std::optional<int64_t> before;     // page: events older than this seq (the previous next_before)
  std::optional<bool> acknowledged;  // only acknowledged / only open ones
  int limit = 50;                    // 1–200
};

struct BreakGlassPage {
  std::string scope;  // "agency" (a supervisor: their agency's readers) or "all" (auditors)
  std::vector<BreakGlassEvent> events;
  std::optional<int64_t> next_before;  // more events: ask again with before = this
  int64_t unacknowledged = 0;          // in the scope, whatever the page
};

class BreakGlassService {
 public:
  BreakGlassService(store::Database& db, const core::Clock& clock, AccessService& access,
                    AuditService& audit)
      : db_(db), clock_(clock), access_(access), audit_(audit) {}

  // Supervisors: the reads by users of their own agency. Auditors: all (the policy decides, as for
  // the audit log). Anyone else: kForbidden, audited. The look-up itself is audited.
  core::Result<BreakGlassPage> list(const Actor& actor, const BreakGlassListOptions& options);

  // A supervisor of the reader's agency marks the read as seen. kNotFound for an unknown event or
  // one of another agency; kForbidden for anyone but a supervisor, and for the reader themself
  // (four eyes: nobody signs off their own emergency access). Acknowledging twice changes nothing
  // and returns the first acknowledgement.
  core::Result<BreakGlassEvent> acknowledge(const Actor& actor, const std::string& event_id);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
};

}  // namespace haven::service
