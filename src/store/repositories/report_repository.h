// Reports of concern as rows: the SQL behind ReportService. The narrative arrives encrypted.
// Every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ReportRow {
  std::string id;
  std::string agency_id;
  int64_t received_at = 0;
  std::string received_by;
  std::string channel;
  std::string reporter_type;
  std::string reporter_organisation;
  std::string concern_categories = "[]";  // JSON list of codes
  std::optional<Blob> narrative_ct;       // reports.narrative_ct of this row
  std::string urgency;
  std::string status = "received";
  std::string child_id;
  std::string case_id;
  std::string custom_fields = "{}";
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
};

class ReportRepository {
 public:
  static void insert(Tx& tx, const ReportRow& row);
  static std::optional<ReportRow> find(Tx& tx, const std::string& id);
  static std::vector<ReportRow> for_case(Tx& tx, const std::string& case_id);
};

}  // namespace haven::store
