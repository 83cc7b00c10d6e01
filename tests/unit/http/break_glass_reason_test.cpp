// The Haven-Break-Glass-Reason header as the edge accepts it: trimmed UTF-8 text of at most 500
// characters; anything else is a 400 naming the header.
#include <gtest/gtest.h>

#include "http/authentication.h"

namespace haven::http {
namespace {

TEST(BreakGlassReason, TrimmedUtf8UpTo500Characters) {
  auto r = parse_break_glass_reason("  Barnet kom till akuten klockan två på natten \t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Barnet kom till akuten klockan två på natten");
  // 500 characters of two bytes each are still 500 characters.
  std::string long_ok;
  for (int i = 0; i < 500; ++i) long_ok += "å";
  EXPECT_TRUE(parse_break_glass_reason(long_ok).ok());
}

TEST(BreakGlassReason, RefusesEmptyLongBinaryAndControlCharacters) {
  for (const std::string& bad : {std::string(""), std::string("   "), std::string(501, 'x'),
                                 std::string("\xc3\x28 broken"), std::string("line\x01break")}) {
    auto r = parse_break_glass_reason(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_TRUE(r.error().fields.empty());  // 400, not 422: the request as a whole is unusable
    EXPECT_NE(r.error().message.find(kBreakGlassHeader), std::string::npos);
  }
}

}  // namespace
}  // namespace haven::http
