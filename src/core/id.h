// Record identifiers: UUIDv7 (RFC 9562), time-ordered so new rows land at the end of B-tree
// indexes, stored as lowercase TEXT "0190b6c1-...". Random bits come from libsodium's CSPRNG.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"

namespace haven::core {

// A new UUIDv7 for the given instant.
std::string new_id(Timestamp at);
// A new UUIDv7 for now.
std::string new_id();
// True if `text` is a canonical lowercase UUID (any version); used to reject ids from outside
// early.
bool is_valid_id(std::string_view text);

}  // namespace haven::core
