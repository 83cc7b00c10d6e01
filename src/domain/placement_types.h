// The coded vocabulary of a placement's beginning and end: why the child entered care and where
// the child went when it ended. Counted by the statistics (reasons for entering care, exits by
// destination), so the codes are stable once shipped; the free-text reasons stay beside them.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace haven::domain {

// Why the child entered care; a placement has one or more (table placement_entry_reasons).
enum class EntryReason {
  kAbuse,
  kNeglect,
  kDomesticViolence,
  kParentalCapacity,  // illness, addiction or disability of the parents
  kParentsAbsent,     // dead, imprisoned, abandoned the child
  kChildBehaviour,
  kChildDisability,
  kUnaccompanied,  // a child in migration without a caregiver in the country
  kOther,
};

// Where the child went when the placement ended (placements.exit_destination).
enum class ExitDestination {
  kReturnedToFamily,
  kAdopted,
  kPermanentCustody,  // custody transferred to the carers or a guardian for good
  kIndependentLiving,
  kTransferred,  // to another placement or another authority
  kOther,
};

std::string_view to_code(EntryReason value);
std::string_view to_code(ExitDestination value);

std::optional<EntryReason> parse_entry_reason(std::string_view code);
std::optional<ExitDestination> parse_exit_destination(std::string_view code);

std::span<const EntryReason> all_entry_reasons();
std::span<const ExitDestination> all_exit_destinations();

}  // namespace haven::domain
