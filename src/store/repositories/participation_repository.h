// How a child was heard (table participation_records) and what they were told (table
// information_given), as rows: the SQL behind ParticipationService. The child's views arrive and
// leave encrypted (views_ct). No rules here; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ParticipationRow {
  std::string id;
  std::string case_id;
  std::string stage;  // domain::to_code(CaseStage)
  std::string decision;
  std::optional<std::string> offered_on;
  std::string setting;
  std::string support_person;
  std::string interpreter_language;
  std::optional<std::string> accessible_format;
  std::optional<Blob> views_ct;
  bool declined = false;
  std::string decision_maker;
  std::string weight_given;
  std::optional<std::string> feedback_given_on;
  std::string feedback_how;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct InformationGivenRow {
  std::string id;
  std::string case_id;
  std::string given_on;
  std::string stage;
  std::string what;
  std::string language;
  std::string format;  // domain::to_code(InformationFormat)
  std::optional<std::string> recipient_person_id;
  std::string given_by;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class ParticipationRepository {
 public:
  static void insert(Tx& tx, const ParticipationRow& row);
  static std::optional<ParticipationRow> find(Tx& tx, const std::string& case_id,
                                              const std::string& id);
  static std::vector<ParticipationRow> for_case(Tx& tx, const std::string& case_id);
  // False when the stored version is not `expected_version` (the caller answers 409).
  static bool update(Tx& tx, const ParticipationRow& row, int64_t expected_version);

  static void insert(Tx& tx, const InformationGivenRow& row);
  static std::optional<InformationGivenRow> find_information(Tx& tx, const std::string& case_id,
                                                             const std::string& id);
  static std::vector<InformationGivenRow> information_for_case(Tx& tx, const std::string& case_id);
  static bool update(Tx& tx, const InformationGivenRow& row, int64_t expected_version);
};

}  // namespace haven::store
