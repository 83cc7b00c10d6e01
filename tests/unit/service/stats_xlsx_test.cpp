// The statistics download as XLSX, read back with unzip: figures are numeric cells with their
// decimals kept, codes, a withheld figure's empty cell and the flags beside them are text.
#include "service/stats/stats_xlsx.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <regex>
#include <string>

#include "service/export/list_export.h"

namespace haven::service {
namespace {

std::string run_shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

// The XML of the cell at `ref` (e.g. "E2"), or "" if the sheet has none there.
std::string cell(const std::string& sheet, const std::string& ref) {
  std::smatch m;
  if (!std::regex_search(sheet, m, std::regex("<c r=\"" + ref + "\"[^>]*(/>|>.*?</c>)"))) return "";
  return m.str(0);
}

TEST(StatisticsXlsx, WritesFiguresAsNumbersAndFlagsAsTextBesideThem) {
  auto file = TempFile::create(".xlsx");
  ASSERT_TRUE(file.ok());
  const std::string path = (*file)->path();
  const auto s = write_statistics_xlsx(path,
                                       {{"REF_AREA", "AGE", "OBS_VALUE", "ROUNDING", "Flag"},
                                        {"SE", "Y0T4", "12", "", "Published"},
                                        {"SE", "_T", "417.3", "5", "Published, rounded"},
                                        {"LV", "Y10T14", "", "", "Withheld: small count"}},
                                       {"OBS_VALUE", "ROUNDING"});
  ASSERT_TRUE(s.ok()) << s.error().message;
  const std::string sheet = run_shell("unzip -p '" + path + "' xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());

  // A numeric cell has no t= attribute and carries its value in <v>.
  const std::string twelve = cell(sheet, "C2");
  EXPECT_NE(twelve.find("<v>12</v>"), std::string::npos) << twelve;
  EXPECT_EQ(twelve.find(" t=\""), std::string::npos) << twelve;
  const std::string rate = cell(sheet, "C3");
  EXPECT_NE(rate.find("<v>417.3"), std::string::npos) << rate;
  EXPECT_EQ(rate.find(" t=\""), std::string::npos) << rate;
  const std::string base = cell(sheet, "D3");
  EXPECT_NE(base.find("<v>5</v>"), std::string::npos) << base;
  EXPECT_EQ(base.find(" t=\""), std::string::npos) << base;
  // One decimal is shown as one decimal: the rate's cell has a "0.0" number format.
  const std::string styles = run_shell("unzip -p '" + path + "' xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"0.0\""), std::string::npos) << styles;

  // Codes and flags are text; a withheld figure is an empty cell, not a zero.
  for (const char* ref : {"A2", "B2", "E2", "E4"}) {
    const std::string text = cell(sheet, ref);
    EXPECT_NE(text.find(" t=\""), std::string::npos) << ref << ": " << text;
  }
  EXPECT_EQ(cell(sheet, "C4"), "");
  EXPECT_NE(sheet.find("Withheld: small count"), std::string::npos);
  // The header stays text even over a numeric column.
  EXPECT_NE(cell(sheet, "C1").find(" t=\""), std::string::npos);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
}

TEST(StatisticsXlsx, LeavesCodesThatLookAlmostNumericAsText) {
  auto file = TempFile::create(".xlsx");
  ASSERT_TRUE(file.ok());
  const std::string path = (*file)->path();
  ASSERT_TRUE(
      write_statistics_xlsx(path, {{"OBS_VALUE"}, {"1e5"}, {"12."}, {"-"}, {"1,5"}}, {"OBS_VALUE"})
          .ok());
  const std::string sheet = run_shell("unzip -p '" + path + "' xl/worksheets/sheet1.xml");
  for (const char* ref : {"A2", "A3", "A4", "A5"})
    EXPECT_NE(cell(sheet, ref).find(" t=\""), std::string::npos) << ref << ": " << sheet;
}

}  // namespace
}  // namespace haven::service
