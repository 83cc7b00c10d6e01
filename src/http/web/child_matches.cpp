// Search hits as rows of the child_matches partial; the reasons come from fixed tables of catalog
// keys, one per reason code, so every reason a caseworker can see is translated.
#include "http/web/child_matches.h"

#include <array>
#include <cmath>
#include <string>

#include "http/web/catalog.h"
#include "http/web/code_labels.h"
#include "http/web/mywork.h"
#include "http/web/site.h"
#include "search/birth_date_agreement.h"
#include "search/name_agreement.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

using search::DateAgreement;
using search::MatchField;
using search::NameReason;

const char* field_key(MatchField f) {
  switch (f) {
    case MatchField::kFamilyName:
      return "find.field.family_name";
    case MatchField::kGivenName:
      return "find.field.given_name";
    case MatchField::kBirthDate:
      return "find.field.birth_date";
    case MatchField::kSex:
      return "find.field.sex";
  }
  return "find.field.family_name";
}

const char* name_key(NameReason r) {
  switch (r) {
    case NameReason::kExact:
      return "find.name.exact";
    case NameReason::kFolded:
      return "find.name.folded";
    case NameReason::kTransliterated:
      return "find.name.transliterated";
    case NameReason::kPatronymic:
      return "find.name.patronymic";
    case NameReason::kGenderedForm:
      return "find.name.gendered";
    case NameReason::kVariant:
      return "find.name.variant";
    case NameReason::kPhonetic:
      return "find.name.phonetic";
    case NameReason::kTypo:
      return "find.name.typo";
    case NameReason::kSimilar:
      return "find.name.similar";
    case NameReason::kPartial:
      return "find.name.partial";
    case NameReason::kDisagree:
      return "find.name.differs";
    case NameReason::kMissing:
      break;
  }
  return "find.missing";
}

const char* date_key(DateAgreement a) {
  switch (a) {
    case DateAgreement::kExact:
      return "find.date.exact";
    case DateAgreement::kDayMonthSwapped:
      return "find.date.swapped";
    case DateAgreement::kYearOffByOne:
      return "find.date.year_off";
    case DateAgreement::kWithinDays:
      return "find.date.within_days";
    case DateAgreement::kWithinYear:
      return "find.date.within_year";
    case DateAgreement::kDisagree:
      return "find.date.differs";
    case DateAgreement::kMissing:
      break;
  }
  return "find.missing";
}

const char* sex_key(const std::string& sex) {
  if (sex == "female") return "intake.sex.female";
  if (sex == "male") return "intake.sex.male";
  if (sex == "other") return "intake.sex.other";
  return "intake.sex.unknown";
}

// What one field's evidence says, with the notes a worker weighs it by.
std::string reason_text(const Site& site, const Visitor& v, const search::FieldEvidence& f) {
  if (f.missing) return site.t(v, "find.missing");
  std::string text;
  switch (f.field) {
    case MatchField::kFamilyName:
    case MatchField::kGivenName:
      text = site.t(v, name_key(static_cast<NameReason>(f.reason)));
      if (f.fewer_words && f.level <= 3) text += " (" + site.t(v, "find.note.more_names") + ")";
      if (f.tf_adjustment >= 1.0) text += " (" + site.t(v, "find.note.rare_name") + ")";
      if (f.tf_adjustment <= -1.0) text += " (" + site.t(v, "find.note.common_name") + ")";
      break;
    case MatchField::kBirthDate:
      text = site.t(v, date_key(static_cast<DateAgreement>(f.reason)));
      if (f.tf_adjustment <= -1.0) text += " (" + site.t(v, "find.note.common_date") + ")";
      break;
    case MatchField::kSex:
      text = site.t(v, f.reason == 0 ? "find.sex.agrees" : "find.sex.differs");
      break;
  }
  return text;
}

// Words for the model's probability: what a worker needs is "how sure", not a number alone.
const char* strength_key(double probability) {
  if (probability >= 0.9) return "find.strength.strong";
  if (probability >= 0.5) return "find.strength.possible";
  return "find.strength.weak";
}

}  // namespace

mstch::array match_reasons(const Site& site, const Visitor& v,
                           const search::MatchExplanation& explanation) {
  mstch::array reasons;
  for (const auto& f : explanation.fields) {
    // A field one side does not give (a search without a birth date) is no evidence either way.
    if (f.missing) continue;
    reasons.push_back(
        mstch::map{{"field", site.t(v, field_key(f.field))}, {"text", reason_text(site, v, f)}});
  }
  if (explanation.names_swapped)
    reasons.push_back(mstch::map{{"field", site.t(v, "find.field.names")},
                                 {"text", site.t(v, "find.names_swapped")}});
  return reasons;
}

mstch::array child_match_rows(Site& site, const Visitor& v,
                              const std::vector<service::ChildMatch>& matches,
                              MatchListOptions options) {
  const core::Date today = core::Date::of(site.app().clock.now());
  mstch::array rows;
  for (const auto& m : matches) {
    std::string born = site.t(v, "find.born_unknown");
    if (m.birth_date) {
      born = format_day(m.birth_date->to_string(), v.lang);
      std::string age =
          std::to_string(m.birth_date->years_until(today)) + " " + site.t(v, "case.header.years");
      if (m.birth_date_estimated) age = site.t(v, "case.header.about") + " " + age;
      born += " (" + age + ")";
    }
    mstch::array cases;
    for (const auto& c : m.cases) {
      cases.push_back(mstch::map{{"case_id", c.case_id},
                                 {"case_number", c.case_number},
                                 {"status", code_label(site, v, "status.", c.status)}});
    }
    mstch::array reasons;
    if (m.by_case_number) {
      reasons.push_back(mstch::map{{"field", site.t(v, "find.field.case_number")},
                                   {"text", site.t(v, "find.case_number_matches")}});
    } else {
      reasons = match_reasons(site, v, m.explanation);
    }
    const char* strength = m.by_case_number ? "find.strength.strong" : strength_key(m.probability);
    rows.push_back(mstch::map{
        {"child_id", m.child_id},
        {"name", m.given_names + " " + m.family_names},
        {"born", born},
        {"sex", site.t(v, sex_key(m.sex))},
        {"strength", site.t(v, strength)},
        {"strength_class", std::string(strength).substr(std::string("find.strength.").size())},
        {"weight", m.by_case_number ? std::string() : format_number(std::lround(m.weight), v.lang)},
        {"has_weight", !m.by_case_number},
        {"cases", cases},
        {"has_cases", !cases.empty()},
        {"reasons", reasons},
        {"use_button", options.use_buttons}});
  }
  return rows;
}

}  // namespace haven::http::web
