// The export writers: CSV quoting, the byte-order mark and formula defusing; XLSX as a real zip
// package whose sheet holds the rows (read back with unzip), including text with diacritics and a
// would-be formula stored as plain text.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "service/export/csv_writer.h"
#include "service/export/list_export.h"
#include "service/export/xlsx_writer.h"

namespace haven::service {
namespace {

TEST(CsvWriter, StartsWithTheUtf8ByteOrderMarkAndEndsRowsWithCrLf) {
  std::ostringstream out;
  CsvWriter w(out);
  w.row({"case_number", "status"});
  w.row({"SE-2026-000001", "open"});
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBF"
            "case_number,status\r\nSE-2026-000001,open\r\n");
  EXPECT_EQ(w.rows(), 2);
}

TEST(CsvWriter, QuotesCommasQuotesAndLineBreaksAsRfc4180Says) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("Öberg, Elsa"), "\"Öberg, Elsa\"");
  EXPECT_EQ(csv_field("the \"Björk\" school"), "\"the \"\"Björk\"\" school\"");
  EXPECT_EQ(csv_field("line one\nline two"), "\"line one\nline two\"");
  EXPECT_EQ(csv_field("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(CsvWriter, DefusesCellsASpreadsheetWouldRunAsFormulas) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  // Only the first character matters: text that merely contains the signs is left alone.
  EXPECT_EQ(csv_field("a=b"), "a=b");
  EXPECT_EQ(csv_field("2026-11-28"), "2026-11-28");
}

TEST(CsvWriter, KeepsDiacriticsAndOtherScriptsAsUtf8) {
  std::ostringstream out;
  CsvWriter w(out);
  w.row({"Bērziņa", "Kazlauskaitė", "Þórsdóttir", "Олена"});
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBF"
            "Bērziņa,Kazlauskaitė,Þórsdóttir,Олена\r\n");
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

TEST(XlsxWriter, WritesAZipPackageWhoseSheetHoldsEveryRow) {
  auto file = TempFile::create(".xlsx");
  ASSERT_TRUE(file.ok());
  const std::string path = (*file)->path();
  {
    auto w = XlsxWriter::open(path, "cases");
    ASSERT_TRUE(w.ok()) << w.error().message;
    ASSERT_TRUE((*w)->row({"case_number", "status", "note"}).ok());
    ASSERT_TRUE((*w)->row({"LV-2026-000007", "assessment", "Bērziņa"}).ok());
    ASSERT_TRUE((*w)->row({"LV-2026-000008", "closed", "=1+1"}).ok());
    ASSERT_TRUE((*w)->close().ok());
  }
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  EXPECT_EQ(std::string(magic, 4), std::string("PK\x03\x04", 4));
  const std::string sheet = run("unzip -p '" + path + "' xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("LV-2026-000007"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("LV-2026-000008"), std::string::npos);
  EXPECT_NE(sheet.find("Bērziņa"), std::string::npos);
  // Stored as text, never as a formula.
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_NE(sheet.find("=1+1"), std::string::npos);
  const std::string book = run("unzip -p '" + path + "' xl/workbook.xml");
  EXPECT_NE(book.find("name=\"cases\""), std::string::npos) << book;
}

TEST(TempFile, IsPrivateToTheUserAndRemovedWhenReleased) {
  std::string path;
  {
    auto file = TempFile::create(".csv");
    ASSERT_TRUE(file.ok());
    path = (*file)->path();
    ASSERT_TRUE(std::filesystem::exists(path));
    const auto perms = std::filesystem::status(path).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace haven::service
