// Hex, base64 and base32 as the rest of the layer relies on them (RFC 4648 test vectors).
#include "security/encoding.h"

#include <gtest/gtest.h>

namespace haven::security {
namespace {

std::span<const uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
std::string text(const std::vector<uint8_t>& v) {
  return std::string(v.begin(), v.end());
}

TEST(Encoding, Base32MatchesRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "MY"},
                                                         {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},
                                                         {"foob", "MZXW6YQ"},
                                                         {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(to_base32(bytes(plain)), encoded);
    auto back = from_base32(encoded);
    ASSERT_TRUE(back.has_value()) << encoded;
    EXPECT_EQ(text(*back), plain);
  }
  auto padded = from_base32("mzxw6ytboi======");
  ASSERT_TRUE(padded.has_value());
  EXPECT_EQ(text(*padded), "foobar");
  EXPECT_FALSE(from_base32("MZXW6YT1").has_value()) << "1 is not base32";
  EXPECT_FALSE(from_base32("M").has_value()) << "dangling bits";
}

TEST(Encoding, Base64VariantsRoundTrip) {
  std::string data("\xfb\xff\x00\x10 any bytes", 14);
  EXPECT_EQ(to_base64url(bytes("\xfb\xff")), "-_8");
  EXPECT_EQ(to_base64(bytes("\xfb\xff")), "+/8=");
  for (const std::string& enc : {to_base64(bytes(data)), to_base64url(bytes(data))}) {
    auto back = from_base64(enc);
    ASSERT_TRUE(back.has_value()) << enc;
    EXPECT_EQ(text(*back), data);
  }
  EXPECT_FALSE(from_base64("not base64!").has_value());
}

TEST(Encoding, HexRoundTripsAndRejectsJunk) {
  EXPECT_EQ(to_hex(bytes("\x01\xab")), "01ab");
  auto back = from_hex("01AB");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(text(*back), "\x01\xab");
  EXPECT_FALSE(from_hex("0").has_value());
  EXPECT_FALSE(from_hex("zz").has_value());
}

TEST(Encoding, PercentEncodingKeepsOnlyUnreserved) {
  EXPECT_EQ(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(percent_encode("a b:c/d?e&f"), "a%20b%3Ac%2Fd%3Fe%26f");
  EXPECT_EQ(percent_encode("ņ"), "%C5%86");
}

}  // namespace
}  // namespace haven::security
