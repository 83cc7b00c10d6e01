// The duplicate review queue: writing a scan's pairs (one transaction, one audit event), listing
// an agency's pairs and dismissing one. Who may review is the policy's decision: child.merge on
// the agency's children (supervisors), as for merging itself.
#include "service/duplicates/dedupe_service.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/id.h"
#include "service/duplicates/merge_service.h"
#include "store/repositories/duplicate_candidate_repository.h"

namespace haven::service {

namespace {

constexpr size_t kMaxExplanation = 2000;

DuplicateChild to_child(const store::DuplicateChildRow& r) {
  return {r.id,          r.given_names, r.family_names,
          r.sex,         r.birth_date,  r.birth_date_estimated,
          r.merged_into, r.cases,       r.version,
          r.created_at};
}

DuplicateCandidate to_candidate(const store::DuplicateCandidateRow& r,
                                const std::unordered_map<std::string, DuplicateChild>& children) {
  DuplicateCandidate c;
  c.id = r.id;
  if (auto it = children.find(r.child_a_id); it != children.end()) c.a = it->second;
  if (auto it = children.find(r.child_b_id); it != children.end()) c.b = it->second;
  c.a.id = r.child_a_id;
  c.b.id = r.child_b_id;
  c.weight = r.weight;
  c.probability = r.probability;
  c.explanation = r.explanation;
  c.status = r.status;
  c.found_at = r.found_at;
  c.decided_by = r.decided_by;
  c.decided_at = r.decided_at;
  c.version = r.version;
  return c;
}

std::unordered_map<std::string, DuplicateChild> children_of(
    store::Tx& tx, const std::vector<store::DuplicateCandidateRow>& rows) {
  std::vector<std::string> ids;
  for (const auto& r : rows) {
    ids.push_back(r.child_a_id);
    ids.push_back(r.child_b_id);
  }
  std::unordered_map<std::string, DuplicateChild> out;
  for (const auto& c : store::DuplicateCandidateRepository::children(tx, ids))
    out.emplace(c.id, to_child(c));
  return out;
}

}  // namespace

core::Result<DedupeWriteSummary> DedupeService::record_pairs(
    const std::vector<DuplicatePairInput>& pairs, const DedupeRun& run, const Actor& actor) {
  if (actor.principal)
    return core::Error::forbidden(
        "The review queue is written by the `haven dedupe` batch job, not by a signed-in user.");
  for (const auto& p : pairs) {
    if (p.first.empty() || p.second.empty() || p.first == p.second)
      return core::Error::invalid("A duplicate pair must name two different children.");
  }
  DedupeWriteSummary summary;
  summary.pairs = pairs.size();
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<DedupeWriteSummary> {
      const auto merged_list = store::DuplicateCandidateRepository::merged_children(tx);
      const std::unordered_set<std::string> merged(merged_list.begin(), merged_list.end());
      const auto now = clock_.now();
      for (const auto& p : pairs) {
        if (merged.count(p.first) || merged.count(p.second)) {
          ++summary.skipped_merged;
          continue;
        }
        store::DuplicateCandidateRow row;
        row.child_a_id = std::min(p.first, p.second);
        row.child_b_id = std::max(p.first, p.second);
        row.weight = p.weight;
        row.probability = p.probability;
        row.explanation = p.explanation.substr(0, kMaxExplanation);
        row.found_at = now.ms;
        auto existing =
            store::DuplicateCandidateRepository::find_pair(tx, row.child_a_id, row.child_b_id);
        if (!existing) {
          row.id = core::new_id(now);
          store::DuplicateCandidateRepository::insert(tx, row);
          ++summary.queued;
        } else if (existing->status == "open") {
          row.id = existing->id;
          store::DuplicateCandidateRepository::refresh(tx, row);
          ++summary.refreshed;
        } else {
          ++summary.kept_decided;
        }
      }
      nlohmann::json details{{"children", run.children},
                             {"pairs_compared", run.pairs_compared},
                             {"min_probability", run.min_probability},
                             {"seconds", run.seconds},
                             {"pairs", summary.pairs},
                             {"queued", summary.queued},
                             {"refreshed", summary.refreshed},
                             {"kept_decided", summary.kept_decided},
                             {"skipped_merged", summary.skipped_merged}};
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "duplicates.scan",
                         "duplicate_candidates", "", "case_management", "success", actor.request_id,
                         details.dump()});
      return summary;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<DuplicatePage> DedupeService::list(const Actor& actor,
                                                const DuplicateListOptions& options) {
  if (!actor.principal)
    return core::Error::invalid(
        "The review queue belongs to an agency: sign in as its supervisor.");
  security::Resource agency_children;
  agency_children.kind = security::ResourceKind::kChild;
  agency_children.owning_agency_id = actor.principal->agency_id;
  agency_children.country = actor.principal->country;
  HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kMerge, agency_children,
                              actor.request_id));
  if (options.status != "open" && options.status != "dismissed" && options.status != "merged")
    return core::Error::invalid("The status is not valid.",
                                {{"status", "Give open, dismissed or merged."}});
  if (options.limit < 1 || options.limit > 200)
    return core::Error::invalid("Ask for 1 to 200 pairs at a time.",
                                {{"limit", "Give a number from 1 to 200."}});
  if (options.offset < 0)
    return core::Error::invalid("The offset is not valid.",
                                {{"offset", "Give a whole number from 0."}});
  DuplicatePage page;
  store::DuplicateCandidateQuery query{actor.principal->agency_id, options.status,
                                       options.limit + 1, options.offset};
  try {
    db_.read([&](store::Tx& tx) {
      auto rows = store::DuplicateCandidateRepository::list(tx, query);
      const bool more = static_cast<int>(rows.size()) > options.limit;
      if (more) rows.pop_back();
      const auto children = children_of(tx, rows);
      for (const auto& r : rows) page.candidates.push_back(to_candidate(r, children));
      if (more) page.next_offset = options.offset + options.limit;
      page.total = store::DuplicateCandidateRepository::count(tx, query);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  nlohmann::json details{{"status", options.status}, {"pairs", page.candidates.size()}};
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "duplicates.list",
                           "duplicate_candidates", "", "case_management", "success",
                           actor.request_id, details.dump()}));
  return page;
}

core::Result<DuplicateCandidate> DedupeService::dismiss(const Actor& actor,
                                                        const std::string& candidate_id,
                                                        std::optional<int64_t> version) {
  if (!core::is_valid_id(candidate_id)) return core::Error::not_found("No such pair.");
  std::optional<store::DuplicateCandidateRow> found;
  try {
    found = db_.read(
        [&](store::Tx& tx) { return store::DuplicateCandidateRepository::find(tx, candidate_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!found) return core::Error::not_found("No such pair.");
  for (const std::string& child : {found->child_a_id, found->child_b_id}) {
    auto allowed = authorize_merge(db_, access_, actor, child);
    if (!allowed.ok()) {
      if (allowed.error().code == core::ErrorCode::kNotFound)
        return core::Error::not_found("No such pair in your agency.");
      return allowed.take_error();
    }
  }
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<DuplicateCandidate> {
      auto row = store::DuplicateCandidateRepository::find(tx, candidate_id);
      if (!row) return core::Error::not_found("No such pair.");
      if (row->status != "open")
        return core::Error::conflict("This pair was already " + row->status + ".");
      if (version && *version != row->version)
        return core::Error::conflict(
            "This pair was changed by someone else since you opened it; look at it again.");
      const int64_t now = clock_.now().ms;
      if (!store::DuplicateCandidateRepository::decide(tx, row->id, "dismissed", actor.actor_id(),
                                                       now, row->version))
        return core::Error::conflict("This pair was changed by someone else just now.");
      nlohmann::json details{{"child_a_id", row->child_a_id}, {"child_b_id", row->child_b_id}};
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "duplicates.dismiss",
                         "duplicate_candidate", row->id, "case_management", "success",
                         actor.request_id, details.dump()});
      auto updated = store::DuplicateCandidateRepository::find(tx, row->id);
      std::vector<store::DuplicateCandidateRow> rows{*updated};
      return to_candidate(*updated, children_of(tx, rows));
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
