// Referrals: authorize on the case → fill who recorded consent or overrode it → validate
// (domain/referral.h) → one transaction (row, history, audit).
#include "service/referral_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "service/case_record_support.h"
#include "store/repositories/referral_repository.h"

namespace haven::service {

namespace {

constexpr const char* kReferralEntity = "referral";
constexpr security::ResourceKind kReferralKind = security::ResourceKind::kPlan;

store::ReferralRow to_row(const domain::Referral& r) {
  store::ReferralRow x;
  x.id = r.id;
  x.service_type = std::string(domain::to_code(r.service_type));
  x.provider = r.provider;
  x.status = std::string(domain::to_code(r.status));
  x.referred_on = date_text(r.referred_on);
  x.consent_required = r.consent_required;
  if (r.consent) {
    x.consent_given_by = r.consent->given_by;
    x.consent_given_on = r.consent->given_on.to_string();
    x.consent_recorded_by = r.consent->recorded_by;
  }
  if (r.consent_override) {
    x.override_by = r.consent_override->supervisor_id;
    x.override_reason = r.consent_override->reason;
    x.override_on = r.consent_override->on.to_string();
  }
  x.notes = r.notes;
  return x;
}

ReferralRecord from_row(const store::ReferralRow& x) {
  ReferralRecord out;
  domain::Referral& r = out.referral;
  r.id = x.id;
  r.service_type = domain::parse_service_type(x.service_type).value_or(r.service_type);
  r.provider = x.provider;
  r.status = domain::parse_referral_status(x.status).value_or(r.status);
  r.referred_on = parse_stored_date(x.referred_on);
  r.consent_required = x.consent_required;
  if (x.consent_given_by) {
    r.consent = domain::ConsentRecord{*x.consent_given_by,
                                      parse_stored_date(x.consent_given_on).value_or(core::Date()),
                                      x.consent_recorded_by.value_or("")};
  }
  if (x.override_by) {
    r.consent_override =
        domain::ConsentOverride{*x.override_by, x.override_reason.value_or(""),
                                parse_stored_date(x.override_on).value_or(core::Date())};
  }
  r.notes = x.notes;
  out.case_id = x.case_id;
  out.created_by = x.created_by;
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

FieldMap fields_of(const store::ReferralRow& x) {
  return {{"service_type", x.service_type},
          {"provider", x.provider},
          {"status", x.status},
          {"referred_on", x.referred_on},
          {"consent_required", x.consent_required ? "true" : "false"},
          {"consent.given_by", x.consent_given_by},
          {"consent.given_on", x.consent_given_on},
          {"consent.recorded_by", x.consent_recorded_by},
          {"consent_override.supervisor_id", x.override_by},
          {"consent_override.reason", x.override_reason},
          {"consent_override.on", x.override_on},
          {"notes", x.notes}};
}

std::string details(const std::string& case_id, const store::ReferralRow& x) {
  return nlohmann::json{
      {"case_id", case_id}, {"status", x.status}, {"consent_override", x.override_by.has_value()}}
      .dump();
}

}  // namespace

core::Result<std::vector<ReferralRecord>> ReferralService::list(const Actor& actor,
                                                                const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kReferralKind);
  if (!c.ok()) return c.take_error();
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::ReferralRow>> {
    return store::ReferralRepository::for_case(tx, case_id);
  });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "referral.list",
                           "case", case_id, "case_work", "success", actor.request_id,
                           nlohmann::json{{"count", rows->size()}}.dump()}));
  std::vector<ReferralRecord> out;
  for (const auto& x : *rows) out.push_back(from_row(x));
  return out;
}

core::Result<ReferralRecord> ReferralService::create(const Actor& actor, const std::string& case_id,
                                                     domain::Referral referral) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kCreate, case_id,
                                 kReferralKind);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  const core::Date day = today(clock_);
  referral.id = core::new_id(now);
  if (referral.consent) referral.consent->recorded_by = actor.actor_id();
  if (referral.consent_override) {
    HAVEN_TRY(
        case_access_.authorize(actor, security::Action::kApprove, *c, kReferralKind, referral.id));
    referral.consent_override->supervisor_id = actor.actor_id();
    referral.consent_override->on = day;
  }
  HAVEN_TRY(domain::validate_referral(referral, day));

  store::ReferralRow row = to_row(referral);
  row.case_id = case_id;
  row.created_by = actor.actor_id();
  row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<ReferralRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::ReferralRepository::insert(tx, row);
    HAVEN_TRY(history_.record(tx, actor, {kReferralEntity, row.id, 1, case_id},
                              field_changes({}, fields_of(row))));
    audit_.record(
        tx, {actor.actor_id(), actor.role(), actor.agency_id(), "referral.create", kReferralEntity,
             row.id, "case_work", "success", actor.request_id, details(case_id, row)});
    return from_row(row);
  });
}

core::Result<ReferralRecord> ReferralService::update(const Actor& actor, const std::string& case_id,
                                                     const std::string& referral_id,
                                                     int64_t version, domain::Referral referral) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kUpdate, case_id,
                                 kReferralKind, referral_id);
  if (!c.ok()) return c.take_error();
  auto before = read_tx(db_, [&](store::Tx& tx) -> core::Result<store::ReferralRow> {
    auto x = store::ReferralRepository::find(tx, case_id, referral_id);
    if (!x) return core::Error::not_found("No such referral in this case.");
    return std::move(*x);
  });
  if (!before.ok()) return before.take_error();
  if (before->version != version) return record_conflict("The referral", before->version);

  const auto now = clock_.now();
  const core::Date day = today(clock_);
  const ReferralRecord old = from_row(*before);
  referral.id = referral_id;
  if (referral.consent) {
    const auto& o = old.referral.consent;
    const bool same =
        o && o->given_by == referral.consent->given_by && o->given_on == referral.consent->given_on;
    referral.consent->recorded_by = same ? o->recorded_by : actor.actor_id();
  }
  if (referral.consent_override) {
    const auto& o = old.referral.consent_override;
    if (o && o->reason == referral.consent_override->reason) {
      referral.consent_override = o;
    } else {
      HAVEN_TRY(case_access_.authorize(actor, security::Action::kApprove, *c, kReferralKind,
                                       referral_id));
      referral.consent_override->supervisor_id = actor.actor_id();
      referral.consent_override->on = day;
    }
  }
  HAVEN_TRY(domain::validate_referral(referral, day));

  store::ReferralRow row = to_row(referral);
  row.case_id = case_id;
  row.created_by = before->created_by;
  row.created_at = before->created_at;
  row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<ReferralRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto stored = store::ReferralRepository::find(tx, case_id, referral_id);
    if (!stored) return core::Error::not_found("No such referral in this case.");
    if (stored->version != version || !store::ReferralRepository::update(tx, row, version))
      return record_conflict("The referral", stored->version);
    row.version = version + 1;
    HAVEN_TRY(history_.record(tx, actor, {kReferralEntity, row.id, row.version, case_id},
                              field_changes(fields_of(*stored), fields_of(row))));
    audit_.record(
        tx, {actor.actor_id(), actor.role(), actor.agency_id(), "referral.update", kReferralEntity,
             row.id, "case_work", "success", actor.request_id, details(case_id, row)});
    return from_row(row);
  });
}

}  // namespace haven::service
