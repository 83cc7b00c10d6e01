// The rules for closing a case.
#include "domain/closure.h"

#include "core/utf8.h"
#include "domain/child.h"
#include "domain/field_errors.h"

namespace haven::domain {

bool leaving_care_plan_needed(std::optional<ClosureReason> reason,
                              std::optional<int> age_at_closing) {
  if (reason == ClosureReason::kChildDied) return false;
  return reason == ClosureReason::kTurned18LeavingCare ||
         (age_at_closing && *age_at_closing >= kAdultAge);
}

core::Status validate_closure(const Closure& c, std::optional<core::Date> child_birth_date,
                              core::Date today) {
  FieldErrors errors;
  if (!c.reason) errors.add("reason", "Choose why the case is closing.");
  bool detail_needed = c.reason == ClosureReason::kOther || c.reason == ClosureReason::kTransferred;
  if (errors.text("reason_detail", c.reason_detail, kTextMaxChars, Presence::kOptional) &&
      detail_needed && core::trim(c.reason_detail).empty())
    errors.add("reason_detail", c.reason == ClosureReason::kTransferred
                                    ? "Name the authority the case is handed to."
                                    : "Explain the reason for closing.");
  errors.text("summary", c.summary, kTextMaxChars, Presence::kRequired);

  std::optional<int> age;
  if (child_birth_date) age = child_birth_date->years_until(c.closing_on);
  if (c.reason == ClosureReason::kTurned18LeavingCare && age && *age < kAdultAge)
    errors.add("reason", "The child is " + std::to_string(*age) + " on the closing day (" +
                             c.closing_on.to_string() + "), not yet 18.");
  bool plan_ok =
      errors.text("leaving_care_plan", c.leaving_care_plan, kLongTextMaxChars, Presence::kOptional);
  if (plan_ok && leaving_care_plan_needed(c.reason, age) && core::trim(c.leaving_care_plan).empty())
    errors.add("leaving_care_plan",
               "The young person is 18 or older when the case closes: record a leaving-care plan.");

  errors.id("requested_by", c.requested_by, Presence::kOptional);
  if (c.requested_on) errors.not_future("requested_on", *c.requested_on, today);
  if (errors.id("approved_by", c.approved_by, Presence::kOptional) && !c.approved_by.empty()) {
    if (!c.approved_on) errors.add("approved_on", "Record when the closure was approved.");
    if (c.approved_by == c.requested_by)
      errors.add("approved_by",
                 "A closure is approved by someone other than the person who asked for it.");
  }
  if (c.approved_on) {
    if (c.approved_by.empty()) errors.add("approved_by", "Record who approved the closure.");
    if (errors.not_future("approved_on", *c.approved_on, today) && c.requested_on)
      errors.not_before("approved_on", *c.approved_on, *c.requested_on, "closure was requested");
  }
  return errors.status("The closure needs correcting; see the marked fields.");
}

}  // namespace haven::domain
