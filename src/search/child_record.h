// What the name index needs to know of a child: the names as registered and in any other writing,
// the birth date (and whether it is estimated) and sex. The service layer fills it from the
// domain's Child; search does not depend on domain/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace haven::search {

enum class ChildSex : uint8_t { kFemale = 0, kMale = 1 };

struct ChildRecord {
  std::string id;
  std::string given_names;   // as registered, several separated by spaces
  std::string family_names;  // as registered ("Skov Jensen", "Nowak-Kowalska", "Jónsdóttir")
  // The same names in their original script, when known (Щербаков / Иван); merged word by word.
  std::string given_names_original;
  std::string family_names_original;
  // Other writings of the full name (aliases, earlier names, the original script when not split
  // into given and family names): matched against both fields, never required.
  std::vector<std::string> other_names;
  std::optional<core::Date> birth_date;
  bool birth_date_estimated = false;
  std::optional<ChildSex> sex;
  std::string language;  // ISO 639-1 of the names' language, when known ("uk" vs "ru")
};

}  // namespace haven::search
