// Listing and acknowledging break-the-glass reads: authorize → read or one transaction → audit.
//
// Who may see them is the policy's decision (security/policy.h rule 8): a role holding
// "break_glass.review" (supervisors) reviews the emergency reads of its own agency and acknowledges
// those of others (ResourceKind::kBreakGlassLog); every other role is asked for the audit log
// (kViewAudit), which lets auditors see the reads of all agencies.
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

// True if the actor reviews an agency's emergency reads (rather than the whole log as an auditor).
bool reviews_agency(const Actor& actor) {
  return actor.principal && actor.principal->permissions.count("break_glass.review") > 0;
}

security::Resource review_of(const std::string& agency_id, const std::string& country,
                             const std::string& reader_id = {}) {
  security::Resource r;
  r.kind = security::ResourceKind::kBreakGlassLog;
  r.owning_agency_id = agency_id;
  r.country = country;
  r.created_by = reader_id;
  return r;
}

}  // namespace

core::Result<BreakGlassPage> BreakGlassService::list(const Actor& actor,
                                                     const BreakGlassListOptions& options) {
  BreakGlassPage page;
  store::BreakGlassQuery query;
  if (reviews_agency(actor)) {
    page.scope = "agency";
    query.agency_id = actor.principal->agency_id;
    HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kRead,
                                review_of(query.agency_id, actor.principal->country),
                                actor.request_id));
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
  if (!actor.principal) return core::Error::invalid("Acknowledging needs a signed-in supervisor.");
  if (event_id.empty() || event_id.size() > 64) return core::Error::not_found("No such event.");
  try {
    // Look the event up, let the policy decide (outside a transaction: a denial is audited), then
    // acknowledge in one transaction.
    auto found =
        db_.read([&](store::Tx& tx) { return store::BreakGlassRepository::find(tx, event_id); });
    if (!found) return core::Error::not_found("No such break-the-glass event in your agency.");
    HAVEN_TRY(access_.authorize(
        *actor.principal, security::Action::kApprove,
        review_of(found->agency_id, actor.principal->country, found->reader_id), actor.request_id));
    return db_.write([&](store::Tx& tx) -> core::Result<BreakGlassEvent> {
      auto row = store::BreakGlassRepository::find(tx, event_id);
      if (!row) return core::Error::not_found("No such break-the-glass event in your agency.");
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
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
