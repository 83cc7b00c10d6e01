// Case notes: authorize on the case → validate (domain/case_note.h) → encrypt → one transaction
// (row, history with the text encrypted, audit).
#include "service/case_note_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "service/case_note_rows.h"
#include "service/case_record_support.h"
#include "store/repositories/case_note_repository.h"

namespace haven::service {

namespace {

constexpr const char* kCaseNoteEntity = "case_note";
constexpr const char* kCaseNoteTable = "case_notes";
constexpr const char* kCaseNoteColumn = "body_ct";
constexpr security::ResourceKind kCaseNoteKind = security::ResourceKind::kNote;

FieldMap fields_of(const domain::CaseNote& n) {
  return {{"occurred_on", date_text(n.occurred_on)}, {"text", n.text}};
}

}  // namespace

core::Result<CaseNoteRecord> open_case_note(const security::FieldCipher& cipher,
                                            const store::CaseNoteRow& x) {
  auto text = cipher.decrypt(x.body_ct.bytes, {kCaseNoteTable, kCaseNoteColumn, x.id});
  if (!text.ok()) return text.take_error();
  CaseNoteRecord out;
  out.note.id = x.id;
  out.note.written_at = {x.written_at};
  out.note.author_id = x.created_by;
  out.note.occurred_on = parse_stored_date(x.occurred_on);
  out.note.text = std::string(text->view());
  out.case_id = x.case_id;
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

core::Result<std::vector<CaseNoteRecord>> CaseNoteService::list(const Actor& actor,
                                                                const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kCaseNoteKind);
  if (!c.ok()) return c.take_error();
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::CaseNoteRow>> {
    return store::CaseNoteRepository::for_case(tx, case_id);
  });
  if (!rows.ok()) return rows.take_error();
  const security::FieldCipher cipher = keys_.cipher();
  std::vector<CaseNoteRecord> out;
  for (const auto& x : *rows) {
    auto note = open_case_note(cipher, x);
    if (!note.ok()) return note.take_error();
    out.push_back(std::move(*note));
  }
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "case_note.list",
                           "case", case_id, "case_work", "success", actor.request_id,
                           nlohmann::json{{"count", out.size()}}.dump()}));
  return out;
}

core::Result<CaseNoteRecord> CaseNoteService::create(const Actor& actor, const std::string& case_id,
                                                     domain::CaseNote note) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kCreate, case_id,
                                 kCaseNoteKind);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  note.id = core::new_id(now);
  note.author_id = actor.actor_id();
  note.written_at = now;
  HAVEN_TRY(domain::validate_case_note(note, today(clock_)));
  auto ct = keys_.cipher().encrypt(note.text, {kCaseNoteTable, kCaseNoteColumn, note.id});
  if (!ct.ok()) return ct.take_error();
  store::CaseNoteRow row;
  row.id = note.id;
  row.case_id = case_id;
  row.written_at = now.ms;
  row.occurred_on = date_text(note.occurred_on);
  row.body_ct = store::Blob{std::move(*ct)};
  row.created_by = note.author_id;
  row.created_at = row.updated_at = now.ms;
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CaseNoteRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::CaseNoteRepository::insert(tx, row);
    HAVEN_TRY(history_.record(tx, actor, {kCaseNoteEntity, row.id, 1, case_id},
                              field_changes({}, fields_of(note), {"text"})));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "case_note.create",
                       kCaseNoteEntity, row.id, "case_work", "success", actor.request_id,
                       nlohmann::json{{"case_id", case_id}}.dump()});
    CaseNoteRecord out{note, case_id, 1, row.created_at, row.updated_at};
    return out;
  });
}

core::Result<CaseNoteRecord> CaseNoteService::update(const Actor& actor, const std::string& case_id,
                                                     const std::string& note_id, int64_t version,
                                                     domain::CaseNote note) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kUpdate, case_id,
                                 kCaseNoteKind, note_id);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  const security::FieldCipher cipher = keys_.cipher();
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<CaseNoteRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto stored = store::CaseNoteRepository::find(tx, case_id, note_id);
    if (!stored) return core::Error::not_found("No such note in this case.");
    auto before = open_case_note(cipher, *stored);
    if (!before.ok()) return before.take_error();
    note.id = note_id;
    note.author_id = before->note.author_id;
    note.written_at = before->note.written_at;
    HAVEN_TRY(domain::validate_case_note(note, today(clock_)));
    if (stored->version != version) return record_conflict("The note", stored->version);
    auto ct = cipher.encrypt(note.text, {kCaseNoteTable, kCaseNoteColumn, note_id});
    if (!ct.ok()) return ct.take_error();
    store::CaseNoteRow row = *stored;
    row.occurred_on = date_text(note.occurred_on);
    row.body_ct = store::Blob{std::move(*ct)};
    row.updated_at = now.ms;
    if (!store::CaseNoteRepository::update(tx, row, version))
      return record_conflict("The note", stored->version);
    row.version = version + 1;
    HAVEN_TRY(history_.record(tx, actor, {kCaseNoteEntity, row.id, row.version, case_id},
                              field_changes(fields_of(before->note), fields_of(note), {"text"})));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "case_note.update",
                       kCaseNoteEntity, row.id, "case_work", "success", actor.request_id,
                       nlohmann::json{{"case_id", case_id}}.dump()});
    CaseNoteRecord out{note, case_id, row.version, row.created_at, row.updated_at};
    return out;
  });
}

}  // namespace haven::service
