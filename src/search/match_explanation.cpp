// Field evidence in words.
#include "search/match_explanation.h"

#include "search/birth_date_agreement.h"
#include "search/name_agreement.h"

namespace haven::search {

std::string_view match_field_name(MatchField f) {
  switch (f) {
    case MatchField::kFamilyName:
      return "family name";
    case MatchField::kGivenName:
      return "given name";
    case MatchField::kBirthDate:
      return "birth date";
    case MatchField::kSex:
      return "sex";
  }
  return "field";
}

namespace {

std::string_view date_text(DateAgreement a) {
  switch (a) {
    case DateAgreement::kExact:
      return "agrees";
    case DateAgreement::kDayMonthSwapped:
      return "has day and month swapped";
    case DateAgreement::kYearOffByOne:
      return "is a year off (estimated)";
    case DateAgreement::kWithinDays:
      return "is within a month";
    case DateAgreement::kWithinYear:
      return "is within a year";
    case DateAgreement::kDisagree:
      return "differs";
    case DateAgreement::kMissing:
      break;
  }
  return "is missing";
}

}  // namespace

std::string MatchExplanation::text() const {
  std::string out;
  auto sep = [&] {
    if (!out.empty()) out += "; ";
  };
  for (const FieldEvidence& f : fields) {
    sep();
    out += match_field_name(f.field);
    out += ' ';
    if (f.missing) {
      out += "missing on one side";
      continue;
    }
    switch (f.field) {
      case MatchField::kFamilyName:
      case MatchField::kGivenName:
        out += name_reason_text(static_cast<NameReason>(f.reason));
        if (f.fewer_words && f.level <= 3) out += " (one has more names)";
        if (f.tf_adjustment >= 1.0) out += " (a rare name)";
        if (f.tf_adjustment <= -1.0) out += " (a common name)";
        break;
      case MatchField::kBirthDate:
        out += date_text(static_cast<DateAgreement>(f.reason));
        if (f.tf_adjustment <= -1.0) out += " (a date many children share)";
        break;
      case MatchField::kSex:
        out += f.reason == 0 ? "agrees" : "differs";
        break;
    }
  }
  if (names_swapped) {
    sep();
    out += "given and family names swapped";
  }
  return out;
}

}  // namespace haven::search
