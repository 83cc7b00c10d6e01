// Codes for a placement's entry reasons and exit destinations. The static_asserts prove every
// enumerator has one code.
#include "domain/placement_types.h"

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr auto kEntryReasons = make_enum_table<EntryReason>({
    {EntryReason::kAbuse, "abuse"},
    {EntryReason::kNeglect, "neglect"},
    {EntryReason::kDomesticViolence, "domestic_violence"},
    {EntryReason::kParentalCapacity, "parental_capacity"},
    {EntryReason::kParentsAbsent, "parents_absent"},
    {EntryReason::kChildBehaviour, "child_behaviour"},
    {EntryReason::kChildDisability, "child_disability"},
    {EntryReason::kUnaccompanied, "unaccompanied"},
    {EntryReason::kOther, "other"},
});
static_assert(kEntryReasons.complete_through(EntryReason::kOther));

constexpr auto kExitDestinations = make_enum_table<ExitDestination>({
    {ExitDestination::kReturnedToFamily, "returned_to_family"},
    {ExitDestination::kAdopted, "adopted"},
    {ExitDestination::kPermanentCustody, "permanent_custody"},
    {ExitDestination::kIndependentLiving, "independent_living"},
    {ExitDestination::kTransferred, "transferred"},
    {ExitDestination::kOther, "other"},
});
static_assert(kExitDestinations.complete_through(ExitDestination::kOther));

}  // namespace

std::string_view to_code(EntryReason value) {
  return kEntryReasons.code(value);
}
std::string_view to_code(ExitDestination value) {
  return kExitDestinations.code(value);
}

std::optional<EntryReason> parse_entry_reason(std::string_view code) {
  return kEntryReasons.parse(code);
}
std::optional<ExitDestination> parse_exit_destination(std::string_view code) {
  return kExitDestinations.parse(code);
}

std::span<const EntryReason> all_entry_reasons() {
  return kEntryReasons.values();
}
std::span<const ExitDestination> all_exit_destinations() {
  return kExitDestinations.values();
}

}  // namespace haven::domain
