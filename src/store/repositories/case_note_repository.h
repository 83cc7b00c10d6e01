// Case notes as rows (table case_notes): the SQL behind CaseNoteService. The text arrives and
// leaves encrypted (body_ct); no rules here, every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct CaseNoteRow {
  std::string id;
  std::string case_id;
  int64_t written_at = 0;
  std::optional<std::string> occurred_on;
  Blob body_ct;
  std::string created_by;  // the author
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class CaseNoteRepository {
 public:
  static void insert(Tx& tx, const CaseNoteRow& row);
  static std::optional<CaseNoteRow> find(Tx& tx, const std::string& case_id, const std::string& id);
  // Every note of a case, oldest first.
  static std::vector<CaseNoteRow> for_case(Tx& tx, const std::string& case_id);
  // The newest `limit` notes of a case, newest first (the case page's window), and how many the
  // case has.
  static std::vector<CaseNoteRow> newest_for_case(Tx& tx, const std::string& case_id, int limit);
  static int64_t count_for_case(Tx& tx, const std::string& case_id);
  // False when the stored version is not `expected_version` (the caller answers 409).
  static bool update(Tx& tx, const CaseNoteRow& row, int64_t expected_version);
};

}  // namespace haven::store
