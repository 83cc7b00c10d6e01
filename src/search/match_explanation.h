// Why a pair of records was scored as it was, field by field, in words a caseworker can check
// against the two records: "family name agrees after transliteration (a rare name); given name is
// a known variant of the same name; birth date has day and month swapped; sex agrees".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace haven::search {

enum class MatchField : uint8_t { kFamilyName, kGivenName, kBirthDate, kSex };
inline constexpr size_t kMatchFieldCount = 4;
std::string_view match_field_name(MatchField f);  // "family name", "given name" …

struct FieldEvidence {
  MatchField field = MatchField::kFamilyName;
  bool missing = true;
  uint8_t level = 0;
  // Field-specific reason code: NameReason for names, DateAgreement for the birth date, 0/1
  // (agrees/differs) for sex.
  uint8_t reason = 0;
  double weight = 0;         // log2(m/u) of the level, plus the term-frequency adjustment
  double tf_adjustment = 0;  // > 0: a rare value agreeing; < 0: a common one
  bool fewer_words = false;  // names: one side has more words
};

struct MatchExplanation {
  std::vector<FieldEvidence> fields;
  bool names_swapped = false;  // given and family names were compared crosswise
  double swap_penalty = 0;

  // One sentence, fields separated by "; ".
  std::string text() const;
};

}  // namespace haven::search
