// SQL for persons, their identity numbers and relationships.
#include "store/repositories/person_repository.h"

namespace haven::store {

namespace {
constexpr const char* kPersonSelect =
    "SELECT p.id, p.agency_id, p.given_names, p.family_names, p.names_original_script, "
    "p.other_names, p.sex, p.birth_date, p.birth_date_estimated, p.roles, p.languages, "
    "p.interpreter_needed, p.contact_ct, p.version, p.created_at, p.updated_at FROM persons p ";

constexpr const char* kSelectRelationship =
    "SELECT r.id, r.from_child_id, r.from_person_id, r.to_child_id, r.to_person_id, r.type, "
    "r.legal_guardian, r.lives_with, r.note, r.valid_from, r.valid_to, r.version, r.created_at, "
    "r.updated_at FROM relationships r ";

// The persons tied directly to child $1.
constexpr const char* kCircle =
    "SELECT from_person_id FROM relationships WHERE to_child_id = $1 AND from_person_id IS NOT "
    "NULL UNION SELECT to_person_id FROM relationships WHERE from_child_id = $1 AND to_person_id "
    "IS NOT NULL";

PersonRow person_from_row(const Row& r) {
  PersonRow p;
  p.id = r.text(0);
  p.agency_id = r.text(1);
  p.given_names = r.text(2);
  p.family_names = r.text(3);
  p.names_original_script = r.opt_text(4).value_or("");
  p.other_names = r.text(5);
  p.sex = r.text(6);
  p.birth_date = r.opt_text(7);
  p.birth_date_estimated = r.boolean(8);
  p.roles = r.text(9);
  p.languages = r.text(10);
  p.interpreter_needed = r.boolean(11);
  if (!r.is_null(12)) p.contact_ct = r.blob(12);
  p.version = r.integer(13);
  p.created_at = r.integer(14);
  p.updated_at = r.integer(15);
  return p;
}

RelationshipRow relationship_from_row(const Row& r) {
  RelationshipRow x;
  x.id = r.text(0);
  x.from_child_id = r.opt_text(1);
  x.from_person_id = r.opt_text(2);
  x.to_child_id = r.opt_text(3);
  x.to_person_id = r.opt_text(4);
  x.type = r.text(5);
  x.legal_guardian = r.boolean(6);
  x.lives_with = r.boolean(7);
  x.note = r.opt_text(8).value_or("");
  x.valid_from = r.opt_text(9);
  x.valid_to = r.opt_text(10);
  x.version = r.integer(11);
  x.created_at = r.integer(12);
  x.updated_at = r.integer(13);
  return x;
}

std::optional<std::string> text_or_null(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
}  // namespace

void PersonRepository::insert(Tx& tx, const PersonRow& p) {
  Params v = params(p.id, p.agency_id, p.given_names, p.family_names,
                    text_or_null(p.names_original_script), p.other_names, p.sex, p.birth_date,
                    p.birth_date_estimated, p.roles, p.languages, p.interpreter_needed);
  v.push_back(to_value(p.contact_ct));
  v.push_back(p.created_at);
  tx.execute(
      "INSERT INTO persons (id, agency_id, given_names, family_names, names_original_script, "
      "other_names, sex, birth_date, birth_date_estimated, roles, languages, interpreter_needed, "
      "contact_ct, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12, $13, 1, $14, $14)",
      v);
}

std::optional<PersonRow> PersonRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kPersonSelect) + "WHERE p.id = $1", params(id));
  if (!row) return std::nullopt;
  return person_from_row(*row);
}

std::vector<PersonRow> PersonRepository::around_child(Tx& tx, const std::string& child_id) {
  std::vector<PersonRow> out;
  for (const Row& r : tx.query(std::string(kPersonSelect) + "WHERE p.id IN (" + kCircle +
                                   ") ORDER BY p.family_names, p.given_names, p.id",
                               params(child_id)))
    out.push_back(person_from_row(r));
  return out;
}

bool PersonRepository::is_around_child(Tx& tx, const std::string& child_id,
                                       const std::string& person_id) {
  return tx
      .query_one(
          "SELECT 1 FROM relationships WHERE (to_child_id = $1 AND from_person_id = $2) OR "
          "(from_child_id = $1 AND to_person_id = $2) LIMIT 1",
          params(child_id, person_id))
      .has_value();
}

bool PersonRepository::update(Tx& tx, const PersonRow& p, int64_t expected_version) {
  Params v = params(p.given_names, p.family_names, text_or_null(p.names_original_script),
                    p.other_names, p.sex, p.birth_date, p.birth_date_estimated, p.roles,
                    p.languages, p.interpreter_needed);
  v.push_back(to_value(p.contact_ct));
  for (Value x : params(p.updated_at, p.id, expected_version)) v.push_back(std::move(x));
  return tx.execute(
             "UPDATE persons SET given_names = $1, family_names = $2, names_original_script = $3, "
             "other_names = $4, sex = $5, birth_date = $6, birth_date_estimated = $7, roles = $8, "
             "languages = $9, interpreter_needed = $10, contact_ct = $11, updated_at = $12, "
             "version = version + 1 WHERE id = $13 AND version = $14",
             v) == 1;
}

void PersonRepository::insert_identity_number(Tx& tx, const PersonIdentityNumberRow& n) {
  Params p = params(n.id, n.person_id, n.kind, n.country);
  p.push_back(n.value_ct);
  p.push_back(n.value_bidx);
  p.push_back(n.created_at);
  tx.execute(
      "INSERT INTO identity_numbers (id, person_id, kind, country, value_ct, value_bidx, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      p);
}

std::vector<PersonIdentityNumberRow> PersonRepository::identity_numbers(
    Tx& tx, const std::string& person_id) {
  std::vector<PersonIdentityNumberRow> out;
  for (const Row& r :
       tx.query("SELECT id, person_id, kind, country, value_ct, value_bidx, created_at FROM "
                "identity_numbers WHERE person_id = $1 ORDER BY created_at, id",
                params(person_id)))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.blob(4), r.text(5), r.integer(6)});
  return out;
}

void PersonRepository::delete_identity_numbers(Tx& tx, const std::string& person_id) {
  tx.execute("DELETE FROM identity_numbers WHERE person_id = $1", params(person_id));
}

void PersonRepository::insert_relationship(Tx& tx, const RelationshipRow& x) {
  tx.execute(
      "INSERT INTO relationships (id, from_child_id, from_person_id, to_child_id, to_person_id, "
      "type, legal_guardian, lives_with, note, valid_from, valid_to, version, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
      params(x.id, x.from_child_id, x.from_person_id, x.to_child_id, x.to_person_id, x.type,
             x.legal_guardian, x.lives_with, text_or_null(x.note), x.valid_from, x.valid_to,
             x.created_at));
}

std::optional<RelationshipRow> PersonRepository::find_relationship(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kSelectRelationship) + "WHERE r.id = $1", params(id));
  if (!row) return std::nullopt;
  return relationship_from_row(*row);
}

std::vector<RelationshipRow> PersonRepository::household(Tx& tx, const std::string& child_id) {
  std::vector<RelationshipRow> out;
  const std::string circle = std::string("(") + kCircle + ")";
  for (const Row& r :
       tx.query(std::string(kSelectRelationship) +
                    "WHERE r.from_child_id = $1 OR r.to_child_id = $1 OR "
                    "r.from_person_id IN " +
                    circle + " OR r.to_person_id IN " + circle + " ORDER BY r.created_at, r.id",
                params(child_id)))
    out.push_back(relationship_from_row(r));
  return out;
}

std::vector<RelationshipRow> PersonRepository::between(Tx& tx, const std::string& child_id,
                                                       const std::string& person_id) {
  std::vector<RelationshipRow> out;
  for (const Row& r :
       tx.query(std::string(kSelectRelationship) +
                    "WHERE (r.to_child_id = $1 AND r.from_person_id = $2) OR (r.from_child_id = "
                    "$1 AND r.to_person_id = $2) ORDER BY r.created_at, r.id",
                params(child_id, person_id)))
    out.push_back(relationship_from_row(r));
  return out;
}

bool PersonRepository::end_relationship(Tx& tx, const std::string& id, const std::string& valid_to,
                                        int64_t updated_at, int64_t expected_version) {
  return tx.execute(
             "UPDATE relationships SET valid_to = $1, updated_at = $2, version = version + 1 "
             "WHERE id = $3 AND version = $4",
             params(valid_to, updated_at, id, expected_version)) == 1;
}

}  // namespace haven::store
