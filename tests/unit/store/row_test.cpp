// Row accessors and the conversions of C++ values to bound parameters.
#include <gtest/gtest.h>

#include <limits>
#include <optional>

#include "store/value.h"

namespace haven::store {
namespace {

Row sample() {
  return Row({std::monostate{}, int64_t{42}, 2.5, std::string("Åsa Ščerbakova"),
              Blob{{0x00, 0xff, 0x10}}});
}

TEST(Row, TypedAccessorsReturnTheStoredValues) {
  Row r = sample();
  EXPECT_EQ(r.size(), 5u);
  EXPECT_TRUE(r.is_null(0));
  EXPECT_FALSE(r.is_null(1));
  EXPECT_EQ(r.integer(1), 42);
  EXPECT_TRUE(r.boolean(1));
  EXPECT_DOUBLE_EQ(r.real(2), 2.5);
  EXPECT_DOUBLE_EQ(r.real(1), 42.0);  // integers widen to double
  EXPECT_EQ(r.text(3), "Åsa Ščerbakova");
  EXPECT_EQ(r.blob(4), (Blob{{0x00, 0xff, 0x10}}));
}

TEST(Row, OptionalAccessorsMapNullToNullopt) {
  Row r = sample();
  EXPECT_EQ(r.opt_integer(0), std::nullopt);
  EXPECT_EQ(r.opt_text(0), std::nullopt);
  EXPECT_EQ(r.opt_integer(1), 42);
  EXPECT_EQ(r.opt_text(3), "Åsa Ščerbakova");
}

TEST(Row, MismatchesAndOutOfRangeThrowColumnError) {
  Row r = sample();
  EXPECT_THROW(r.integer(3), ColumnError);  // text is not silently parsed
  EXPECT_THROW(r.text(1), ColumnError);     // nor an integer printed
  EXPECT_THROW(r.integer(0), ColumnError);  // NULL is not 0
  EXPECT_THROW(r.real(3), ColumnError);
  EXPECT_THROW(r.blob(3), ColumnError);
  EXPECT_THROW(r[5], ColumnError);
  EXPECT_THROW(r.is_null(99), ColumnError);
  try {
    r.text(1);
  } catch (const ColumnError& e) {
    EXPECT_STREQ(e.what(), "column 1 is not text");
  }
}

TEST(Params, ConvertsTheUsualCppTypes) {
  std::optional<std::string> none;
  std::optional<int> some = 7;
  Params p =
      params(1, int64_t{-5}, true, false, 1.5f, "lit", std::string("s"), std::string_view("v"),
             Blob{{1, 2}}, nullptr, none, some, std::numeric_limits<int64_t>::max());
  ASSERT_EQ(p.size(), 13u);
  EXPECT_EQ(std::get<int64_t>(p[0]), 1);
  EXPECT_EQ(std::get<int64_t>(p[1]), -5);
  EXPECT_EQ(std::get<int64_t>(p[2]), 1);
  EXPECT_EQ(std::get<int64_t>(p[3]), 0);
  EXPECT_DOUBLE_EQ(std::get<double>(p[4]), 1.5);
  EXPECT_EQ(std::get<std::string>(p[5]), "lit");
  EXPECT_EQ(std::get<std::string>(p[6]), "s");
  EXPECT_EQ(std::get<std::string>(p[7]), "v");
  EXPECT_EQ(std::get<Blob>(p[8]).bytes, (std::vector<uint8_t>{1, 2}));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(p[9]));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(p[10]));
  EXPECT_EQ(std::get<int64_t>(p[11]), 7);
  EXPECT_EQ(std::get<int64_t>(p[12]), std::numeric_limits<int64_t>::max());
}

}  // namespace
}  // namespace haven::store
