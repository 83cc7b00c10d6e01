// Participation records and the information log: authorize on the case → validate
// (domain/participation_record.h, information_given.h) → one transaction (row, history, audit).
#include "service/participation_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "service/case_record_support.h"
#include "store/repositories/participation_repository.h"

namespace haven::service {

namespace {

constexpr const char* kParticipationEntity = "participation_record";
constexpr const char* kInformationEntity = "information_given";
constexpr const char* kParticipationTable = "participation_records";
constexpr const char* kViewsColumn = "views_ct";
constexpr security::ResourceKind kParticipationKind = security::ResourceKind::kCase;

core::Result<store::ParticipationRow> to_row(const security::FieldCipher& cipher,
                                             const domain::ParticipationRecord& r) {
  store::ParticipationRow x;
  x.id = r.id;
  x.stage = std::string(domain::to_code(r.stage));
  x.decision = r.decision;
  x.offered_on = date_text(r.space.offered_on);
  x.setting = r.space.setting;
  x.support_person = r.space.support_person;
  x.interpreter_language = r.space.interpreter_language;
  if (r.space.accessible_format)
    x.accessible_format = std::string(domain::to_code(*r.space.accessible_format));
  if (!r.voice.views.empty()) {
    auto ct = cipher.encrypt(r.voice.views, {kParticipationTable, kViewsColumn, r.id});
    if (!ct.ok()) return ct.take_error();
    x.views_ct = store::Blob{std::move(*ct)};
  }
  x.declined = r.voice.declined;
  x.decision_maker = r.audience.decision_maker;
  x.weight_given = r.influence.weight_given;
  x.feedback_given_on = date_text(r.influence.feedback_given_on);
  x.feedback_how = r.influence.feedback_how;
  return x;
}

core::Result<ParticipationEntry> from_row(const security::FieldCipher& cipher,
                                          const store::ParticipationRow& x) {
  ParticipationEntry out;
  domain::ParticipationRecord& r = out.record;
  r.id = x.id;
  r.stage = domain::parse_case_stage(x.stage).value_or(r.stage);
  r.decision = x.decision;
  r.space.offered_on = parse_stored_date(x.offered_on);
  r.space.setting = x.setting;
  r.space.support_person = x.support_person;
  r.space.interpreter_language = x.interpreter_language;
  if (x.accessible_format)
    r.space.accessible_format = domain::parse_information_format(*x.accessible_format);
  if (x.views_ct) {
    auto views = cipher.decrypt(x.views_ct->bytes, {kParticipationTable, kViewsColumn, x.id});
    if (!views.ok()) return views.take_error();
    r.voice.views = std::string(views->view());
  }
  r.voice.declined = x.declined;
  r.audience.decision_maker = x.decision_maker;
  r.influence.weight_given = x.weight_given;
  r.influence.feedback_given_on = parse_stored_date(x.feedback_given_on);
  r.influence.feedback_how = x.feedback_how;
  out.case_id = x.case_id;
  out.created_by = x.created_by;
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

FieldMap fields_of(const domain::ParticipationRecord& r) {
  return {{"stage", std::string(domain::to_code(r.stage))},
          {"decision", r.decision},
          {"space.offered_on", date_text(r.space.offered_on)},
          {"space.setting", r.space.setting},
          {"space.support_person", r.space.support_person},
          {"space.interpreter_language", r.space.interpreter_language},
          {"space.accessible_format",
           r.space.accessible_format ? std::optional<std::string>(
                                           std::string(domain::to_code(*r.space.accessible_format)))
                                     : std::nullopt},
          {"voice.views",
           r.voice.views.empty() ? std::nullopt : std::optional<std::string>(r.voice.views)},
          {"voice.declined", r.voice.declined ? "true" : "false"},
          {"audience.decision_maker", r.audience.decision_maker},
          {"influence.weight_given", r.influence.weight_given},
          {"influence.feedback_given_on", date_text(r.influence.feedback_given_on)},
          {"influence.feedback_how", r.influence.feedback_how}};
}

store::InformationGivenRow to_row(const domain::InformationGiven& e) {
  store::InformationGivenRow x;
  x.id = e.id;
  x.given_on = e.given_on.to_string();
  x.stage = std::string(domain::to_code(e.stage));
  x.what = e.what;
  x.language = e.language;
  x.format = std::string(domain::to_code(e.format));
  if (!e.recipient_person_id.empty()) x.recipient_person_id = e.recipient_person_id;
  x.given_by = e.given_by;
  return x;
}

InformationEntry from_row(const store::InformationGivenRow& x) {
  InformationEntry out;
  domain::InformationGiven& e = out.entry;
  e.id = x.id;
  e.given_on = core::Date::parse(x.given_on).value_or(core::Date());
  e.stage = domain::parse_case_stage(x.stage).value_or(e.stage);
  e.what = x.what;
  e.language = x.language;
  e.format = domain::parse_information_format(x.format).value_or(e.format);
  e.recipient_person_id = x.recipient_person_id.value_or("");
  e.given_by = x.given_by;
  out.case_id = x.case_id;
  out.created_by = x.created_by;
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

FieldMap fields_of(const store::InformationGivenRow& x) {
  return {{"given_on", x.given_on}, {"stage", x.stage},
          {"what", x.what},         {"language", x.language},
          {"format", x.format},     {"recipient_person_id", x.recipient_person_id},
          {"given_by", x.given_by}};
}

std::string details(const std::string& case_id, const std::string& stage) {
  return nlohmann::json{{"case_id", case_id}, {"stage", stage}}.dump();
}

}  // namespace

core::Result<std::vector<ParticipationEntry>> ParticipationService::list(
    const Actor& actor, const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kParticipationKind);
  if (!c.ok()) return c.take_error();
  auto rows =
      read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::ParticipationRow>> {
        return store::ParticipationRepository::for_case(tx, case_id);
      });
  if (!rows.ok()) return rows.take_error();
  const security::FieldCipher cipher = keys_.cipher();
  std::vector<ParticipationEntry> out;
  for (const auto& x : *rows) {
    auto e = from_row(cipher, x);
    if (!e.ok()) return e.take_error();
    out.push_back(std::move(*e));
  }
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(),
                           "participation_record.list", "case", case_id, "case_work", "success",
                           actor.request_id, nlohmann::json{{"count", out.size()}}.dump()}));
  return out;
}

core::Result<ParticipationEntry> ParticipationService::create(const Actor& actor,
                                                              const std::string& case_id,
                                                              domain::ParticipationRecord record) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kCreate, case_id,
                                 kParticipationKind);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  HAVEN_TRY(domain::validate_participation_record(record, today(clock_)));
  record.id = core::new_id(now);
  const security::FieldCipher cipher = keys_.cipher();
  auto row = to_row(cipher, record);
  if (!row.ok()) return row.take_error();
  row->case_id = case_id;
  row->created_by = actor.actor_id();
  row->created_at = row->updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<ParticipationEntry> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::ParticipationRepository::insert(tx, *row);
    HAVEN_TRY(history_.record(tx, actor, {kParticipationEntity, row->id, 1, case_id},
                              field_changes({}, fields_of(record), {"voice.views"})));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       "participation_record.create", kParticipationEntity, row->id, "case_work",
                       "success", actor.request_id, details(case_id, row->stage)});
    ParticipationEntry out{record, case_id, row->created_by, 1, row->created_at, row->updated_at};
    return out;
  });
}

core::Result<ParticipationEntry> ParticipationService::update(const Actor& actor,
                                                              const std::string& case_id,
                                                              const std::string& record_id,
                                                              int64_t version,
                                                              domain::ParticipationRecord record) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kUpdate, case_id,
                                 kParticipationKind, record_id);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  HAVEN_TRY(domain::validate_participation_record(record, today(clock_)));
  record.id = record_id;
  const security::FieldCipher cipher = keys_.cipher();
  auto row = to_row(cipher, record);
  if (!row.ok()) return row.take_error();
  row->case_id = case_id;
  row->updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<ParticipationEntry> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto stored = store::ParticipationRepository::find(tx, case_id, record_id);
    if (!stored) return core::Error::not_found("No such participation record in this case.");
    if (stored->version != version || !store::ParticipationRepository::update(tx, *row, version))
      return record_conflict("The participation record", stored->version);
    auto before = from_row(cipher, *stored);
    if (!before.ok()) return before.take_error();
    HAVEN_TRY(history_.record(
        tx, actor, {kParticipationEntity, record_id, version + 1, case_id},
        field_changes(fields_of(before->record), fields_of(record), {"voice.views"})));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       "participation_record.update", kParticipationEntity, record_id, "case_work",
                       "success", actor.request_id, details(case_id, row->stage)});
    ParticipationEntry out{
        record, case_id, stored->created_by, version + 1, stored->created_at, row->updated_at};
    return out;
  });
}

core::Result<std::vector<InformationEntry>> ParticipationService::list_information(
    const Actor& actor, const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kParticipationKind);
  if (!c.ok()) return c.take_error();
  auto rows =
      read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::InformationGivenRow>> {
        return store::ParticipationRepository::information_for_case(tx, case_id);
      });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(),
                           "information_given.list", "case", case_id, "case_work", "success",
                           actor.request_id, nlohmann::json{{"count", rows->size()}}.dump()}));
  std::vector<InformationEntry> out;
  for (const auto& x : *rows) out.push_back(from_row(x));
  return out;
}

core::Result<InformationEntry> ParticipationService::create_information(
    const Actor& actor, const std::string& case_id, domain::InformationGiven entry) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kCreate, case_id,
                                 kParticipationKind);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  if (entry.given_by.empty()) entry.given_by = actor.actor_id();
  HAVEN_TRY(domain::validate_information_given(entry, today(clock_)));
  entry.id = core::new_id(now);
  store::InformationGivenRow row = to_row(entry);
  row.case_id = case_id;
  row.created_by = actor.actor_id();
  row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<InformationEntry> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::ParticipationRepository::insert(tx, row);
    HAVEN_TRY(history_.record(tx, actor, {kInformationEntity, row.id, 1, case_id},
                              field_changes({}, fields_of(row))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       "information_given.create", kInformationEntity, row.id, "case_work",
                       "success", actor.request_id, details(case_id, row.stage)});
    return from_row(row);
  });
}

core::Result<InformationEntry> ParticipationService::update_information(
    const Actor& actor, const std::string& case_id, const std::string& entry_id, int64_t version,
    domain::InformationGiven entry) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kUpdate, case_id,
                                 kParticipationKind, entry_id);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  if (entry.given_by.empty()) entry.given_by = actor.actor_id();
  HAVEN_TRY(domain::validate_information_given(entry, today(clock_)));
  entry.id = entry_id;
  store::InformationGivenRow row = to_row(entry);
  row.case_id = case_id;
  row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<InformationEntry> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto stored = store::ParticipationRepository::find_information(tx, case_id, entry_id);
    if (!stored) return core::Error::not_found("No such information entry in this case.");
    if (stored->version != version || !store::ParticipationRepository::update(tx, row, version))
      return record_conflict("The information entry", stored->version);
    row.created_by = stored->created_by;
    row.created_at = stored->created_at;
    row.version = version + 1;
    HAVEN_TRY(history_.record(tx, actor, {kInformationEntity, row.id, row.version, case_id},
                              field_changes(fields_of(*stored), fields_of(row))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                       "information_given.update", kInformationEntity, row.id, "case_work",
                       "success", actor.request_id, details(case_id, row.stage)});
    return from_row(row);
  });
}

}  // namespace haven::service
