// UUIDv7 generation: 48 bits of Unix milliseconds, version 7, 74 random bits, variant 10.
#include "core/id.h"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace haven::core {

namespace {
// libsodium must be initialised before its CSPRNG is used; this runs before main.
[[maybe_unused]] const int kSodiumReady = sodium_init();
}  // namespace

std::string new_id(Timestamp at) {
  std::array<uint8_t, 16> b{};
  randombytes_buf(b.data(), b.size());
  auto ms = static_cast<uint64_t>(at.ms);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  b[6] = static_cast<uint8_t>(0x70 | (b[6] & 0x0F));
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3F));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xF]);
  }
  return out;
}

std::string new_id() {
  return new_id(SystemClock::instance().now());
}

bool is_valid_id(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace haven::core
