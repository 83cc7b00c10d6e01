// The name tables: every file loads, the grammar in them is right, and a malformed file is rejected
// with its file and line.
#include "synth/name_data.h"

#include <gtest/gtest.h>

#include <string>

#include "core/country.h"
#include "test_data.h"

namespace haven::synth {
namespace {

using testing::names;

bool ends_in(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

const Surname* find_surname(const NameSet& set, std::string_view male) {
  for (const Surname& s : set.surnames.items()) {
    if (s.form(Surname::kMale).original() == male) return &s;
  }
  return nullptr;
}

const GivenName* find_given(const NameSet& set, Sex sex, std::string_view name,
                            bool adult = false) {
  for (const GivenName& g : set.given_names(sex, adult).items()) {
    if (g.form.original() == name) return &g;
  }
  return nullptr;
}

}  // namespace

TEST(NameData, EveryCountryAndOriginLoadsWithEnoughNames) {
  for (std::string_view cc : core::kRegionCountries) {
    const NameSet* set = names().find(cc);
    ASSERT_NE(set, nullptr) << cc;
    EXPECT_TRUE(set->is_country);
    EXPECT_GE(set->given[0].size(), 70u) << cc;
    EXPECT_GE(set->given[1].size(), 70u) << cc;
    EXPECT_GE(set->adult_given[0].size(), 35u) << cc;
    EXPECT_GE(set->surnames.size(), cc == "IS" ? 40u : 100u) << cc;
  }
  for (std::string_view id : {"russian", "ukrainian", "arabic", "somali", "afghan", "tigrinya"}) {
    const NameSet* set = names().find(id);
    ASSERT_NE(set, nullptr) << id;
    EXPECT_FALSE(set->is_country);
    EXPECT_GE(set->given[0].size(), 40u) << id;
    EXPECT_GE(set->given[1].size(), 40u) << id;
    EXPECT_GE(set->surnames.size(), 50u) << id;
  }
}

TEST(NameData, KeepsDiacriticsExactly) {
  EXPECT_NE(find_surname(*names().find("LV"), "Bērziņš"), nullptr);
  EXPECT_NE(find_given(*names().find("IS"), Sex::kFemale, "Þórunn", true), nullptr);
  EXPECT_NE(find_surname(*names().find("PL"), "Wiśniewski"), nullptr);
  EXPECT_NE(find_surname(*names().find("DE"), "Weiß"), nullptr);
  EXPECT_NE(find_surname(*names().find("DK"), "Østergaard"), nullptr);
  EXPECT_NE(find_surname(*names().find("EE"), "Lõhmus"), nullptr);
}

TEST(NameData, LatvianSurnamesComeInMasculineAndFeminineForms) {
  const NameSet& lv = *names().find("LV");
  for (auto [male, female] : {std::pair{"Bērziņš", "Bērziņa"},
                              {"Kalniņš", "Kalniņa"},
                              {"Ozols", "Ozola"},
                              {"Jansons", "Jansone"},
                              {"Balodis", "Balode"},
                              {"Muižnieks", "Muižniece"}}) {
    const Surname* s = find_surname(lv, male);
    ASSERT_NE(s, nullptr) << male;
    EXPECT_EQ(s->form(Surname::kFemale).original(), female);
    EXPECT_TRUE(s->gendered);
  }
  for (const Surname& s : lv.surnames.items()) {
    const std::string& f = s.form(Surname::kFemale).original();
    EXPECT_TRUE(ends_in(f, "a") || ends_in(f, "e")) << f;
  }
}

TEST(NameData, LithuanianSurnamesHaveMaleUnmarriedAndMarriedForms) {
  const NameSet& lt = *names().find("LT");
  struct Case {
    const char *male, *unmarried, *married;
  };
  for (const Case& c :
       {Case{"Kazlauskas", "Kazlauskaitė", "Kazlauskienė"},
        Case{"Petrauskas", "Petrauskaitė", "Petrauskienė"},
        Case{"Jankauskas", "Jankauskaitė", "Jankauskienė"},
        Case{"Stankevičius", "Stankevičiūtė", "Stankevičienė"},
        Case{"Butkus", "Butkutė", "Butkienė"}, Case{"Adomaitis", "Adomaitytė", "Adomaitienė"},
        Case{"Kairys", "Kairytė", "Kairienė"}, Case{"Juška", "Juškaitė", "Juškienė"}}) {
    const Surname* s = find_surname(lt, c.male);
    ASSERT_NE(s, nullptr) << c.male;
    EXPECT_EQ(s->form(Surname::kFemale).original(), c.unmarried);
    EXPECT_EQ(s->form(Surname::kMarried).original(), c.married);
  }
}

TEST(NameData, PolishAdjectivalSurnamesAgreeInGenderAndOthersDoNot) {
  const NameSet& pl = *names().find("PL");
  EXPECT_EQ(find_surname(pl, "Kowalski")->form(Surname::kFemale).original(), "Kowalska");
  EXPECT_EQ(find_surname(pl, "Nowicki")->form(Surname::kFemale).original(), "Nowicka");
  EXPECT_EQ(find_surname(pl, "Zawadzki")->form(Surname::kFemale).original(), "Zawadzka");
  EXPECT_EQ(find_surname(pl, "Konieczny")->form(Surname::kFemale).original(), "Konieczna");
  EXPECT_EQ(find_surname(pl, "Nowak")->form(Surname::kFemale).original(), "Nowak");
  EXPECT_FALSE(find_surname(pl, "Wójcik")->gendered);
}

TEST(NameData, IcelandicGivenNamesCarryTheirPatronymicGenitive) {
  const NameSet& is = *names().find("IS");
  EXPECT_EQ(find_given(is, Sex::kMale, "Jón")->genitive, "Jóns");
  EXPECT_EQ(find_given(is, Sex::kMale, "Guðmundur")->genitive, "Guðmunds");
  EXPECT_EQ(find_given(is, Sex::kMale, "Sigurður")->genitive, "Sigurðs");
  EXPECT_EQ(find_given(is, Sex::kMale, "Helgi", true)->genitive, "Helga");
  EXPECT_EQ(find_given(is, Sex::kMale, "Hörður", true)->genitive, "Harðar");
  EXPECT_EQ(find_given(is, Sex::kFemale, "Anna")->genitive, "Önnu");
  for (size_t sex = 0; sex < 2; ++sex) {
    for (const GivenName& g : is.given[sex].items())
      EXPECT_FALSE(g.genitive.empty()) << g.form.original();
    for (const GivenName& g : is.adult_given[sex].items())
      EXPECT_FALSE(g.genitive.empty()) << g.form.original();
  }
}

TEST(NameData, CyrillicNamesAreSpeltTheWayEachCountrysOfficialsWriteThem) {
  const NameSet& ru = *names().find("russian");
  const Surname* s = find_surname(ru, "Щербаков");
  ASSERT_NE(s, nullptr);
  const NameForm& m = s->form(Surname::kMale);
  EXPECT_EQ(m.primary(Convention::kPassport), "Shcherbakov");
  EXPECT_EQ(m.primary(Convention::kEnglish), "Shcherbakov");
  EXPECT_EQ(m.primary(Convention::kGerman), "Schtscherbakow");
  EXPECT_EQ(m.primary(Convention::kPolish), "Szczerbakow");
  EXPECT_EQ(m.primary(Convention::kLatvian), "Ščerbakovs");
  EXPECT_EQ(m.primary(Convention::kLithuanian), "Ščerbakovas");
  EXPECT_EQ(m.primary(Convention::kSwedish), "Sjtjerbakov");
  EXPECT_EQ(m.primary(Convention::kNorwegian), "Sjtsjerbakov");
  EXPECT_EQ(m.primary(Convention::kFinnish), "Štšerbakov");
  EXPECT_EQ(m.primary(Convention::kEstonian), "Štšerbakov");
  const NameForm& f = s->form(Surname::kFemale);
  EXPECT_EQ(f.original(), "Щербакова");
  EXPECT_EQ(f.primary(Convention::kLatvian), "Ščerbakova");
  EXPECT_EQ(f.primary(Convention::kGerman), "Schtscherbakowa");

  const NameSet& uk = *names().find("ukrainian");
  const Surname* k = find_surname(uk, "Ковальчук");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->form(Surname::kMale).primary(Convention::kLatvian), "Kovaļčuks");
  EXPECT_EQ(k->form(Surname::kFemale).primary(Convention::kLatvian),
            "Kovaļčuka");  // Latvian adds -a
  EXPECT_EQ(k->form(Surname::kFemale).primary(Convention::kPassport),
            "Kovalchuk");  // invariant in Ukrainian
  const GivenName* o = find_given(uk, Sex::kMale, "Олександр");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->form.primary(Convention::kPassport), "Oleksandr");
  EXPECT_EQ(o->form.primary(Convention::kLatvian), "Oleksandrs");
  EXPECT_EQ(o->form.primary(Convention::kPolish), "Ołeksandr");
}

TEST(NameData, ScriptNamesListTheirLatinSpellings) {
  const NameSet& ar = *names().find("arabic");
  const GivenName* m = find_given(ar, Sex::kMale, "محمد");
  ASSERT_NE(m, nullptr);
  const auto latin = m->form.spellings(Convention::kLatin);
  for (std::string_view v : {"Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed"}) {
    EXPECT_NE(std::find(latin.begin(), latin.end(), v), latin.end()) << v;
  }
  const Surname* h = find_surname(ar, "الحسن");
  ASSERT_NE(h, nullptr);
  const auto al = h->form(Surname::kMale).spellings(Convention::kLatin);
  for (std::string_view v : {"Al-Hassan", "Alhassan", "El Hassan"}) {
    EXPECT_NE(std::find(al.begin(), al.end(), v), al.end()) << v;
  }
  const GivenName* t = find_given(*names().find("tigrinya"), Sex::kFemale, "ሰላም");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->form.primary(Convention::kLatin), "Selam");
  const GivenName* so = find_given(*names().find("somali"), Sex::kMale, "Maxamed");
  ASSERT_NE(so, nullptr);
  EXPECT_EQ(so->form.primary(Convention::kLatin), "Mohamed");
}

TEST(NameData, LooksUpEverySpellingOfAName) {
  const auto hits = names().lookup("Schtscherbakow");
  ASSERT_FALSE(hits.empty());
  const NameForm& form = names().form(hits.front());
  EXPECT_EQ(form.original(), "Щербаков");
  EXPECT_TRUE(names().lookup("no such name").empty());
}

TEST(NameData, RejectsMalformedFilesNamingFileAndLine) {
  const std::string head = "@id XX\n[given_male]\nname\tweight\n";
  auto err = [](std::string_view text) {
    auto r = NameData::parse(text, "t.tsv");
    return r.ok() ? std::string("accepted") : r.error().message;
  };
  EXPECT_EQ(err(head + "Anna\n"), "t.tsv:4: expected 2 tab-separated cells, found 1");
  EXPECT_EQ(err(head + "Anna\tlots\n"), "t.tsv:4: weight 'lots' is not a non-negative number");
  EXPECT_EQ(err(head + "Anna\t-1\n"), "t.tsv:4: weight '-1' is not a non-negative number");
  EXPECT_EQ(err("@id XX\n[given_boys]\n"),
            "t.tsv:2: unknown section [given_boys]; expected given_male, given_female, adult_male, "
            "adult_female or surname");
  EXPECT_EQ(err("@id XX\n[given_male]\nname\tweight\tcolour\n"),
            "t.tsv:3: unknown column 'colour'");
  EXPECT_EQ(err("@id XX\n[given_male]\nname\n"), "t.tsv:3: the header needs a 'weight' column");
  EXPECT_EQ(err("Anna\t1\n"), "t.tsv:1: a table row before any [section]");
  EXPECT_EQ(err("@id XX\n@colour blue\n"), "t.tsv:2: unknown directive '@colour'");
  EXPECT_EQ(err(head + "\xC3\x28\t1\n"), "t.tsv:4: not valid UTF-8");
  EXPECT_EQ(err("[given_male]\nname\tweight\nAnna\t1\n"), "t.tsv: missing '@id' line");
  EXPECT_EQ(err("@id IS\n[given_male]\nname\tweight\n"),
            "t.tsv:3: Icelandic given names need a 'genitive' column (for patronymics)");
}

TEST(NameData, AcceptsAMinimalFileWithWindowsLineEndsAndFractionalWeights) {
  const auto r = NameData::parse(
      "\xEF\xBB\xBF# a byte-order mark and CRLF, as a spreadsheet may save it\r\n@id XX\r\n"
      "[given_male]\nname\tweight\nJan\t1.5\n[given_female]\nname\tweight\nEva\t2\n"
      "[surname]\nmale\tfemale\tweight\nNowak\t\t3\nKowalski\tKowalska\t0.25\n",
      "t.tsv");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->given[1].weight(0), 1500u);
  EXPECT_EQ(r->surnames.weight(1), 250u);
  EXPECT_FALSE(r->surnames[0].gendered);
  EXPECT_EQ(r->surnames[0].form(Surname::kFemale).original(), "Nowak");
  EXPECT_TRUE(r->surnames[1].gendered);
}

TEST(NameData, ReportsAMissingCountryFile) {
  const auto r = NameData::load("/nonexistent-haven-data");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("missing name data for DK"), std::string::npos)
      << r.error().message;
}

}  // namespace haven::synth
