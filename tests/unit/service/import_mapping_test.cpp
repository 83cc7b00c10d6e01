// The pure parts of `haven import`: reading a mapping file (every mistake named with its line) and
// turning one row into a child with the mapping's translations and the domain's rules.
#include "service/import/import_mapping.h"

#include <gtest/gtest.h>

#include <sstream>

namespace haven::service::import {
namespace {

const core::Date kToday = *core::Date::from_ymd(2026, 11, 27);

core::Result<ImportMapping> parse(const std::string& text) {
  std::istringstream in(text);
  return parse_mapping(in, "m.toml");
}

const char* kSwedish = R"(
[source]
format = "csv"
delimiter = ";"
[fields]
given_names = "Förnamn"
family_names = { column = "Efternamn" }
sex = { column = "Kön", values = { M = "male", F = "female" } }
birth_date = { column = "Född", format = "%d.%m.%Y" }
birth_date_estimated = { column = "Uppsk", values = { J = "true", N = "false" } }
birth_date_estimate_basis = { column = "Grund", default = "caseworker_estimate" }
nationalities = { column = "Medb", separator = "," }
languages = { column = "Språk", separator = ",", values = { svenska = "sv" } }
)";

// Cells in the order of mapping.columns, by column name.
std::vector<Cell> row(const ImportMapping& m, const std::map<std::string, std::string>& values) {
  std::vector<Cell> cells(m.columns.size());
  for (size_t i = 0; i < m.columns.size(); ++i) {
    auto it = values.find(m.columns[i]);
    if (it != values.end()) cells[i] = Cell{true, it->second, std::nullopt};
  }
  return cells;
}

TEST(ImportMapping, ReadsColumnsTranslationsFormatsAndSeparators) {
  auto m = parse(kSwedish);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->format, ImportFormat::kCsv);
  EXPECT_EQ(m->delimiter, ';');
  EXPECT_EQ(m->fields.size(), 8u);
  EXPECT_EQ(m->columns.size(), 8u);
}

TEST(ImportMapping, RefusesAnUnknownFieldAndListsTheKnownOnes) {
  auto m = parse("[fields]\nbirth_date = \"b\"\nshoe_size = \"Skostorlek\"\n");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(m.error().message.find("m.toml:3"), std::string::npos) << m.error().message;
  EXPECT_NE(m.error().message.find("unknown field 'shoe_size'"), std::string::npos);
  EXPECT_NE(m.error().message.find("given_names"), std::string::npos);
}

TEST(ImportMapping, RefusesMistakesThatNeedNoRowToSee) {
  EXPECT_FALSE(parse("[fields]\ngiven_names = \"g\"\n").ok()) << "no birth_date";
  EXPECT_FALSE(parse("[fields]\nbirth_date = \"b\"\n").ok()) << "no name";
  EXPECT_FALSE(parse("[fields]\ngiven_names = \"g\"\nbirth_date = { column = \"b\", format = "
                     "\"%d/%m\" }\n")
                   .ok())
      << "a date format without the year";
  EXPECT_FALSE(
      parse("[fields]\ngiven_names = \"g\"\nbirth_date = \"b\"\nsex = { column = \"s\", values = "
            "{ M = \"man\" } }\n")
          .ok())
      << "a translation to a code haven does not know";
  EXPECT_FALSE(parse("[fields]\ngiven_names = { colum = \"g\" }\nbirth_date = \"b\"\n").ok())
      << "a misspelt key";
  EXPECT_FALSE(parse("[source]\nformat = \"xlsx\"\n[fields]\ngiven_names = \"g\"\nbirth_date = "
                     "\"b\"\n")
                   .ok())
      << "an unknown format";
  EXPECT_FALSE(parse("[feilds]\n").ok()) << "an unknown section";
  EXPECT_FALSE(parse("[fields\n").ok()) << "not TOML";
}

TEST(ImportMapping, TranslatesARowIntoAValidChild) {
  auto m = parse(kSwedish);
  ASSERT_TRUE(m.ok());
  std::vector<RowProblem> problems;
  auto child = translate_row(*m,
                             row(*m, {{"Förnamn", " Amina "},
                                      {"Efternamn", "Abdi Warsame"},
                                      {"Kön", "F"},
                                      {"Född", "1.7.2016"},
                                      {"Uppsk", "J"},
                                      {"Medb", "SO, SE"},
                                      {"Språk", "somali_not_mapped_but_so"}}),
                             kToday, problems);
  // "somali_not_mapped_but_so" is not a language code: the row is refused, naming the column.
  ASSERT_FALSE(child);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].column, "Språk");
  EXPECT_EQ(problems[0].value, "somali_not_mapped_but_so");

  problems.clear();
  child = translate_row(*m,
                        row(*m, {{"Förnamn", " Amina "},
                                 {"Efternamn", "Abdi Warsame"},
                                 {"Kön", "F"},
                                 {"Född", "1.7.2016"},
                                 {"Uppsk", "J"},
                                 {"Medb", "SO, SE"},
                                 {"Språk", "so, svenska"}}),
                        kToday, problems);
  ASSERT_TRUE(child) << (problems.empty() ? "" : problems[0].reason);
  const domain::Child& c = child->child;
  EXPECT_EQ(c.given_names, "Amina");
  EXPECT_EQ(c.sex, domain::Sex::kFemale);
  EXPECT_EQ(c.birth_date->to_string(), "2016-07-01");
  EXPECT_TRUE(c.birth_date_estimated);
  // The basis default fills in for an estimated date only.
  EXPECT_EQ(c.birth_date_estimate_basis, domain::AgeEstimateBasis::kCaseworkerEstimate);
  EXPECT_EQ(c.nationalities, (std::vector<std::string>{"SO", "SE"}));
  EXPECT_EQ(c.languages, (std::vector<std::string>{"so", "sv"}));
}

TEST(ImportMapping, AKnownBirthDateGetsNoDefaultBasis) {
  auto m = parse(kSwedish);
  ASSERT_TRUE(m.ok());
  std::vector<RowProblem> problems;
  auto child =
      translate_row(*m, row(*m, {{"Förnamn", "Astrid"}, {"Född", "14.03.2015"}, {"Uppsk", "N"}}),
                    kToday, problems);
  ASSERT_TRUE(child) << (problems.empty() ? "" : problems[0].reason);
  EXPECT_FALSE(child->child.birth_date_estimate_basis);
}

TEST(ImportMapping, NamesEveryBadCellOfARow) {
  auto m = parse(kSwedish);
  ASSERT_TRUE(m.ok());
  std::vector<RowProblem> problems;
  auto child = translate_row(
      *m, row(*m, {{"Förnamn", "Ali"}, {"Kön", "X"}, {"Född", "31.02.2015"}, {"Uppsk", "kanske"}}),
      kToday, problems);
  ASSERT_FALSE(child);
  ASSERT_EQ(problems.size(), 3u);  // in the order of the mapping's field names
  EXPECT_EQ(problems[0].column, "Född");
  EXPECT_NE(problems[0].reason.find("%d.%m.%Y"), std::string::npos);
  EXPECT_EQ(problems[1].column, "Uppsk");
  EXPECT_EQ(problems[2].column, "Kön");
  EXPECT_EQ(problems[2].value, "X");
  EXPECT_NE(problems[2].reason.find("does not translate"), std::string::npos);
}

TEST(ImportMapping, AppliesTheDomainRulesToTheTranslatedChild) {
  auto m = parse(kSwedish);
  ASSERT_TRUE(m.ok());
  std::vector<RowProblem> problems;
  // An adult: the age rule of validate_child, reported against the birth-date column.
  auto child =
      translate_row(*m, row(*m, {{"Förnamn", "Erik"}, {"Född", "01.01.2000"}}), kToday, problems);
  ASSERT_FALSE(child);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].column, "Född");
  EXPECT_EQ(problems[0].value, "01.01.2000");
  EXPECT_NE(problems[0].reason.find("birth_date"), std::string::npos);

  // A missing birth date (empty cell) is the domain's "required" error.
  problems.clear();
  EXPECT_FALSE(translate_row(*m, row(*m, {{"Förnamn", "Erik"}}), kToday, problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].column, "Född");
}

TEST(ImportMapping, ReadsJsonListsAndEpochDates) {
  auto m = parse(R"(
[fields]
given_names = "g"
birth_date = "b"
registered_on = { column = "created_at", format = "epoch_ms" }
languages = "l"
)");
  ASSERT_TRUE(m.ok()) << m.error().message;
  std::vector<Cell> cells(m->columns.size());
  for (size_t i = 0; i < m->columns.size(); ++i) {
    const std::string& col = m->columns[i];
    cells[i].present = true;
    if (col == "g") cells[i].text = "Līga";
    if (col == "b") cells[i].text = "2004-05-06";
    if (col == "created_at") cells[i].text = "1609459200000";  // 2021-01-01: she was 16
    if (col == "l") cells[i].list = std::vector<std::string>{"lv", "ru"};
  }
  std::vector<RowProblem> problems;
  auto child = translate_row(*m, cells, kToday, problems);
  ASSERT_TRUE(child) << (problems.empty() ? "" : problems[0].reason);
  EXPECT_EQ(child->child.registered_on->to_string(), "2021-01-01");
  EXPECT_EQ(child->child.languages, (std::vector<std::string>{"lv", "ru"}));
}

TEST(ImportMapping, ParsesDateFormats) {
  EXPECT_EQ(parse_date("2015-03-14", "%Y-%m-%d")->to_string(), "2015-03-14");
  EXPECT_EQ(parse_date("4.3.2015", "%d.%m.%Y")->to_string(), "2015-03-04");
  EXPECT_EQ(parse_date("20150314", "%Y%m%d")->to_string(), "2015-03-14");
  EXPECT_FALSE(parse_date("2015-02-30", "%Y-%m-%d"));
  EXPECT_FALSE(parse_date("14/03/2015", "%d.%m.%Y"));
  EXPECT_FALSE(parse_date("2015-03-14x", "%Y-%m-%d"));
  EXPECT_FALSE(parse_date("", "%Y-%m-%d"));
}

}  // namespace
}  // namespace haven::service::import
