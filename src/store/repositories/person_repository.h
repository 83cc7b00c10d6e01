// Rows of persons (the people around a child), their identity numbers, and the relationships that
// tie them and children into a household (0001's persons and relationships, columns added in 0003).
// A person belongs to a child's circle through a relationship with that child.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct PersonRow {
  std::string id;
  std::string agency_id;
  std::string given_names;
  std::string family_names;
  std::string names_original_script;
  std::string other_names = "[]";  // JSON list
  std::string sex = "unknown";
  std::optional<std::string> birth_date;
  bool birth_date_estimated = false;
  std::string roles = "[]";      // JSON list of PersonRole codes
  std::string languages = "[]";  // JSON list
  bool interpreter_needed = false;
  // Encrypted JSON {description, phone, email, address}, bound to (persons, contact_ct, id).
  std::optional<Blob> contact_ct;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct PersonIdentityNumberRow {
  std::string id;
  std::string person_id;
  std::string kind;
  std::string country;
  Blob value_ct;  // bound to (identity_numbers, value_ct, id)
  std::string value_bidx;
  int64_t created_at = 0;
};

// Exactly one of the from_* and one of the to_* ids is set.
struct RelationshipRow {
  std::string id;
  std::optional<std::string> from_child_id;
  std::optional<std::string> from_person_id;
  std::optional<std::string> to_child_id;
  std::optional<std::string> to_person_id;
  std::string type;
  bool legal_guardian = false;  // parental responsibility of `from` for `to`
  bool lives_with = false;
  std::string note;
  std::optional<std::string> valid_from;
  std::optional<std::string> valid_to;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class PersonRepository {
 public:
  static void insert(Tx& tx, const PersonRow& row);
  static std::optional<PersonRow> find(Tx& tx, const std::string& id);
  // Persons tied to the child by a relationship in either direction, by family and given name.
  static std::vector<PersonRow> around_child(Tx& tx, const std::string& child_id);
  static bool is_around_child(Tx& tx, const std::string& child_id, const std::string& person_id);
  // Writes the row's fields if it is still at `expected_version` (and bumps the version).
  static bool update(Tx& tx, const PersonRow& row, int64_t expected_version);

  static void insert_identity_number(Tx& tx, const PersonIdentityNumberRow& row);
  static std::vector<PersonIdentityNumberRow> identity_numbers(Tx& tx,
                                                               const std::string& person_id);
  static void delete_identity_numbers(Tx& tx, const std::string& person_id);

  static void insert_relationship(Tx& tx, const RelationshipRow& row);
  static std::optional<RelationshipRow> find_relationship(Tx& tx, const std::string& id);
  // Relationships of the child, of the persons tied to the child, and between them (one query).
  static std::vector<RelationshipRow> household(Tx& tx, const std::string& child_id);
  // The relationships between the child and one person.
  static std::vector<RelationshipRow> between(Tx& tx, const std::string& child_id,
                                              const std::string& person_id);
  // Sets valid_to if the row is still at `expected_version`.
  static bool end_relationship(Tx& tx, const std::string& id, const std::string& valid_to,
                               int64_t updated_at, int64_t expected_version);
};

}  // namespace haven::store
