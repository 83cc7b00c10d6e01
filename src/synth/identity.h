// What the generator produces: a synthetic person as a register would hold them (names as
// officially written and in their original script, birth date and whether it is estimated,
// nationalities, languages), and a household of children with the adults who care for them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "synth/name_data.h"

namespace haven::synth {

struct Identity {
  Sex sex = Sex::kFemale;
  std::string given_names;  // as registered; names separated by one space ("Anna-Lena" is one name)
  std::string
      family_name;  // as registered ("Kazlauskaitė", "Skov Jensen", "Jónsdóttir", "Ščerbakovs")
  // The names in their original script or orthography (Щербаков, محمد, Maxamed) when that differs
  // from the registered form; empty otherwise.
  std::string given_names_original;
  std::string family_name_original;
  std::optional<core::Date> birth_date;  // always set by the generator; a damaged copy may lack it
  bool birth_date_estimated = false;     // only the year was known: set to 1 January or 1 July
  bool unaccompanied = false;            // a child who arrived without a parent or caregiver
  std::string_view country;              // the registering country ("LV"); static storage
  // The name set the names were drawn from: a country code ("PL" for a Polish child in Norway) or
  // an origin group ("ukrainian"). Points into the NameData, which must outlive the Identity.
  std::string_view origin;
  Convention spelling = Convention::kNative;  // how the registered form was written
  std::vector<std::string> nationalities;  // ISO 3166-1 alpha-2, main first; empty = undetermined
  std::vector<std::string> languages;      // ISO 639-1, main first
};

enum class CaregiverRole : uint8_t {
  kMother,
  kFather,
  kStepmother,
  kStepfather,
  kGrandmother,
  kGrandfather,
  kAunt,
  kUncle,
};
std::string_view caregiver_role_name(CaregiverRole role);  // "mother", "stepfather" …

struct Caregiver {
  CaregiverRole role = CaregiverRole::kMother;
  Identity person;
};

// Children who live together, with consistent names: a Lithuanian mother Kazlauskienė with her
// daughter Kazlauskaitė and son Kazlauskas; an Icelandic mother keeping her own patronymic;
// siblings of Somali origin sharing their father's given name as family name. No caregivers: an
// unaccompanied child.
struct Household {
  std::vector<Identity> children;
  std::vector<Caregiver> caregivers;
};

}  // namespace haven::synth
