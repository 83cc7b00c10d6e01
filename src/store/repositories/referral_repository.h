// Referrals to service providers as rows (table referrals): the SQL behind ReferralService. No
// rules here; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ReferralRow {
  std::string id;
  std::string case_id;
  std::string service_type;  // domain::to_code(ServiceType)
  std::string provider;
  std::string status;  // domain::to_code(ReferralStatus)
  std::optional<std::string> referred_on;
  bool consent_required = true;
  std::optional<std::string> consent_given_by;
  std::optional<std::string> consent_given_on;
  std::optional<std::string> consent_recorded_by;
  std::optional<std::string> override_by;
  std::optional<std::string> override_reason;
  std::optional<std::string> override_on;
  std::string notes;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class ReferralRepository {
 public:
  static void insert(Tx& tx, const ReferralRow& row);
  // The referral `id` of case `case_id`; nullopt if there is none under that case.
  static std::optional<ReferralRow> find(Tx& tx, const std::string& case_id, const std::string& id);
  // Every referral of a case, oldest first.
  static std::vector<ReferralRow> for_case(Tx& tx, const std::string& case_id);
  // Writes the mutable columns when the stored version is `expected_version` and bumps it; false
  // when the version moved on (the caller answers 409).
  static bool update(Tx& tx, const ReferralRow& row, int64_t expected_version);
};

}  // namespace haven::store
