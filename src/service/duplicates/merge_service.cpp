// Merge and un-merge: authorize both children → validate → one transaction (re-point rows, mark
// the merged child, history, the queue's pair, audit).
//
// Who may merge is the policy's decision (security/policy.h): Action::kMerge on a child needs
// "child.merge" (supervisors) and the child's agency. A supervisor of another agency is told the
// child does not exist rather than that it is someone else's: merging is agency work, and the
// answer should not confirm a child is known elsewhere.
#include "service/duplicates/merge_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/utf8.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/child_merge_repository.h"
#include "store/repositories/child_repository.h"
#include "store/repositories/duplicate_candidate_repository.h"

namespace haven::service {

namespace {

constexpr size_t kMinReason = 3;
constexpr size_t kMaxReason = 2000;

core::Status check_reason(const std::string& reason, const char* field) {
  if (!core::is_valid_utf8(reason) || reason.size() < kMinReason || reason.size() > kMaxReason)
    return core::Error::invalid("Say why, in a few words.",
                                {{field, "Write a reason of 3 to 2000 characters."}});
  return core::ok_status();
}

MergeView to_view(const store::ChildMergeRow& r) {
  MergeView v;
  v.id = r.id;
  v.survivor_child_id = r.survivor_child_id;
  v.merged_child_id = r.merged_child_id;
  v.reason = r.reason;
  auto moved = nlohmann::json::parse(r.moved, nullptr, false);
  if (moved.is_object()) {
    for (const auto& [key, ids] : moved.items()) {
      if (!ids.is_array()) continue;
      for (const auto& id : ids)
        if (id.is_string()) v.moved[key].push_back(id.get<std::string>());
    }
  }
  v.merged_by = r.merged_by;
  v.merged_at = r.merged_at;
  v.unmerged_by = r.unmerged_by;
  v.unmerged_at = r.unmerged_at;
  v.unmerge_reason = r.unmerge_reason;
  v.version = r.version;
  return v;
}

std::string moved_json(const store::MovedRows& moved) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, ids] : moved) j[key] = ids;
  return j.dump();
}

nlohmann::json moved_counts(const store::MovedRows& moved) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, ids] : moved) j[key] = ids.size();
  return j;
}

// History of the cases and reports whose child changed, filed under their case.
core::Status record_moves(store::Tx& tx, RecordHistory& history, const Actor& actor,
                          const store::MovedRows& moved, const std::string& from_child,
                          const std::string& to_child) {
  if (auto it = moved.find("cases.child_id"); it != moved.end()) {
    for (const std::string& id : it->second) {
      auto r = tx.query_one("SELECT version FROM cases WHERE id = $1", store::params(id));
      HAVEN_TRY(history.record(tx, actor, {"case", id, r ? r->integer(0) : 0, id},
                               {{"child_id", from_child, to_child, false}}));
    }
  }
  if (auto it = moved.find("reports.child_id"); it != moved.end()) {
    for (const std::string& id : it->second) {
      auto r =
          tx.query_one("SELECT version, case_id FROM reports WHERE id = $1", store::params(id));
      HAVEN_TRY(history.record(
          tx, actor,
          {"report", id, r ? r->integer(0) : 0, r ? r->opt_text(1).value_or("") : std::string()},
          {{"child_id", from_child, to_child, false}}));
    }
  }
  return core::ok_status();
}

std::pair<std::string, std::string> ordered(const std::string& a, const std::string& b) {
  return a < b ? std::pair(a, b) : std::pair(b, a);
}

}  // namespace

std::optional<security::Resource> child_resource(store::Tx& tx, const std::string& child_id) {
  auto child = store::ChildRepository::find(tx, child_id);
  if (!child) return std::nullopt;
  auto agency = store::AgencyRepository::find(tx, child->agency_id);
  security::Resource r;
  r.kind = security::ResourceKind::kChild;
  r.id = child->id;
  r.owning_agency_id = child->agency_id;
  r.country = agency ? agency->country : "";
  if (auto w = tx.query_one("SELECT assigned_worker_id FROM cases WHERE child_id = $1 ORDER BY "
                            "opened_at DESC LIMIT 1",
                            store::params(child_id)))
    r.assigned_worker_id = w->opt_text(0).value_or("");
  return r;
}

core::Status authorize_merge(store::Database& db, AccessService& access, const Actor& actor,
                             const std::string& child_id) {
  if (!core::is_valid_id(child_id)) return core::Error::not_found("No such child.");
  std::optional<security::Resource> resource;
  try {
    resource = db.read([&](store::Tx& tx) { return child_resource(tx, child_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!resource) return core::Error::not_found("No such child.");
  if (!actor.principal) return core::ok_status();
  auto allowed =
      access.authorize(*actor.principal, security::Action::kMerge, *resource, actor.request_id);
  if (!allowed.ok() && allowed.error().code == core::ErrorCode::kForbidden &&
      resource->owning_agency_id != actor.principal->agency_id)
    return core::Error::not_found("No such child in your agency.");
  return allowed;
}

core::Result<MergeView> MergeService::merge(const MergeRequest& request, const Actor& actor) {
  const std::string& survivor_id = request.survivor_child_id;
  const std::string& merged_id = request.merged_child_id;
  HAVEN_TRY(authorize_child(actor, survivor_id));
  if (survivor_id == merged_id)
    return core::Error::conflict("A child cannot be merged into itself; choose the other record.");
  HAVEN_TRY(authorize_child(actor, merged_id));
  HAVEN_TRY(check_reason(request.reason, "reason"));
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<MergeView> {
      auto survivor = store::ChildRepository::find(tx, survivor_id);
      auto merged = store::ChildRepository::find(tx, merged_id);
      if (!survivor || !merged) return core::Error::not_found("No such child.");
      if (merged->merged_into)
        return core::Error::conflict("This child was already merged into child " +
                                     *merged->merged_into + "; undo that merge first.");
      if (survivor->merged_into)
        return core::Error::conflict("The record to keep was itself merged into child " +
                                     *survivor->merged_into + "; merge into that record instead.");
      if (request.survivor_version && *request.survivor_version != survivor->version)
        return core::Error::conflict(
            "The record to keep was changed by someone else since you opened it; look at it "
            "again before merging.");
      if (request.merged_child_version && *request.merged_child_version != merged->version)
        return core::Error::conflict(
            "The duplicate record was changed by someone else since you opened it; look at it "
            "again before merging.");
      const int64_t now = clock_.now().ms;
      const store::MovedRows rows =
          store::ChildMergeRepository::rows_of(tx, merged_id, survivor_id);
      const store::MovedRows moved =
          store::ChildMergeRepository::repoint(tx, rows, merged_id, survivor_id, now);
      if (!store::ChildMergeRepository::set_merged_into(tx, merged_id, survivor_id, merged->version,
                                                        now) ||
          !store::ChildMergeRepository::touch_child(tx, survivor_id, survivor->version, now))
        return core::Error::conflict(
            "One of the records was changed by someone else just now; look at them again.");
      store::ChildMergeRow row;
      row.id = core::new_id(clock_.now());
      row.survivor_child_id = survivor_id;
      row.merged_child_id = merged_id;
      row.reason = request.reason;
      row.moved = moved_json(moved);
      row.merged_by = actor.actor_id();
      row.merged_at = now;
      store::ChildMergeRepository::insert(tx, row);
      const auto [a, b] = ordered(survivor_id, merged_id);
      if (auto pair = store::DuplicateCandidateRepository::find_pair(tx, a, b);
          pair && pair->status != "merged")
        store::DuplicateCandidateRepository::decide(tx, pair->id, "merged", actor.actor_id(), now,
                                                    pair->version);
      HAVEN_TRY(history_.record(tx, actor, {"child", merged_id, merged->version + 1, ""},
                                {{"merged_into", std::nullopt, survivor_id, false}}));
      HAVEN_TRY(history_.record(tx, actor, {"child", survivor_id, survivor->version + 1, ""},
                                {{"merged_child_id", std::nullopt, merged_id, false}}));
      HAVEN_TRY(record_moves(tx, history_, actor, moved, merged_id, survivor_id));
      nlohmann::json details{
          {"merge_id", row.id}, {"merged_child_id", merged_id}, {"moved", moved_counts(moved)}};
      audit_.record(tx,
                    {actor.actor_id(), actor.role(), actor.agency_id(), "child.merge", "child",
                     survivor_id, "case_management", "success", actor.request_id, details.dump()});
      return to_view(row);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<MergeView> MergeService::unmerge(const std::string& merge_id,
                                              const std::string& reason,
                                              std::optional<int64_t> version, const Actor& actor) {
  if (!core::is_valid_id(merge_id)) return core::Error::not_found("No such merge.");
  std::optional<store::ChildMergeRow> found;
  try {
    found =
        db_.read([&](store::Tx& tx) { return store::ChildMergeRepository::find(tx, merge_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!found) return core::Error::not_found("No such merge.");
  HAVEN_TRY(authorize_child(actor, found->survivor_child_id));
  HAVEN_TRY(authorize_child(actor, found->merged_child_id));
  HAVEN_TRY(check_reason(reason, "reason"));
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<MergeView> {
      auto m = store::ChildMergeRepository::find(tx, merge_id);
      if (!m) return core::Error::not_found("No such merge.");
      if (m->unmerged_at)
        return core::Error::conflict("This merge was already undone; the two records are apart.");
      if (version && *version != m->version)
        return core::Error::conflict(
            "This merge was changed by someone else since you opened it; look at it again.");
      auto survivor = store::ChildRepository::find(tx, m->survivor_child_id);
      auto merged = store::ChildRepository::find(tx, m->merged_child_id);
      if (!survivor || !merged) return core::Error::not_found("No such child.");
      if (survivor->merged_into)
        return core::Error::conflict("The record kept by this merge was since merged into child " +
                                     *survivor->merged_into + "; undo that merge first.");
      if (merged->merged_into != m->survivor_child_id)
        return core::Error::conflict(
            "The merged record no longer points at the record it was merged into; it cannot be "
            "un-merged automatically.");
      const int64_t now = clock_.now().ms;
      store::MovedRows recorded;
      for (const auto& [key, ids] : to_view(*m).moved) recorded[key] = ids;
      const store::MovedRows back = store::ChildMergeRepository::repoint(
          tx, recorded, m->survivor_child_id, m->merged_child_id, now);
      if (!store::ChildMergeRepository::set_merged_into(tx, merged->id, std::nullopt,
                                                        merged->version, now) ||
          !store::ChildMergeRepository::touch_child(tx, survivor->id, survivor->version, now) ||
          !store::ChildMergeRepository::mark_unmerged(tx, m->id, actor.actor_id(), now, reason,
                                                      m->version))
        return core::Error::conflict(
            "One of the records was changed by someone else just now; look at them again.");
      // Un-merged means a person decided these are two children: the pair leaves the queue.
      const auto [a, b] = ordered(survivor->id, merged->id);
      if (auto pair = store::DuplicateCandidateRepository::find_pair(tx, a, b))
        store::DuplicateCandidateRepository::decide(tx, pair->id, "dismissed", actor.actor_id(),
                                                    now, pair->version);
      HAVEN_TRY(history_.record(tx, actor, {"child", merged->id, merged->version + 1, ""},
                                {{"merged_into", survivor->id, std::nullopt, false}}));
      HAVEN_TRY(history_.record(tx, actor, {"child", survivor->id, survivor->version + 1, ""},
                                {{"merged_child_id", merged->id, std::nullopt, false}}));
      HAVEN_TRY(record_moves(tx, history_, actor, back, survivor->id, merged->id));
      nlohmann::json details{
          {"merge_id", m->id}, {"merged_child_id", merged->id}, {"moved_back", moved_counts(back)}};
      audit_.record(tx,
                    {actor.actor_id(), actor.role(), actor.agency_id(), "child.unmerge", "child",
                     survivor->id, "case_management", "success", actor.request_id, details.dump()});
      auto updated = store::ChildMergeRepository::find(tx, m->id);
      return to_view(*updated);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<MergeView> MergeService::get(const std::string& merge_id, const Actor& actor) {
  if (!core::is_valid_id(merge_id)) return core::Error::not_found("No such merge.");
  std::optional<store::ChildMergeRow> found;
  try {
    found =
        db_.read([&](store::Tx& tx) { return store::ChildMergeRepository::find(tx, merge_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!found) return core::Error::not_found("No such merge.");
  HAVEN_TRY(authorize_child(actor, found->survivor_child_id));
  HAVEN_TRY(authorize_child(actor, found->merged_child_id));
  return to_view(*found);
}

}  // namespace haven::service
