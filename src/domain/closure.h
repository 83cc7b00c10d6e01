// Closure: how a case ends — a structured reason, a summary, a leaving-care plan for a young person
// who is (or is turning) an adult, and the supervisor's approval. The lifecycle's approve_closure
// checks the same facts; this file checks the record itself.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

struct Closure {
  std::string id;
  std::optional<ClosureReason> reason;
  std::string reason_detail;  // required for kOther, and for kTransferred (to whom)
  core::Date closing_on;      // the day the case ends; may be ahead (the 18th birthday)
  std::string summary;
  std::string leaving_care_plan;  // where the young person will live, support, contacts after care
  std::string requested_by;       // user id
  std::optional<core::Date> requested_on;
  std::string approved_by;  // the supervisor's user id, once approved
  std::optional<core::Date> approved_on;
};

// True when closing needs a leaving-care plan: the reason is turning 18, or the young person is 18
// or older on the closing day (unless the child died). `age_at_closing` is nullopt when unknown.
bool leaving_care_plan_needed(std::optional<ClosureReason> reason,
                              std::optional<int> age_at_closing);

// `child_birth_date` gives the age on closing_on; pass nullopt when the birth date is not recorded.
core::Status validate_closure(const Closure& closure, std::optional<core::Date> child_birth_date,
                              core::Date today);

}  // namespace haven::domain
