// Listing and acknowledging break-the-glass reads: authorize → read or one transaction → audit.
//
// Who may see them is decided here rather than in security::decide() for supervisors: the policy
// has no action for "review my agency's emergency reads" yet (it would be a new Action and
// permission in roles.toml). The rule is the one policy.h rule 8 promises — the reader's
// supervisor sees it — and it is narrow: a supervisor, only events whose reader belongs to their
// own agency. Auditors go through the policy (kViewAudit on the audit log), as for GET /audit.
#include "service/break_glass_service.h"

#include <nlohmann/json.hpp>

#include "store/repositories/break_glass_repository.h"

namespace haven::service {

namespace {

BreakGlassEvent to_event(const store::BreakGlassRow& r) {
  BreakGlassEvent e;
  e.event_id = r.event_id;
  e.seq = r.seq;
  e.at = r.at;
  e.reader_id = r.reader_id;
  e.reader_username = r.reader_username;
  e.reader_display_name = r.reader_display_name;
  e.reader_role = r.reader_role;
  e.agency_id = r.agency_id;
  e.entity = r.entity;
  e.entity_id = r.entity_id;
  e.reason = r.reason;
  e.request_id = r.request_id;
  e.acknowledged = r.acknowledged_by.has_value();
  e.acknowledged_by = r.acknowledged_by.value_or("");
  e.acknowledged_by_username = r.acknowledged_by_username;
  e.acknowledged_at = r.acknowledged_at;
  return e;
}

bool is_supervisor(const Actor& actor) {
  return actor.principal && actor.principal->role == security::Role::kSupervisor;
}

}  // namespace

core::Status BreakGlassService::deny(const Actor& actor, const std::string& what,
                                     const std::string& entity_id, const std::string& reason) {
  nlohmann::json details{{"action", what}, {"reason", reason}};
  HAVEN_TRY(
      audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "policy.deny",
                     "break_glass", entity_id, "", "denied", actor.request_id, details.dump()}));
  return core::Error::forbidden(reason);
}

core::Result<BreakGlassPage> BreakGlassService::list(const Actor& actor,
                                                     const BreakGlassListOptions& options) {
  BreakGlassPage page;
  store::BreakGlassQuery query;
  if (is_supervisor(actor)) {
    page.scope = "agency";
    query.agency_id = actor.principal->agency_id;
  } else {
    if (actor.principal) {
      security::Resource log;
      log.kind = security::ResourceKind::kAuditLog;
      log.country = actor.principal->country;
      HAVEN_TRY(
          access_.authorize(*actor.principal, security::Action::kViewAudit, log, actor.request_id));
    }
    page.scope = "all";
  }
  if (options.limit < 1 || options.limit > 200)
    return core::Error::invalid("Ask for 1 to 200 events at a time.",
                                {{"limit", "Give a number from 1 to 200."}});
  if (options.before && *options.before < 1)
    return core::Error::invalid("The page cursor is not valid.",
                                {{"before", "Use next_before from the previous page."}});
  query.before_seq = options.before;
  query.acknowledged = options.acknowledged;
  query.limit = options.limit + 1;  // one more tells whether there is a next page
  try {
    db_.read([&](store::Tx& tx) {
      auto rows = store::BreakGlassRepository::list(tx, query);
      const bool more = static_cast<int>(rows.size()) > options.limit;
      if (more) rows.pop_back();
      for (const auto& r : rows) page.events.push_back(to_event(r));
      if (more) page.next_before = page.events.back().seq;
      page.unacknowledged = store::BreakGlassRepository::count_unacknowledged(tx, query.agency_id);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  nlohmann::json details{{"scope", page.scope}, {"events", page.events.size()}};
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "break_glass.list",
                           "break_glass", query.agency_id, "supervision", "success",
                           actor.request_id, details.dump()}));
  return page;
}

core::Result<BreakGlassEvent> BreakGlassService::acknowledge(const Actor& actor,
                                                             const std::string& event_id) {
  if (!is_supervisor(actor))
    return deny(actor, "acknowledge", event_id,
                "Only a supervisor of the reader's agency acknowledges an emergency read.")
        .error();
  if (event_id.empty() || event_id.size() > 64) return core::Error::not_found("No such event.");
  try {
    auto result = db_.write([&](store::Tx& tx) -> core::Result<BreakGlassEvent> {
      auto row = store::BreakGlassRepository::find(tx, event_id);
      // Another agency's event is not confirmed to exist.
      if (!row || row->agency_id != actor.principal->agency_id)
        return core::Error::not_found("No such break-the-glass event in your agency.");
      if (row->reader_id == actor.principal->user_id)
        return core::Error::forbidden(
            "You cannot acknowledge your own emergency read; another supervisor of your agency "
            "must.");
      if (row->acknowledged_by) return to_event(*row);
      const int64_t now = clock_.now().ms;
      store::BreakGlassRepository::acknowledge(tx, event_id, actor.principal->user_id, now);
      nlohmann::json details{
          {"reader_id", row->reader_id}, {"entity", row->entity}, {"entity_id", row->entity_id}};
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                         "break_glass.acknowledge", "audit_event", event_id, "supervision",
                         "success", actor.request_id, details.dump()});
      auto updated = store::BreakGlassRepository::find(tx, event_id);
      return to_event(*updated);
    });
    if (!result.ok() && result.error().code == core::ErrorCode::kForbidden)
      return deny(actor, "acknowledge", event_id, result.error().message).error();
    return result;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
