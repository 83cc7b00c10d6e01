// Placements: authorize on the case → validate (domain/placement.h) → one transaction (row and
// its entry reasons, history, audit).
#include "service/placement_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "service/case_record_support.h"
#include "store/repositories/placement_repository.h"

namespace haven::service {

namespace {

constexpr const char* kPlacementEntity = "placement";
constexpr security::ResourceKind kPlacementKind = security::ResourceKind::kPlacement;

std::string review_dates_json(const std::vector<core::Date>& dates) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& d : dates) j.push_back(d.to_string());
  return j.dump();
}

// Codes in the domain's order, so the history compares like with like.
std::vector<std::string> reason_codes(std::vector<domain::EntryReason> reasons) {
  std::sort(reasons.begin(), reasons.end());
  std::vector<std::string> out;
  for (auto r : reasons) out.emplace_back(domain::to_code(r));
  return out;
}

std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

store::PlacementRow to_row(const domain::Placement& p) {
  store::PlacementRow x;
  x.id = p.id;
  x.type = std::string(domain::to_code(p.type));
  x.provider = p.provider;
  x.start_on = p.start_on.to_string();
  x.end_on = date_text(p.end_on);
  x.entry_reasons = reason_codes(p.entry_reasons);
  x.reason = p.reason;
  if (p.exit_destination) x.exit_destination = std::string(domain::to_code(*p.exit_destination));
  x.end_reason = p.end_reason;
  x.review_dates = review_dates_json(p.review_dates);
  return x;
}

PlacementRecord from_row(const store::PlacementRow& x) {
  PlacementRecord out;
  domain::Placement& p = out.placement;
  p.id = x.id;
  p.type = domain::parse_placement_type(x.type).value_or(p.type);
  p.provider = x.provider;
  p.start_on = core::Date::parse(x.start_on).value_or(core::Date());
  p.end_on = parse_stored_date(x.end_on);
  for (const auto& code : x.entry_reasons)
    if (auto r = domain::parse_entry_reason(code)) p.entry_reasons.push_back(*r);
  std::sort(p.entry_reasons.begin(), p.entry_reasons.end());
  p.reason = x.reason;
  if (x.exit_destination) p.exit_destination = domain::parse_exit_destination(*x.exit_destination);
  p.end_reason = x.end_reason;
  auto dates = nlohmann::json::parse(x.review_dates, nullptr, false);
  if (dates.is_array())
    for (const auto& d : dates)
      if (d.is_string())
        if (auto day = core::Date::parse(d.get<std::string>())) p.review_dates.push_back(*day);
  out.case_id = x.case_id;
  out.created_by = x.created_by;
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

std::vector<std::string> reason_codes_of(const store::PlacementRow& x) {
  std::vector<domain::EntryReason> reasons;
  for (const auto& code : x.entry_reasons)
    if (auto r = domain::parse_entry_reason(code)) reasons.push_back(*r);
  return reason_codes(std::move(reasons));
}

FieldMap fields_of(const store::PlacementRow& x) {
  return {{"type", x.type},
          {"provider", x.provider},
          {"start_on", x.start_on},
          {"end_on", x.end_on},
          {"entry_reasons", joined(reason_codes_of(x))},
          {"reason", x.reason},
          {"exit_destination", x.exit_destination},
          {"end_reason", x.end_reason},
          {"review_dates", x.review_dates}};
}

std::string details(const std::string& case_id, const store::PlacementRow& x) {
  return nlohmann::json{{"case_id", case_id}, {"type", x.type}}.dump();
}

}  // namespace

core::Result<std::vector<PlacementRecord>> PlacementService::list(const Actor& actor,
                                                                  const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kPlacementKind);
  if (!c.ok()) return c.take_error();
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::PlacementRow>> {
    return store::PlacementRepository::for_case(tx, case_id);
  });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "placement.list",
                           "case", case_id, "case_work", "success", actor.request_id,
                           nlohmann::json{{"count", rows->size()}}.dump()}));
  std::vector<PlacementRecord> out;
  for (const auto& x : *rows) out.push_back(from_row(x));
  return out;
}

core::Result<PlacementRecord> PlacementService::create(const Actor& actor,
                                                       const std::string& case_id,
                                                       domain::Placement placement) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kCreate, case_id,
                                 kPlacementKind);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  HAVEN_TRY(domain::validate_placement(placement, today(clock_)));
  placement.id = core::new_id(now);
  store::PlacementRow row = to_row(placement);
  row.case_id = case_id;
  row.created_by = actor.actor_id();
  row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<PlacementRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::PlacementRepository::insert(tx, row);
    HAVEN_TRY(history_.record(tx, actor, {kPlacementEntity, row.id, 1, case_id},
                              field_changes({}, fields_of(row))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "placement.create",
                       kPlacementEntity, row.id, "case_work", "success", actor.request_id,
                       details(case_id, row)});
    return from_row(row);
  });
}

core::Result<PlacementRecord> PlacementService::update(const Actor& actor,
                                                       const std::string& case_id,
                                                       const std::string& placement_id,
                                                       int64_t version,
                                                       domain::Placement placement) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kUpdate, case_id,
                                 kPlacementKind, placement_id);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  // A placement recorded before entry reasons were coded may stay without them (checked below).
  HAVEN_TRY(domain::validate_placement(placement, today(clock_), domain::EntryReasons::kOptional));
  placement.id = placement_id;
  store::PlacementRow row = to_row(placement);
  row.case_id = case_id;
  row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<PlacementRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto stored = store::PlacementRepository::find(tx, case_id, placement_id);
    if (!stored) return core::Error::not_found("No such placement in this case.");
    if (stored->version != version) return record_conflict("The placement", stored->version);
    if (row.entry_reasons.empty() && !stored->entry_reasons.empty())  // coded once, stays coded
      HAVEN_TRY(domain::validate_placement(placement, today(clock_)));
    if (!store::PlacementRepository::update(tx, row, version))
      return record_conflict("The placement", stored->version);
    row.created_by = stored->created_by;
    row.created_at = stored->created_at;
    row.version = version + 1;
    HAVEN_TRY(history_.record(tx, actor, {kPlacementEntity, row.id, row.version, case_id},
                              field_changes(fields_of(*stored), fields_of(row))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "placement.update",
                       kPlacementEntity, row.id, "case_work", "success", actor.request_id,
                       details(case_id, row)});
    return from_row(row);
  });
}

}  // namespace haven::service
