// Persons and relationships: authorize on the child's newest case → validate (domain/person.h,
// relationship.h) → one transaction (rows, field history, audit).
#include "service/person_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "domain/field_errors.h"
#include "security/field_cipher.h"
#include "service/case_json.h"
#include "service/case_record_support.h"
#include "store/repositories/person_repository.h"

namespace haven::service {

namespace {

constexpr security::ResourceKind kPersonKind = security::ResourceKind::kChild;

template <class E>
std::string enum_list_json(const std::vector<E>& values) {
  nlohmann::json j = nlohmann::json::array();
  for (E v : values) j.push_back(domain::to_code(v));
  return j.dump();
}

// The encrypted part of a person: how to recognise and reach them.
std::string contact_json(const domain::Person& p) {
  return nlohmann::json{{"description", p.description},
                        {"phone", p.phone},
                        {"email", p.email},
                        {"address", p.address}}
      .dump();
}

bool has_contact(const domain::Person& p) {
  return !p.description.empty() || !p.phone.empty() || !p.email.empty() || !p.address.empty();
}

std::string identity_numbers_text(const std::vector<domain::IdentityNumber>& numbers) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& n : numbers)
    j.push_back({{"kind", domain::to_code(n.kind)}, {"country", n.country}, {"value", n.value}});
  return j.dump();
}

// A person's fields as text for history.
FieldMap fields_of(const domain::Person& p) {
  auto opt = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  return {{"given_names", opt(p.given_names)},
          {"family_names", opt(p.family_names)},
          {"names_original_script", opt(p.names_original_script)},
          {"other_names", codes_json(p.other_names)},
          {"description", opt(p.description)},
          {"sex", std::string(domain::to_code(p.sex))},
          {"birth_date", date_text(p.birth_date)},
          {"birth_date_estimated", p.birth_date_estimated ? "true" : "false"},
          {"roles", enum_list_json(p.roles)},
          {"languages", codes_json(p.languages)},
          {"interpreter_needed", p.interpreter_needed ? "true" : "false"},
          {"phone", opt(p.phone)},
          {"email", opt(p.email)},
          {"address", opt(p.address)},
          {"identity_numbers", identity_numbers_text(p.identity_numbers)}};
}

// Always encrypted in history; for an alleged perpetrator, every field is.
const std::set<std::string> kSensitive = {"description", "phone", "email", "address",
                                          "identity_numbers"};

std::set<std::string> sensitive_fields(const domain::Person& before, const domain::Person& after) {
  if (!domain::has_role(before, domain::PersonRole::kAllegedPerpetrator) &&
      !domain::has_role(after, domain::PersonRole::kAllegedPerpetrator))
    return kSensitive;
  std::set<std::string> all;
  for (const auto& [field, value] : fields_of(after)) all.insert(field);
  return all;
}

FieldMap fields_of(const store::RelationshipRow& x) {
  return {{"from_id", x.from_child_id ? x.from_child_id : x.from_person_id},
          {"to_id", x.to_child_id ? x.to_child_id : x.to_person_id},
          {"type", x.type},
          {"parental_responsibility", x.legal_guardian ? "true" : "false"},
          {"lives_with", x.lives_with ? "true" : "false"},
          {"note", x.note.empty() ? std::nullopt : std::optional<std::string>(x.note)},
          {"valid_from", x.valid_from},
          {"valid_to", x.valid_to}};
}

RelationshipRecord from_row(const store::RelationshipRow& x) {
  RelationshipRecord out;
  domain::Relationship& r = out.relationship;
  r.id = x.id;
  out.from_child = x.from_child_id.has_value();
  out.to_child = x.to_child_id.has_value();
  r.from_person_id = x.from_child_id.value_or(x.from_person_id.value_or(""));
  r.to_person_id = x.to_child_id.value_or(x.to_person_id.value_or(""));
  r.type = domain::parse_relationship_type(x.type).value_or(domain::RelationshipType::kOther);
  r.parental_responsibility = x.legal_guardian;
  r.lives_with = x.lives_with;
  r.note = x.note;
  out.valid_from = parse_stored_date(x.valid_from);
  out.valid_to = parse_stored_date(x.valid_to);
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

// The person as stored, with the encrypted parts decrypted.
core::Result<PersonRecord> person_of(store::Tx& tx, const security::FieldCipher& cipher,
                                     const store::PersonRow& x) {
  PersonRecord out;
  domain::Person& p = out.person;
  p.id = x.id;
  p.given_names = x.given_names;
  p.family_names = x.family_names;
  p.names_original_script = x.names_original_script;
  p.other_names = codes_from_json(x.other_names);
  p.sex = domain::parse_sex(x.sex).value_or(domain::Sex::kUnknown);
  p.birth_date = parse_stored_date(x.birth_date);
  p.birth_date_estimated = x.birth_date_estimated;
  for (const auto& code : codes_from_json(x.roles))
    if (auto role = domain::parse_person_role(code)) p.roles.push_back(*role);
  p.languages = codes_from_json(x.languages);
  p.interpreter_needed = x.interpreter_needed;
  if (x.contact_ct) {
    auto plain = cipher.decrypt(x.contact_ct->bytes, {"persons", "contact_ct", x.id});
    if (!plain.ok()) return plain.take_error();
    auto j = nlohmann::json::parse(plain->view(), nullptr, false);
    if (j.is_object()) {
      p.description = j.value("description", "");
      p.phone = j.value("phone", "");
      p.email = j.value("email", "");
      p.address = j.value("address", "");
    }
  }
  for (const auto& n : store::PersonRepository::identity_numbers(tx, x.id)) {
    auto plain = cipher.decrypt(n.value_ct.bytes, {"identity_numbers", "value_ct", n.id});
    if (!plain.ok()) return plain.take_error();
    domain::IdentityNumber number;
    number.kind = domain::parse_identity_number_kind(n.kind).value_or(number.kind);
    number.country = n.country;
    number.value = std::string(plain->view());
    p.identity_numbers.push_back(std::move(number));
  }
  out.agency_id = x.agency_id;
  out.version = x.version;
  out.created_at = x.created_at;
  out.updated_at = x.updated_at;
  return out;
}

store::PersonRow to_row(const domain::Person& p) {
  store::PersonRow x;
  x.id = p.id;
  x.given_names = p.given_names;
  x.family_names = p.family_names;
  x.names_original_script = p.names_original_script;
  x.other_names = codes_json(p.other_names);
  x.sex = std::string(domain::to_code(p.sex));
  x.birth_date = date_text(p.birth_date);
  x.birth_date_estimated = p.birth_date_estimated;
  x.roles = enum_list_json(p.roles);
  x.languages = codes_json(p.languages);
  x.interpreter_needed = p.interpreter_needed;
  return x;
}

// Encrypts the contact details into the row (bound to its id).
core::Status seal_contact(const security::FieldCipher& cipher, const domain::Person& p,
                          store::PersonRow& row) {
  row.contact_ct.reset();
  if (!has_contact(p)) return core::ok_status();
  auto ct = cipher.encrypt(contact_json(p), {"persons", "contact_ct", row.id});
  if (!ct.ok()) return ct.take_error();
  row.contact_ct = store::Blob{std::move(*ct)};
  return core::ok_status();
}

core::Status insert_identity_numbers(store::Tx& tx, const security::FieldCipher& cipher,
                                     const std::string& person_id,
                                     const std::vector<domain::IdentityNumber>& numbers,
                                     const std::vector<std::string>& bidx, core::Timestamp now) {
  for (size_t i = 0; i < numbers.size(); ++i) {
    store::PersonIdentityNumberRow in;
    in.id = core::new_id(now);
    in.person_id = person_id;
    in.kind = std::string(domain::to_code(numbers[i].kind));
    in.country = numbers[i].country;
    auto ct = cipher.encrypt(numbers[i].value, {"identity_numbers", "value_ct", in.id});
    if (!ct.ok()) return ct.take_error();
    in.value_ct = store::Blob{std::move(*ct)};
    in.value_bidx = bidx[i];
    in.created_at = now.ms;
    store::PersonRepository::insert_identity_number(tx, in);
  }
  return core::ok_status();
}

// Validates a person (and, when given, the tie to the child under "relationship.") and computes the
// blind indexes of their identity numbers; every problem at once.
core::Result<std::vector<std::string>> check_person(KeyService& keys, const domain::Person& person,
                                                    const domain::Relationship* tie,
                                                    core::Date today) {
  domain::FieldErrors errors;
  merge(errors, domain::validate_person(person, today));
  if (tie) merge(errors, domain::validate_relationship(*tie), "relationship");
  std::vector<std::string> bidx;
  for (size_t i = 0; i < person.identity_numbers.size(); ++i) {
    const auto& n = person.identity_numbers[i];
    auto b = keys.blind_index(domain::to_code(n.kind), n.value);
    if (!b.ok()) {
      if (!errors.has(domain::indexed_field("identity_numbers", i, "value")))
        errors.add(domain::indexed_field("identity_numbers", i, "value"), b.error().message);
      bidx.emplace_back();
    } else {
      bidx.push_back(*b);
    }
  }
  HAVEN_TRY(errors.status("The person's details need correcting; see the marked fields."));
  return bidx;
}

std::string audit_details(const std::string& child_id, const std::string& case_id,
                          nlohmann::json extra = nlohmann::json::object()) {
  extra["child_id"] = child_id;
  extra["case_id"] = case_id;
  return extra.dump();
}

}  // namespace

// The child's newest case, authorized for `action` on the child's records.
static core::Result<store::CaseRow> authorize_child(store::Database& db, CaseAccess& access,
                                                    const Actor& actor, security::Action action,
                                                    const std::string& child_id) {
  if (!core::is_valid_id(child_id)) return core::Error::not_found("No such child.");
  auto case_id = read_tx(db, [&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
    auto r = tx.query_one(
        "SELECT id FROM cases WHERE child_id = $1 ORDER BY opened_at DESC, id DESC LIMIT 1",
        store::params(child_id));
    if (!r) return std::optional<std::string>();
    return std::optional<std::string>(r->text(0));
  });
  if (!case_id.ok()) return case_id.take_error();
  if (!*case_id) return core::Error::not_found("No such child.");
  auto c = authorize_case_record(db, access, actor, action, **case_id, kPersonKind, child_id);
  if (!c.ok() && c.error().code == core::ErrorCode::kNotFound)
    return core::Error::not_found("No such child.");
  return c;
}

core::Status PersonService::authorize(const Actor& actor, security::Action action,
                                      const std::string& child_id) {
  auto c = authorize_child(db_, case_access_, actor, action, child_id);
  if (!c.ok()) return c.take_error();
  return core::ok_status();
}

core::Result<std::vector<PersonRecord>> PersonService::list(const Actor& actor,
                                                            const std::string& child_id) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kRead, child_id);
  if (!c.ok()) return c.take_error();
  const security::FieldCipher cipher = keys_.cipher();
  auto out = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<PersonRecord>> {
    std::vector<PersonRecord> people;
    std::vector<store::RelationshipRow> ties = store::PersonRepository::household(tx, child_id);
    for (const auto& row : store::PersonRepository::around_child(tx, child_id)) {
      auto p = person_of(tx, cipher, row);
      if (!p.ok()) return p.take_error();
      for (const auto& t : ties)
        if ((t.from_person_id == row.id && t.to_child_id == child_id) ||
            (t.to_person_id == row.id && t.from_child_id == child_id))
          p->ties_to_child.push_back(from_row(t));
      people.push_back(std::move(*p));
    }
    return people;
  });
  if (!out.ok()) return out.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "person.list",
                           "child", child_id, "case_work", "success", actor.request_id,
                           audit_details(child_id, c->id, {{"count", out->size()}})}));
  return out;
}

core::Result<PersonRecord> PersonService::get(const Actor& actor, const std::string& child_id,
                                              const std::string& person_id) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kRead, child_id);
  if (!c.ok()) return c.take_error();
  if (!core::is_valid_id(person_id)) return core::Error::not_found("No such person.");
  const security::FieldCipher cipher = keys_.cipher();
  auto out = read_tx(db_, [&](store::Tx& tx) -> core::Result<PersonRecord> {
    if (!store::PersonRepository::is_around_child(tx, child_id, person_id))
      return core::Error::not_found("No such person around this child.");
    auto row = store::PersonRepository::find(tx, person_id);
    if (!row) return core::Error::not_found("No such person around this child.");
    auto p = person_of(tx, cipher, *row);
    if (!p.ok()) return p.take_error();
    for (const auto& t : store::PersonRepository::between(tx, child_id, person_id))
      p->ties_to_child.push_back(from_row(t));
    return p;
  });
  if (!out.ok()) return out.take_error();
  const bool perpetrator = domain::has_role(out->person, domain::PersonRole::kAllegedPerpetrator);
  HAVEN_TRY(
      audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "person.read", "person",
                     person_id, "case_work", "success", actor.request_id,
                     audit_details(child_id, c->id, {{"alleged_perpetrator", perpetrator}})}));
  return out;
}

core::Result<PersonRecord> PersonService::create(const Actor& actor, const std::string& child_id,
                                                 domain::Person person, domain::Relationship tie) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kCreate, child_id);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  person.id = core::new_id(now);
  tie.id = core::new_id(now);
  tie.from_person_id = person.id;
  tie.to_person_id = child_id;
  auto bidx = check_person(keys_, person, &tie, today(clock_));
  if (!bidx.ok()) return bidx.take_error();

  const security::FieldCipher cipher = keys_.cipher();
  store::PersonRow row = to_row(person);
  row.agency_id = c->agency_id;
  row.created_at = row.updated_at = now.ms;
  HAVEN_TRY(seal_contact(cipher, person, row));
  store::RelationshipRow rel;
  rel.id = tie.id;
  rel.from_person_id = person.id;
  rel.to_child_id = child_id;
  rel.type = std::string(domain::to_code(tie.type));
  rel.legal_guardian = tie.parental_responsibility;
  rel.lives_with = tie.lives_with;
  rel.note = tie.note;
  rel.valid_from = today(clock_).to_string();
  rel.created_at = rel.updated_at = now.ms;

  return write_tx(db_, [&](store::Tx& tx) -> core::Result<PersonRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::PersonRepository::insert(tx, row);
    HAVEN_TRY(insert_identity_numbers(tx, cipher, person.id, person.identity_numbers, *bidx, now));
    store::PersonRepository::insert_relationship(tx, rel);
    HAVEN_TRY(history_.record(tx, actor, {"person", person.id, 1, c->id},
                              field_changes({}, fields_of(person), sensitive_fields({}, person))));
    HAVEN_TRY(history_.record(tx, actor, {"relationship", rel.id, 1, c->id},
                              field_changes({}, fields_of(rel))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "person.create", "person",
                       person.id, "case_work", "success", actor.request_id,
                       audit_details(child_id, c->id, {{"relationship_id", rel.id}})});
    PersonRecord out;
    out.person = person;
    out.agency_id = row.agency_id;
    out.created_at = out.updated_at = now.ms;
    out.ties_to_child.push_back(from_row(rel));
    return out;
  });
}

core::Result<PersonRecord> PersonService::update(const Actor& actor, const std::string& child_id,
                                                 const std::string& person_id, int64_t version,
                                                 domain::Person person) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kUpdate, child_id);
  if (!c.ok()) return c.take_error();
  if (!core::is_valid_id(person_id)) return core::Error::not_found("No such person.");
  const auto now = clock_.now();
  person.id = person_id;
  auto bidx = check_person(keys_, person, nullptr, today(clock_));
  if (!bidx.ok()) return bidx.take_error();
  const security::FieldCipher cipher = keys_.cipher();
  store::PersonRow row = to_row(person);
  row.updated_at = now.ms;
  HAVEN_TRY(seal_contact(cipher, person, row));

  return write_tx(db_, [&](store::Tx& tx) -> core::Result<PersonRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    if (!store::PersonRepository::is_around_child(tx, child_id, person_id))
      return core::Error::not_found("No such person around this child.");
    auto stored_row = store::PersonRepository::find(tx, person_id);
    if (!stored_row) return core::Error::not_found("No such person around this child.");
    if (stored_row->version != version || !store::PersonRepository::update(tx, row, version))
      return record_conflict("The person", stored_row->version);
    auto stored = person_of(tx, cipher, *stored_row);
    if (!stored.ok()) return stored.take_error();
    if (identity_numbers_text(stored->person.identity_numbers) !=
        identity_numbers_text(person.identity_numbers)) {
      store::PersonRepository::delete_identity_numbers(tx, person_id);
      HAVEN_TRY(
          insert_identity_numbers(tx, cipher, person_id, person.identity_numbers, *bidx, now));
    }
    HAVEN_TRY(history_.record(tx, actor, {"person", person_id, version + 1, c->id},
                              field_changes(fields_of(stored->person), fields_of(person),
                                            sensitive_fields(stored->person, person))));
    audit_.record(
        tx, {actor.actor_id(), actor.role(), actor.agency_id(), "person.update", "person",
             person_id, "case_work", "success", actor.request_id, audit_details(child_id, c->id)});
    PersonRecord out;
    out.person = person;
    out.agency_id = stored_row->agency_id;
    out.version = version + 1;
    out.created_at = stored_row->created_at;
    out.updated_at = now.ms;
    for (const auto& t : store::PersonRepository::between(tx, child_id, person_id))
      out.ties_to_child.push_back(from_row(t));
    return out;
  });
}

core::Result<std::vector<RelationshipRecord>> PersonService::relationships(
    const Actor& actor, const std::string& child_id) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kRead, child_id);
  if (!c.ok()) return c.take_error();
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::RelationshipRow>> {
    return store::PersonRepository::household(tx, child_id);
  });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "relationship.list",
                           "child", child_id, "case_work", "success", actor.request_id,
                           audit_details(child_id, c->id, {{"count", rows->size()}})}));
  std::vector<RelationshipRecord> out;
  for (const auto& x : *rows) out.push_back(from_row(x));
  return out;
}

core::Result<RelationshipRecord> PersonService::relate(const Actor& actor,
                                                       const std::string& child_id,
                                                       domain::Relationship relationship,
                                                       std::optional<core::Date> valid_from) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kUpdate, child_id);
  if (!c.ok()) return c.take_error();
  const auto now = clock_.now();
  domain::FieldErrors errors;
  merge(errors, domain::validate_relationship(relationship));
  if (valid_from) errors.not_future("valid_from", *valid_from, today(clock_));
  HAVEN_TRY(errors.status("The relationship needs correcting; see the marked fields."));
  store::RelationshipRow rel;
  rel.id = core::new_id(now);
  rel.type = std::string(domain::to_code(relationship.type));
  rel.legal_guardian = relationship.parental_responsibility;
  rel.lives_with = relationship.lives_with;
  rel.note = relationship.note;
  rel.valid_from = date_text(valid_from ? valid_from : today(clock_));
  rel.created_at = rel.updated_at = now.ms;

  return write_tx(db_, [&](store::Tx& tx) -> core::Result<RelationshipRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    // Each end is the child, a person around them, or another child already tied to them.
    domain::FieldErrors ends;
    auto place = [&](const std::string& field, const std::string& id,
                     std::optional<std::string>& as_child, std::optional<std::string>& as_person) {
      if (id == child_id) {
        as_child = id;
      } else if (store::PersonRepository::is_around_child(tx, child_id, id)) {
        as_person = id;
      } else if (tx.query_one("SELECT 1 FROM relationships WHERE (from_child_id = $1 AND "
                              "to_child_id = $2) OR (from_child_id = $2 AND to_child_id = $1)",
                              store::params(child_id, id))) {
        as_child = id;
      } else {
        ends.add(field,
                 "This is not the child or someone in their household; register the person "
                 "around the child first.");
      }
    };
    place("from_person_id", relationship.from_person_id, rel.from_child_id, rel.from_person_id);
    place("to_person_id", relationship.to_person_id, rel.to_child_id, rel.to_person_id);
    HAVEN_TRY(ends.status("The relationship needs correcting; see the marked fields."));
    store::PersonRepository::insert_relationship(tx, rel);
    HAVEN_TRY(history_.record(tx, actor, {"relationship", rel.id, 1, c->id},
                              field_changes({}, fields_of(rel))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "relationship.create",
                       "relationship", rel.id, "case_work", "success", actor.request_id,
                       audit_details(child_id, c->id, {{"type", rel.type}})});
    return from_row(rel);
  });
}

core::Result<RelationshipRecord> PersonService::end_relationship(
    const Actor& actor, const std::string& child_id, const std::string& relationship_id,
    int64_t version, std::optional<core::Date> ended_on) {
  auto c = authorize_child(db_, case_access_, actor, security::Action::kUpdate, child_id);
  if (!c.ok()) return c.take_error();
  if (!core::is_valid_id(relationship_id)) return core::Error::not_found("No such relationship.");
  const auto now = clock_.now();
  const core::Date end = ended_on.value_or(today(clock_));
  {
    domain::FieldErrors errors;
    errors.not_future("ended_on", end, today(clock_));
    HAVEN_TRY(
        errors.status("The end of the relationship needs correcting; see the marked fields."));
  }
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<RelationshipRecord> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    auto stored = store::PersonRepository::find_relationship(tx, relationship_id);
    auto in_household = [&](const store::RelationshipRow& x) {
      if (x.from_child_id == child_id || x.to_child_id == child_id) return true;
      return (x.from_person_id &&
              store::PersonRepository::is_around_child(tx, child_id, *x.from_person_id)) ||
             (x.to_person_id &&
              store::PersonRepository::is_around_child(tx, child_id, *x.to_person_id));
    };
    if (!stored || !in_household(*stored))
      return core::Error::not_found("No such relationship in this child's household.");
    if (stored->version != version) return record_conflict("The relationship", stored->version);
    if (stored->valid_to)
      return core::Error::conflict("This relationship has already ended (on " + *stored->valid_to +
                                   ").");
    if (auto from = parse_stored_date(stored->valid_from); from && end < *from)
      return core::Error::invalid(
          "The end of the relationship needs correcting; see the marked fields.",
          {{"ended_on",
            "The end cannot be before the relationship began (" + from->to_string() + ")."}});
    if (!store::PersonRepository::end_relationship(tx, relationship_id, end.to_string(), now.ms,
                                                   version))
      return record_conflict("The relationship", stored->version);
    store::RelationshipRow after = *stored;
    after.valid_to = end.to_string();
    after.version = version + 1;
    after.updated_at = now.ms;
    HAVEN_TRY(history_.record(tx, actor, {"relationship", relationship_id, after.version, c->id},
                              field_changes(fields_of(*stored), fields_of(after))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "relationship.end",
                       "relationship", relationship_id, "case_work", "success", actor.request_id,
                       audit_details(child_id, c->id)});
    return from_row(after);
  });
}

}  // namespace haven::service
