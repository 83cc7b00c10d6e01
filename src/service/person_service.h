// Persons around a child (caregivers, relatives, support persons, alleged perpetrators) and the
// typed relationships between them and the child — the household a caseworker draws. A person is
// reachable only through a child they are tied to, and a child through their newest case, so every
// call authorizes on that case (CaseAccess, kind child) like the other case records. Contact
// details and descriptions are stored encrypted; everything about an alleged perpetrator goes into
// history encrypted. Reads and writes are audited. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "domain/person.h"
#include "domain/relationship.h"
#include "security/permissions.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct RelationshipRecord {
  domain::Relationship relationship;  // from/to are person or child ids
  bool from_child = false;            // from_person_id names a child
  bool to_child = false;              // to_person_id names a child
  std::optional<core::Date> valid_from;
  std::optional<core::Date> valid_to;  // set when the tie has ended
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct PersonRecord {
  domain::Person person;  // person.id is the record's id
  std::string agency_id;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // The person's ties to the child the request named (ended ones included).
  std::vector<RelationshipRecord> ties_to_child;
};

class PersonService {
 public:
  PersonService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                AuditService& audit, KeyService& keys, RecordHistory& history)
      : db_(db),
        clock_(clock),
        case_access_(case_access),
        audit_(audit),
        keys_(keys),
        history_(history) {}

  // May the actor do `action` on the persons around this child? Authorizes on the child's newest
  // case (kNotFound for no such child, a child without a case, or another agency's child).
  core::Status authorize(const Actor& actor, security::Action action, const std::string& child_id);

  // Everyone tied to the child by a relationship, by family name. The read is audited.
  core::Result<std::vector<PersonRecord>> list(const Actor& actor, const std::string& child_id);
  core::Result<PersonRecord> get(const Actor& actor, const std::string& child_id,
                                 const std::string& person_id);
  // Registers a person and their tie to the child (`tie.from_person_id` is set to the new person,
  // `tie.to_person_id` to the child). Errors: kInvalidInput with fields, kNotFound, kForbidden,
  // kConflict (the child's case is closed or changed hands).
  core::Result<PersonRecord> create(const Actor& actor, const std::string& child_id,
                                    domain::Person person, domain::Relationship tie);
  // Replaces the person's fields when they are still at `version` (else kConflict with the current
  // one). Identity numbers given replace the stored ones.
  core::Result<PersonRecord> update(const Actor& actor, const std::string& child_id,
                                    const std::string& person_id, int64_t version,
                                    domain::Person person);

  // The household: every relationship of the child and of the persons tied to them.
  core::Result<std::vector<RelationshipRecord>> relationships(const Actor& actor,
                                                              const std::string& child_id);
  // A new tie between two members of the household (the child, a person tied to them, or another
  // child tied to them).
  core::Result<RelationshipRecord> relate(const Actor& actor, const std::string& child_id,
                                          domain::Relationship relationship,
                                          std::optional<core::Date> valid_from);
  // Ends a tie (a parent moved out, a guardianship ended) on `ended_on` (today if not given); the
  // row stays for the history.
  core::Result<RelationshipRecord> end_relationship(const Actor& actor, const std::string& child_id,
                                                    const std::string& relationship_id,
                                                    int64_t version,
                                                    std::optional<core::Date> ended_on);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
};

}  // namespace haven::service
