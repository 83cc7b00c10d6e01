// Each kind of damage does what it says, so the duplicate ground truth means what its labels say.
#include "synth/corruption.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "synth/identity_generator.h"
#include "test_data.h"

namespace haven::synth {
namespace {

using testing::names;

Identity person(std::string given, std::string family, std::string_view origin,
                std::string_view country) {
  Identity id;
  id.given_names = std::move(given);
  id.family_name = std::move(family);
  id.origin = origin;
  id.country = country;
  id.birth_date = core::Date::parse("2015-03-07");
  id.nationalities = {std::string(country)};
  id.languages = {"lv"};
  return id;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Damerau distance 1 in code points: one substitution, deletion, insertion or adjacent
// transposition.
bool one_edit_apart(std::u32string a, std::u32string b) {
  if (a == b) return false;
  if (a.size() == b.size()) {
    size_t i = 0;
    while (a[i] == b[i]) ++i;
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);
  }
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() != b.size() + 1) return false;
  size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  return a.substr(i + 1) == b.substr(i);
}

std::u32string u32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

}  // namespace

TEST(Corruption, TyposChangeOneLetterAndKeepUtf8Valid) {
  const Corruptor c(names());
  for (DamageKind kind : {DamageKind::kTypoSubstitution, DamageKind::kTypoDeletion,
                          DamageKind::kTypoInsertion, DamageKind::kTypoTransposition}) {
    for (uint64_t i = 0; i < 300; ++i) {
      Rng rng(1, i);
      Identity id = person("Anna Lena", "Bērziņa", "LV", "LV");
      const Identity before = id;
      ASSERT_TRUE(c.apply(kind, id, rng)) << damage_kind_name(kind);
      const bool given = id.given_names != before.given_names;
      const bool family = id.family_name != before.family_name;
      EXPECT_NE(given, family);  // exactly one field changed
      const std::string& a = given ? before.given_names : before.family_name;
      const std::string& b = given ? id.given_names : id.family_name;
      EXPECT_TRUE(one_edit_apart(u32(a), u32(b))) << a << " -> " << b;
      if (kind == DamageKind::kTypoDeletion) {
        EXPECT_EQ(code_points(b) + 1, code_points(a));
      }
      if (kind == DamageKind::kTypoInsertion) {
        EXPECT_EQ(code_points(b), code_points(a) + 1);
      }
      if (kind == DamageKind::kTypoSubstitution || kind == DamageKind::kTypoTransposition) {
        EXPECT_EQ(code_points(b), code_points(a));
      }
    }
  }
}

TEST(Corruption, SubstitutionsPreferNeighbouringKeys) {
  const Corruptor c(names());
  int near = 0, total = 0;
  for (uint64_t i = 0; i < 2000; ++i) {
    Rng rng(2, i);
    Identity id = person("Gggggg", "Gggggg", "SE", "SE");
    ASSERT_TRUE(c.apply(DamageKind::kTypoSubstitution, id, rng));
    const std::string& changed = id.given_names != "Gggggg" ? id.given_names : id.family_name;
    for (char ch : changed) {
      if (ch == 'g' || ch == 'G') continue;
      ++total;
      near += std::string_view("fhtybvFHTYBVr").find(ch) != std::string_view::npos;
    }
  }
  EXPECT_GT(near, total * 3 / 4);  // QWERTY neighbours of g: f h t y b v (and r)
}

TEST(Corruption, DropsDiacriticsByTheLanguagesRules) {
  EXPECT_EQ(fold_diacritics("Bērziņa", false), "Berzina");
  EXPECT_EQ(fold_diacritics("Þórunn Guðmundsdóttir", false), "Thorunn Gudmundsdottir");
  EXPECT_EQ(fold_diacritics("Müller Weiß", true), "Mueller Weiss");
  EXPECT_EQ(fold_diacritics("Müller", false), "Muller");
  EXPECT_EQ(fold_diacritics("Søren Ærø Åberg", true), "Soeren Aeroe Aaberg");
  EXPECT_EQ(fold_diacritics("Søren Åberg", false), "Soren Aberg");
  EXPECT_EQ(fold_diacritics("Łucja Wiśniewska Żak", false), "Lucja Wisniewska Zak");
  EXPECT_EQ(fold_diacritics("Kazlauskaitė Šimkūnas Ąžuolas", false),
            "Kazlauskaite Simkunas Azuolas");
  EXPECT_EQ(fold_diacritics("Lõhmus Kļaviņš Ģērmanis Ķēniņš", false),
            "Lohmus Klavins Germanis Kenins");
  EXPECT_EQ(fold_diacritics("Щербаков", false), "Щербаков");  // not Latin: left alone

  const Corruptor c(names());
  Rng rng(3);
  Identity id = person("Þórunn", "Bērziņa", "LV", "LV");
  ASSERT_TRUE(c.apply(DamageKind::kDiacriticsDropped, id, rng));
  EXPECT_EQ(id.given_names, "Thorunn");
  EXPECT_EQ(id.family_name, "Berzina");
  Identity plain = person("Anna", "Smith", "SE", "SE");
  EXPECT_FALSE(c.apply(DamageKind::kDiacriticsDropped, plain, rng));
}

TEST(Corruption, RespellsAMigrantNameWithAnotherTransliteration) {
  const Corruptor c(names());
  std::set<std::string> seen;
  for (uint64_t i = 0; i < 300; ++i) {
    Rng rng(4, i);
    Identity id = person("Aleksandr", "Shcherbakov", "russian", "SE");
    ASSERT_TRUE(c.apply(DamageKind::kTransliteration, id, rng));
    EXPECT_TRUE(id.given_names != "Aleksandr" || id.family_name != "Shcherbakov");
    seen.insert(id.family_name);
    for (unsigned char ch : id.family_name + id.given_names) {
      EXPECT_FALSE(ch >= 0xD0 && ch <= 0xD3) << "Cyrillic in the Latin field: " << id.family_name;
    }
  }
  for (const char* v :
       {"Schtscherbakow", "Szczerbakow", "Ščerbakovs", "Sjtjerbakov", "Štšerbakov"}) {
    EXPECT_TRUE(seen.count(v)) << v;
  }
  Rng rng(5);
  Identity arab = person("Mohammed", "Al-Hassan", "arabic", "SE");
  std::set<std::string> forms;
  for (int i = 0; i < 200; ++i) {
    Identity copy = arab;
    ASSERT_TRUE(c.apply(DamageKind::kTransliteration, copy, rng));
    forms.insert(copy.given_names + "/" + copy.family_name);
  }
  EXPECT_TRUE(forms.count("Muhammad/Al-Hassan") || forms.count("Mohamad/Al-Hassan"));
  EXPECT_TRUE(forms.count("Mohammed/Alhassan") || forms.count("Mohammed/El Hassan"));
  Identity native = person("Anna", "Andersson", "SE", "SE");
  EXPECT_FALSE(c.apply(DamageKind::kTransliteration, native, rng));
}

TEST(Corruption, FoldsOnlyTheLettersTheCountryLacks) {
  EXPECT_EQ(fold_foreign_letters("Åsa Bērziņa", "SE", false), "Åsa Berzina");
  EXPECT_EQ(fold_foreign_letters("Åsa Bērziņa", "LV", false), "Asa Bērziņa");
  EXPECT_EQ(fold_foreign_letters("Jürgen Ødegård", "DE", true), "Jürgen Oedegaard");
  EXPECT_EQ(fold_foreign_letters("Żaneta Łukasik", "PL", false), "Żaneta Łukasik");
}

TEST(Corruption, RegistersAChildAbroadAsThatCountryWritesNames) {
  const Corruptor c(names());
  std::set<std::string> in_sweden;
  size_t folded = 0;
  for (uint64_t i = 0; i < 200; ++i) {
    Rng rng(9, i);
    Identity id = person("Aleksandrs", "Ščerbakovs", "russian", "LV");
    id.sex = Sex::kMale;
    Identity out;
    const DamageSet changes = c.register_abroad(id, "SE", 0, rng, out);
    EXPECT_EQ(out.country, "SE");
    EXPECT_TRUE(changes.has(DamageKind::kTransliteration)) << out.family_name;
    in_sweden.insert(out.family_name);
    Identity latvian = person("Jānis", "Bērziņš", "LV", "LV");
    latvian.sex = Sex::kMale;
    if (c.register_abroad(latvian, "SE", 0, rng, out).has(DamageKind::kDiacriticsDropped)) {
      EXPECT_EQ(out.given_names + " " + out.family_name, "Janis Berzins");
      ++folded;
    } else {
      EXPECT_EQ(out.family_name, "Bērziņš");
    }
  }
  // Sweden writes Russian names mostly from the passport, otherwise by Swedish rules.
  EXPECT_TRUE(in_sweden.count("Shcherbakov"));
  EXPECT_TRUE(in_sweden.count("Sjtjerbakov"));
  EXPECT_FALSE(in_sweden.count("Ščerbakovs"));
  EXPECT_GT(folded, 120u);
  EXPECT_LT(folded, 195u);
}

TEST(Corruption, SwapsNamesAndDropsTheSecondGivenName) {
  const Corruptor c(names());
  Rng rng(6);
  Identity id = person("Anna Maria", "Nowak", "PL", "PL");
  ASSERT_TRUE(c.apply(DamageKind::kNamesSwapped, id, rng));
  EXPECT_EQ(id.given_names, "Nowak");
  EXPECT_EQ(id.family_name, "Anna Maria");
  Identity two = person("Anna Maria", "Nowak", "PL", "PL");
  ASSERT_TRUE(c.apply(DamageKind::kSecondGivenDropped, two, rng));
  EXPECT_EQ(two.given_names, "Anna");
  Identity one = person("Anna-Lena", "Nowak", "DE", "DE");
  EXPECT_FALSE(
      c.apply(DamageKind::kSecondGivenDropped, one, rng));  // a hyphenated name is one name
}

TEST(Corruption, ChangesTheGenderedFormOfASurname) {
  const Corruptor c(names());
  std::set<std::string> seen;
  for (uint64_t i = 0; i < 100; ++i) {
    Rng rng(7, i);
    Identity id = person("Ugnė", "Kazlauskaitė", "LT", "LT");
    ASSERT_TRUE(c.apply(DamageKind::kSurnameFormChanged, id, rng));
    seen.insert(id.family_name);
  }
  EXPECT_EQ(seen, (std::set<std::string>{"Kazlauskas", "Kazlauskienė"}));
  Rng rng(8);
  Identity lv = person("Anna", "Bērziņa", "LV", "LV");
  ASSERT_TRUE(c.apply(DamageKind::kSurnameFormChanged, lv, rng));
  EXPECT_EQ(lv.family_name, "Bērziņš");
  Identity is = person("Anna", "Jónsdóttir", "IS", "IS");
  ASSERT_TRUE(c.apply(DamageKind::kSurnameFormChanged, is, rng));
  EXPECT_EQ(is.family_name, "Jónsson");
  Identity ru = person("Olga", "Ščerbakova", "russian", "LV");
  ASSERT_TRUE(c.apply(DamageKind::kSurnameFormChanged, ru, rng));
  EXPECT_EQ(ru.family_name, "Ščerbakovs");  // same (Latvian) writing, masculine form
  Identity pl = person("Anna", "Nowak-Kowalska", "PL", "PL");
  ASSERT_TRUE(c.apply(DamageKind::kSurnameFormChanged, pl, rng));
  EXPECT_EQ(pl.family_name, "Nowak-Kowalski");
  Identity sv = person("Anna", "Andersson", "SE", "SE");
  EXPECT_FALSE(c.apply(DamageKind::kSurnameFormChanged, sv, rng));
}

TEST(Corruption, SwapsDayAndMonthOnlyWhenThatIsADifferentValidDate) {
  const Corruptor c(names());
  Rng rng(9);
  Identity id = person("A", "B", "SE", "SE");
  ASSERT_TRUE(c.apply(DamageKind::kDayMonthSwapped, id, rng));
  EXPECT_EQ(id.birth_date->to_string(), "2015-07-03");
  id.birth_date = core::Date::parse("2015-03-13");
  EXPECT_FALSE(c.apply(DamageKind::kDayMonthSwapped, id, rng));
  id.birth_date = core::Date::parse("2015-04-04");
  EXPECT_FALSE(c.apply(DamageKind::kDayMonthSwapped, id, rng));
}

TEST(Corruption, ShiftsOnlyAnEstimatedBirthYear) {
  const Corruptor c(names());
  Rng rng(10);
  Identity id = person("A", "B", "afghan", "SE");
  EXPECT_FALSE(c.apply(DamageKind::kBirthYearShifted, id, rng));
  id.birth_date = core::Date::parse("2010-01-01");
  id.birth_date_estimated = true;
  ASSERT_TRUE(c.apply(DamageKind::kBirthYearShifted, id, rng));
  EXPECT_TRUE(id.birth_date->year() == 2009 || id.birth_date->year() == 2011);
  EXPECT_EQ(id.birth_date->month(), 1);
  EXPECT_EQ(id.birth_date->day(), 1);
}

TEST(Corruption, LeavesAFieldOut) {
  const Corruptor c(names());
  for (uint64_t i = 0; i < 50; ++i) {
    Rng rng(11, i);
    Identity id = person("Olena", "Koval", "ukrainian", "PL");
    id.given_names_original = "Олена";
    id.family_name_original = "Коваль";
    ASSERT_TRUE(c.apply(DamageKind::kFieldMissing, id, rng));
    const int missing = !id.birth_date + id.given_names_original.empty() +
                        id.nationalities.empty() + id.languages.empty() + id.given_names.empty();
    EXPECT_EQ(missing, 1);
  }
}

TEST(Corruption, CopiesCarryOneToThreeKindsAndReportThem) {
  auto gen = IdentityGenerator::create(names(), "NO", {*core::Date::parse("2026-11-27"), 0.5});
  ASSERT_TRUE(gen.ok());
  const Corruptor c(names());
  std::array<int, 4> by_count{};
  std::array<int, kDamageKindCount> by_kind{};
  for (uint64_t i = 0; i < 5000; ++i) {
    Rng rng(12, i);
    const Identity id = gen->generate_child(rng);
    Identity copy;
    const DamageSet d = c.corrupt(id, rng, copy);
    ASSERT_GE(d.count(), 1u);
    ASSERT_LE(d.count(), 3u);
    ++by_count[d.count()];
    for (size_t k = 0; k < kDamageKindCount; ++k) by_kind[k] += d.has(static_cast<DamageKind>(k));
    EXPECT_FALSE(d.to_string().empty());
  }
  EXPECT_GT(by_count[1], by_count[2]);
  EXPECT_GT(by_count[2], by_count[3]);
  for (size_t k = 0; k < kDamageKindCount; ++k)
    EXPECT_GT(by_kind[k], 0) << kDamageKindCount << " " << k;
  EXPECT_GT(by_kind[static_cast<size_t>(DamageKind::kTypoSubstitution)],
            by_kind[static_cast<size_t>(DamageKind::kTypoTransposition)]);
  DamageSet s;
  s.add(DamageKind::kTypoDeletion);
  s.add(DamageKind::kDayMonthSwapped);
  EXPECT_EQ(s.to_string(), "typo_deletion+day_month_swapped");
}

}  // namespace haven::synth
