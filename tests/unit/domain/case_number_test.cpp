// Human case numbers: "SE-2026-000123".
#include "domain/case_number.h"

#include <gtest/gtest.h>

namespace haven::domain {
namespace {

TEST(CaseNumber, FormatsWithSixDigitsAndRoundTrips) {
  auto number = make_case_number("SE", 2026, 123);
  ASSERT_TRUE(number.ok());
  EXPECT_EQ(number->to_string(), "SE-2026-000123");
  auto parsed = parse_case_number("SE-2026-000123");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, *number);

  for (int64_t counter : {int64_t{1}, int64_t{999'999}, int64_t{1'000'000}, int64_t{999'999'999}}) {
    auto n = make_case_number("LV", 2031, counter);
    ASSERT_TRUE(n.ok());
    auto back = parse_case_number(n->to_string());
    ASSERT_TRUE(back.ok()) << n->to_string();
    EXPECT_EQ(back->counter, counter);
  }
  EXPECT_EQ(make_case_number("LV", 2031, 1'234'567)->to_string(), "LV-2031-1234567");
}

TEST(CaseNumber, ParsingAcceptsLowerCaseCountryAndGivesTheCanonicalForm) {
  auto parsed = parse_case_number("se-2026-000123");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->to_string(), "SE-2026-000123");
}

TEST(CaseNumber, RefusesEverythingElse) {
  for (const char* bad :
       {"", "SE-2026-123", "SE-2026-0001234", "SE2026000123", "SE-26-000123", "SE-2026-00012a",
        "XX-2026-000123", "SE-1999-000123", "SE-2026-000000", "SE-2026-1234567890",
        " SE-2026-000123", "SE-2026-000123 ", "SÉ-2026-000123"}) {
    auto parsed = parse_case_number(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidInput);
      EXPECT_EQ(parsed.error().fields[0].field, "case_number");
    }
  }
}

TEST(CaseNumber, MakeNamesTheBadPart) {
  auto bad = make_case_number("Sweden", 1990, 0);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "country");
  EXPECT_EQ(bad.error().fields[1].field, "year");
  EXPECT_EQ(bad.error().fields[2].field, "counter");
}

}  // namespace
}  // namespace haven::domain
