// Which catalog keys the Barnahus pages build from a code or a field name (barnahus_labels.cpp).
#pragma once

#include <string_view>

namespace haven::http::web::barnahus {

// True for a key of a Barnahus code label or of a field message.
bool is_barnahus_key(std::string_view key);

}  // namespace haven::http::web::barnahus
