// Break-the-glass reads as rows: the audit events AccessService wrote for them (action
// "policy.break_glass"), joined with the reader's name and the supervisors' acknowledgements
// (table break_glass_acknowledgements, migration 0006). Reading and acknowledging only; deciding
// who may see them is BreakGlassService's work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

// The audit action of an emergency read (AccessService writes it).
inline constexpr const char* kBreakGlassAction = "policy.break_glass";

struct BreakGlassRow {
  int64_t seq = 0;
  std::string event_id;
  int64_t at = 0;
  std::string reader_id;
  std::string reader_username;  // "" if the user row is gone
  std::string reader_display_name;
  std::string reader_role;
  std::string agency_id;  // the reader's agency
  std::string entity;     // "case", "child", …
  std::string entity_id;
  std::string reason;  // the written reason (the event's purpose)
  std::optional<std::string> details;
  std::string request_id;
  std::optional<std::string> acknowledged_by;
  std::string acknowledged_by_username;
  std::optional<int64_t> acknowledged_at;
};

struct BreakGlassQuery {
  std::string agency_id;              // "" = every agency (auditors)
  std::optional<int64_t> before_seq;  // keyset paging: events with seq < this
  std::optional<bool> acknowledged;   // only acknowledged / only not yet acknowledged
  int limit = 50;
};

class BreakGlassRepository {
 public:
  // Newest first.
  static std::vector<BreakGlassRow> list(Tx& tx, const BreakGlassQuery& query);
  // Events of `agency_id` ("" = all) nobody has acknowledged yet.
  static int64_t count_unacknowledged(Tx& tx, const std::string& agency_id);
  // The break-the-glass event with this id, or nullopt (also for other kinds of audit event).
  static std::optional<BreakGlassRow> find(Tx& tx, const std::string& event_id);
  // Records the acknowledgement; false if the event was already acknowledged (nothing changes).
  static bool acknowledge(Tx& tx, const std::string& event_id, const std::string& user_id,
                          int64_t now);
};

}  // namespace haven::store
