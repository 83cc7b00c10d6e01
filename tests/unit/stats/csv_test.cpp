// The RFC 4180 reader on well-formed and hostile input: quoting, line counting, limits and UTF-8.
#include "stats/csv.h"

#include <gtest/gtest.h>

namespace haven::stats {
namespace {

std::vector<CsvRecord> read_all(std::string_view text, CsvLimits limits = {}) {
  CsvReader reader(text, limits);
  std::vector<CsvRecord> out;
  CsvRecord r;
  for (;;) {
    auto got = reader.next(r);
    EXPECT_TRUE(got.ok()) << got.error().message;
    if (!got.ok() || !*got) break;
    out.push_back(r);
  }
  return out;
}

std::string first_error(std::string_view text, CsvLimits limits = {}) {
  CsvReader reader(text, limits);
  CsvRecord r;
  for (;;) {
    auto got = reader.next(r);
    if (!got.ok()) return got.error().message;
    if (!*got) return "";
  }
}

TEST(Csv, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  auto records = read_all("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"two\nlines", "x"}));
  EXPECT_EQ(records[1].line, 2u);
}

TEST(Csv, LinesAreCountedAcrossQuotedLineBreaks) {
  CsvReader reader("\"a\nb\nc\",1\nbad\"field\n", {});
  CsvRecord r;
  ASSERT_TRUE(*reader.next(r));
  auto got = reader.next(r);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "line 4, column 1: a quote inside an unquoted field.");
}

TEST(Csv, WriterQuotesOnlyWhatNeedsIt) {
  std::string out;
  std::vector<std::string> fields = {"plain", "with,comma", "with \"quote\"", "Ščerbakovs", ""};
  append_csv_record(out, fields);
  EXPECT_EQ(out, "plain,\"with,comma\",\"with \"\"quote\"\"\",Ščerbakovs,\r\n");
  auto back = read_all(out);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].fields, fields);
}

TEST(Csv, ByteOrderMarkAndMissingFinalLineEndAreAccepted) {
  auto records = read_all("\xEF\xBB\xBFx,y\n1,2");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0], "x");
  EXPECT_EQ(records[1].fields[1], "2");
}

TEST(Csv, CommentsAreSkippedOnlyWhenAllowed) {
  CsvLimits limits;
  limits.allow_comments = true;
  auto records = read_all("# a source note\nx,y\n# another\n1,2\n", limits);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 4u);
  EXPECT_EQ(read_all("# not a comment\n").front().fields[0], "# not a comment");
}

TEST(Csv, MalformedInputIsRefusedWithLineAndColumn) {
  EXPECT_EQ(first_error("a,b\nc,\"open\n"),
            "line 2, column 2: a quoted field is not closed before the end of the file.");
  EXPECT_EQ(first_error("a,\"b\"c\n"),
            "line 1, column 2: unexpected character after a closing quote.");
  EXPECT_EQ(first_error("a,b\rc\n"),
            "line 1, column 2: a carriage return not followed by a line feed.");
  EXPECT_EQ(first_error("a,\xC3\x28\n"), "line 1, column 2: text is not valid UTF-8.");
}

TEST(Csv, LimitsAreEnforcedWhileReading) {
  CsvLimits limits;
  limits.max_field_bytes = 8;
  limits.max_fields = 3;
  limits.max_records = 2;
  EXPECT_EQ(first_error("a,123456789\n", limits), "line 1, column 2: field longer than 8 bytes.");
  EXPECT_EQ(first_error("\"123456789\"\n", limits), "line 1, column 1: field longer than 8 bytes.");
  EXPECT_EQ(first_error("a,b,c,d\n", limits), "line 1, column 4: more than 3 fields.");
  EXPECT_EQ(first_error("a\nb\nc\n", limits), "line 3, column 1: more than 2 records.");
  std::string huge(10'000'000, 'x');
  EXPECT_NE(first_error(huge).find("field longer than 4096 bytes"), std::string::npos);
}

}  // namespace
}  // namespace haven::stats
